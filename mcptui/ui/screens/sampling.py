"""SamplingScreen: a server asks "the model" for a reply (MCP ``sampling/createMessage``); the user is the model.

Shows the request (system prompt, messages with their roles, model preferences, maxTokens,
temperature, stop sequences, tools offered) and a text box for the reply. Approving dismisses
with a ``CreateMessageResult``-shaped wire dict (role assistant, text content, model
``mcptui-user``, stopReason ``endTurn``); rejecting dismisses with ``None``. Keys: ``F9``
(or ``alt+enter``) approves, escape rejects.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from mcptui.ui.safe_text import safe_text
from mcptui.ui.widgets.result_format import decode_base64, human_size, pretty_json

USER_MODEL = "mcptui-user"


def reply_result(text: str) -> dict[str, Any]:
    """The wire ``CreateMessageResult`` for a reply typed by the user."""
    return {
        "role": "assistant",
        "content": {"type": "text", "text": text},
        "model": USER_MODEL,
        "stopReason": "endTurn",
    }


def describe_content(content: Any) -> str:
    """One sampling message's content as text (lists of blocks joined; binary as type and size)."""
    if isinstance(content, list):
        return "\n".join(describe_content(block) for block in content)
    if not isinstance(content, dict):
        return str(content)
    kind = content.get("type")
    if kind == "text":
        return str(content.get("text", ""))
    if kind in ("image", "audio"):
        data = decode_base64(str(content.get("data") or ""))
        size = human_size(len(data)) if data is not None else "invalid data"
        return f"[{kind} · {content.get('mimeType', '?')} · {size}]"
    return pretty_json(content)


def describe_preferences(preferences: Any) -> str:
    """``claude-3-sonnet, gpt-4o · intelligence 0.8, speed 0.5``."""
    if not isinstance(preferences, dict):
        return "none"
    parts: list[str] = []
    hints = [
        str(h.get("name")) for h in preferences.get("hints") or [] if isinstance(h, dict) and h.get("name")
    ]
    if hints:
        parts.append("hints: " + ", ".join(hints))
    for key, word in (
        ("intelligencePriority", "intelligence"),
        ("speedPriority", "speed"),
        ("costPriority", "cost"),
    ):
        if preferences.get(key) is not None:
            parts.append(f"{word} {preferences[key]}")
    return " · ".join(parts) or "none"


class SamplingScreen(ModalScreen[dict[str, Any] | None]):
    """Read what the server wants the model to answer, and type the answer yourself (or reject)."""

    DEFAULT_CSS = """
    SamplingScreen { align: center middle; }
    SamplingScreen > .request-dialog { width: 90%; max-width: 110; height: auto; max-height: 90%; }
    SamplingScreen .kv-row, SamplingScreen .dialog-buttons { height: auto; }
    """

    BINDINGS = [
        Binding("escape", "reject", "Reject", id="dialog-cancel"),
        Binding("f9,alt+enter", "approve", "Approve", id="sampling-approve", priority=True),
    ]

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__()
        self.server = server
        self.params = params

    def compose(self) -> ComposeResult:
        params = self.params
        with VerticalScroll(classes="request-dialog sampling-dialog") as dialog:
            dialog.border_title = "Sampling request"
            yield Static(
                safe_text(f"{self.server} asks the model for a reply — you answer"), classes="dialog-title"
            )
            rows = [
                ("system prompt", str(params.get("systemPrompt") or "none")),
                ("model preferences", describe_preferences(params.get("modelPreferences"))),
                ("max tokens", str(params.get("maxTokens", "?"))),
            ]
            for key, word in (("temperature", "temperature"), ("includeContext", "include context")):
                if params.get(key) is not None:
                    rows.append((word, str(params[key])))
            if params.get("stopSequences"):
                rows.append(("stop sequences", ", ".join(repr(s) for s in params["stopSequences"])))
            if params.get("tools"):
                names = [str(t.get("name")) for t in params["tools"] if isinstance(t, dict)]
                rows.append(("tools offered", ", ".join(names)))
            for name, value in rows:
                with Horizontal(classes="kv-row"):
                    yield Static(name, classes="field-name")
                    yield Static(safe_text(value, multiline=True), classes="kv-value")
            messages = params.get("messages") or []
            yield Static(f"Messages ({len(messages)})", classes="dialog-title")
            for message in messages:
                role = str(message.get("role", "?")) if isinstance(message, dict) else "?"
                content = message.get("content") if isinstance(message, dict) else message
                yield Vertical(
                    Static(safe_text(role, style="bold"), classes=f"role role-{role}"),
                    Static(safe_text(describe_content(content), multiline=True)),
                    classes="sampling-message",
                )
            yield Static("Your reply (sent back as the assistant's message):", classes="dialog-note")
            yield TextArea("", soft_wrap=True, classes="reply")
            error = Static("", classes="dialog-error")
            error.display = False
            yield error
            with Horizontal(classes="dialog-buttons"):
                yield Button("Approve (F9)", variant="primary", classes="approve-button")
                yield Button("Reject (esc)", variant="error", classes="reject-button")

    def on_mount(self) -> None:
        self.query_one(".reply", TextArea).focus()

    @property
    def reply_text(self) -> str:
        return self.query_one(".reply", TextArea).text

    def action_approve(self) -> None:
        text = self.reply_text
        if not text.strip():
            error = self.query_one(".dialog-error", Static)
            error.update("Type a reply first, or reject the request (esc).")
            error.display = True
            return
        self.dismiss(reply_result(text))

    def action_reject(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, ".approve-button")
    def _approve_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_approve()

    @on(Button.Pressed, ".reject-button")
    def _reject_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_reject()
