"""TextRows: a text drawn with Textual's line API, only the rows on screen (a result's body).

A ``Static`` holding a result's cut view (300 lines, ~30 KB) converts, wraps and renders all
of it to strips on the event loop at every mount and resize, visible or not: ~40–60 ms on a
loaded 2-core machine for each layout and again for each paint. This widget keeps the text as
lines (sanitized once: control characters made visible, tabs expanded; never markup), and
at a given width only counts rows (a line longer than the width is folded into rows of that
many cells). A row is styled (JSON highlighting, one line at a time: a JSON token never spans
lines) and turned into a strip only when Textual asks for it, i.e. when it is on screen.
Mouse selection works (rows are the lines of the selected text).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.cells import cell_len, chop_cells
from rich.highlighter import Highlighter, JSONHighlighter
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from mcptui.core.sanitize import sanitize_body

TAB_SIZE = 8


def text_lines(text: str) -> list[str]:
    """``text`` as inert lines: control characters made visible, tabs expanded."""
    return [line.expandtabs(TAB_SIZE) if "\t" in line else line for line in sanitize_body(text).split("\n")]


def fold(line: str, width: int) -> list[str]:
    """``line`` cut into rows of at most ``width`` cells (an empty line is one empty row)."""
    if width <= 0:
        return [line]
    if line.isascii():
        return [line[at : at + width] for at in range(0, len(line), width)] or [""]
    return chop_cells(line, width) or [""]


def row_count(line: str, width: int) -> int:
    """How many rows :func:`fold` makes of ``line`` (no strings built for an ASCII line)."""
    if width <= 0:
        return 1
    if line.isascii():
        return max(1, -(-len(line) // width))
    if cell_len(line) <= width:
        return 1
    return len(chop_cells(line, width))


class TextRows(Widget):
    """Lines of text folded to the widget's width; only the visible rows are built and drawn."""

    DEFAULT_CSS = "TextRows { height: auto; }"

    def __init__(self, text: str, *, highlight_json: bool = False, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.lines = text_lines(text)
        self.highlighter: Highlighter | None = JSONHighlighter() if highlight_json else None
        self._width = -1  # the width the row index below was built for
        self._starts: list[int] = [0]  # first row of each line, then the total
        self._rows: LRUCache[int, list[Strip]] = LRUCache(256)  # a line's rows as strips

    @property
    def plain(self) -> str:
        """The text shown (sanitized), line by line."""
        return "\n".join(self.lines)

    @property
    def rows_built(self) -> int:
        """Lines turned into strips so far at this width (the rest were never styled)."""
        return len(self._rows)

    @property
    def row_total(self) -> int:
        """Rows at the current width."""
        return self._index(self._width)[-1]

    def _index(self, width: int) -> list[int]:
        if width != self._width:
            self._width = width
            self._starts = list(accumulate((row_count(line, width) for line in self.lines), initial=0))
            self._rows.clear()
        return self._starts

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((cell_len(line) for line in self.lines), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._index(width)[-1]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()

    def selection_updated(self, selection: Selection | None) -> None:
        self._rows.clear()
        self.refresh()

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        self._index(self.size.width)
        rows = [row for line in self.lines for row in fold(line, self._width)]
        return selection.extract("\n".join(rows)), "\n"

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        starts = self._index(width)
        style = self.rich_style
        if not 0 <= y < starts[-1]:
            return Strip.blank(width, style)
        index = bisect_right(starts, y) - 1
        strips = self._rows.get(index)
        if strips is None:
            strips = self._line_strips(index, starts, style)
            self._rows[index] = strips
        return strips[y - starts[index]].crop_extend(0, width, style)

    def _line_strips(self, index: int, starts: list[int], style: Style) -> list[Strip]:
        rows = fold(self.lines[index], self._width)
        text = Text(self.lines[index], style=style, no_wrap=True)
        if self.highlighter is not None:
            self.highlighter.highlight(text)
        pieces = text.divide(accumulate(len(row) for row in rows[:-1])) if len(rows) > 1 else [text]
        selection = self.text_selection
        selected = self.screen.get_component_rich_style("screen--selection") if selection else None
        console = self.app.console
        strips = []
        for row_y, piece in enumerate(pieces, start=starts[index]):
            if selection is not None and (span := selection.get_span(row_y)) is not None:
                start, end = span
                piece.stylize(selected or Style(), start, len(piece) if end == -1 else end)
            strip = Strip(piece.render(console), cell_len(piece.plain))
            strips.append(strip.apply_offsets(0, row_y))
        return strips
