"""The main screen's panes that wait for the first frame: the tabs (item, history) and the console.

The first frame holds only the header, the server list, the catalog and the footer. While the
selected server is still connecting, these panes wait: mounting them costs ~0.1 s of the one
CPU the SDK's import is using, and the catalog is what the user is waiting for. They are
mounted (at the places compose would have put them) once the catalog is on screen (or the
connection settled without one), when a user's action needs them (a pane key), or after
:data:`PANES_AT_THE_LATEST` seconds, whichever comes first; with nothing connecting, right
after the first frame. Work that needs them before then is queued by
:meth:`DeferredPanesMixin._with_panes`.
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
    from textual.timer import Timer

    from mcptui.ui.app import McpTuiApp


PANES_AT_THE_LATEST = 1.5


class DeferredPanesMixin:
    """Mount the tabs and the console after the first frame (needs ``app``, ``query_one``, ``mount``)."""

    app: McpTuiApp

    if TYPE_CHECKING:

        def query_one(self, *args: Any) -> Any: ...
        def mount(self, *args: Any, **kwargs: Any) -> AwaitComplete: ...
        def refresh_bindings(self) -> None: ...
        def _drain_console(self) -> None: ...
        def call_after_refresh(self, callback: Callable[[], Any]) -> bool: ...
        def set_timer(self, delay: float, callback: Callable[[], Any]) -> Timer: ...
        def update_layout(self) -> None: ...

    def init_deferred_panes(self) -> None:
        self.panes_ready = False
        self._panes_asked = False
        self._until_panes: list[Callable[[], Any]] = []

    def schedule_panes(self, *, connecting: bool) -> None:
        """At mount: the panes come after the first frame, or later if a connection is under way."""
        if connecting:
            self.set_timer(PANES_AT_THE_LATEST, self.ensure_panes)
        else:
            self.ensure_panes()

    def ensure_panes(self) -> None:
        """Mount the tabs and the console once what is being drawn now is on screen (once)."""
        if self._panes_asked:
            return
        self._panes_asked = True
        self.call_after_refresh(self._mount_panes)

    async def _mount_panes(self) -> None:
        """Mount the tabs and the console (same places as if composed)."""
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
        self.update_layout()
        self.refresh_bindings()

    def _with_panes(self, work: Callable[[], Any], *, mount: bool = True) -> bool:
        """Run ``work`` once the tabs and console are mounted; True when it could not run yet.

        ``mount``: ask for the panes now (what a user's action needs), rather than waiting.
        """
        if self.panes_ready:
            return False
        self._until_panes.append(work)
        if mount:
            self.ensure_panes()
        return True
