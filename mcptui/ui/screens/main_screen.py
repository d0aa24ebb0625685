"""The main screen: servers and catalog on the left, the item and history in the middle,
the console at the bottom. It is the one place that reacts across sibling widgets
(attributes down, messages up): widgets post messages, this screen routes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Static, TabbedContent

from mcptui.core.events import ConnectionState
from mcptui.ui import messages as msg
from mcptui.ui.safe_text import safe_text
from mcptui.ui.screens.main_calls import CallsMixin
from mcptui.ui.screens.main_layout import ResponsiveLayoutMixin
from mcptui.ui.screens.main_panes import DeferredPanesMixin
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
from mcptui.ui.widgets.console import Console, ConsoleView
from mcptui.ui.widgets.detail_pane import DetailPane
from mcptui.ui.widgets.filter_input import FilterInput
from mcptui.ui.widgets.history import HistoryPane
from mcptui.ui.widgets.key_footer import KeyFooter
from mcptui.ui.widgets.server_list import ServerList

if TYPE_CHECKING:
    from mcptui.ui.app import McpTuiApp
    from mcptui.ui.connection_worker import ServerSession


CONSOLE_SLICE = 1_000  # events drawn per message: a flood never holds the loop for long


class MainScreen(ResponsiveLayoutMixin, DeferredPanesMixin, CallsMixin, Screen[None]):
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

    def __init__(self) -> None:
        super().__init__(id="main")
        self.selected: str | None = None
        self._call_workers: dict[int, Any] = {}
        self._next_call = 0
        self.init_deferred_panes()

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
    def sessions(self) -> dict[str, ServerSession]:
        return self.app.sessions

    @property
    def session(self) -> ServerSession | None:
        return self.sessions.get(self.selected or "")

    def on_mount(self) -> None:
        self.refresh_servers()
        names = list(self.sessions)
        if names:
            self.select_server(names[0])
        self.query_one(CatalogTree).focus()
        self.schedule_panes(connecting=self.app.auto_connect and bool(names))
        self.update_layout()

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
            self.query_one(CatalogTree).show_catalog(name, session.catalog)
            self._show_history(session)
        self._show_status(session)

    def _show_history(self, session: ServerSession) -> None:
        if self._with_panes(lambda: self._show_history(session), mount=False):
            return
        if session.name != self.selected:
            return
        history = self.app.history
        history.load(session.name, session.config.cache_slug)
        self.query_one(HistoryPane).show_records(history.records(session.name))

    def _show_status(self, session: ServerSession) -> None:
        status = self.query_one("#catalog-status", Static)
        catalog = session.catalog
        if session.state == ConnectionState.CONNECTING:
            text = "◌ connecting…" + (" (showing the cached catalog)" if catalog is not None else "")
        elif catalog is not None and catalog.stale:
            text = f"⚠ stale catalog: {session.error or catalog.error or 'not connected'} · F7 retry"
        elif session.error:
            text = f"✖ {session.error} · F7 retry"
        else:
            text = ""
        status.update(safe_text(text))
        status.set_class(bool(text), "-visible")
        status.set_class(catalog is not None and catalog.stale or bool(session.error), "-problem")

    def _catalog_updated(self, session: ServerSession) -> None:
        self.refresh_servers()
        if session.name == self.selected:
            self.query_one(CatalogTree).show_catalog(session.name, session.catalog)
            self._show_status(session)

    # ----------------------------------------------------------------- core events
    @on(msg.ConsoleEventsPending)
    def _drain_console(self) -> None:
        if not self.panes_ready:
            return  # drained once the console is mounted
        self.query_one(Console).add_events(self.app.router.drain(CONSOLE_SLICE))

    @on(msg.ServerStateChanged)
    def _state_changed(self, message: msg.ServerStateChanged) -> None:
        event = message.event
        session = self.sessions.get(event.server)
        if session is None:
            return
        live = session.connection
        if (
            event.state == ConnectionState.CLOSED
            and live is not None
            and live.state != ConnectionState.CLOSED
        ):
            return  # the previous connection closing after a reconnect: not this one's state
        session.state = event.state
        session.state_detail = event.detail
        session.protocol_version = event.protocol_version or session.protocol_version
        session.transport = event.transport or session.transport
        connection = session.connection
        if (
            event.state == ConnectionState.CONNECTED
            and connection is not None
            and connection.catalog is not None
        ):
            session.catalog = connection.catalog
            session.error = None
            self._catalog_updated(session)
            self.refresh_bindings()
            return
        self.refresh_servers()
        self.refresh_bindings()
        if session.name == self.selected:
            self._show_status(session)
        if (
            event.state != ConnectionState.CONNECTING
            and event.server == self.selected
            and session.catalog is None
        ):
            self.ensure_panes()  # settled with no catalog to draw (with one: on_catalog_tree_painted)

    @on(msg.ServerListChanged)
    def _list_changed(self, message: msg.ServerListChanged) -> None:
        self.notify(f"{message.event.server}: {message.event.what} changed, reloading", timeout=2)

    @on(msg.ServerResourceUpdated)
    def _resource_updated(self, message: msg.ServerResourceUpdated) -> None:
        self.notify(f"{message.event.server}: resource updated {message.event.uri}", timeout=3)

    @on(msg.ServerAuthStep)
    def _auth_step(self, message: msg.ServerAuthStep) -> None:
        session = self.sessions.get(message.event.server)
        if session is not None:
            session.auth_state = f"{message.event.step} {message.event.status}"
            session.auth_steps.append(message.event)
            del session.auth_steps[:-200]
            self.refresh_servers()

    @on(msg.CatalogLoaded)
    def _catalog_loaded(self, message: msg.CatalogLoaded) -> None:
        session = self.sessions.get(message.server)
        if session is not None:
            session.catalog = message.catalog
            session.error = None if not message.catalog.stale else session.error
            self._catalog_updated(session)

    @on(msg.ConnectFailed)
    def _connect_failed(self, message: msg.ConnectFailed) -> None:
        session = self.sessions.get(message.server)
        if session is None:
            return
        session.error = message.message
        session.hint = message.hint
        if message.catalog is not None:
            session.catalog = message.catalog
        elif session.catalog is not None:
            session.catalog.stale = True
        self._catalog_updated(session)
        hint = f"\n{message.hint}" if message.hint else ""
        self.notify(f"{message.server}: {message.message}{hint}\nF7 to retry", severity="error", timeout=6)

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

    def on_catalog_tree_item_highlighted(self, message: CatalogTree.ItemHighlighted) -> None:
        # the cursor lands on the first item as a catalog arrives: the tree is drawn first
        if self._with_panes(lambda: self.on_catalog_tree_item_highlighted(message), mount=False):
            return
        self.show_item(message.item)
        self.query_one(TabbedContent).active = "tab-item"

    def on_catalog_tree_painted(self) -> None:
        self.ensure_panes()  # no gc.freeze here: it pinned replaced widgets (mcptui.core.speed)

    def on_catalog_tree_item_chosen(self, message: CatalogTree.ItemChosen) -> None:
        if self._with_panes(lambda: self.on_catalog_tree_item_chosen(message)):
            return
        self.show_item(message.item)
        self.query_one(TabbedContent).active = "tab-item"
        if message.item.kind == "resource":  # nothing to fill in: read it
            self.start_call("resource", message.item.key, {})
        else:
            self.query_one(DetailPane).focus_form()

    def on_console_level_changed(self, message: Console.LevelChanged) -> None:
        """Ask every connected server to send log messages at this level and above."""
        for session in self.sessions.values():
            if session.connected:
                self.app.run_worker(
                    session.connection.set_log_level(message.level),
                    group=f"log-level:{session.name}",
                    exclusive=True,
                    exit_on_error=False,
                    description=f"set the log level of {session.name}",
                )

    def toggle_subscription(self, uri: str) -> None:
        """Subscribe to (or unsubscribe from) updates of a resource on the selected server."""
        session = self.session
        if session is None or not session.connected:
            return
        subscribed = uri in session.subscriptions
        operation = session.connection.unsubscribe if subscribed else session.connection.subscribe
        (session.subscriptions.discard if subscribed else session.subscriptions.add)(uri)
        self.app.run_worker(operation(uri), group=f"subscribe:{session.name}", exit_on_error=False)
        self.notify(f"{'unsubscribed from' if subscribed else 'subscribed to'} {uri}", timeout=3)

    def on_console_view_open_entry(self, message: ConsoleView.OpenEntry) -> None:
        from mcptui.ui.event_format import full_text
        from mcptui.ui.screens.dialogs import TextModal

        entry = message.entry
        self.app.push_screen(TextModal(f"{entry.kind} · {entry.event.server}", full_text(entry.event)))

    # ----------------------------------------------------------------- actions
    def action_focus_pane(self, pane: str) -> None:
        if pane in ("form", "history", "console", "result") and self._with_panes(
            lambda: self.action_focus_pane(pane)
        ):
            return
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
            return
        target = {"servers": ServerList, "catalog": CatalogTree}.get(pane)
        widget = self.query_one(target) if target else self.query_one(f"#{pane}")
        # focus now, not after the queued events: keys typed right after "/" land in the filter
        self.set_focus(widget)

    def action_toggle_console(self) -> None:
        if self._with_panes(self.action_toggle_console):
            return
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
        if not self._with_panes(lambda: self.show_item(item)):
            self.show_item(item)
        tree.focus()

    def action_send(self) -> None:
        if self._with_panes(self.action_send):
            return
        self.query_one(DetailPane).request_send()

    def action_cancel_call(self) -> None:
        """Esc: cancel the running call (and leave a text field, if in one)."""
        if self._with_panes(self.action_cancel_call):
            return
        detail = self.query_one(DetailPane)
        worker = self._call_workers.pop(detail.running_call, None) if detail.running_call else None
        if worker is not None:
            worker.cancel()
        self.leave_field()

    def action_leave_field(self) -> None:
        """Esc in a text field: back to its pane, where the pane keys work."""
        self.leave_field()

    def action_toggle_description(self) -> None:
        if self._with_panes(self.action_toggle_description):
            return
        self.query_one(DetailPane).toggle_description()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resync":  # shown greyed out while not connected
            return True if self.session is not None and self.session.connected else None
        if action == "leave_field":  # Esc: cancels a running call first (cancel_call)
            return self.typing and not self._call_running()
        if action not in ("cancel_call", "send", "toggle_description"):
            return self.letter_key_allowed(action)
        details = self.query(DetailPane)
        if not details:
            return False
        if action == "cancel_call":
            return self._call_running()
        if action == "toggle_description":
            return details.first().foldable and not self.typing
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
