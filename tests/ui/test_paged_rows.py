"""PagedRows, the "show all" body read page by page: its lines folded at the width like the cut
view's (TextRows), nothing cut off the right; lines whole across page ends, inert."""

from __future__ import annotations

from textual.app import App, ComposeResult

from mcptui.ui.widgets.paged_text import LONG_LINE, PagedRows, PagedText, line_batches, text_pages
from mcptui.ui.widgets.result_format import SHOW_ALL_LIMIT
from mcptui.ui.widgets.result_view import ResultView
from mcptui.ui.widgets.text_rows import fold, row_count

from .conftest import wait_for
from .test_result_view import ResultHost
from .test_text_rows import screen_text

LONG = "".join(f"{i:04d}," for i in range(60))  # 300 characters, no spaces, every part distinct


async def test_after_show_all_a_long_line_is_folded_and_its_tail_is_on_screen() -> None:
    filler = "\n".join(f"{i:06d} " + "y" * 80 for i in range(SHOW_ALL_LIMIT // 80))
    text = f"{LONG}\n{filler}"
    app = ResultHost()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result({"content": [{"type": "text", "text": text}]})
        await pilot.pause()
        view.focus()
        await pilot.press("x")
        paged = await wait_for(pilot, lambda: next(iter(view.query(PagedText)), None), what="paged")
        await wait_for(pilot, lambda: paged.done, what="every page")
        view.scroll_home(animate=False)
        await pilot.pause()
        body = paged.body
        width = body.size.width
        rows = fold(LONG, width)
        assert len(rows) >= 3 and "".join(rows) == LONG
        shown = [line.strip("│ ") for line in screen_text(app).split("\n")]  # inside the frame
        at = shown.index(rows[0])
        assert shown[at : at + len(rows)] == rows  # every part of the line, the tail ",0059," too
        assert body.row_total == sum(row_count(line, width) for line in body.lines)
        assert body.lines[0] == LONG and body.lines[-1] == filler.rsplit("\n", 1)[1]


async def test_the_rows_follow_the_width_as_pages_come_in() -> None:
    wide = "界" * 70  # 140 cells

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield PagedRows()

    async with Host().run_test(size=(100, 20)) as pilot:
        body = pilot.app.query_one(PagedRows)
        for lines, cells, _read in line_batches(text_pages(f"{LONG}\n\n{wide}\nshort", size=7)()):
            if lines:
                body.add(lines, cells)
            await pilot.pause()
        assert body.lines == [LONG, "", wide, "short"]
        await pilot.pause()
        for size in ((100, 20), (61, 20), (33, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            width = body.size.width
            assert body.row_total == sum(row_count(line, width) for line in body.lines)
            body.add(["x" * (width + 1)], [width + 1])  # added at this width: two more rows
            assert body.row_total == sum(row_count(line, width) for line in body.lines)


def test_lines_stay_whole_and_inert_across_page_ends() -> None:
    text = "one\r\ntwo\tx\x1b[2J\n" + "z" * (2 * LONG_LINE + 5) + "\nlast"
    pages = [text[at : at + 4] for at in range(0, 20, 4)] + [text[20:]]  # "\r" and "\n" apart
    batches = list(line_batches(pages))
    lines = [line for batch, _cells, _read in batches for line in batch]
    assert lines[:2] == ["one", "two\tx".expandtabs(8) + "␛[2J"]
    assert lines[2:] == ["z" * LONG_LINE, "z" * LONG_LINE, "zzzzz", "last"]
    assert sum(read for _lines, _cells, read in batches) == len(text)
    assert all(cells == [len(line) for line in batch] for batch, cells, _read in batches)
