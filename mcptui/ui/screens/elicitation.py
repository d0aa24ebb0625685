"""ElicitationScreen: a server asks the user for input (MCP ``elicitation/create``, form mode).

Shows which server asks and its message, and an :class:`ArgumentForm` over the requested schema.
Dismisses with ``(action, content)``: ``("accept", {...})`` once the form validates,
``("decline", None)`` or ``("cancel", None)`` (escape). Keys: Enter in a text box or
``F9`` accepts, escape cancels; the buttons do all three.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from mcptui.ui.safe_text import safe_text
from mcptui.ui.widgets.argument_form import ArgumentForm

ElicitationResult = tuple[str, dict[str, Any] | None]


class ElicitationScreen(ModalScreen[ElicitationResult]):
    """Fill in what the server asks for, or decline, or cancel."""

    DEFAULT_CSS = """
    ElicitationScreen { align: center middle; }
    ElicitationScreen > .request-dialog { width: 90%; max-width: 110; height: auto; max-height: 90%; }
    ElicitationScreen .kv-row, ElicitationScreen .dialog-buttons { height: auto; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog-cancel")]

    def __init__(self, server: str, message: str, schema: dict[str, Any] | None) -> None:
        super().__init__()
        self.server = server
        self.message = message
        self.schema = schema

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="request-dialog elicitation-dialog") as dialog:
            dialog.border_title = "Input requested"
            yield Static(safe_text(f"{self.server} asks for information"), classes="dialog-title")
            yield Static(safe_text(self.message or "(no message)", multiline=True), classes="dialog-message")
            yield ArgumentForm(self.schema, show_send_button=False, classes="elicitation-form")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Accept (enter)", variant="primary", classes="accept-button")
                yield Button("Decline", classes="decline-button")
                yield Button("Cancel (esc)", classes="cancel-button")
            yield Static("Only accept if you trust this server with what you type.", classes="dialog-note")

    def on_mount(self) -> None:
        form = self.query_one(ArgumentForm)
        if form._root is not None and not form._root.focus_editor():
            self.query_one(".accept-button", Button).focus()

    @on(ArgumentForm.Submitted)
    def _accepted(self, event: ArgumentForm.Submitted) -> None:
        event.stop()
        self.dismiss(("accept", event.arguments))

    @on(Button.Pressed, ".accept-button")
    def _accept_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.query_one(ArgumentForm).submit()

    @on(Button.Pressed, ".decline-button")
    def _decline_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(("decline", None))

    @on(Button.Pressed, ".cancel-button")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(("cancel", None))
