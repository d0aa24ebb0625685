"""The main screen's calls: send and cancel them, and show each result only for its own item.

:class:`CallsController` is a helper the main screen holds (composition, not a mixin). Calls go
through the session manager (:meth:`mcptui.core.session.SessionManager.call`); their progress
and end come back as :class:`~mcptui.core.session_state.CallProgressed` /
:class:`~mcptui.core.session_state.CallCompleted`.

A result belongs to (server, generation, kind, item): it is shown while that item is, again
when the user comes back to it, and never under another item, another server, or after a
reconnect. A call still running when the user moves on keeps running; its result waits.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from textual.widgets import Button, TabbedContent

from mcptui.core.history import CallKind, CallRecord
from mcptui.core.secret_args import SECRET_MARKER, omitted
from mcptui.core.session_state import CallCompleted, CallProgressed, CallTicket
from mcptui.core.tool_safety import needs_confirmation, why_confirm
from mcptui.ui.screens.main_panes import pane_widgets
from mcptui.ui.widgets.catalog_tree import CatalogItem

if TYPE_CHECKING:  # imported with the deferred panes (main_panes.pane_widgets)
    from mcptui.ui.screens.main_screen import MainScreen
    from mcptui.ui.widgets.detail_pane import DetailPane

ResultKey = tuple[str, int, str, str]  # server, generation, item kind, item key
RESULTS_KEPT = 50


class CallsController:
    """Start, cancel and show calls for the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.running: dict[int, tuple[CallTicket, ResultKey]] = {}
        self.results: OrderedDict[ResultKey, CallRecord] = OrderedDict()

    @property
    def app(self) -> Any:
        return self.screen.app

    def _detail(self) -> DetailPane:
        return self.screen.query_one(pane_widgets().DetailPane)

    def _key(self, item: CatalogItem) -> ResultKey:
        snapshot = self.app.sessions.get(item.server)
        generation = snapshot.generation if snapshot is not None else 0
        return (item.server, generation, item.kind, item.key)

    def _shown_key(self) -> ResultKey | None:
        item = self._detail().item
        return self._key(item) if item is not None else None

    # ----------------------------------------------------------------- items
    def show_item(self, item: CatalogItem, values: dict[str, Any] | None = None) -> None:
        detail = self._detail()
        moving = item != detail.item
        if moving and detail.running_call is not None:  # it keeps running; its result waits
            detail.running_call = None
            detail.query_one("#cancel-button", Button).disabled = True
        detail.show_item(item, values=values, completer=self._completer_for(item))
        if not moving:
            return
        key = self._key(item)
        record = self.results.get(key)
        if record is not None:
            detail.call_finished(record)
        for call_id, (ticket, running_key) in self.running.items():
            if running_key == key:
                detail.call_started(call_id, ticket.name)

    def leave_server(self, name: str) -> None:
        """Another server is selected: an item of a different server is no longer shown."""
        detail = self._detail()
        if detail.item is not None and detail.item.server != name:
            detail.running_call = None
            detail.query_one("#cancel-button", Button).disabled = True
            detail.show_item(None)

    def _completer_for(self, item: CatalogItem) -> Any:
        """An argument completer backed by ``completion/complete`` on the item's server."""
        if item.kind == "prompt":
            ref = {"type": "ref/prompt", "name": item.key}
        elif item.kind == "template":
            ref = {"type": "ref/resource", "uri": item.key}
        else:
            return None
        manager = self.app.manager

        async def complete(argument: str, value: str, context: dict[str, str]) -> list[str]:
            values: list[str] = await manager.complete(item.server, ref, argument, value, context)
            return values

        return complete

    # ----------------------------------------------------------------- calls
    def start_call(self, kind: CallKind, name: str, arguments: dict[str, Any]) -> None:
        """Send a call; a destructive tool is confirmed first (unless the settings say not to)."""
        session = self.screen.session
        if session is None:
            return
        catalog = session.catalog
        tool = catalog.tool(name) if kind == "tool" and catalog is not None else None
        if (
            tool is not None
            and self.app.settings.confirm_destructive
            and needs_confirmation(tool, cautious=session.config.cautious)
        ):
            from mcptui.ui.screens.confirm_call import ConfirmCallModal

            def answered(send: bool | None) -> None:
                if send:
                    self._send(kind, name, arguments)
                else:
                    self.screen.notify(f"{name}: not sent")

            self.app.push_screen(ConfirmCallModal(session.name, tool, arguments, why_confirm(tool)), answered)
            return
        self._send(kind, name, arguments)

    def _send(self, kind: CallKind, name: str, arguments: dict[str, Any]) -> None:
        session = self.screen.session
        detail = self._detail()
        item = detail.item
        if session is None:
            return
        ticket = self.app.manager.call(session.name, kind, name, arguments)
        if ticket is None:
            return
        # the result belongs to the item shown (a template's expanded URI belongs to its template)
        key = self._key(item) if item is not None else (session.name, ticket.generation, kind, name)
        self.running[ticket.call_id] = (ticket, key)
        if key == self._shown_key():
            detail.call_started(ticket.call_id, name)
        self.screen.refresh_bindings()

    def cancel_shown(self) -> None:
        """Cancel the call of the item shown."""
        call_id = self._detail().running_call
        if call_id is not None:
            self.app.manager.cancel(call_id)

    def progressed(self, event: CallProgressed) -> None:
        detail = self._detail()
        if detail.running_call == event.ticket.call_id:
            detail.call_progress(event.progress, event.total, event.message)

    def completed(self, event: CallCompleted) -> None:
        record = event.record
        _ticket, key = self.running.pop(event.ticket.call_id, (event.ticket, None))
        if key is not None:
            self.results[key] = record
            self.results.move_to_end(key)
            while len(self.results) > RESULTS_KEPT:
                self.results.popitem(last=False)
        if record.server == self.screen.selected:
            self.screen.query_one(pane_widgets().HistoryPane).show_records(
                self.app.history.records(record.server)
            )
        detail = self._detail()
        if detail.running_call == event.ticket.call_id:
            detail.call_finished(record)
        self.screen.refresh_bindings()

    # ----------------------------------------------------------------- history actions
    def rerun(self, record: CallRecord) -> None:
        self.screen.query_one(TabbedContent).active = "tab-item"
        missing = omitted(record.arguments)
        self._show_record_item(record, with_values=True)  # the form shows what is (re-)sent
        if missing:  # a secret was not kept: ask for it again in the form
            self._detail().focus_form(missing[0])
            self.screen.notify(
                f"{', '.join(missing)}: not kept in the history (secret); type it again, then send",
                severity="warning",
            )
            return
        self.start_call(record.kind, record.name, record.arguments)

    def edit(self, record: CallRecord) -> None:
        self.screen.query_one(TabbedContent).active = "tab-item"
        self._show_record_item(record, with_values=True)
        self._detail().focus_form()

    def _show_record_item(self, record: CallRecord, *, with_values: bool = False) -> None:
        session = self.app.sessions.get(record.server)
        if session is None or session.catalog is None:
            return
        kind = record.kind
        attr = {"tool": "tools", "prompt": "prompts", "resource": "resources"}[kind]
        field_name = "uri" if kind == "resource" else "name"
        for data in getattr(session.catalog, attr):
            if data.get(field_name) == record.name:
                item = CatalogItem.of(record.server, kind, data)
                values = {k: v for k, v in record.arguments.items() if v != SECRET_MARKER}
                self.show_item(item, values=values if with_values else None)
                return
