"""The main screen: servers and catalog on the left, the item and history in the middle,
the console at the bottom. It is the one place that reacts across sibling widgets
(attributes down, messages up): widgets post messages, this screen routes them.

Its parts, each held here (composition): ``calls`` (:mod:`.main_calls`), ``catalog_side`` (the
tree, its filter and status line, go to: :mod:`.main_catalog`), ``console_drain``
(:mod:`.main_console`), ``layout_policy`` (:mod:`.main_layout`) and ``panes`` (the tabs and the
console, mounted after the first frame: :mod:`.main_panes`); its keys are :mod:`.main_keys`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Input, Static, TabbedContent

from mcptui.core import first_shown, speed
from mcptui.core.events import ConnectionState
from mcptui.core.session_state import (
    CallCompleted,
    CallProgressed,
    ConnectProblem,
    ServerRemoved,
    ServerSnapshot,
    SnapshotChanged,
    StoreProblem,
)
from mcptui.core.session_tasks import TaskChanged
from mcptui.ui import messages as msg
from mcptui.ui.catalog_marks import item_marks
from mcptui.ui.screens.main_calls import CallsController
from mcptui.ui.screens.main_catalog import CatalogSide
from mcptui.ui.screens.main_console import ConsoleDrain
from mcptui.ui.screens.main_keys import MAIN_BINDINGS
from mcptui.ui.screens.main_layout import LayoutPolicy
from mcptui.ui.screens.main_panes import DeferredPanes, needs_panes, pane_widgets
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
from mcptui.ui.widgets.filter_input import FilterInput
from mcptui.ui.widgets.key_footer import KeyFooter
from mcptui.ui.widgets.server_list import ServerList

if TYPE_CHECKING:  # the deferred panes' widgets: imported with them (main_panes.pane_widgets)
    from mcptui.ui.app import McpTuiApp
    from mcptui.ui.widgets.console import Console, ConsoleView
    from mcptui.ui.widgets.detail_pane import DetailPane
    from mcptui.ui.widgets.history import HistoryPane


class MainScreen(Screen[None]):
    """Browse servers, call their tools, watch the wire."""

    app: McpTuiApp  # type: ignore[assignment]
    AUTO_FOCUS = "#catalog"

    BINDINGS = MAIN_BINDINGS  # main_keys.py

    # the selected server's latest snapshot, as drawn: the one piece of core state this screen holds
    shown: reactive[ServerSnapshot | None] = reactive(None, always_update=True, init=False, repaint=False)

    def __init__(self) -> None:
        super().__init__(id="main")
        self.selected: str | None = None
        self.catalog_side = CatalogSide(self)  # the tree, its filter and status line, go to
        self.calls = CallsController(self)  # sends calls, shows each result for its own item
        self.layout_policy = LayoutPolicy(self)  # sidebar collapse, short screens, typing-aware keys
        self.panes = DeferredPanes(self)  # the tabs and console, mounted after the first frame
        self.console_drain = ConsoleDrain(self)  # the console's waiting events, drawn a frame at a time

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        with Horizontal(id="body"), Vertical(id="sidebar"):
            yield ServerList(id="servers")
            yield FilterInput(
                placeholder="/ filter catalog", id="catalog-filter", apply=self.catalog_side.filter
            )
            yield Static("", id="catalog-status")
            yield CatalogTree(id="catalog")
        yield KeyFooter(compact=True)

    # ----------------------------------------------------------------- helpers
    @property
    def panes_ready(self) -> bool:
        """The tabs and the console are mounted."""
        return self.panes.ready

    def panes_mounted(self) -> None:
        """The deferred panes are in: draw what waited for them."""
        self._drain_console()
        self.layout_policy.update()
        self.refresh_bindings()

    def settle(self, catalog: Any = None) -> None:
        """Freeze what the app holds once the panes are in and a catalog is shown or about to be
        (``catalog``), once per process (:func:`mcptui.core.speed.freeze_settled`). Called before
        the first item's form is built, so that no form that will be replaced is pinned."""
        shown = catalog if catalog is not None else self.query_one(CatalogTree).catalog
        if self.panes.ready and shown is not None:
            speed.freeze_settled()

    def on_resize(self, event: events.Resize) -> None:
        self.layout_policy.update()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.layout_policy.update()
        self.refresh_bindings()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.refresh_bindings()

    def action_toggle_sidebar(self) -> None:
        self.layout_policy.toggle_sidebar()

    @property
    def sessions(self) -> dict[str, ServerSnapshot]:
        return self.app.sessions

    @property
    def session(self) -> ServerSnapshot | None:
        return self.sessions.get(self.selected or "")

    def on_mount(self) -> None:
        self.refresh_servers()
        names = list(self.sessions)
        if names:
            self.select_server(names[0])
        self.query_one(CatalogTree).focus()
        self.panes.schedule(connecting=self.app.auto_connect and bool(names))
        self.layout_policy.update()

    def refresh_servers(self) -> None:
        self.query_one(ServerList).refresh_sessions(list(self.sessions.values()), self.selected)

    def select_server(self, name: str) -> None:
        if name not in self.sessions:
            return
        changed = name != self.selected
        self.selected = name
        self.app.server_selected(name)
        session = self.sessions[name]
        if changed:
            self.catalog_side.show(session)
            self._show_history(session)
            if self.panes.ready:  # the item (and its result) of another server goes
                self.calls.leave_server(name)
        self.shown = session

    @needs_panes(mount=False)
    def _show_history(self, session: ServerSnapshot) -> None:
        if session.name != self.selected:
            return
        self.query_one(pane_widgets().HistoryPane).show_records(self.app.manager.records(session.name))

    # ----------------------------------------------------------------- the session manager
    @on(msg.ConsoleEventsPending)
    def _console_events_pending(self) -> None:
        self.console_drain.events_pending()

    def _drain_console(self) -> None:
        self.console_drain.drain()

    @on(msg.SessionUpdate)
    def _session_update(self, message: msg.SessionUpdate) -> None:
        event = message.event
        if isinstance(event, SnapshotChanged):
            self._snapshot_changed(event.snapshot)
        elif isinstance(event, CallProgressed):
            self._call_progressed(event)
        elif isinstance(event, CallCompleted):
            self._call_completed(event)
        elif isinstance(event, ConnectProblem):
            hint = f"\n{event.hint}" if event.hint else ""
            self.notify(f"{event.server}: {event.message}{hint}\nF7 to retry", severity="error", timeout=6)
        elif isinstance(event, StoreProblem):
            self.notify(event.message, severity="warning", timeout=8)
        elif isinstance(event, ServerRemoved):
            self.refresh_servers()
        elif isinstance(event, TaskChanged):
            self._task_changed(event)

    @needs_panes(mount=False)
    def _task_changed(self, event: TaskChanged) -> None:
        self.query_one(pane_widgets().TasksPane).task_changed(event)

    def _snapshot_changed(self, snapshot: ServerSnapshot) -> None:
        if not self.is_mounted:
            return
        self.refresh_servers()
        self.refresh_bindings()
        if snapshot.name == self.selected:
            self.shown = snapshot

    def watch_shown(self, snapshot: ServerSnapshot | None) -> None:
        """Draw the selected server's snapshot: its catalog (when it is a new one) and status."""
        if snapshot is None:
            return
        if snapshot.catalog is not self.catalog_side.shown_catalog:
            self.catalog_side.show(snapshot)
        else:
            self.query_one(CatalogTree).set_marks(item_marks(snapshot.catalog_changes))
        self.catalog_side.show_status(snapshot)
        settled = snapshot.state not in (ConnectionState.DISCONNECTED, ConnectionState.CONNECTING)
        if settled and snapshot.catalog is None:
            self.panes.ensure()  # settled with no catalog to draw (with one: on_catalog_tree_painted)
            first_shown.release()

    @on(msg.ServerListChanged)
    def _list_changed(self, message: msg.ServerListChanged) -> None:
        self.notify(f"{message.event.server}: {message.event.what} changed, reloading", timeout=2)

    @on(msg.ServerResourceUpdated)
    def _resource_updated(self, message: msg.ServerResourceUpdated) -> None:
        self.notify(f"{message.event.server}: resource updated {message.event.uri}", timeout=3)

    # ----------------------------------------------------------------- widget messages
    def on_server_list_server_selected(self, message: ServerList.ServerSelected) -> None:
        self.select_server(message.name)

    def on_server_list_edit_requested(self, message: ServerList.EditRequested) -> None:
        if message.action == "auth":
            self.action_auth_panel()
        else:
            self.app.edit_server(message.action, message.name)

    def action_auth_panel(self) -> None:
        from mcptui.ui.screens.auth_panel import AuthPanel

        if self.session is not None:
            self.app.push_screen(AuthPanel(self.session))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "catalog-filter":
            self.catalog_side.filter_submitted()

    @needs_panes(mount=False)  # the cursor lands on the first item as a catalog arrives: tree first
    def on_catalog_tree_item_highlighted(self, message: CatalogTree.ItemHighlighted) -> None:
        self.show_item(message.item)
        self.query_one(TabbedContent).active = "tab-item"

    def on_catalog_tree_painted(self) -> None:
        first_shown.release()  # the cache write and the SDK's warm-up waited for this
        self.panes.ensure()  # no gc.freeze here: it pinned replaced widgets (mcptui.core.speed)

    @needs_panes()
    def on_catalog_tree_item_chosen(self, message: CatalogTree.ItemChosen) -> None:
        self.show_item(message.item)
        self.query_one(TabbedContent).active = "tab-item"
        if message.item.kind == "resource":  # nothing to fill in: read it
            self.start_call("resource", message.item.key, {})
        else:
            self.query_one(pane_widgets().DetailPane).focus_form()

    def on_console_level_changed(self, message: Console.LevelChanged) -> None:
        """Ask every connected server to send log messages at this level and above."""
        self.app.manager.set_log_level(message.level)

    def toggle_subscription(self, uri: str) -> None:
        """Subscribe to (or unsubscribe from) updates of a resource on the selected server."""
        session = self.session
        if session is None:
            return
        subscribing = self.app.manager.toggle_subscription(session.name, uri)
        if subscribing is not None:  # recorded by the manager once the server took it
            self.notify(f"{'subscribing to' if subscribing else 'unsubscribing from'} {uri}", timeout=3)

    def on_console_view_open_entry(self, message: ConsoleView.OpenEntry) -> None:
        from mcptui.ui.event_format import full_text
        from mcptui.ui.screens.dialogs import TextModal

        entry = message.entry
        self.app.push_screen(TextModal(f"{entry.kind} · {entry.event.server}", full_text(entry.event)))

    # ----------------------------------------------------------------- calls (see CallsController)
    @needs_panes()
    def show_item(self, item: CatalogItem, values: dict[str, Any] | None = None) -> None:
        self.calls.show_item(item, values)

    @needs_panes(mount=False)
    def _call_progressed(self, event: CallProgressed) -> None:
        self.calls.progressed(event)

    @needs_panes()
    def _call_completed(self, event: CallCompleted) -> None:
        self.calls.completed(event)

    def start_call(self, kind: Any, name: str, arguments: dict[str, Any]) -> None:
        self.calls.start_call(kind, name, arguments)

    def on_detail_pane_send_requested(self, message: DetailPane.SendRequested) -> None:
        self.calls.start_call(message.kind, message.name, message.arguments)

    def on_detail_pane_cancel_requested(self, _message: DetailPane.CancelRequested) -> None:
        self.action_cancel_call()

    def on_history_pane_rerun(self, message: HistoryPane.Rerun) -> None:
        self.calls.rerun(message.record)

    def on_history_pane_edit(self, message: HistoryPane.Edit) -> None:
        self.calls.edit(message.record)

    def on_history_pane_copy(self, message: HistoryPane.Copy) -> None:
        from mcptui.ui.commands import copy_record

        copy_record(self.app, message.record, message.what)

    def on_result_view_open_resource(self, message: Any) -> None:
        message.stop()
        self.calls.start_call("resource", message.uri, {})

    # ----------------------------------------------------------------- actions
    def action_focus_pane(self, pane: str) -> None:
        if pane in ("form", "history", "console", "result"):
            self._focus_deferred_pane(pane)
            return
        target = {"servers": ServerList, "catalog": CatalogTree}.get(pane)
        widget = self.query_one(target) if target else self.query_one(f"#{pane}")
        # focus now, not after the queued events: keys typed right after "/" land in the filter
        self.set_focus(widget)

    @needs_panes()
    def _focus_deferred_pane(self, pane: str) -> None:
        if pane == "form":
            self.query_one(TabbedContent).active = "tab-item"
            self.query_one(pane_widgets().DetailPane).focus_form()
            return
        if pane == "history":
            self.query_one(TabbedContent).active = "tab-history"
            self.query_one(pane_widgets().HistoryPane).focus()
            return
        if pane == "console":
            self.query_one(pane_widgets().Console).display = True
            self.set_focus(self.query_one(pane_widgets().ConsoleView))
            return
        if pane == "result":
            self.query_one(TabbedContent).active = "tab-item"
            result = self.query_one(pane_widgets().DetailPane).result_view
            if result.focusable:
                result.focus()
            else:
                result.scroll_visible()

    @needs_panes()
    def action_toggle_console(self) -> None:
        console = self.query_one(pane_widgets().Console)
        console.display = not console.display

    def action_goto(self) -> None:
        self.app.open_goto_palette()

    def goto_item(self, item: CatalogItem) -> None:
        """Select ``item``'s server, show it in the tree and the detail pane."""
        self.catalog_side.goto(item)

    @needs_panes()
    def action_send(self) -> None:
        self.query_one(pane_widgets().DetailPane).request_send()

    @needs_panes()
    def action_cancel_call(self) -> None:
        """Esc: cancel the running call (and leave a text field, if in one)."""
        self.calls.cancel_shown()
        self.layout_policy.leave_field()

    def action_leave_field(self) -> None:
        """Esc in a text field: back to its pane, where the pane keys work."""
        self.layout_policy.leave_field()

    @needs_panes()
    def action_toggle_description(self) -> None:
        self.query_one(pane_widgets().DetailPane).toggle_description()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resync":  # shown greyed out while not connected
            return True if self.session is not None and self.session.connected else None
        if action == "leave_field":  # Esc: cancels a running call first (cancel_call)
            return self.layout_policy.typing and not self._call_running()
        if action not in ("cancel_call", "send", "toggle_description"):
            return self.layout_policy.letter_key_allowed(action)
        if not self.panes.ready:  # no item pane yet (and its module is not imported before it)
            return False
        details = self.query(pane_widgets().DetailPane)
        if not details:
            return False
        if action == "cancel_call":
            return self._call_running()
        if action == "toggle_description":
            return details.first().foldable and not self.layout_policy.typing
        return details.first().item is not None

    def _call_running(self) -> bool:
        if not self.panes.ready:
            return False
        details = self.query(pane_widgets().DetailPane)
        return bool(details) and details.first().running_call is not None

    def action_resync(self) -> None:
        if self.session is not None:
            self.app.resync(self.session.name)

    def action_reconnect(self) -> None:
        if self.session is not None:
            self.app.connect(self.session.name)
