"""F1 help: what the focused pane is for, and every key that works there right now."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import DataTable, Label, Markdown

GENERAL_HELP = """\
## mcptui

Browse MCP servers: pick a server, a tool, fill its form, send, read the result; watch every
message in the console. Single keys jump between panes (**s**ervers, ca**t**alog, **/** filter,
**a**rguments, **h**istory, **c**onsole); **g** goes to any item; **F2** or **ctrl+p** opens the
command palette; **ctrl+q** quits. Keys can be remapped by id in `settings.json` (`keymap`).
"""


def help_text_for(widget: Widget | None) -> str:
    """The ``HELP`` markdown of ``widget`` or its nearest ancestor that has one."""
    node: Any = widget
    while node is not None:
        text = getattr(type(node), "HELP", None)
        if isinstance(text, str) and text.strip():
            return text
        node = node.parent
    return GENERAL_HELP


def binding_rows(app: Any) -> list[tuple[str, str, str]]:
    """(key, description, binding id) for every active binding on the current screen."""
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for key, active in app.screen.active_bindings.items():
        binding = active.binding
        if binding.system or (not binding.description and not binding.id):
            continue
        ident = binding.id or binding.action
        if ident in seen:
            continue
        seen.add(ident)
        display = app.get_key_display(binding) if hasattr(app, "get_key_display") else key
        rows.append((display, binding.description or binding.tooltip or binding.action, binding.id or ""))
    return rows


class HelpScreen(ModalScreen[None]):
    """Help for the focused pane plus its keys."""

    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help-close")]

    def __init__(self, focused: Widget | None) -> None:
        super().__init__()
        self.help_markdown = help_text_for(focused)
        self.rows = binding_rows(self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="modal-box"):
            with VerticalScroll(id="help-body"):
                yield Markdown(self.help_markdown, id="help-text")
                yield Label("Keys available here", classes="modal-title")
                yield DataTable(id="help-keys", show_cursor=False, zebra_stripes=True)
            yield Label("Esc close · remap any key by its id in settings.json → keymap", classes="modal-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("key", "action", "id")
        for row in self.rows:
            table.add_row(*row)

    def action_close(self) -> None:
        self.dismiss(None)
