"""The history pane: every call made to the selected server, newest first.

A view over :class:`~mcptui.core.history.HistoryStore`. Enter re-runs the highlighted
call, **e** loads it into the form to edit, **y** copies its result as JSON and **m** copies
it as an ``mcptui`` command (both through the terminal clipboard, OSC 52, so it works over SSH).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mcptui.core.history import CallRecord
from mcptui.ui.safe_text import safe_line

OUTCOME_STYLES = {"ok": "green", "error": "red", "tool-error": "red", "cancelled": "yellow"}


def record_label(record: CallRecord, *, show_time: bool = True) -> Text:
    text = Text()
    text.append(f"{record.outcome():<10}", style=OUTCOME_STYLES.get(record.outcome(), ""))
    text.append(f" {record.kind:<8} ", style="dim")
    text.append(safe_line(record.name), style="bold")
    if show_time and record.elapsed_ms is not None:
        text.append(f"  {record.elapsed_ms:.0f} ms", style="dim")
    if show_time:
        text.append("  " + time.strftime("%H:%M:%S", time.localtime(record.at)), style="dim")
    if record.cut:  # a result kept aside (or stored as a note): never shown as if whole
        text.append(f"  ✂ {record.cut}", style="yellow")
    if record.arguments:
        args = json.dumps(record.arguments, ensure_ascii=False)
        text.append("\n  " + safe_line(args if len(args) < 100 else args[:99] + "…"), style="dim")
    return text


class HistoryPane(OptionList):
    """Past calls of the selected server."""

    HELP = """\
## History

Every call made to the selected server (tools, prompts, resource reads), newest first,
kept across sessions. **Enter** re-runs the highlighted call, **e** loads its arguments into
the form to edit them, **y** copies the result as JSON, **m** copies the call as an
`mcptui call …` command (OSC 52 clipboard, works over SSH), **b** saves the call into a
collection (the Collections tab runs it as a test). Secret arguments (passwords,
tokens, keys) are not kept: re-running such a call opens the form and asks for them again.
"""

    BINDINGS = [
        Binding("e", "edit", "Edit", id="history-edit", tooltip="Load this call into the form"),
        Binding(
            "y", "copy_result", "Copy result", id="history-copy-result", tooltip="Copy the result as JSON"
        ),
        Binding(
            "m",
            "copy_command",
            "Copy command",
            id="history-copy-command",
            tooltip="Copy as an mcptui command",
        ),
        Binding(
            "b", "save_to_collection", "Save as test", id="history-save", tooltip="Save into a collection"
        ),
    ]

    @dataclass
    class Rerun(Message):
        record: CallRecord

    @dataclass
    class Edit(Message):
        record: CallRecord

    @dataclass
    class Copy(Message):
        record: CallRecord
        what: str  # "result" or "command"

    def __init__(self, *, id: str | None = None, show_time: bool = True) -> None:  # noqa: A002
        super().__init__(id=id)
        self.records: list[CallRecord] = []
        self.show_time = show_time

    def show_records(self, records: list[CallRecord]) -> None:
        """Show ``records`` (oldest first in, newest first on screen)."""
        self.records = list(reversed(records))
        self.clear_options()
        if not self.records:
            self.add_option(Option(Text("no calls yet", style="dim"), disabled=True))
            return
        self.add_options([Option(record_label(r, show_time=self.show_time)) for r in self.records])
        self.highlighted = 0

    @property
    def current(self) -> CallRecord | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.records)):
            return None
        return self.records[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.current is not None:
            self.post_message(self.Rerun(self.current))

    def action_edit(self) -> None:
        if self.current is not None:
            self.post_message(self.Edit(self.current))

    def action_copy_result(self) -> None:
        if self.current is not None:
            self.post_message(self.Copy(self.current, "result"))

    def action_save_to_collection(self) -> None:
        if self.current is not None:
            from mcptui.ui.widgets.collections_pane import save_to_collection

            save_to_collection(self.app, self.current)

    def action_copy_command(self) -> None:
        if self.current is not None:
            self.post_message(self.Copy(self.current, "command"))
