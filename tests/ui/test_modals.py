"""Pilot tests of the modal screens: elicitation, sampling and the sign-in dialog (every way out)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel, Field
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, Select, Static, TextArea

from mcptui.ui.screens.auth_dialog import AuthDialog, AuthDialogResult, with_scope
from mcptui.ui.screens.elicitation import ElicitationScreen
from mcptui.ui.screens.sampling import SamplingScreen, reply_result
from mcptui.ui.widgets.argument_form import ArgumentForm

WIDGETS_TCSS = Path(__file__).resolve().parents[2] / "mcptui" / "ui" / "styles" / "widgets.tcss"


class Preferences(BaseModel):
    """What an MCPServer tool elicits (primitive fields, as the spec allows)."""

    name: str = Field(description="Your name")
    age: int = Field(default=36, ge=0, le=150)
    subscribe: bool = Field(default=True)
    color: Literal["red", "green", "blue"] = "blue"


class ModalHost(App[None]):
    CSS_PATH = str(WIDGETS_TCSS)

    def __init__(self, modal: Screen[Any]) -> None:
        super().__init__()
        self.modal = modal
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.results.append)


def text_of(screen: Screen[Any], selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


# ------------------------------------------------------------------ elicitation


async def test_elicitation_accept_returns_the_form_content() -> None:
    modal = ElicitationScreen("demo", "Tell us about you", Preferences.model_json_schema())
    app = ModalHost(modal)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        assert "demo asks" in text_of(modal, ".dialog-title")
        assert "Tell us about you" in text_of(modal, ".dialog-message")
        assert isinstance(app.focused, Input)  # the first field
        await pilot.press(*"Ada")
        form = modal.query_one(ArgumentForm)
        color = [box for path, box in form._root.boxes(()) if path == ("color",)][0]
        color.query_one(Select).focus()
        await pilot.press("enter", "up", "enter")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert app.results == [("accept", {"name": "Ada", "age": 36, "subscribe": True, "color": "green"})]


async def test_elicitation_accept_is_refused_while_required_fields_are_missing() -> None:
    modal = ElicitationScreen("demo", "Name please", Preferences.model_json_schema())
    app = ModalHost(modal)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        await pilot.click(".accept-button")
        await pilot.pause()
        assert app.results == []
        assert app.screen is modal
        assert "name: required" in modal.query_one(ArgumentForm).validate()


async def test_elicitation_decline_and_cancel() -> None:
    modal = ElicitationScreen("demo", "Name please", Preferences.model_json_schema())
    app = ModalHost(modal)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        await pilot.click(".decline-button")
        await pilot.pause()
        assert app.results == [("decline", None)]
    modal = ElicitationScreen("demo", "Name please", Preferences.model_json_schema())
    app = ModalHost(modal)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [("cancel", None)]


# ------------------------------------------------------------------ sampling

SAMPLING_PARAMS = {
    "messages": [
        {"role": "user", "content": {"type": "text", "text": "What is the capital of France?"}},
        {"role": "assistant", "content": [{"type": "text", "text": "Let me think."}]},
    ],
    "systemPrompt": "You are terse.",
    "modelPreferences": {"hints": [{"name": "claude-3-sonnet"}], "intelligencePriority": 0.8},
    "maxTokens": 64,
    "temperature": 0.2,
}


async def test_sampling_shows_the_request_and_approves_a_typed_reply() -> None:
    modal = SamplingScreen("demo", SAMPLING_PARAMS)
    app = ModalHost(modal)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        shown = "\n".join(str(w.render()) for w in modal.query(Static))
        for expected in (
            "You are terse.",
            "claude-3-sonnet",
            "intelligence 0.8",
            "64",
            "capital of France",
            "0.2",
        ):
            assert expected in shown
        assert app.focused is modal.query_one(".reply", TextArea)
        await pilot.press(*"Paris")
        await pilot.press("f9")
        await pilot.pause()
        assert app.results == [reply_result("Paris")]
        assert app.results[0] == {
            "role": "assistant",
            "content": {"type": "text", "text": "Paris"},
            "model": "mcptui-user",
            "stopReason": "endTurn",
        }


async def test_sampling_empty_reply_is_refused_and_escape_rejects() -> None:
    modal = SamplingScreen("demo", SAMPLING_PARAMS)
    app = ModalHost(modal)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert app.results == []
        assert "Type a reply" in text_of(modal, ".dialog-error")
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_sampling_reject_button() -> None:
    modal = SamplingScreen("demo", {"messages": [], "maxTokens": 10})
    app = ModalHost(modal)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        await pilot.click(".reject-button")
        await pilot.pause()
        assert app.results == [None]


# ------------------------------------------------------------------ sign-in dialog

AUTHORIZE_URL = (
    "https://auth.example.com/authorize?response_type=code&client_id=abc"
    "&redirect_uri=http%3A%2F%2F127.0.0.1%3A33418%2Fcallback&scope=read&state=xyz&code_challenge=c"
)


def auth_dialog(**overrides: Any) -> AuthDialog:
    options: dict[str, Any] = {
        "authorization_server": "https://auth.example.com",
        "scope": "read",
        "resource": "https://mcp.example.com/mcp",
        "redirect_uri": "http://127.0.0.1:33418/callback",
        "authorize_url": AUTHORIZE_URL,
        "over_ssh": False,
        "ssh_forward_command": None,
    }
    options.update(overrides)
    return AuthDialog("secure", **options)


async def test_auth_dialog_shows_the_flow_and_opens_the_browser_with_an_edited_scope() -> None:
    modal = auth_dialog()
    app = ModalHost(modal)
    async with app.run_test(size=(110, 50)) as pilot:
        await pilot.pause()
        shown = "\n".join(str(w.render()) for w in modal.query(Static))
        assert "https://auth.example.com" in shown
        assert "https://mcp.example.com/mcp" in shown
        assert "http://127.0.0.1:33418/callback" in shown
        assert not modal.query(".ssh-note")
        scope = modal.query_one(".scope-input", Input)
        scope.focus()
        await pilot.press("end", *" write")
        await pilot.pause()
        assert parse_qs(urlsplit(text_of(modal, ".auth-url")).query)["scope"] == ["read write"]
        modal.query_one(".browser-button").focus()
        await pilot.press("o")
        await pilot.pause()
        assert app.results == [AuthDialogResult("browser", scope="read write")]


async def test_auth_dialog_copies_the_url_and_takes_a_pasted_redirect() -> None:
    modal = auth_dialog()
    app = ModalHost(modal)
    async with app.run_test(size=(110, 50)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == AUTHORIZE_URL
        modal.query_one(".paste-input", Input).focus()
        await pilot.press("enter")  # nothing pasted yet: refused with a hint
        await pilot.pause()
        assert app.results == []
        assert "Paste the address" in text_of(modal, ".dialog-error")
        await pilot.press(*"code123")
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [AuthDialogResult("paste", scope="read", pasted="code123")]


async def test_auth_dialog_token_instead_is_never_shown_or_in_repr() -> None:
    modal = auth_dialog()
    app = ModalHost(modal)
    async with app.run_test(size=(110, 50)) as pilot:
        await pilot.pause()
        box = modal.query_one(".token-input", Input)
        assert box.password
        box.focus()
        await pilot.press(*"s3cr3t-token")
        await pilot.press("enter")
        await pilot.pause()
        result = app.results[0]
        assert result.action == "token" and result.token == "s3cr3t-token"
        assert "s3cr3t" not in repr(result)


async def test_auth_dialog_over_ssh_shows_the_forward_command_and_cancel() -> None:
    command = "ssh -L 33418:127.0.0.1:33418 me@server"
    modal = auth_dialog(over_ssh=True, ssh_forward_command=command)
    app = ModalHost(modal)
    async with app.run_test(size=(110, 50)) as pilot:
        await pilot.pause()
        assert "over SSH" in text_of(modal, ".ssh-note")
        assert command in text_of(modal, ".ssh-command")
        await pilot.click(".copy-ssh-button")
        await pilot.pause()
        assert app.clipboard == command
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [AuthDialogResult("cancel", scope="read")]


def test_with_scope_replaces_or_removes_the_scope_parameter() -> None:
    url = with_scope(AUTHORIZE_URL, "a b")
    query = parse_qs(urlsplit(url).query)
    assert query["scope"] == ["a b"] and query["state"] == ["xyz"]
    assert "scope" not in parse_qs(urlsplit(with_scope(AUTHORIZE_URL, None)).query)
