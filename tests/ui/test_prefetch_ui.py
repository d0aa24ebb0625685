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


def status_line(app: McpTuiApp) -> str:
    rendered = app.main_screen.query_one("#catalog-status").render()
    return getattr(rendered, "plain", str(rendered))


def recording_connects(app: McpTuiApp) -> list[list[str]]:
    """What the tree showed each time the app started a live connection (and the status line)."""
    seen: list[list[str]] = []
    connect = app.connect

    def recorded(name: str) -> None:
        seen.append([*tool_names(app), status_line(app)] if app.main_screen.is_mounted else [])
        connect(name)

    app.connect = recorded  # type: ignore[method-assign]
    return seen


async def test_the_live_connection_starts_once_the_prefetched_catalog_is_drawn(demo_http_url):
    config = ServerConfig(name="demo", url=demo_http_url)
    source = FakeSource(config, early_catalog())
    source.ready.set()
    app = McpTuiApp([config], prefetch=("demo", source))
    seen = recording_connects(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: connected(app), what="the live connection")
        await wait_for(pilot, lambda: "echo" in tool_names(app), what="the live catalog")
    # started once, after the early catalog was on the screen, said to be the one fetched at launch
    assert seen == [["early", "◌ connecting… (showing the catalog fetched at launch)"]]


async def test_a_late_prefetch_does_not_hold_the_live_connection(demo_http_url, monkeypatch):
    from mcptui.core import prefetch

    monkeypatch.setattr(prefetch, "LIVE_HEAD_START", 0.05)
    config = ServerConfig(name="demo", url=demo_http_url)
    source = FakeSource(config, early_catalog())  # never ready
    app = McpTuiApp([config], prefetch=("demo", source))
    seen = recording_connects(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: connected(app), what="the live connection")
        await wait_for(pilot, lambda: "echo" in tool_names(app), what="the live catalog")
    assert len(seen) == 1 and source.closed


async def test_a_launch_with_a_prefetch_child_lists_the_catalog_once(demo_http_url):
    from mcptui.core.prefetch import ChildPrefetch
    from tests.recording_proxy import recording_proxy

    with recording_proxy(demo_http_url) as recorded:
        config = ServerConfig(name="demo", url=recorded.url)
        app = McpTuiApp([config], cache=None, prefetch=("demo", ChildPrefetch(config)))
        async with app.run_test(size=(120, 36)) as pilot:
            await wait_for(pilot, lambda: connected(app) and not app.sessions["demo"].catalog.prefetched)
            assert "echo" in tool_names(app)
        methods = recorded.methods()
    assert methods.count("tools/list") == 1, methods  # the child's: the live connection took it
