"""Confirm a tool call before it is sent: the tool, why it asks, the arguments; Send or Cancel.

Shown for destructive tools (see :mod:`mcptui.core.tool_safety`) unless the settings say
``"confirmDestructive": false``. Arguments whose name or schema looks secret are masked.
"""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from mcptui.core.redact import REDACTED
from mcptui.core.secret_args import secret_argument_names


class ConfirmCallModal(ModalScreen[bool]):
    """Send ``name`` with ``arguments``? Dismisses True (send) or False (cancel)."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "Cancel", id="confirm-call-cancel"),
        Binding("f9,y", "answer(True)", "Send", id="confirm-call-send"),
    ]

    def __init__(self, server: str, tool: dict[str, Any], arguments: dict[str, Any], reason: str) -> None:
        super().__init__()
        self.server = server
        self.tool = tool
        self.arguments = arguments
        self.reason = reason

    def compose(self) -> ComposeResult:
        name = str(self.tool.get("name", "?"))
        secret = secret_argument_names(self.tool.get("inputSchema") or {}, self.arguments)
        shown = {k: (REDACTED if k in secret else v) for k, v in self.arguments.items()}
        with Vertical(id="confirm-call", classes="modal-box"):
            yield Label(Text(f"Call {name} on {self.server}?"), classes="modal-title")
            yield Label(Text(f"Asking because {self.reason}."), id="confirm-call-reason")
            with VerticalScroll(id="confirm-call-args"):
                yield Static(Text(json.dumps(shown, indent=2, ensure_ascii=False, default=str)))
            with Horizontal(classes="modal-buttons"):
                yield Button("Send  y / F9", id="confirm-call-send", variant="error")
                yield Button("Cancel  n / Esc", id="confirm-call-cancel")

    def on_mount(self) -> None:
        self.query_one("#confirm-call-cancel", Button).focus()  # Enter on the default does nothing harmful

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-call-send")

    def action_answer(self, send: bool) -> None:
        self.dismiss(send)
