"""PagedText: all of a long text, loaded page by page in a thread and drawn with the line API.

"Show all" on a text of megabytes (a result kept in a spill file, or one too long to render as
one ``Static``) mounts this instead: a worker thread reads the pages (decoding a spilled
string's JSON escapes, :func:`mcptui.core.spill.read_pages`, or slicing a text in memory),
makes them inert lines as :class:`~mcptui.ui.widgets.text_rows.TextRows` does (control
characters made visible, tabs expanded) with each line's width, and hands them to the UI, which
only appends them and refreshes. The lines are folded at the widget's width like the cut view's
(:class:`PagedRows` is a ``TextRows``), only the visible rows are drawn; the row index at a
new width is rebuilt from the widths alone (C-level ``map``, ~30 ms for 500,000 lines). A line
over :data:`LONG_LINE` characters is handed over in pieces of that length (a row ends early at
each piece's end: nothing is cut), so that no line's rows, built together when it comes into
view, take long. The status line says how much has been read; :class:`PagedText.Finished` is
posted when all of it is in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, repeat
from operator import add, floordiv

from rich.cells import cell_len
from rich.text import Text
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from mcptui.ui.widgets.result_format import human_size
from mcptui.ui.widgets.text_rows import TextRows, row_count, text_lines

LONG_LINE = 20_000  # characters: a longer line comes in pieces this long (one: 345 rows at width 58, 16 ms)
MEMORY_PAGE = 256_000  # characters of an in-memory text handed over at a time

PageSource = Callable[[], Iterable[str]]


def text_pages(text: str, size: int = MEMORY_PAGE) -> PageSource:
    """Pages of a text already in memory."""

    def pages() -> Iterator[str]:
        for at in range(0, len(text), size):
            yield text[at : at + size]

    return pages


def _widths(lines: list[str]) -> list[int]:
    return [len(line) if line.isascii() else cell_len(line) for line in lines]


def _pieces(lines: list[str]) -> list[str]:
    """``lines`` with each line over :data:`LONG_LINE` characters in pieces of that length."""
    if max(map(len, lines), default=0) <= LONG_LINE:
        return lines
    return [line[at : at + LONG_LINE] for line in lines for at in range(0, len(line) or 1, LONG_LINE)]


def line_batches(pages: Iterable[str]) -> Iterator[tuple[list[str], list[int], int]]:
    """Per page of ``pages``: its whole inert lines, their widths in cells, and the page's length
    (in the worker thread). A line cut by a page's end is carried to the next page (up to
    :data:`LONG_LINE` characters of it); the text's last line comes in a last batch of its own.
    """
    carry = ""
    for page in pages:
        text = carry + page
        end = text.rfind("\n") + 1  # up to the last line break: a "\r\n" is never split
        if end:
            lines = text_lines(text[:end])
            lines.pop()  # the empty string after the last line break
        else:  # no line break yet: the whole pieces of a very long line
            end = len(text) - len(text) % LONG_LINE
            lines = text_lines(text[:end]) if end else []
        lines = _pieces(lines)
        carry = text[end:]
        yield lines, _widths(lines), len(page)
    last = _pieces(text_lines(carry))
    yield last, _widths(last), 0


class PagedRows(TextRows):
    """The lines read so far, folded at the width as the cut view folds them; only the visible
    rows are styled and drawn."""

    DEFAULT_CSS = "PagedRows { height: auto; }"

    def __init__(self) -> None:
        super().__init__("", classes="paged-rows")
        self.lines = []
        self._less: list[int] = []  # each line's width in cells less one (0 for an empty line)
        self._wide: list[int] = []  # the lines that are not ASCII: folded by their cells
        self._widest = 0

    def add(self, lines: list[str], cells: list[int]) -> None:
        """Append ``lines`` (inert: :func:`line_batches`), ``cells`` their widths."""
        first = len(self.lines)
        self.lines += lines
        self._less += [width - 1 if width else 0 for width in cells]
        self._wide += [first + at for at, line in enumerate(lines) if not line.isascii()]
        self._widest = max(self._widest, max(cells, default=0))
        if self._width >= 0:  # the index at this width grows by the new lines' rows
            counts = (row_count(line, self._width) for line in lines)
            self._starts += accumulate(counts, initial=self._starts.pop())  # from the old total
        self.refresh(layout=True)

    def _index(self, width: int) -> list[int]:
        if width == self._width:
            return self._starts
        self._width = width
        self._rows.clear()
        if width <= 0:
            self._starts = list(range(len(self.lines) + 1))
            return self._starts
        # rows per line: (cells - 1) // width + 1, at least 1, at C speed (~30 ms for 500,000)
        counts: Iterable[int] = map(add, map(floordiv, self._less, repeat(width)), repeat(1))
        if any(self._less[at] >= width for at in self._wide):  # a wide line folds by its cells
            counts = list(counts)
            for at in self._wide:
                if self._less[at] >= width:
                    counts[at] = row_count(self.lines[at], width)
        self._starts = list(accumulate(counts, initial=0))
        return self._starts

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self._widest


class PagedText(Vertical):
    """A long text, read page by page off the UI thread."""

    DEFAULT_CSS = "PagedText { height: auto; } PagedText .paged-status { color: $text-muted; }"

    class Finished(Message):
        """Every page is in."""

        def __init__(self, paged: PagedText) -> None:
            super().__init__()
            self.paged = paged

    def __init__(self, pages: PageSource, total: int) -> None:
        super().__init__(classes="paged-text")
        self.pages = pages
        self.total = total  # about the text's size in bytes, for the status line
        self.read = 0  # characters read so far
        self.pages_read = 0
        self.done = False
        self.failure: str | None = None
        self.body = PagedRows()
        self.status = Static(self._status(), classes="paged-status")

    def compose(self) -> Iterator[Widget]:
        yield self.body
        yield self.status

    def on_mount(self) -> None:
        self.run_worker(self._load, thread=True, group="paged-text", description="read a long text")

    def _load(self) -> None:
        worker = get_current_worker()
        try:
            for lines, cells, read in line_batches(self.pages()):
                if worker.is_cancelled:
                    return
                self.app.call_from_thread(self._add, lines, cells, read)
        except (OSError, ValueError) as error:  # the spill file went away, or is not what it was
            self.app.call_from_thread(self._fail, str(error))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finish)

    def _add(self, lines: list[str], cells: list[int], read: int) -> None:
        self.read += read
        self.pages_read += read > 0
        if lines:
            self.body.add(lines, cells)
        self.status.update(self._status())

    def _fail(self, why: str) -> None:
        from mcptui.core import spill

        self.failure = why
        said = why if why.startswith(spill.GONE) else f"could not read the rest: {why}"  # a file gone
        self.status.update(Text(said, style="red"))

    def _finish(self) -> None:
        self.done = True
        self.status.update(self._status())
        self.post_message(self.Finished(self))

    def _status(self) -> Text:
        lines = len(self.body.lines)
        if self.done:
            return Text(f"all of it: {lines:,} lines, {human_size(self.read)}")
        return Text(
            f"reading… {lines:,} lines so far, {human_size(self.read)} of about {human_size(self.total)}"
        )
