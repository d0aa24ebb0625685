"""Issue 11 point 6: a result is shown only for the item (and server, and connection) it answers."""

from __future__ import annotations

from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
from mcptui.ui.widgets.detail_pane import DetailPane

from .conftest import connected, wait_for

SIZE = (120, 36)


def status_text(detail: DetailPane) -> str:
    return str(detail.query_one("#call-status").render())


def pick(app: McpTuiApp, server: str, tool: str) -> None:
    catalog = app.sessions[server].catalog
    assert catalog is not None
    item = CatalogItem.of(server, "tool", catalog.tool(tool))
    app.main_screen.query_one(CatalogTree).select_item(item)


async def call_add(app: McpTuiApp, pilot, server: str = "demo") -> DetailPane:
    pick(app, server, "add")
    detail = app.main_screen.query_one(DetailPane)
    await wait_for(pilot, lambda: detail.item is not None and detail.item.key == "add", what="add shown")
    app.main_screen.show_item(detail.item, values={"a": 2, "b": 3})
    await pilot.pause()
    await pilot.press("f9")
    await wait_for(pilot, lambda: detail.result_view.mode == "tool", what="the result of add")
    assert "ok" in status_text(detail)
    return detail


async def test_another_tool_does_not_show_the_last_result(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        detail = await call_add(app, pilot)
        pick(app, "demo", "echo")
        await wait_for(pilot, lambda: detail.item is not None and detail.item.key == "echo", what="echo")
        await pilot.pause()
        assert detail.result_view.mode == "empty"
        assert "ok" not in status_text(detail)
        # back on add: its own last result is shown again, for that item only
        pick(app, "demo", "add")
        await wait_for(pilot, lambda: detail.item is not None and detail.item.key == "add", what="add")
        await wait_for(pilot, lambda: detail.result_view.mode == "tool", what="add's result again")


async def test_a_result_arriving_for_another_item_is_not_shown(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        detail = app.main_screen.query_one(DetailPane)
        pick(app, "demo", "slow_count")
        await wait_for(pilot, lambda: detail.item is not None and detail.item.key == "slow_count")
        app.main_screen.show_item(detail.item, values={"steps": 20, "delay": 0.1})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: detail.result_view.mode == "progress", what="the call to run")
        pick(app, "demo", "echo")
        await wait_for(pilot, lambda: detail.item is not None and detail.item.key == "echo", what="echo")
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records, what="the slow call to finish")
        await pilot.pause()
        assert detail.result_view.mode == "empty"
        assert "ok" not in status_text(detail)


async def test_results_do_not_carry_over_to_another_server(demo_http_url: str) -> None:
    one = ServerConfig(name="demo", url=demo_http_url, from_config=True)
    two = ServerConfig(name="other", url=demo_http_url, from_config=True)
    app = McpTuiApp([one, two])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app) and connected(app, "other"))
        detail = await call_add(app, pilot)
        app.main_screen.select_server("other")
        await pilot.pause()
        assert detail.item is None  # the item of the other server went with it
        pick(app, "other", "add")
        catalog = app.sessions["other"].catalog
        app.main_screen.show_item(CatalogItem.of("other", "tool", catalog.tool("add")))
        await wait_for(pilot, lambda: detail.item is not None and detail.item.server == "other")
        await pilot.pause()
        assert detail.result_view.mode == "empty"
        assert "ok" not in status_text(detail)
