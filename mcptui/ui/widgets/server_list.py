"""The server list: one row per server with its connection state, protocol and auth state.

A view over :class:`~mcptui.core.session_state.ServerSnapshot` objects; the main screen
calls :meth:`ServerList.refresh_sessions` when a session changes. Selecting a row posts
:class:`ServerList.ServerSelected`; the add/edit/remove keys post :class:`ServerList.EditRequested`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mcptui.ui.safe_text import safe_line

if TYPE_CHECKING:
    from mcptui.core.session_state import ServerSnapshot

STATE_MARKS = {
    "disconnected": ("○", "dim"),
    "connecting": ("◌", "yellow"),
    "connected": ("●", "green"),
    "auth-required": ("⚷", "yellow"),
    "failed": ("✖", "red"),
    "closed": ("○", "dim"),
}


def session_label(session: ServerSnapshot) -> Text:
    """Two lines: mark + name, then state · protocol · auth; a third with the roots it was given."""
    mark, style = STATE_MARKS.get(session.state.value, ("?", ""))
    label = Text()
    label.append(f"{mark} ", style=style)
    label.append(safe_line(session.name), style="bold")
    if session.catalog is not None and session.catalog.stale:
        label.append(" (stale)", style="yellow")
    details = [session.state.value]
    if session.protocol_version:
        details.append(session.protocol_version)
    if session.transport:
        details.append(session.transport)
    if session.auth_state not in ("", "-"):
        details.append(f"auth {session.auth_state}")
    label.append("\n  " + safe_line(" · ".join(details)), style="dim")
    if session.config.roots:
        label.append("\n  roots: " + safe_line(", ".join(session.config.roots)), style="dim")
    return label


class ServerList(OptionList):
    """The configured servers and how each one is doing."""

    HELP = """\
## Servers

Every configured server with its connection state (● connected, ◌ connecting,
✖ failed, ⚷ needs login), negotiated protocol version, transport and auth state.
A server that cannot be reached shows its last known catalog, marked *stale*.

Select a server to browse its catalog. **n** adds, **e** edits, **d** removes a server
(written back to the servers file); **u** shows its credentials and sign-in steps. **F7** reconnects (retry), **F5** resyncs.
"""

    BINDINGS = [
        Binding("n", "add_server", "Add", id="server-add", tooltip="Add a server to the servers file"),
        Binding("e", "edit_server", "Edit", id="server-edit", tooltip="Edit the selected server"),
        Binding("d", "remove_server", "Remove", id="server-remove", tooltip="Remove the selected server"),
        Binding("u", "auth_panel", "Auth", id="server-auth", tooltip="Credentials and sign-in steps"),
    ]

    @dataclass
    class ServerSelected(Message):
        """The user moved to another server."""

        name: str

    @dataclass
    class EditRequested(Message):
        """Add (name None), edit or remove a server."""

        action: Literal["add", "edit", "remove", "auth"]
        name: str | None

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's naming
        super().__init__(id=id)
        self._names: list[str] = []

    def refresh_sessions(self, sessions: list[ServerSnapshot], selected: str | None = None) -> None:
        """Redraw every row (cheap: a handful of servers)."""
        names = [s.name for s in sessions]
        current = selected or self.selected_name
        if names != self._names:
            self.clear_options()
            self.add_options([Option(session_label(s), id=s.name) for s in sessions])
            self._names = names
        else:
            for session in sessions:
                self.replace_option_prompt(session.name, session_label(session))
        if current in names:
            self.highlighted = names.index(current)
        elif names and self.highlighted is None:
            self.highlighted = 0

    @property
    def selected_name(self) -> str | None:
        if self.highlighted is None or self.highlighted >= len(self._names):
            return None
        return self._names[self.highlighted]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.ServerSelected(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.ServerSelected(event.option.id))

    def action_add_server(self) -> None:
        self.post_message(self.EditRequested("add", None))

    def action_edit_server(self) -> None:
        if self.selected_name:
            self.post_message(self.EditRequested("edit", self.selected_name))

    def action_auth_panel(self) -> None:
        if self.selected_name:
            self.post_message(self.EditRequested("auth", self.selected_name))

    def action_remove_server(self) -> None:
        if self.selected_name:
            self.post_message(self.EditRequested("remove", self.selected_name))
