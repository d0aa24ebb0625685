"""Big results and floods over a real streamable HTTP connection (issue 13), in the real app.

A 50 MB tool result from the SDK load server (tests/load_server.py), SSE-framed in the
2025-11-25 era and one JSON body in 2026-07-28, reaches the result view cut, with the whole text
kept aside: "save" writes every byte (0600), "show all" reads it page by page. A result past the
configured hard cap gets a message saying so. A flood of log lines gets every line to the
console's counts, with the console bounded. No timings asserted: figures are in bench/.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest

from mcptui.core.events import ServerLog
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
from mcptui.ui.widgets.console import ConsoleView
from mcptui.ui.widgets.paged_text import PagedText
from mcptui.ui.widgets.result_blocks import TextBlock, TruncationNotice
from mcptui.ui.widgets.result_view import ResultView
from tests.load_server import BIG_END, END_MARK, big_text, running_load

from .conftest import connected, wait_for

SIZE = (120, 36)
ERAS = [
    pytest.param((), "legacy", id="sse-2025-11-25"),
    pytest.param(("--json",), "auto", id="json-2026-07-28"),
]


async def call_big(app: McpTuiApp, pilot: Any, megabytes: float) -> ResultView:
    await wait_for(pilot, lambda: connected(app, "load"), timeout=60, what="connected")
    tool = app.sessions["load"].catalog.tool("big")  # type: ignore[union-attr]
    item = CatalogItem.of("load", "tool", tool)
    app.main_screen.query_one(CatalogTree).select_item(item)
    app.main_screen.show_item(item, values={"megabytes": megabytes})
    await pilot.pause()
    app.main_screen.action_send()
    return app.main_screen.query_one(ResultView)


@pytest.mark.parametrize(("flags", "protocol"), ERAS)
async def test_a_50_mb_result_is_shown_cut_and_saved_whole(
    flags: tuple[str, ...], protocol: str, tmp_path: Path
) -> None:
    with running_load(*flags) as url:
        config = ServerConfig(name="load", url=url, from_config=True, protocol=protocol)  # type: ignore[arg-type]
        app = McpTuiApp([config], auto_connect=True)
        async with app.run_test(size=SIZE) as pilot:
            view = await call_big(app, pilot, 50)
            block = await wait_for(
                pilot, lambda: next(iter(view.query(TextBlock)), None), timeout=180, what="the result"
            )
            assert block.spilled is not None and block.spilled.size > 49_000_000
            notice = str(view.query_one(TruncationNotice).render())
            assert "press x to show all (read page by page), w to save" in notice and "of 48.2 MB" in notice
            assert BIG_END not in block.text and "mcptui-spill" not in block.text  # its head, no marker
            notes: list[str] = []
            app.notify = lambda message, **_kw: notes.append(str(message))  # type: ignore[method-assign]
            path = view.write_block(block, tmp_path / "big.txt")
            assert path is not None
            await wait_for(
                pilot, lambda: f"Saved the whole text to {path}" in notes, timeout=120, what="saved"
            )
            assert path.read_bytes() == big_text(50).encode()
            assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_show_all_reads_a_spilled_result_page_by_page() -> None:
    with running_load() as url:
        config = ServerConfig(name="load", url=url, from_config=True, protocol="legacy")
        app = McpTuiApp([config], auto_connect=True)
        async with app.run_test(size=SIZE) as pilot:
            view = await call_big(app, pilot, 5)
            await wait_for(pilot, lambda: view.query(TextBlock), timeout=120, what="the result")
            view.focus()
            await pilot.press("x")
            paged = await wait_for(pilot, lambda: next(iter(view.query(PagedText)), None), what="paged")
            await wait_for(pilot, lambda: paged.done, timeout=120, what="every page")
            assert paged.pages_read >= 4  # handed over a page (1 MiB) at a time, by a worker
            assert len(paged.body.lines) == 50_000 and paged.body.lines[-1] == BIG_END
            assert paged.failure is None and not view.truncated


@pytest.mark.parametrize(
    ("flags", "env", "words"),
    [
        ((), "MCPTUI_MAX_EVENT_MB", "one event larger than 2 MiB"),
        (("--json",), "MCPTUI_MAX_BODY_MB", "larger than 2 MiB"),
    ],
)
async def test_a_result_past_the_hard_cap_gets_a_message_saying_so(
    flags: tuple[str, ...], env: str, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(env, "2")
    with running_load(*flags) as url:
        config = ServerConfig(
            name="load", url=url, from_config=True, protocol="legacy" if not flags else "auto"
        )
        app = McpTuiApp([config], auto_connect=True)
        async with app.run_test(size=SIZE) as pilot:
            view = await call_big(app, pilot, 3)
            await wait_for(pilot, lambda: view.mode == "error", timeout=120, what="the error")
            shown = str(view.query_one(".error-message").render())
            assert words in shown and env in shown


async def test_a_flood_over_http_gets_every_line_counted_and_the_console_stays_bounded() -> None:
    with running_load() as url:
        app = McpTuiApp([ServerConfig(name="load", url=url, from_config=True)], auto_connect=True)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: connected(app, "load"), timeout=60, what="connected")
            view = app.main_screen.query_one(ConsoleView)
            view.entries = type(view.entries)(maxlen=1_000)
            view.rows = type(view.rows)(maxlen=1_000)
            lines: list[ServerLog] = []
            inner = app.manager.sink

            def counting(event: Any) -> None:
                if isinstance(event, ServerLog):
                    lines.append(event)
                inner(event)

            app.manager.sink = counting  # type: ignore[method-assign]
            count = 5_000
            app.manager.call("load", "tool", "flood", {"count": count, "rate": 1_000_000})
            await wait_for(
                pilot,
                lambda: (
                    lines
                    and END_MARK in str(lines[-1].data)
                    and any(
                        isinstance(e.event, ServerLog) and END_MARK in str(e.event.data) for e in view.entries
                    )
                ),
                timeout=240,
                what="the last line in the console",
            )
            assert len(lines) == count  # every line, none twice
            assert [str(line.data) for line in lines[:3]] == ["flood line 0", "flood line 1", "flood line 2"]
            assert len(view.entries) == 1_000 and view.dropped >= 2 * count - 1_000  # a log and its rpc each


async def test_a_big_image_kept_aside_is_described_and_saved_whole(tmp_path: Path) -> None:
    import base64
    import json
    import os

    from mcptui.core import spill
    from mcptui.ui.widgets.result_blocks import BinaryBlock

    from .test_result_view import ResultHost

    png = b"\x89PNG\r\n\x1a\n" + os.urandom(3_000_000)
    data = base64.b64encode(png).decode()
    message = {
        "jsonrpc": "2.0",
        "id": 1,
        "result": {"content": [{"type": "image", "mimeType": "image/png", "data": data}]},
    }
    result = json.loads(spill.stand_in(json.dumps(message)))["result"]  # the cut copy the SDK gets
    app = ResultHost(save_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result(result)
        await pilot.pause()
        block = view.query_one(BinaryBlock)
        assert block.spilled is not None and "kept aside (w saves it)" in block.describe()
        notes: list[str] = []
        app.notify = lambda message, **_kw: notes.append(str(message))  # type: ignore[method-assign]
        path = view.write_block(block, tmp_path / "big.png")
        assert path is not None
        await wait_for(pilot, lambda: f"Saved the whole image to {path}" in notes, what="saved")
        assert path.read_bytes() == png and stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("protocol", ["legacy", "auto"])
async def test_a_catalog_too_large_to_cut_small_reaches_the_tree_whole(protocol: str) -> None:
    """A 35,000-tool ``tools/list`` (~5 MB) is over the spill threshold, and its structure over the
    cut limit, with no long string to cut: the
    SDK gets it whole (it used to fail as "too large to show", and the TUI drew no catalog)."""
    from tests.servers import running_demo

    with running_demo("--bulk-tools", "35000") as demo:
        config = ServerConfig(name="big", url=demo.url, from_config=True, protocol=protocol)  # type: ignore[arg-type]
        app = McpTuiApp([config], auto_connect=True)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: connected(app, "big"), timeout=120, what="connected")
            catalog = app.sessions["big"].catalog
            assert catalog is not None and len(catalog.tools) >= 35_000
            assert catalog.tool("bulk_34999") is not None
