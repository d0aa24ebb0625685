"""Floods and big results (issue 13): the bounded console with its dropped count, a burst of
notifications from a real SDK server (tests/load_server.py), redaction of what is shown, and a
result past the view limits: its truncation line, "show all" page by page, and the whole text saved."""

from __future__ import annotations

import stat
from pathlib import Path

from mcptui.core.events import ServerLog
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.messages import EventRouter
from mcptui.ui.widgets.console import ConsoleCount, ConsoleView
from mcptui.ui.widgets.paged_text import PagedText
from mcptui.ui.widgets.result_blocks import TextBlock, TruncationNotice
from mcptui.ui.widgets.result_format import SHOW_ALL_LIMIT
from mcptui.ui.widgets.result_view import ResultView
from tests.load_server import BIG_END, END_MARK, big_text, stdio_command

from .conftest import connected, wait_for
from .test_result_view import ResultHost, rendered

SIZE = (120, 36)


def log(i: int, text: str = "line") -> ServerLog:
    return ServerLog(server="flood", level="info", data=f"{text} {i}")


async def test_the_console_keeps_at_most_its_limit_and_says_how_many_it_dropped() -> None:
    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.main_screen.panes_ready, what="the console")
        view = app.main_screen.query_one(ConsoleView)
        view.entries = type(view.entries)(maxlen=100)
        view.add_events([log(i) for i in range(60)])
        view.add_events([log(i) for i in range(60, 250)], dropped=7)  # 7 lost upstream (the router)
        assert len(view.entries) == 100 and view.entries[-1].line.endswith("line 249")
        assert view.entries[0].line.endswith("line 150")
        assert view.dropped == 150 + 7
        count = app.main_screen.query_one(ConsoleCount)
        await wait_for(pilot, lambda: count.text == "157 dropped", what="the dropped count")


async def test_the_router_reports_what_its_full_buffer_dropped_once() -> None:
    router = EventRouter(lambda _message: None, limit=10)
    for i in range(25):
        router(log(i))
    assert router.take_dropped() == 15 and router.take_dropped() == 0
    assert [e.data for e in router.drain()][-1] == "line 24"


async def test_a_secret_in_a_log_line_is_redacted_when_the_line_is_shown() -> None:
    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.main_screen.panes_ready, what="the console")
        view = app.main_screen.query_one(ConsoleView)
        view.add_events([ServerLog(server="s", level="info", data="login token=hunter2-SECRET-value")])
        await pilot.pause()
        entry = view.entries[-1]
        assert "SECRET" not in entry.line and "token=" in entry.line
        view.set_filters(text="hunter2")  # a search reads the shown (redacted) line, never the secret
        assert not view.rows


async def test_a_burst_of_notifications_from_a_real_server_ends_with_the_last_one_and_the_count() -> None:
    command = stdio_command()
    config = ServerConfig(name="load", transport="stdio", command=command[0], args=command[1:])
    app = McpTuiApp([config])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app, "load"), timeout=60)
        view = app.main_screen.query_one(ConsoleView)
        view.entries = type(view.entries)(maxlen=1_000)
        view.rows = type(view.rows)(maxlen=1_000)
        count = 10_000
        app.manager.call("load", "tool", "flood", {"count": count, "rate": 1_000_000, "secret": "s3cr3t-X"})

        def last_log() -> ServerLog | None:
            for entry in reversed(view.entries):
                if isinstance(entry.event, ServerLog):
                    return entry.event
            return None

        await wait_for(
            pilot,
            lambda: END_MARK in str(getattr(last_log(), "data", "")),
            timeout=240,
            what="the last notification in the console",
        )
        assert len(view.entries) == 1_000 and view.dropped >= 2 * count - 1_000  # a log and its rpc each
        shown = next(e for e in reversed(view.entries) if isinstance(e.event, ServerLog))
        assert shown.line.split("INFO [load] ")[1].startswith(f"{END_MARK} {count}")
        assert "s3cr3t-X" not in shown.line
        await wait_for(
            pilot, lambda: app.main_screen.query_one(ConsoleCount).text.endswith("dropped"), what="count"
        )


async def test_a_result_past_the_view_limit_shows_the_truncation_line_and_saves_whole(tmp_path: Path) -> None:
    text = big_text(3)  # 3 MB: past the "show all" limit too
    assert len(text) > SHOW_ALL_LIMIT
    app = ResultHost(save_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result({"content": [{"type": "text", "text": text}]})
        await pilot.pause()
        notice = str(view.query_one(TruncationNotice).render())
        assert "showing 300 of 30,000 lines" in notice and "of 2.9 MB" in notice
        assert "press x to show all (read page by page), w to save" in notice
        assert BIG_END not in rendered(view)
        # show all reads it page by page into the line-API view; keys still work meanwhile
        view.focus()
        await pilot.press("x")
        paged = await wait_for(pilot, lambda: next(iter(view.query(PagedText)), None), what="paged")
        await wait_for(pilot, lambda: paged.done, what="every page")
        assert len(paged.body.lines) == 30_000 and paged.body.lines[-1] == BIG_END
        assert paged.pages_read > 1 and not view.truncated
        await pilot.press("r")  # the app answers the next key at once
        assert view.raw
        # w saves the whole text, 0600 (the dialog's own tests cover asking where)
        block = view.query_one(TextBlock)
        assert view.check_action("save", ())
        path = view.write_block(block, tmp_path / "result.txt")
        assert path is not None and path.read_text() == text
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_a_result_under_the_show_all_limit_still_shows_in_full() -> None:
    text = big_text(0.05)
    app = ResultHost()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result({"content": [{"type": "text", "text": text}]})
        await pilot.pause()
        assert "press x to show all, w to save" in str(view.query_one(TruncationNotice).render())
        view.action_show_all()
        await pilot.pause()
        assert not view.truncated and BIG_END in rendered(view)
