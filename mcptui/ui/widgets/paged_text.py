"""PagedText: all of a long text, loaded page by page in a thread and drawn with the line API.

"Show all" on a text of megabytes (a result kept in a spill file, or one too long to render as
one ``Static``) mounts this instead: a worker thread reads the pages (decoding a spilled
string's JSON escapes, :func:`mcptui.core.spill.read_pages`, or slicing a text in memory) and
hands each to the UI, which only appends rows and refreshes; a row is sanitized when drawn, and
only the visible rows are. Lines longer than :data:`FOLD` characters are folded into rows of
that width. The status line says how much has been read; :class:`PagedText.Finished` is posted
when all of it is in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rich.segment import Segment
from rich.text import Text
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from mcptui.core.sanitize import sanitize_line
from mcptui.ui.widgets.result_format import human_size

FOLD = 200  # characters per row: a longer line is folded
MEMORY_PAGE = 256_000  # characters of an in-memory text handed over at a time

PageSource = Callable[[], Iterable[str]]


def text_pages(text: str, size: int = MEMORY_PAGE) -> PageSource:
    """Pages of a text already in memory."""

    def pages() -> Iterator[str]:
        for at in range(0, len(text), size):
            yield text[at : at + size]

    return pages


class PagedRows(Widget):
    """The rows read so far; only the visible ones are drawn."""

    DEFAULT_CSS = "PagedRows { height: auto; }"

    def __init__(self) -> None:
        super().__init__(classes="paged-rows")
        self.rows: list[str] = []
        self._open = False  # the last row continues in the next page

    def add(self, page: str) -> None:
        lines = page.split("\n")
        if self._open and self.rows:
            head = self.rows.pop() + lines[0]
            lines[0] = head
        for line in lines:
            if len(line) <= FOLD:
                self.rows.append(line)
            else:
                self.rows.extend(line[at : at + FOLD] for at in range(0, len(line), FOLD))
        self._open = True
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y >= len(self.rows):
            return Strip.blank(width)
        line = sanitize_line(self.rows[y][:width])  # control characters made visible
        return Strip([Segment(line)]).adjust_cell_length(width)


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
            for page in self.pages():
                if worker.is_cancelled:
                    return
                self.app.call_from_thread(self._add, page)
        except (OSError, ValueError) as error:  # the spill file went away, or is not what it was
            self.app.call_from_thread(self._fail, str(error))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finish)

    def _add(self, page: str) -> None:
        self.read += len(page)
        self.pages_read += 1
        self.body.add(page)
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
        rows = len(self.body.rows)
        if self.done:
            return Text(f"all of it: {rows:,} rows, {human_size(self.read)}")
        return Text(
            f"reading… {rows:,} rows so far, {human_size(self.read)} of about {human_size(self.total)}"
        )
