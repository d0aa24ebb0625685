"""The main screen's console drain: core events waiting in the router, drawn a frame at a time.

:class:`ConsoleDrain` is the part of :class:`~mcptui.ui.screens.main_screen.MainScreen` (held as
``console_drain``) that, told events are waiting, draws them once per :data:`CONSOLE_FRAME`, at
most :data:`CONSOLE_SLICE` per drain (a flood never holds the loop for long), with the count the
router dropped; nothing before the console is mounted, nor once it is torn down. The console's
module is not imported here before then (it comes with the deferred panes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mcptui.ui.screens.main_screen import MainScreen

CONSOLE_SLICE = 1_000  # events drawn per message: a flood never holds the loop for long
CONSOLE_FRAME = 1 / 30  # seconds between console drains while events arrive


class ConsoleDrain:
    """Draws the console's waiting events, for the main screen it holds."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.due = False  # a drain is scheduled (see events_pending)

    def events_pending(self) -> None:
        """Drain once per console frame: events arriving one by one are drawn as one batch."""
        if not self.due:
            self.due = True
            self.screen.set_timer(CONSOLE_FRAME, self.drain)

    def drain(self) -> None:
        """Draw the next slice of waiting events; nothing once the console is being torn down
        (a quit right after a flood: this timer may fire after its widgets are unmounted)."""
        self.due = False
        screen = self.screen
        if not screen.panes.ready or not screen.is_attached:
            return  # drained once the console is mounted; never once the app is quitting
        from mcptui.ui.widgets.console import Console  # imported with the panes, not the screen

        consoles = screen.query(Console)
        console = consoles.first() if consoles else None
        if console is None or not console.ready:
            return  # torn down: the events stay in the router, never drawn
        router = screen.app.router
        console.add_events(router.drain(CONSOLE_SLICE), dropped=router.take_dropped())
