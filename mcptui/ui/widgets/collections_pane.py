"""The Collections pane: saved calls run as tests on the selected server, with pass/fail shown.

A view over the collection files (:mod:`mcptui.core.collections`): each collection, then its
calls. **Enter** on a call runs it, on a collection runs all its calls; **x** runs the whole
collection of the highlighted row. Runs go through the core use case
(:func:`mcptui.core.collection_run.run_collection`) on the connection the session manager
holds for the selected server, in a worker; each call's PASS/FAIL and first reason show in
its row. :func:`save_to_collection` is what the History pane's **b** key calls: it asks for a
collection name and appends the call (secrets written as ``${VAR}``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from mcptui.core.collection_run import CallOutcome, RunResult, run_collection
from mcptui.core.collections import Collection, check_name, list_collections, save_call
from mcptui.core.errors import McpTuiError
from mcptui.core.history import CallRecord
from mcptui.core.tool_safety import needs_confirmation, why_confirm
from mcptui.ui.safe_text import safe_line


@dataclass(frozen=True)
class Row:
    """One line of the pane: a collection (``call`` None) or one of its calls."""

    collection: Collection
    call: str | None = None


class CollectionsPane(OptionList):
    """Named collections and their calls; run one or all on the selected server."""

    HELP = """\
## Collections

