"""Nothing presents the cut copy of a big result as the real one, in the real app over a real
streamable HTTP connection to the SDK load server (tests/load_server.py).

The schema line under structured content says it was judged on the whole result (core read it
back from its spill file), or that it was not checked; "copy JSON" (the result view's and the
history's) copies the whole result, or copies nothing and says it is cut; the history marks the
call as cut, and its file stores a note saying so, not the cut copy with its marker.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from mcptui.core.server_config import ServerConfig
from mcptui.ui import copy_json
from mcptui.ui.app import McpTuiApp
from mcptui.ui.commands import copy_record
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
from mcptui.ui.widgets.history import record_label
from mcptui.ui.widgets.result_parts import schema_check
from mcptui.ui.widgets.result_view import ResultView
from tests.load_server import BIG_END, big_text, running_load

from .conftest import connected, wait_for

SIZE = (120, 36)


async def call(app: McpTuiApp, pilot: Any, tool: str, megabytes: float) -> ResultView:
    await wait_for(pilot, lambda: connected(app, "load"), timeout=60, what="connected")
    item = CatalogItem.of("load", "tool", app.sessions["load"].catalog.tool(tool))  # type: ignore[union-attr]
    app.main_screen.query_one(CatalogTree).select_item(item)
    app.main_screen.show_item(item, values={"megabytes": megabytes})
    await pilot.pause()
    app.main_screen.action_send()
    view = app.main_screen.query_one(ResultView)
    await wait_for(pilot, lambda: view.mode in ("tool", "error"), timeout=120, what="the result")
    return view


def notes_of(app: McpTuiApp) -> list[str]:
    notes: list[str] = []
    app.notify = lambda message, **_kw: notes.append(str(message))  # type: ignore[method-assign]
    return notes


async def test_the_schema_line_and_copy_json_of_a_spilled_result_speak_of_the_whole() -> None:
    with running_load() as url:
        app = McpTuiApp(
            [ServerConfig(name="load", url=url, from_config=True, protocol="legacy")], auto_connect=True
        )
        async with app.run_test(size=SIZE) as pilot:
            view = await call(app, pilot, "big_record", 3)  # ~6 MB kept aside: its text and its JSON
            assert view.mode == "tool"  # the cut copy fails the schema; the whole meets it
            line = str(view.query_one(".schema-check").render())
            assert line.startswith("✓ structuredContent matches the outputSchema (judged on the whole result")
            notes = notes_of(app)
            view.focus()
            await pilot.press("y")
            await wait_for(pilot, lambda: BIG_END in (app.clipboard or ""), timeout=60, what="the copy")
            copied = json.loads(app.clipboard)
            assert copied["structuredContent"]["text"] == big_text(3) and "mcptui-spill" not in app.clipboard
            assert "_mcptuiOutputCheck" not in copied  # core's note is not the server's result
            assert any(note.startswith("Copied the whole result as JSON") for note in notes)

            record = app.history.records("load")[-1]  # the history holds the cut copy, and says so
            assert record.cut is not None and re.match(r"cut: 5\.\d MiB kept aside", record.cut)
            assert "✂ cut" in str(record_label(record))
            app.copy_to_clipboard("")
            copy_record(app, record, "result")
            await wait_for(pilot, lambda: BIG_END in (app.clipboard or ""), timeout=60, what="the copy")
            assert json.loads(app.clipboard)["structuredContent"]["text"] == big_text(3)

            stored = [
                json.loads(line)
                for line in next(app.history.directory.glob("*.jsonl")).read_text().splitlines()
            ]
            assert "mcptui-spill" not in json.dumps(stored[-1])  # no cut copy passing for the result
            assert "cut when it arrived" in stored[-1]["result"]["content"][0]["text"]


async def test_a_spilled_result_too_large_to_copy_is_not_copied_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(copy_json, "COPY_LIMIT", 1 << 20)
    with running_load() as url:
        app = McpTuiApp(
            [ServerConfig(name="load", url=url, from_config=True, protocol="legacy")], auto_connect=True
        )
        async with app.run_test(size=SIZE) as pilot:
            view = await call(app, pilot, "big", 5)
            notes = notes_of(app)
            app.copy_to_clipboard("before")
            view.focus()
            await pilot.press("y")
            await pilot.pause()
            assert app.clipboard == "before"
            assert notes and notes[-1].startswith("Not copied: this result is cut here and it is 4.8 MiB")
            assert "Press w in the result to save its content whole" in notes[-1]


async def test_a_spilled_result_too_large_to_judge_says_not_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MCPTUI_WHOLE_MB", "2")
    with running_load("--json") as url:
        app = McpTuiApp([ServerConfig(name="load", url=url, from_config=True)], auto_connect=True)
        async with app.run_test(size=SIZE) as pilot:
            view = await call(app, pilot, "big_capped", 5)  # invalid whole, valid cut copy: no verdict
            assert view.mode == "tool"
            line = str(view.query_one(".schema-check").render())
            assert line.startswith("output schema not checked: result too large")


def test_a_cut_copy_with_no_word_from_core_is_not_judged() -> None:
    from mcptui.core import spill

    message = {"jsonrpc": "2.0", "id": 1, "result": {"structuredContent": {"text": "y" * 100_000}}}
    structured = json.loads(spill.stand_in(json.dumps(message)))["result"]["structuredContent"]
    line = str(
        schema_check(structured, {"type": "object", "properties": {"text": {"minLength": 100_000}}}).content
    )
    assert line.startswith("output schema not checked: structuredContent is cut here")
