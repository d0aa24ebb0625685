"""The main screen's panes that wait for the first frame: the tabs (item, history, tasks) and the console.

The first frame holds only the header, the server list, the catalog and the footer. While the
selected server is still connecting, these panes wait: mounting them costs ~0.1 s of the one
CPU the SDK's import is using, and the catalog is what the user is waiting for. They are
mounted (at the places compose would have put them) once the catalog is on screen (or the
connection settled without one), when a user's action needs them (a pane key), or after
:data:`PANES_AT_THE_LATEST` seconds, whichever comes first; with nothing connecting, right
after the first frame. A screen method that needs them is marked :func:`needs_panes`: called
before then, it is queued (and runs once they are mounted), so no call site checks for them;
called once the screen is torn down (the app quitting, its widgets unmounting), it does nothing.

Their widgets' modules are imported with them, not with the screen (:func:`pane_widgets`): the
first frame does not pay for the form, the result view, the history, collections, tasks and
console code (``import mcptui.ui.app``: 1,195 M -> 1,110 M instructions; ``mcptui.core.speed``).

At the latest after 3 s (was 1.5): a 50,000-tool catalog comes 1.2-1.6 s after connecting (load
2.4-2.7), and panes mounted meanwhile held it: connect to catalog received, headless, median
1.59 s (1.22-2.13) with them at 1.5 s against 1.20 s (1.13-1.44) with them after it (4 runs
each, interleaved; ``bench/tui_bench.py --section 4``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, NamedTuple, ParamSpec, TypeVar

from textual.containers import Horizontal
from textual.widgets import Footer, TabbedContent, TabPane

from mcptui.core import speed

if TYPE_CHECKING:
    from mcptui.ui.screens.main_screen import MainScreen
    from mcptui.ui.widgets.collections_pane import CollectionsPane
    from mcptui.ui.widgets.console import Console, ConsoleView
    from mcptui.ui.widgets.detail_pane import DetailPane
    from mcptui.ui.widgets.history import HistoryPane
    from mcptui.ui.widgets.tasks_pane import TasksPane


PANES_AT_THE_LATEST = 3.0
DEFERRED_MODULES = (  # imported by pane_widgets(), never before the panes are mounted
    "mcptui.ui.widgets.collections_pane",
    "mcptui.ui.widgets.console",
    "mcptui.ui.widgets.detail_pane",
    "mcptui.ui.widgets.history",
    "mcptui.ui.widgets.tasks_pane",
)


class PaneWidgets(NamedTuple):
    """The deferred panes' widget classes (their modules imported on first use)."""

    CollectionsPane: type[CollectionsPane]
    Console: type[Console]
    ConsoleView: type[ConsoleView]
    DetailPane: type[DetailPane]
    HistoryPane: type[HistoryPane]
    TasksPane: type[TasksPane]


@functools.cache
def pane_widgets() -> PaneWidgets:
    """The deferred panes' widget classes: imported here, as the panes are mounted (or a screen
    method that needs them runs), not with the main screen."""
    from mcptui.ui.widgets.collections_pane import CollectionsPane
    from mcptui.ui.widgets.console import Console, ConsoleView
    from mcptui.ui.widgets.detail_pane import DetailPane
    from mcptui.ui.widgets.history import HistoryPane
    from mcptui.ui.widgets.tasks_pane import TasksPane

    return PaneWidgets(CollectionsPane, Console, ConsoleView, DetailPane, HistoryPane, TasksPane)


P = ParamSpec("P")
S = TypeVar("S", bound="MainScreen")


def needs_panes(
    *, mount: bool = True
) -> Callable[[Callable[Concatenate[S, P], None]], Callable[Concatenate[S, P], None]]:
    """Mark a main-screen method that needs the tabs or the console.

    Called before they are mounted, the call is queued and runs once they are; ``mount`` asks for
    them now (what a user's action needs) rather than when the catalog is drawn.
    """

    def mark(method: Callable[Concatenate[S, P], None]) -> Callable[Concatenate[S, P], None]:
        @functools.wraps(method)
        def run(screen: S, *args: P.args, **kwargs: P.kwargs) -> None:
            if screen.panes.ready and not screen.is_attached:
                return  # torn down (the app is quitting): the panes' widgets are going, none is drawn
            if not screen.panes.later(lambda: method(screen, *args, **kwargs), mount=mount):
                method(screen, *args, **kwargs)

        return run

    return mark


class DeferredPanes:
    """Mounts the tabs and the console of the main screen it holds after the first frame."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.ready = False
        self._asked = False
        self._waiting: list[Callable[[], Any]] = []

    def schedule(self, *, connecting: bool) -> None:
        """At mount: the panes come after the first frame, or later if a connection is under way."""
        if connecting:
            self.screen.set_timer(PANES_AT_THE_LATEST, self.ensure)
        else:
            self.ensure()

    def ensure(self) -> None:
        """Mount the tabs and the console once what is being drawn now is on screen (once)."""
        if self._asked:
            return
        self._asked = True
        self.screen.call_after_refresh(self._mount)

    async def _mount(self) -> None:
        """Mount the tabs and the console (same places as if composed)."""
        screen = self.screen
        show_times = screen.app.show_times
        CollectionsPane, Console, _, DetailPane, HistoryPane, TasksPane = pane_widgets()  # noqa: N806
        tabs = TabbedContent(id="main-tabs", initial="tab-item")
        # what ``with TabbedContent(): with TabPane(...)`` does in compose
        tabs.compose_add_child(TabPane("Item", DetailPane(id="detail", timings=show_times), id="tab-item"))
        tabs.compose_add_child(
            TabPane("History", HistoryPane(id="history", show_time=show_times), id="tab-history")
        )
        tabs.compose_add_child(
            TabPane("Collections", CollectionsPane(id="collections"), id="tab-collections")
        )
        tabs.compose_add_child(TabPane("Tasks", TasksPane(id="tasks"), id="tab-tasks"))
        await screen.query_one("#body", Horizontal).mount(tabs)
        await screen.mount(Console(id="console", timings=show_times), before=screen.query_one(Footer))
        if not screen.is_attached or not screen.query("#console"):
            speed.resume_collector()
            return  # the app quit while they mounted: its widgets are going, nothing to draw
        self.ready = True
        screen.settle()  # a catalog drawn before the panes: frozen before the waiting work builds a form
        # `mcptui` paused the collector while the UI imported: it runs again now that the first
        # screen is complete, not between the first frame and the catalog (mcptui.core.speed)
        speed.resume_collector()
        pending, self._waiting = self._waiting, []
        for work in pending:
            work()
        screen.panes_mounted()

    def later(self, work: Callable[[], Any], *, mount: bool = True) -> bool:
        """Run ``work`` once the tabs and console are mounted; True when it could not run yet.

        ``mount``: ask for the panes now (what a user's action needs), rather than waiting.
        """
        if self.ready:
            return False
        self._waiting.append(work)
        if mount:
            self.ensure()
        return True
