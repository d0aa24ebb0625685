"""The main screen: servers and catalog on the left, the item and history in the middle,
the console at the bottom. It is the one place that reacts across sibling widgets
(attributes down, messages up): widgets post messages, this screen routes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Input, Static, TabbedContent

from mcptui.core import speed
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
from mcptui.ui.catalog_marks import changes_line, item_marks
from mcptui.ui.safe_text import safe_text
from mcptui.ui.screens.main_calls import CallsController
from mcptui.ui.screens.main_layout import LayoutPolicy
from mcptui.ui.screens.main_panes import DeferredPanes, needs_panes
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
from mcptui.ui.widgets.console import Console, ConsoleView
from mcptui.ui.widgets.detail_pane import DetailPane
from mcptui.ui.widgets.filter_input import FilterInput
from mcptui.ui.widgets.history import HistoryPane
from mcptui.ui.widgets.key_footer import KeyFooter
from mcptui.ui.widgets.server_list import ServerList
from mcptui.ui.widgets.tasks_pane import TasksPane

if TYPE_CHECKING:
    from mcptui.ui.app import McpTuiApp


CONSOLE_SLICE = 1_000  # events drawn per message: a flood never holds the loop for long
CONSOLE_FRAME = 1 / 30  # seconds between console drains while events arrive


class MainScreen(Screen[None]):
    """Browse servers, call their tools, watch the wire."""

    app: McpTuiApp  # type: ignore[assignment]
    AUTO_FOCUS = "#catalog"

    BINDINGS = [
        Binding(
            "s", "focus_pane('servers')", "Servers", id="focus-servers", tooltip="Jump to the server list"
        ),
        Binding(
            "t", "focus_pane('catalog')", "Catalog", id="focus-catalog", tooltip="Jump to the catalog tree"
        ),
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
        Binding(
            "h", "focus_pane('history')", "History", id="focus-history", tooltip="Jump to the call history"
        ),
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

    # the selected server's latest snapshot, as drawn: the one piece of core state this screen holds
    shown: reactive[ServerSnapshot | None] = reactive(None, always_update=True, init=False, repaint=False)

    def __init__(self) -> None:
        super().__init__(id="main")
        self.selected: str | None = None
        self._shown_catalog: Any = None  # the catalog object the tree draws
        self.calls = CallsController(self)  # sends calls, shows each result for its own item
        self.layout_policy = LayoutPolicy(self)  # sidebar collapse, short screens, typing-aware keys
        self.panes = DeferredPanes(self)  # the tabs and console, mounted after the first frame
        self._console_drain_due = False  # a console drain is scheduled (see _console_events_pending)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        with Horizontal(id="body"), Vertical(id="sidebar"):
            yield ServerList(id="servers")
            yield FilterInput(placeholder="/ filter catalog", id="catalog-filter", apply=self._filter_catalog)
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
            self._show_catalog(session)
            self._show_history(session)
            if self.panes.ready:  # the item (and its result) of another server goes
                self.calls.leave_server(name)
        self.shown = session

    def _show_catalog(self, session: ServerSnapshot) -> None:
        self._shown_catalog = session.catalog
        tree = self.query_one(CatalogTree)
        tree.marks = item_marks(session.catalog_changes)
        self.settle(session.catalog)  # (a first catalog after the panes: before its tree and form)
        tree.show_catalog(session.name, session.catalog)

    @needs_panes(mount=False)
    def _show_history(self, session: ServerSnapshot) -> None:
        if session.name != self.selected:
            return
        self.query_one(HistoryPane).show_records(self.app.manager.records(session.name))

    def _show_status(self, session: ServerSnapshot) -> None:
        status = self.query_one("#catalog-status", Static)
        catalog = session.catalog
        early_only = catalog is not None and catalog.prefetched and not catalog.stale and not session.error
        if session.state == ConnectionState.CONNECTING or (
            early_only and session.state == ConnectionState.DISCONNECTED  # the live one starts after it
        ):
            early = " (showing the catalog fetched at launch)" if catalog and catalog.prefetched else ""
            text = "◌ connecting…" + (
                early or (" (showing the cached catalog)" if catalog is not None else "")
            )
        elif catalog is not None and catalog.stale:
            text = f"⚠ stale catalog: {session.error or catalog.error or 'not connected'} · F7 retry"
        elif session.error:
            text = f"✖ {session.error} · F7 retry"
        else:
            text = changes_line(session.catalog_changes)
        status.update(safe_text(text))
        status.set_class(bool(text), "-visible")
        status.set_class(catalog is not None and catalog.stale or bool(session.error), "-problem")

    # ----------------------------------------------------------------- the session manager
    @on(msg.ConsoleEventsPending)
    def _console_events_pending(self) -> None:
        """Drain once per console frame: events arriving one by one are drawn as one batch."""
        if not self._console_drain_due:
            self._console_drain_due = True
            self.set_timer(CONSOLE_FRAME, self._drain_console)

    def _drain_console(self) -> None:
        """Draw the next slice of waiting events; nothing once the console is being torn down
        (a quit right after a flood: this timer may fire after its widgets are unmounted)."""
        self._console_drain_due = False
        if not self.panes.ready or not self.is_attached:
            return  # drained once the console is mounted; never once the app is quitting
        consoles = self.query(Console)
        console = consoles.first() if consoles else None
        if console is None or not console.ready:
            return  # torn down: the events stay in the router, never drawn
        router = self.app.router
        console.add_events(router.drain(CONSOLE_SLICE), dropped=router.take_dropped())

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
        self.query_one(TasksPane).task_changed(event)

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
        if snapshot.catalog is not self._shown_catalog:
            self._show_catalog(snapshot)
        else:
            self.query_one(CatalogTree).set_marks(item_marks(snapshot.catalog_changes))
        self._show_status(snapshot)
        settled = snapshot.state not in (ConnectionState.DISCONNECTED, ConnectionState.CONNECTING)
        if settled and snapshot.catalog is None:
            self.panes.ensure()  # settled with no catalog to draw (with one: on_catalog_tree_painted)

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

    def _filter_catalog(self, text: str) -> None:
        self.query_one(CatalogTree).set_filter(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "catalog-filter":
            tree = self.query_one(CatalogTree)
            first = tree.first_match()
            if first is not None:
                tree.select_item(first)
            tree.focus()

    @needs_panes(mount=False)  # the cursor lands on the first item as a catalog arrives: tree first
    def on_catalog_tree_item_highlighted(self, message: CatalogTree.ItemHighlighted) -> None:
        self.show_item(message.item)
        self.query_one(TabbedContent).active = "tab-item"

    def on_catalog_tree_painted(self) -> None:
        self.panes.ensure()  # no gc.freeze here: it pinned replaced widgets (mcptui.core.speed)

    @needs_panes()
    def on_catalog_tree_item_chosen(self, message: CatalogTree.ItemChosen) -> None:
        self.show_item(message.item)
        self.query_one(TabbedContent).active = "tab-item"
        if message.item.kind == "resource":  # nothing to fill in: read it
            self.start_call("resource", message.item.key, {})
        else:
            self.query_one(DetailPane).focus_form()

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
            self.query_one(DetailPane).focus_form()
            return
        if pane == "history":
            self.query_one(TabbedContent).active = "tab-history"
            self.query_one(HistoryPane).focus()
            return
        if pane == "console":
            self.query_one(Console).display = True
            self.set_focus(self.query_one(ConsoleView))
            return
        if pane == "result":
            self.query_one(TabbedContent).active = "tab-item"
            result = self.query_one(DetailPane).result_view
            if result.focusable:
                result.focus()
            else:
                result.scroll_visible()

    @needs_panes()
    def action_toggle_console(self) -> None:
        console = self.query_one(Console)
        console.display = not console.display

    def action_goto(self) -> None:
        self.app.open_goto_palette()

    def goto_item(self, item: CatalogItem) -> None:
        """Select ``item``'s server, show it in the tree and the detail pane."""
        self.select_server(item.server)
        self.query_one(ServerList).refresh_sessions(list(self.sessions.values()), item.server)
        tree = self.query_one(CatalogTree)
        tree.select_item(item)
        box = self.query_one("#catalog-filter", FilterInput)
        if box.value != tree.filter_text:  # the tree dropped a filter hiding the item: so does the box
            box.value = tree.filter_text
            tree.select_item(item)
        self.show_item(item)
        tree.focus()

    @needs_panes()
    def action_send(self) -> None:
        self.query_one(DetailPane).request_send()

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
        self.query_one(DetailPane).toggle_description()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resync":  # shown greyed out while not connected
            return True if self.session is not None and self.session.connected else None
        if action == "leave_field":  # Esc: cancels a running call first (cancel_call)
            return self.layout_policy.typing and not self._call_running()
        if action not in ("cancel_call", "send", "toggle_description"):
            return self.layout_policy.letter_key_allowed(action)
        details = self.query(DetailPane)
        if not details:
            return False
        if action == "cancel_call":
            return self._call_running()
        if action == "toggle_description":
            return details.first().foldable and not self.layout_policy.typing
        return details.first().item is not None

    def _call_running(self) -> bool:
        details = self.query(DetailPane)
        return bool(details) and details.first().running_call is not None

    def action_resync(self) -> None:
        if self.session is not None:
            self.app.resync(self.session.name)

    def action_reconnect(self) -> None:
        if self.session is not None:
            self.app.connect(self.session.name)
