"""The TUI shows a catalog prefetched at launch, says so, and swaps in the live one."""

from __future__ import annotations

from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import CatalogTree
from tests.core.test_prefetch import FakeSource, early_catalog
from tests.ui.conftest import connected, wait_for


def tool_names(app: McpTuiApp) -> list[str]:
    tools = app.main_screen.query_one(CatalogTree).root.children[0]
    return [leaf.data.key for leaf in tools.children if leaf.data is not None]


async def test_the_prefetched_catalog_is_drawn_then_replaced_by_the_live_one(demo_http_url):
    config = ServerConfig(name="demo", url=demo_http_url)
    source = FakeSource(config, early_catalog())
    app = McpTuiApp([config], auto_connect=False, prefetch=("demo", source))
    async with app.run_test(size=(120, 36)) as pilot:
        source.ready.set()
        await wait_for(pilot, lambda: tool_names(app) == ["early"], what="the prefetched catalog")
        app.connect("demo")
        await wait_for(pilot, lambda: connected(app), what="the live connection")
        await wait_for(pilot, lambda: "echo" in tool_names(app), what="the live catalog")
        assert "early" not in tool_names(app)
        assert source.closed
