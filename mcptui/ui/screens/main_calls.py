"""The main screen's calls: start and cancel them, show their results, history actions.

A mixin of :class:`~mcptui.ui.screens.main_screen.MainScreen` (kept apart so each module
stays small): calls run as short workers on the app; their progress and outcome come back as
:class:`~mcptui.ui.messages.CallProgress` / :class:`~mcptui.ui.messages.CallFinished`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import TabbedContent

from mcptui.core.secret_args import SECRET_MARKER, omitted
from mcptui.core.tool_safety import needs_confirmation, why_confirm
from mcptui.ui import messages as msg
from mcptui.ui.widgets.catalog_tree import CatalogItem
from mcptui.ui.widgets.detail_pane import DetailPane
from mcptui.ui.widgets.history import HistoryPane

if TYPE_CHECKING:
    from mcptui.ui.app import McpTuiApp
    from mcptui.ui.connection_worker import ServerSession


class CallsMixin:
    """Call handling for the main screen (needs ``app``, ``sessions``, ``session``, ``query_one``)."""

    app: McpTuiApp
    _call_workers: dict[int, Any]
    _next_call: int

    if TYPE_CHECKING:
        sessions: dict[str, ServerSession]
        session: ServerSession | None
        selected: str | None

        def query_one(self, *args: Any) -> Any: ...
        def refresh_bindings(self) -> None: ...
        def notify(self, *args: Any, **kwargs: Any) -> None: ...

    def on_detail_pane_send_requested(self, message: DetailPane.SendRequested) -> None:
        self.start_call(message.kind, message.name, message.arguments)

    def on_detail_pane_cancel_requested(self, _message: DetailPane.CancelRequested) -> None:
        self.action_cancel_call()

    def on_call_progress(self, message: msg.CallProgress) -> None:
        detail = self.query_one(DetailPane)
        if detail.running_call == message.call_id:
            detail.call_progress(message.progress, message.total, message.message)

    def on_call_finished(self, message: msg.CallFinished) -> None:
        record = message.record
        session = self.sessions.get(record.server)
        tool = None
        if record.kind == "tool" and session is not None and session.catalog is not None:
            tool = session.catalog.tool(record.name)
        self.app.history.add(record, (tool or {}).get("inputSchema"))
        if record.server == self.selected:
            self.query_one(HistoryPane).show_records(self.app.history.records(record.server))
        detail = self.query_one(DetailPane)
        if detail.running_call is not None:
            self._call_workers.pop(detail.running_call, None)
        detail.call_finished(record)
        self.refresh_bindings()

    def on_history_pane_rerun(self, message: HistoryPane.Rerun) -> None:
        record = message.record
        self.query_one(TabbedContent).active = "tab-item"
        missing = omitted(record.arguments)
        if missing:  # a secret was not kept: ask for it again in the form
            self._show_record_item(record, with_values=True)
            detail = self.query_one(DetailPane)
            detail.focus_form(missing[0])
            self.notify(
                f"{', '.join(missing)}: not kept in the history (secret); type it again, then send",
                severity="warning",
            )
            return
        self._show_record_item(record, with_values=True)  # the form shows what is re-sent
        self.start_call(record.kind, record.name, record.arguments)

    def on_history_pane_edit(self, message: HistoryPane.Edit) -> None:
        self.query_one(TabbedContent).active = "tab-item"
        self._show_record_item(message.record, with_values=True)
        self.query_one(DetailPane).focus_form()

    def on_history_pane_copy(self, message: HistoryPane.Copy) -> None:
        from mcptui.ui.commands import copy_record

        copy_record(self.app, message.record, message.what)

    def _show_record_item(self, record: Any, *, with_values: bool = False) -> None:
        session = self.sessions.get(record.server)
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

    def on_result_view_open_resource(self, message: Any) -> None:
        message.stop()
        self.start_call("resource", message.uri, {})

    # ----------------------------------------------------------------- calls
    def show_item(self, item: CatalogItem, values: dict[str, Any] | None = None) -> None:
        self.query_one(DetailPane).show_item(item, values=values, completer=self._completer_for(item))

    def _completer_for(self, item: CatalogItem) -> Any:
        """An argument completer backed by ``completion/complete`` on the item's server."""
        session = self.sessions.get(item.server)
        if item.kind == "prompt":
            ref = {"type": "ref/prompt", "name": item.key}
        elif item.kind == "template":
            ref = {"type": "ref/resource", "uri": item.key}
        else:
            return None

        async def complete(argument: str, value: str, context: dict[str, str]) -> list[str]:
            if session is None or not session.connected or session.catalog is None:
                return []
            if "completions" not in (session.catalog.capabilities or {}):
                return []
            return await session.connection.complete(ref, argument, value, context or None)

        return complete

    def start_call(self, kind: Any, name: str, arguments: dict[str, Any]) -> None:
        """Send a call; a destructive tool is confirmed first (unless the settings say not to)."""
        session = self.session
        if session is None:
            return
        tool = session.catalog.tool(name) if kind == "tool" and session.catalog is not None else None
        if (
            tool is not None
            and self.app.settings.confirm_destructive
            and needs_confirmation(tool, cautious=session.config.cautious)
        ):
            from mcptui.ui.screens.confirm_call import ConfirmCallModal

            def answered(send: bool | None) -> None:
                if send:
                    self._send_call(kind, name, arguments)
                else:
                    self.notify(f"{name}: not sent")

            self.app.push_screen(ConfirmCallModal(session.name, tool, arguments, why_confirm(tool)), answered)
            return
        self._send_call(kind, name, arguments)

    def _send_call(self, kind: Any, name: str, arguments: dict[str, Any]) -> None:
        session = self.session
        if session is None:
            return
        self._next_call += 1
        call_id = self._next_call
        detail = self.query_one(DetailPane)
        detail.call_started(call_id, name)
        worker = self.app.run_worker(
            session.call(kind, name, arguments, call_id=call_id),
            name=f"call {name}",
            group="calls",
            exit_on_error=False,
            description=f"{kind} {name} on {session.name}",
        )
        self._call_workers[call_id] = worker
        self.refresh_bindings()
