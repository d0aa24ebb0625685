"""Ask where to save a file: a path input prefilled with a default, Enter saves, Esc cancels.

Used for a result's blob and for the F8 screenshot; the caller writes the file (0600, see
:mod:`mcptui.core.private_files`) and says where it went. ``~`` and ``${VAR}`` are expanded;
a relative path is taken under the default folder, not the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


def chosen_path(text: str, default: Path) -> Path | None:
    """The path typed into the dialog (None when empty); relative paths go under ``default``'s folder."""
    text = text.strip()
    if not text:
        return None
    path = Path(os.path.expandvars(text)).expanduser()
    return path if path.is_absolute() else default.parent / path


def save_where(app, what: str, default: Path, then, *, folder: bool = False) -> None:  # noqa: ANN001
    """Push :class:`SaveModal`; ``then(path)`` runs with the chosen path (not on cancel)."""

    def chosen(path: Path | None) -> None:
        if path is not None:
            then(path)

    app.push_screen(SaveModal(what, default, folder=folder), chosen)


class SaveModal(ModalScreen["Path | None"]):
    """Where to save ``what``: dismisses with the chosen path, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="save-cancel"),
        Binding("f9", "save", "Save", id="save-save"),
    ]

    def __init__(self, what: str, default: Path, *, folder: bool = False) -> None:
        super().__init__()
        self.what = what
        self.default = default
        self.folder = folder  # the answer is a folder (several files keep their own names)

    def compose(self) -> ComposeResult:
        with Vertical(id="save-modal", classes="modal-box"):
            yield Label(f"Save {self.what} to", classes="modal-title")
            yield Input(str(self.default), id="save-path")
            yield Label("", id="save-error")
            with Horizontal(classes="modal-buttons"):
                yield Button("Save  Enter", id="save-save", variant="primary")
                yield Button("Cancel  Esc", id="save-cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        path = chosen_path(self.query_one("#save-path", Input).value, self.default)
        if path is None:
            self.query_one("#save-error", Label).update("✖ a path is needed")
            return
        if path.is_dir() and not self.folder:
            path = path / self.default.name
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
