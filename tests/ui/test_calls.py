"""Pilot tests of calls: send a tool call, see the result, cancel a slow call, history re-run."""

from __future__ import annotations

import json

from mcptui.core import locations
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
from mcptui.ui.widgets.detail_pane import DetailPane
from mcptui.ui.widgets.history import HistoryPane

from .conftest import connected, wait_for

SIZE = (120, 36)


def select_tool(app: McpTuiApp, name: str, values: dict | None = None) -> DetailPane:
    session = app.sessions["demo"]
    item = CatalogItem.of("demo", "tool", session.catalog.tool(name))
    app.main_screen.query_one(CatalogTree).select_item(item)
    app.main_screen.show_item(item, values=values)
    return app.main_screen.query_one(DetailPane)


async def test_send_a_tool_call_and_see_the_result(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        detail = select_tool(app, "echo", {"text": "hello from the pilot"})
        await pilot.pause()
        await pilot.press("f9")
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records, what="the call to finish")
        record = records[-1]
        assert record.ok and record.name == "echo" and record.arguments == {"text": "hello from the pilot"}
        assert record.result["content"][0]["text"] == "hello from the pilot"
        assert detail.result_view.mode == "tool"
        assert "ok" in str(detail.query_one("#call-status").render())


async def test_invalid_arguments_are_not_sent(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        select_tool(app, "add", {})
        await pilot.pause()
        await pilot.press("f9")
        detail = app.main_screen.query_one(DetailPane)
        await wait_for(
            pilot, lambda: "fix" in str(detail.query_one("#call-status").render()), what="the form error"
        )
        assert detail.running_call is None
        assert app.history.records("demo") == []


async def test_a_slow_call_shows_progress_and_can_be_cancelled(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        detail = select_tool(app, "slow_count", {"steps": 200, "delay": 0.05})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: detail.result_view.mode == "progress", what="progress")
        assert detail.running_call is not None
        await pilot.press("escape")
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records, what="the cancelled record")
        assert records[-1].cancelled and records[-1].outcome() == "cancelled"
        assert detail.running_call is None
        assert detail.result_view.mode == "error"
        # the connection survives a cancelled call
        select_tool(app, "echo", {"text": "still here"})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: len(records) == 2)
        assert records[-1].ok


async def test_history_keeps_calls_and_reruns_them(demo_stdio) -> None:
    app = McpTuiApp([demo_stdio])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        select_tool(app, "add", {"a": 2, "b": 3})
        await pilot.pause()
        await pilot.press("f9")
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records)
        assert records[-1].result["structuredContent"]["result"] == 5 or "5" in json.dumps(records[-1].result)

        await pilot.press("h")
        history = app.main_screen.query_one(HistoryPane)
        assert app.focused is history and history.current is records[-1]
        await pilot.press("enter")  # re-run
        await wait_for(pilot, lambda: len(records) == 2, what="the re-run")
        assert records[-1].name == "add" and records[-1].arguments == {"a": 2, "b": 3}

        # copy the call as a command line and the result as JSON (OSC 52 clipboard)
        await pilot.press("h", "m")
        assert app.clipboard.startswith('mcptui call add --args \'{"a": 2, "b": 3}\' -- ')
        assert app.clipboard.endswith(" -m mcptui.demo")
        await pilot.press("y")
        assert json.loads(app.clipboard) == records[-1].result

        # e loads the arguments into the form for editing
        await pilot.press("e")
        await pilot.pause()
        detail = app.main_screen.query_one(DetailPane)
        assert detail.item.key == "add" and detail.form.arguments == {"a": 2, "b": 3}

    # persisted as JSONL under the history dir
    files = list((locations.history_dir() / "history").glob("*.jsonl"))
    assert len(files) == 1
    lines = files[0].read_text().splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["name"] == "add"


async def test_palette_offers_noun_verb_commands_for_the_state(demo_http) -> None:
    from mcptui.ui.commands import app_commands

    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        titles = [title for title, _cb, _help in app_commands(app)]
        assert all(": " in t for t in titles)
        assert "catalog: resync demo" in titles and "call: cancel" not in titles
        assert not any(t.startswith("copy: ") for t in titles)
        select_tool(app, "echo", {"text": "x"})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: app.history.records("demo"))
        commands = {title: cb for title, cb, _help in app_commands(app)}
        commands["export: last call as an mcptui command"]()
        assert app.clipboard == 'mcptui call demo echo --args \'{"text": "x"}\''
        # and through the real palette UI
        await pilot.press("f2", *"resync demo", "enter")
        await pilot.pause()
        await wait_for(pilot, lambda: app.sessions["demo"].detail == "catalog reloaded", what="resync")


async def test_prompt_form_completes_from_the_server_and_gets_the_prompt(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        prompt = app.sessions["demo"].catalog.prompt("review_code")
        item = CatalogItem.of("demo", "prompt", prompt)
        app.main_screen.show_item(item, values={"code": "print(1)", "language": "py"})
        await pilot.pause()
        detail = app.main_screen.query_one(DetailPane)
        choices = await detail.form.complete("language", "py")
        assert choices and all(c.startswith("py") for c in choices)
        await pilot.press("f9")
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records)
        assert records[-1].kind == "prompt" and records[-1].ok
        assert "print(1)" in json.dumps(records[-1].result)
        assert detail.result_view.mode == "prompt"


async def test_resource_template_form_reads_the_expanded_uri(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        template = app.sessions["demo"].catalog.resource_templates[0]
        item = CatalogItem.of("demo", "template", template)
        variables = [n.strip("{}") for n in template["uriTemplate"].split("{")[1:]]
        app.main_screen.show_item(item, values={v.split("}")[0]: "x1" for v in variables})
        await pilot.pause()
        await pilot.press("f9")
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records)
        assert records[-1].kind == "resource" and "x1" in records[-1].name
        assert records[-1].ok, records[-1].error
