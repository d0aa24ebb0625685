"""TextRows, the line-API body of a text result: only the rows on screen are built, folded, inert."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.selection import Selection
from textual.widgets import Input

from mcptui.ui.widgets.result_blocks import TextBlock, TruncationNotice
from mcptui.ui.widgets.result_format import MAX_LINES
from mcptui.ui.widgets.result_view import ResultView
from mcptui.ui.widgets.text_rows import TextRows, fold, row_count
from tests.load_server import big_text

from .test_result_view import ResultHost


def screen_text(app: App[None]) -> str:
    strips = app.screen._compositor.render_strips()  # noqa: SLF001 - what reaches the terminal
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def test_a_big_cut_result_builds_only_the_rows_on_screen() -> None:
    app = ResultHost()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result({"content": [{"type": "text", "text": big_text(3)}]})
        await pilot.pause()
        body = view.query_one(TextBlock).query_one(TextRows)
        assert len(body.lines) == MAX_LINES and view.query(TruncationNotice)
        # 300 lines of 99 characters, at this width two rows each: only a screenful was styled
        assert body.row_total == 2 * MAX_LINES
        assert 0 < body.rows_built <= 30 // 2
        assert "000000000 xxx" in screen_text(app) and "000000299 " not in screen_text(app)
        view.scroll_end(animate=False)
        await pilot.pause()
        assert "000000299 " in screen_text(app)  # drawn when it comes into view
        assert body.rows_built < MAX_LINES


async def test_long_lines_fold_at_the_width_and_nothing_is_lost() -> None:
    line = "".join(f"{i:04d}," for i in range(60))  # 300 characters, no spaces
    wide = "界" * 70  # 140 cells

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield TextRows(f"{line}\n\n{wide}")

    async with Host().run_test(size=(100, 20)) as pilot:
        body = pilot.app.query_one(TextRows)
        width = body.size.width
        assert body.row_total == row_count(line, width) + 1 + row_count(wide, width)
        shown = screen_text(pilot.app).split("\n")
        folded = fold(line, width)
        assert len(folded) == 3 and "".join(folded) == line
        assert [row.rstrip() for row in shown[: len(folded)]] == folded
        assert all(len(row) <= width for row in folded)
        assert "".join(fold(wide, width)) == wide and len(fold(wide, width)) == 2


async def test_server_text_stays_inert_and_json_is_highlighted() -> None:
    hostile = "[bold red]loud[/]\x1b[2J\x1b]0;title\x07\ttab\r\nnext"

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield TextRows(hostile, classes="plain")
            yield TextRows('{\n  "city": "Paris"\n}', highlight_json=True, classes="json")

    async with Host().run_test(size=(100, 20)) as pilot:
        plain = pilot.app.query_one(".plain", TextRows)
        # controls made visible, the tab expanded to its stop, \r\n one line break, no markup
        assert plain.lines == ["[bold red]loud[/]␛[2J␛]0;title␇\ttab".expandtabs(8), "next"]
        shown = screen_text(pilot.app)
        assert "[bold red]loud[/]␛[2J" in shown and "\x1b" not in shown and "\x07" not in shown
        json_rows = pilot.app.query_one(".json", TextRows)
        key = next(s for s in json_rows.render_line(1) if s.text == '"city"')
        plain_part = next(s for s in plain.render_line(0) if "loud" in s.text)
        assert key.style is not None and key.style.color is not None
        assert key.style.color != (plain_part.style.color if plain_part.style else None)
        assert json_rows.get_selection(Selection(None, None)) == ('{\n  "city": "Paris"\n}', "\n")


async def test_the_footer_is_told_only_when_it_shows_the_views_keys_and_they_changed() -> None:
    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(id="elsewhere")
            yield ResultView()

    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        told: list[object] = []
        app.screen.bindings_updated_signal.subscribe(app.screen, told.append)
        view = app.query_one(ResultView)
        cut = {"content": [{"type": "text", "text": big_text(0.1)}]}
        app.query_one(Input).focus()
        await pilot.pause()
        told.clear()
        await view.show_progress(1, 10)
        await view.show_tool_result(cut)
        await pilot.pause()
        assert told == []  # the focus is elsewhere: the footer does not show these keys
        view.focus()
        await pilot.pause()
        told.clear()
        await view.show_tool_result({"content": [{"type": "text", "text": "short"}]})
        await pilot.pause()
        assert len(told) == 1 and not view.check_action("show_all", ())  # "x" went off: told once
        told.clear()
        await view.show_tool_result({"content": [{"type": "text", "text": "other"}]})
        await pilot.pause()
        assert told == []  # the same keys on and off: nothing to tell
        await view.show_tool_result(cut)
        await pilot.pause()
        assert len(told) == 1 and view.check_action("show_all", ())
