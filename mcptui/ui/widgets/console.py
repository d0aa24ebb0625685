"""The console: every core event (JSON-RPC, HTTP, server logs, stderr, auth, notices).

Built to survive floods. Events arrive in batches (the router's buffer, drained once per
console frame after :class:`~mcptui.ui.messages.ConsoleEventsPending`), are kept in a bounded
deque (the bar says how many were dropped), and are drawn with Textual's line API: only the
visible rows are rendered, whatever the backlog; a row's line is redacted and sanitized when
first drawn or searched, not when received; a batch costs a repaint, not a layout. Filtering
by text, kind and level rebuilds the visible list from the deque. Follow mode sticks to the
bottom; moving the cursor pauses it. Enter opens the highlighted event in full.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Label, Select

from mcptui.core.events import Event
from mcptui.core.redact import redact_text
from mcptui.core.sanitize import sanitize_line
from mcptui.ui.event_format import (
    KINDS,
    LOG_LEVELS,
    clock,
    event_level,
    has_level,
    level_rank,
    summarize,
)
from mcptui.ui.widgets.filter_input import FilterInput

KEEP = 20_000
SCROLL_SYNC = 0.25  # seconds: how often the scroll offset follows new events (see _sync_scroll)

KIND_STYLES = {
    "rpc": "cyan",
    "http": "magenta",
    "log": "green",
    "stderr": "yellow",
    "auth": "blue",
    "state": "bold",
    "notice": "italic",
}
LEVEL_STYLES = {
    "warning": "yellow",
    "error": "red",
    "critical": "bold red",
    "alert": "bold red",
    "emergency": "bold red",
}


class ConsoleEntry:
    """One event; its summary line (redacted, sanitized) is made only when first needed.

    A flood keeps thousands of entries that are never drawn nor searched: receiving one costs
    only its kind and level, not redaction and sanitizing.
    """

    __slots__ = ("_line", "event", "kind", "level", "levelled", "timings")

    def __init__(self, event: Event, *, timings: bool = True) -> None:
        self.event = event
        self.kind = event.kind
        self.level = event_level(event)
        self.levelled = has_level(event)  # the level selector applies (see event_format.has_level)
        self.timings = timings
        self._line: str | None = None

    @property
    def line(self) -> str:
        if self._line is None:
            event = self.event
            server = f"{event.server} " if event.server else ""
            stamp = f"{clock(event.at)} " if self.timings else ""
            summary = summarize(event, timings=self.timings)
            self._line = sanitize_line(redact_text(f"{stamp}{event.kind:<6} {server}{summary}"))
        return self._line

    @property
    def search(self) -> str:
        return self.line.lower()


def make_entry(event: Event, *, timings: bool = True) -> ConsoleEntry:
    return ConsoleEntry(event, timings=timings)


class ConsoleView(ScrollView, can_focus=True):
    """The scrolling event list (line API: cost follows the screen height, not the backlog)."""

    COMPONENT_CLASSES = {"console-view--cursor"}

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="console-up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="console-down"),
        Binding("pageup", "cursor(-20)", show=False),
        Binding("pagedown", "cursor(20)", show=False),
        Binding("home", "cursor_to(0)", show=False),
        Binding("end", "cursor_to(-1)", show=False),
        Binding(
            "enter", "open_entry", "Open", id="console-open", tooltip="Show the highlighted event in full"
        ),
        Binding("f", "toggle_follow", "Follow", id="console-follow", tooltip="Follow new events / pause"),
        Binding("x", "clear", "Clear", id="console-clear", tooltip="Clear the console"),
    ]

    follow: reactive[bool] = reactive(True, bindings=True)
    cursor: reactive[int] = reactive(-1, repaint=True)

    @dataclass
    class OpenEntry(Message):
        entry: ConsoleEntry

    @dataclass
    class FollowChanged(Message):
        follow: bool

    @dataclass
    class Counted(Message):
        """How many entries are kept, and how many older ones were dropped to stay bounded."""

        kept: int
        dropped: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ConsoleView.Counted)

    def __init__(self, *, id: str | None = None, keep: int = KEEP, timings: bool = True) -> None:  # noqa: A002
        super().__init__(id=id)
        self.timings = timings
        self.entries: deque[ConsoleEntry] = deque(maxlen=keep)
        self.rows: deque[ConsoleEntry] = deque(maxlen=keep)
        self.text_filter = ""
        self.kind_filter: str | None = None
        self.min_level = "debug"
        self.dropped = 0  # entries pushed out of the bounded list (shown in the console bar)
        self._width = 80
        self._scroll_sync: Timer | None = None

    # ----------------------------------------------------------------- data
    def matches(self, entry: ConsoleEntry) -> bool:
        if self.kind_filter and entry.kind != self.kind_filter:
            return False
        if (
            self.min_level != "debug"
            and entry.levelled
            and level_rank(entry.level) < level_rank(self.min_level)
        ):
            return False
        return not self.text_filter or self.text_filter in entry.search

    def add_events(self, events: list[Event], *, dropped: int = 0) -> None:
        """Append a batch (one repaint for the whole batch; no line is formatted until drawn).

        ``dropped``: events lost upstream (the router's buffer overflowed), counted as dropped too.
        """
        entries = self.entries
        self.dropped += dropped + max(0, len(entries) + len(events) - (entries.maxlen or 0))
        batch = [ConsoleEntry(event, timings=self.timings) for event in events[-(entries.maxlen or 1) :]]
        entries.extend(batch)
        if self.kind_filter or self.text_filter or self.min_level != "debug":
            self.rows.extend(e for e in batch if self.matches(e))
        else:
            self.rows.extend(batch)
        self._update_size()
        self.post_message(self.Counted(len(entries), self.dropped))

    def set_filters(
        self, *, text: str | None = None, kind: str | None | bool = False, level: str | None = None
    ) -> None:
        if text is not None:
            self.text_filter = text.strip().lower()
        if kind is not False:
            self.kind_filter = kind or None  # type: ignore[assignment]
        if level is not None:
            self.min_level = level
        self.rows = deque((e for e in self.entries if self.matches(e)), maxlen=self.entries.maxlen)
        self.cursor = min(self.cursor, len(self.rows) - 1)
        self._update_size()

    def _update_size(self) -> None:
        """Resize the scrollable area; a layout pass only when a scrollbar appears or goes.

        ``virtual_size`` is a layout reactive: setting it re-lays the whole screen, which is
        what made a flood slow. A new height inside a scrolling list only moves the scrollbar.
        """
        size = Size(self._width, len(self.rows))
        old = self.virtual_size
        if size != old:
            height = self.scrollable_content_region.height or self.size.height
            if size.width != old.width or (old.height > height) != (size.height > height):
                self.virtual_size = size
            else:
                self.set_reactive(ScrollView.virtual_size, size)
                self._scroll_update(size)
        if self.follow and self._scroll_sync is None:
            self._scroll_sync = self.set_timer(SCROLL_SYNC, self._sync_scroll)
        self.refresh()

    def _sync_scroll(self) -> None:
        """Following draws the newest rows whatever the scroll offset (scrolling re-lays the
        screen: once per batch was a flood's cost); the offset and scrollbar catch up here."""
        self._scroll_sync = None
        if self.follow:
            self.scroll_to(y=self._follow_top(), animate=False, immediate=True)

    @property
    def current(self) -> ConsoleEntry | None:
        if not self.rows:
            return None
        index = self.cursor if 0 <= self.cursor < len(self.rows) else len(self.rows) - 1
        return self.rows[index]

    # ----------------------------------------------------------------- drawing
    def _follow_top(self) -> int:
        return max(0, len(self.rows) - (self.scrollable_content_region.height or self.size.height))

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = (self._follow_top() if self.follow else scroll_y) + y
        width = self.size.width
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        entry = self.rows[index]
        line = entry.line
        if len(line) > self._width:  # a line wider than any drawn so far: widen (after this frame)
            self._width = len(line)
            self.call_after_refresh(self._update_size)
        base = self.rich_style
        style = base + Style.parse(LEVEL_STYLES.get(entry.level) or KIND_STYLES.get(entry.kind, "") or "none")
        if index == self.cursor and self.has_focus:
            style += self.get_component_rich_style("console-view--cursor")
        strip = Strip([Segment(line, style)]).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, style)

    # ----------------------------------------------------------------- actions
    def watch_follow(self, follow: bool) -> None:
        if follow:
            self.cursor = -1
            self.scroll_end(animate=False)
        else:  # pausing: the list stays where following had drawn it
            self.scroll_to(y=self._follow_top(), animate=False, immediate=True)
        self.post_message(self.FollowChanged(follow))

    def action_cursor(self, delta: int) -> None:
        if not self.rows:
            return
        start = self.cursor if self.cursor >= 0 else len(self.rows) - 1
        self.follow = False
        self.cursor = max(0, min(len(self.rows) - 1, start + delta))
        self.scroll_to_region_of(self.cursor)

    def action_cursor_to(self, index: int) -> None:
        if self.rows:
            self.action_cursor((index if index >= 0 else len(self.rows) - 1) - max(self.cursor, 0))

    def scroll_to_region_of(self, index: int) -> None:
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False)

    def action_toggle_follow(self) -> None:
        self.follow = not self.follow

    def action_clear(self) -> None:
        self.entries.clear()
        self.rows.clear()
        self.dropped = 0
        self.cursor = -1
        self._update_size()
        self.post_message(self.Counted(0, 0))

    def action_open_entry(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(self.OpenEntry(entry))


class ConsoleCount(Widget):
    """How many events the bounded console dropped (a repaint when it changes, never a layout)."""

    DEFAULT_CSS = "ConsoleCount { width: 18; height: 1; color: $warning; display: none; }"

    text: reactive[str] = reactive("")

    def render(self) -> str:
        return self.text


class Console(Vertical):
    """The console pane: filter bar above the event view."""

    HELP = """\
## Console

Every event of every server: JSON-RPC messages in (←) and out (→) with timings, HTTP
status lines, server log notifications, stdio stderr, auth steps, connection states and
notices. Filter by text, kind and minimum level with the bar above.

**j**/**k** or arrows move (and pause following), **Enter** opens the event in full,
**f** toggles follow/pause, **x** clears. It keeps the newest 20,000 events; the bar says how
many older ones were dropped.
"""

    def __init__(self, *, id: str | None = None, timings: bool = True) -> None:  # noqa: A002
        super().__init__(id=id)
        self.timings = timings

    def compose(self):  # type: ignore[no-untyped-def]
        with Horizontal(id="console-bar"):
            yield FilterInput(placeholder="filter console…", id="console-filter", apply=self._filter_text)
            yield Select([(k, k) for k in KINDS], prompt="all kinds", id="console-kind", allow_blank=True)
            yield Select(
                [(lvl, lvl) for lvl in LOG_LEVELS], value="debug", id="console-level", allow_blank=False
            )
            yield Label("following", id="console-follow-state")
            yield ConsoleCount(id="console-count")
        yield ConsoleView(id="console-view", timings=self.timings)

    @property
    def view(self) -> ConsoleView:
        return self.query_one(ConsoleView)

    @property
    def ready(self) -> bool:
        """Mounted with its view: events can be drawn (not while the screen is torn down)."""
        return self.is_attached and bool(self.query(ConsoleView))

    def add_events(self, events: list[Event], *, dropped: int = 0) -> None:
        self.view.add_events(events, dropped=dropped)

    def on_console_view_counted(self, event: ConsoleView.Counted) -> None:
        event.stop()
        counts = self.query(ConsoleCount)  # gone while the screen is torn down
        if not counts:
            return
        count = counts.first()
        count.text = f"{event.dropped:,} dropped" if event.dropped else ""
        if count.display != bool(event.dropped):  # shown once something was dropped (one layout)
            count.display = bool(event.dropped)

    def _filter_text(self, text: str) -> None:
        if self.is_mounted:
            self.view.set_filters(text=text)

    @dataclass
    class LevelChanged(Message):
        """The minimum level changed: servers can be asked to send only that much."""

        level: str

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "console-kind":
            self.view.set_filters(kind=None if event.value is Select.NULL else str(event.value))
        elif event.select.id == "console-level" and event.value is not Select.NULL:
            self.view.set_filters(level=str(event.value))
            self.post_message(self.LevelChanged(str(event.value)))

    def on_console_view_follow_changed(self, event: ConsoleView.FollowChanged) -> None:
        event.stop()
        self.query_one("#console-follow-state", Label).update("following" if event.follow else "paused")
