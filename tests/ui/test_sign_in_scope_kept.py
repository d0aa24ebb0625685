"""The sign-in dialog after "open the browser" keeps the scope the user edited, and says in the
dialog when there is no browser to open (an SSH session)."""

from __future__ import annotations

import webbrowser

from textual.widgets import Input

from mcptui.core.auth.interaction import AuthorizationPrompt
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.auth_dialog import AuthDialog
from mcptui.ui.settings import UiSettings

from .conftest import wait_for

PROMPT = AuthorizationPrompt(
    server="secure",
    url="https://auth.example.com/authorize?response_type=code&client_id=abc&scope=read&state=xyz",
    redirect_uri="http://127.0.0.1:33418/callback",
    issuer="https://auth.example.com",
    scope="read",
    browser_opened=False,
)


async def edit_scope_and_open(pilot, app) -> None:
    dialog = await wait_for(pilot, lambda: isinstance(app.screen, AuthDialog) and app.screen, what="dialog")
    dialog.query_one(".scope-input", Input).value = "read write"
    await pilot.pause()
    await pilot.click(".browser-button")


async def test_no_browser_says_so_and_the_edited_scope_stays(monkeypatch) -> None:
    def no_browser(*_args, **_kwargs):
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    app = McpTuiApp([], settings=UiSettings(), auto_connect=False, show_times=False)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_kw: opened.append(url))
    async with app.run_test(size=(110, 40)) as pilot:
        worker = app.run_worker(app.auth_interaction.read_pasted_response(PROMPT), exit_on_error=False)
        await edit_scope_and_open(pilot, app)
        again = await wait_for(pilot, lambda: isinstance(app.screen, AuthDialog) and app.screen, what="again")
        why = again.query_one(".dialog-error")
        await wait_for(pilot, lambda: why.display and "no browser" in str(why.render()), what="why")
        assert again.query_one(".scope-input", Input).value == "read write"
        assert opened == []
        worker.cancel()


async def test_the_browser_opens_with_the_edited_scope(monkeypatch) -> None:
    monkeypatch.setattr(webbrowser, "get", lambda *_a, **_k: object())
    app = McpTuiApp([], settings=UiSettings(), auto_connect=False, show_times=False)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_kw: opened.append(url))
    async with app.run_test(size=(110, 40)) as pilot:
        worker = app.run_worker(app.auth_interaction.read_pasted_response(PROMPT), exit_on_error=False)
        await edit_scope_and_open(pilot, app)
        await wait_for(pilot, lambda: opened, what="the browser")
        assert "scope=read+write" in opened[0]
        again = await wait_for(pilot, lambda: isinstance(app.screen, AuthDialog) and app.screen, what="again")
        assert again.query_one(".scope-input", Input).value == "read write"
        worker.cancel()
