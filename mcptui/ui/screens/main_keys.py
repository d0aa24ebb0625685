"""The main screen's keys: pane jumps, go to, send and cancel, the sidebar, the item's
description, resync and reconnect, the console.

Binding ids (``focus-servers``, ``send-call``...) are what a keymap file rebinds. Which of them
work where is the screen's :class:`~mcptui.ui.screens.main_layout.LayoutPolicy` (no letter key
while text is typed) and its ``check_action``.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

MAIN_BINDINGS: list[BindingType] = [
    Binding("s", "focus_pane('servers')", "Servers", id="focus-servers", tooltip="Jump to the server list"),
    Binding("t", "focus_pane('catalog')", "Catalog", id="focus-catalog", tooltip="Jump to the catalog tree"),
    Binding(
        "slash",
        "focus_pane('catalog-filter')",
        "Filter",
        id="filter-catalog",
        tooltip="Filter the catalog",
    ),
    Binding(
        "a",
        "focus_pane('form')",
        "Args",
        show=False,
        id="focus-form",
        tooltip="Jump to the argument form",
    ),
    Binding(
        "r", "focus_pane('result')", "Result", id="focus-result", show=False, tooltip="Jump to the result"
    ),
    Binding("h", "focus_pane('history')", "History", id="focus-history", tooltip="Jump to the call history"),
    Binding("c", "focus_pane('console')", "Console", id="focus-console", tooltip="Jump to the console"),
    Binding("g", "goto", "Go to", id="goto", tooltip="Go to a tool, prompt or resource"),
    Binding("f9", "send", "Send", id="send-call", tooltip="Send the call"),
    Binding("escape", "cancel_call", "Cancel", id="cancel-call", tooltip="Cancel the running call"),
    Binding("escape", "leave_field", "Leave field", id="leave-field", tooltip="Back to the pane's keys"),
    Binding("f3", "toggle_sidebar", "Sidebar", id="toggle-sidebar", tooltip="Show/hide the sidebar"),
    Binding(
        "i",
        "toggle_description",
        "More",
        id="toggle-description",
        tooltip="Show the whole description of the item / fold it",
    ),
    Binding("f5", "resync", "Resync", id="resync", tooltip="Reload the catalog"),
    Binding("f7", "reconnect", "Reconnect", id="reconnect", tooltip="Reconnect (retry) the server"),
    Binding(
        "f4",
        "toggle_console",
        "Console",
        id="toggle-console",
        show=False,
        tooltip="Show/hide the console",
    ),
]
