"""Ask for an access token (when OAuth is not possible, or the user prefers a token).

The token is typed into a password box and only ever returned to the auth engine, which
stores it in the token store; it is never shown, logged or put in an event.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from mcptui.core.redact import redact_url
from mcptui.ui.safe_text import safe_text


class TokenDialog(ModalScreen[str | None]):
    """Dismisses with the token, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="token-cancel")]

    def __init__(self, server: str, reason: str, server_url: str) -> None:
        super().__init__()
        self.server = server
        self.reason = reason
        self.server_url = server_url

    def compose(self) -> ComposeResult:
        with Vertical(id="token-dialog", classes="modal-box"):
            yield Label(safe_text(f"Access token for {self.server}"), classes="modal-title")
            yield Label(safe_text(self.reason, multiline=True))
            yield Label(
                safe_text(f"Sent as 'Authorization: Bearer …' to {redact_url(self.server_url)}"),
                classes="modal-hint",
            )
            yield Input(password=True, placeholder="paste the token", id="token-input")
            with Horizontal(classes="modal-buttons"):
                yield Button("Use token", id="token-use", variant="primary")
                yield Button("Cancel  Esc", id="token-cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._use()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "token-use":
            self._use()
        else:
            self.dismiss(None)

    def _use(self) -> None:
        value = self.query_one("#token-input", Input).value.strip()
        if value:
            self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