Saved calls with expectations, run as tests on the selected server. **Enter** on a call runs
it, on a collection runs all its calls; **x** runs the whole collection. Each call shows
PASS or FAIL with the reason. Save a call here from the History pane with **b**. The files
live in the data folder's `collections/` (`mcptui collection list`); `mcptui run NAME TARGET`
runs one headless, for CI.
"""

    BINDINGS = [
        Binding(
            "x", "run_all", "Run all", id="collections-run-all", tooltip="Run every call of this collection"
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.outcomes: dict[tuple[str, str], CallOutcome] = {}
        self.running: set[tuple[str, str]] = set()
        self.last_run: RunResult | None = None

    def on_mount(self) -> None:
        self.reload()

    def on_focus(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the collection files again and redraw (the highlight stays where it was)."""
        keep = self.highlighted
        self.rows = []
        problems = []
        for path, collection in list_collections():
            if isinstance(collection, str):
                problems.append(f"{path.name}: {collection}")
                continue
            self.rows.append(Row(collection))
            self.rows += [Row(collection, call.name) for call in collection.calls]
        self._redraw(problems)
        if self.rows:
            self.highlighted = min(keep or 0, len(self.rows) - 1)

    def _redraw(self, problems: list[str] | None = None) -> None:
        self.clear_options()
        if not self.rows:
            hint = "no collections yet: in the History tab, press b on a call to save it into one"
            self.add_option(Option(Text(hint, style="dim"), disabled=True))
        self.add_options([Option(self._label(row)) for row in self.rows])
        for problem in problems or []:
            self.add_option(Option(Text(safe_line(problem), style="red"), disabled=True))

    def _label(self, row: Row) -> Text:
        collection = row.collection
        if row.call is None:
            text = Text(safe_line(collection.name), style="bold")
            outcomes = [self.outcomes.get((collection.name, c.name)) for c in collection.calls]
            done = [o for o in outcomes if o is not None]
            count = len(collection.calls)
            text.append(f"  {count} call{'s' if count != 1 else ''}", style="dim")
            if done:
                failed = sum(1 for o in done if not o.passed)
                text.append(
                    f"  {len(done) - failed} passed, {failed} failed", style="red" if failed else "green"
                )
            return text
        key = (collection.name, row.call)
        call = next(c for c in collection.calls if c.name == row.call)
        text = Text("  ")
        outcome = self.outcomes.get(key)
        if key in self.running:
            text.append("RUN ", style="yellow")
        elif outcome is None:
            text.append("·   ", style="dim")
        else:
            text.append("PASS" if outcome.passed else "FAIL", style="green" if outcome.passed else "red")
        text.append(f" {call.kind:<8} ", style="dim")
        text.append(safe_line(call.name))
        if outcome is not None and outcome.elapsed_ms is not None and key not in self.running:
            text.append(f"  {outcome.elapsed_ms:.0f} ms", style="dim")
        if outcome is not None and outcome.reasons and key not in self.running:
            text.append("\n      " + safe_line(outcome.reasons[0]), style="red")
        return text

    @property
    def current(self) -> Row | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.rows)):
            return None
        return self.rows[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.current
        if row is not None:
            self.run(row.collection, None if row.call is None else [row.call])

    def action_run_all(self) -> None:
        row = self.current
        if row is not None:
            self.run(row.collection, None)

    # ----------------------------------------------------------------- running
    def run(self, collection: Collection, only: list[str] | None) -> None:
        """Run ``only`` those calls of ``collection`` (None: all) on the selected server, in a worker."""
        server = getattr(self.screen, "selected", None)
        if not server:
            self.notify("select a server first", severity="warning")
            return
        names = only or [c.name for c in collection.calls]
        self.running |= {(collection.name, name) for name in names}
        self._refresh_rows()
        self.run_worker(self._run(collection, only, server), group="collections", exclusive=False)

    async def _run(self, collection: Collection, only: list[str] | None, server: str) -> None:
        app: Any = self.app
        manager = app.manager
        snapshot = manager.snapshot(server)
        connection = manager.connection(server) if snapshot is not None and snapshot.connected else None
        catalog = snapshot.catalog if snapshot is not None else None
        confirm = app.settings.confirm_destructive
        cautious = snapshot.config.cautious if snapshot is not None else False

        def guard(tool: dict[str, Any], arguments: dict[str, Any]) -> str | None:
            if confirm and needs_confirmation(tool, cautious=cautious):
                return f"{why_confirm(tool)}; send it from the Item tab"
            return None

        def done(outcome: CallOutcome) -> None:
            key = (collection.name, outcome.call.name)
            self.running.discard(key)
            self.outcomes[key] = outcome
            self._refresh_rows()

        try:
            result = await run_collection(
                connection, catalog, collection, server=server, only=only, guard=guard, on_done=done
            )
        finally:
            self.running -= {(collection.name, c.name) for c in collection.calls}
            self._refresh_rows()
        self.last_run = result
        failed = result.failed
        self.notify(
            f"{collection.name}: {result.passed} passed, {failed} failed",
            severity="error" if failed else "information",
        )

    def _refresh_rows(self) -> None:
        for index, row in enumerate(self.rows):
            self.replace_option_prompt_at_index(index, self._label(row))


class CollectionNameModal(ModalScreen["str | None"]):
    """Which collection to save a call into: dismisses with the name, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="collection-name-cancel")]
    last_name = "default"  # what the dialog offers next time

    def __init__(self, call: str) -> None:
        super().__init__()
        self.call = call

    def compose(self) -> ComposeResult:
        with Vertical(id="collection-name-modal", classes="modal-box"):
            yield Label(f"Save {safe_line(self.call)} into the collection", classes="modal-title")
            yield Input(CollectionNameModal.last_name, id="collection-name")
            yield Label("", id="collection-name-error")
            with Horizontal(classes="modal-buttons"):
                yield Button("Save  Enter", id="collection-name-save", variant="primary")
                yield Button("Cancel  Esc", id="collection-name-cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "collection-name-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        name = self.query_one("#collection-name", Input).value.strip()
        try:
            check_name(name)
        except McpTuiError as error:
            self.query_one("#collection-name-error", Label).update(
                Text(f"✖ {safe_line(error.message)}")
            )  # Text: never markup
            return
        CollectionNameModal.last_name = name
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)


def save_to_collection(app: Any, record: CallRecord) -> None:
    """Ask for a collection name, then append ``record`` to it (the History pane's **b**)."""

    def chosen(name: str | None) -> None:
        if name is None:
            return
        snapshot = app.sessions.get(record.server)
        catalog = snapshot.catalog if snapshot is not None else None
        tool = catalog.tool(record.name) if record.kind == "tool" and catalog is not None else None
        try:
            path, saved = save_call(
                name, record, schema=(tool or {}).get("inputSchema"), target=record.server
            )
        except (McpTuiError, OSError) as error:
            app.notify(f"not saved: {safe_line(str(error))}", severity="error")
            return
        app.notify(f"saved {safe_line(saved.name)} into {safe_line(name)} ({path})")
        for pane in app.screen.query(CollectionsPane):
            pane.reload()

    app.push_screen(CollectionNameModal(record.name), chosen)
