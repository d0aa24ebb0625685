"""Small modal screens: one console event in full, and a yes/no confirmation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea

from mcptui.ui.safe_text import safe_text


class TextModal(ModalScreen[None]):
    """A read-only text (e.g. one event as JSON); **y** copies it, Esc closes."""

    BINDINGS = [
        Binding("escape,q", "dismiss_modal", "Close", id="modal-close"),
        Binding("y", "copy", "Copy", id="modal-copy", tooltip="Copy the text (OSC 52)"),
    ]

    def __init__(self, title: str, text: str, *, language: str | None = "json") -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical(id="text-modal", classes="modal-box"):
            yield Label(safe_text(self.title_text), classes="modal-title")
            yield TextArea(self.text, read_only=True, language=self.language, id="text-modal-body")
            yield Label("Esc close · y copy", classes="modal-hint")

    def action_dismiss_modal(self) -> None:
        self.dismiss(None)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify("copied to the clipboard")


class ConfirmModal(ModalScreen[bool]):
    """Ask a yes/no question; **y** / Enter confirm, **n** / Esc cancel."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-modal", classes="modal-box"):
            yield Label(safe_text(self.question), classes="modal-title")
            with Horizontal(classes="modal-buttons"):
                yield Button("Yes (y)", id="confirm-yes", variant="error")
                yield Button("No (n)", id="confirm-no")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


class RootsEditor(ModalScreen["list[dict] | None"]):
    """Edit the roots offered to a server as JSON: ``[{"uri": "file:///…", "name": "…"}]``."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="roots-cancel"),
        Binding("f9", "save", "Save", id="roots-save"),
    ]

    def __init__(self, server: str, roots: list[dict]) -> None:
        super().__init__()
        self.server = server
        self.roots = roots

    def compose(self) -> ComposeResult:
        import json

        with Vertical(id="roots-editor", classes="modal-box"):
            yield Label(f"Roots offered to {self.server}", classes="modal-title")
            yield TextArea(json.dumps(self.roots, indent=2), language="json", id="roots-text")
            yield Label("", id="roots-error")
            yield Label("F9 save · Esc cancel · each root needs a file:// uri", classes="modal-hint")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        import json

        try:
            roots = json.loads(self.query_one("#roots-text", TextArea).text or "[]")
        except ValueError as error:
            self.query_one("#roots-error", Label).update(f"✖ not valid JSON: {error}")
            return
        valid = isinstance(roots, list) and all(
            isinstance(r, dict) and str(r.get("uri", "")).startswith("file://") for r in roots
        )
        if not valid:
            self.query_one("#roots-error", Label).update(
                '✖ expected a list of {"uri": "file:///…", "name": "…"}'
            )
            return
        self.dismiss(roots)
