"""The main screen's panes that wait for the first frame: the tabs (item, history) and the console.

The first frame holds only the header, the server list, the catalog and the footer; these panes
are mounted right after it, at the places compose would have put them. Work that needs them
before then (a highlighted item, the history of the selected server, a pane key) is queued by
:meth:`DeferredPanesMixin._with_panes` and runs once they are mounted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.containers import Horizontal
from textual.widgets import Footer, TabbedContent, TabPane

from mcptui.ui.widgets.console import Console
from mcptui.ui.widgets.detail_pane import DetailPane
from mcptui.ui.widgets.history import HistoryPane

if TYPE_CHECKING:
    from textual.await_complete import AwaitComplete

    from mcptui.ui.app import McpTuiApp


class DeferredPanesMixin:
    """Mount the tabs and the console after the first frame (needs ``app``, ``query_one``, ``mount``)."""

    app: McpTuiApp

    if TYPE_CHECKING:

        def query_one(self, *args: Any) -> Any: ...
        def mount(self, *args: Any, **kwargs: Any) -> AwaitComplete: ...
        def refresh_bindings(self) -> None: ...
        def _drain_console(self) -> None: ...

    def init_deferred_panes(self) -> None:
        self.panes_ready = False
        self._until_panes: list[Callable[[], Any]] = []

    async def _mount_panes(self) -> None:
        """Mount the tabs and the console (same places as if composed): after the first frame."""
        show_times = self.app.show_times
        tabs = TabbedContent(id="main-tabs", initial="tab-item")
        # what ``with TabbedContent(): with TabPane(...)`` does in compose
        tabs.compose_add_child(TabPane("Item", DetailPane(id="detail", timings=show_times), id="tab-item"))
        tabs.compose_add_child(
            TabPane("History", HistoryPane(id="history", show_time=show_times), id="tab-history")
        )
        await self.query_one("#body", Horizontal).mount(tabs)
        await self.mount(Console(id="console", timings=show_times), before=self.query_one(Footer))
        self.panes_ready = True
        pending, self._until_panes = self._until_panes, []
        for work in pending:
            work()
        self._drain_console()
        self.refresh_bindings()

    def _with_panes(self, work: Callable[[], Any]) -> bool:
        """Run ``work`` once the tabs and console are mounted; True when it could not run yet."""
        if self.panes_ready:
            return False
        self._until_panes.append(work)
        return True
