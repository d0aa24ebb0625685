"""The TUI on a 50,000-tool catalog: it loads, the filter finds a tool, the tree is built once
per catalog, and the leaves of a folded group are not built until it is unfolded."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from mcptui.core.catalog import Catalog, CatalogCache
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import GROUP_LIMIT, CatalogTree
from tests.ui.conftest import connected, wait_for

TOOLS = 50_000


def cached_big_server(tmp_path) -> tuple[ServerConfig, CatalogCache]:
    """A server that is not running, with a 50,000-tool catalog in its cache (shown stale)."""
    config = ServerConfig(name="big", url="http://127.0.0.1:1/mcp")
    cache = CatalogCache(tmp_path / "cache")
    tools = [{"name": f"bulk_{i:05d}", "inputSchema": {"type": "object"}} for i in range(TOOLS)]
    cache.save(config.cache_slug, Catalog(tools=tools, server_info={"name": "big"}))
    return config, cache


@contextlib.asynccontextmanager
async def big_catalog_app(tmp_path) -> AsyncIterator[tuple[McpTuiApp, Any]]:
    """The TUI on the cached 50,000-tool server (not running), once its catalog is shown."""
    config, cache = cached_big_server(tmp_path)
    app = McpTuiApp([config], cache=cache, auto_connect=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: loaded(app), what="the 50,000-tool catalog")
        yield app, pilot


def tree_of(app: McpTuiApp) -> CatalogTree:
    return app.main_screen.query_one(CatalogTree)


def loaded(app: McpTuiApp) -> bool:
    tree = tree_of(app)
    return tree.catalog is not None and len(tree.catalog.tools) == TOOLS


async def test_a_50k_tool_catalog_loads_and_the_filter_finds_a_tool(tmp_path):
    async with big_catalog_app(tmp_path) as (app, pilot):
        tree = tree_of(app)
        tools = tree.root.children[0]
        assert str(tools.label.plain) == f"Tools {TOOLS}"
        assert len(tools.children) == GROUP_LIMIT + 1  # the rest is one "… N more" line
        await pilot.press("slash", *"bulk_43210")
        await wait_for(pilot, lambda: tree.filter_text == "bulk_43210", what="the filter")
        tools = tree.root.children[0]  # the tree was rebuilt
        assert str(tools.label.plain) == f"Tools 1/{TOOLS}"
        assert [leaf.data.key for leaf in tools.children] == ["bulk_43210"]


async def test_a_folded_group_builds_no_leaves_until_unfolded(tmp_path):
    async with big_catalog_app(tmp_path) as (app, pilot):
        tree = tree_of(app)
        tree.root.children[0].collapse()
        await pilot.pause()
        built = tree.leaves_built
        for text in ("bulk_1", "bulk_12", "bulk_123"):
            tree.set_filter(text)
        await pilot.pause()
        tools = tree.root.children[0]
        assert not tools.is_expanded and tree.leaves_built == built  # folded: no labels built
        tools.expand()
        await wait_for(pilot, lambda: tools.children, what="the unfolded group's leaves")
        assert tree.leaves_built == built + GROUP_LIMIT
        assert tools.children[0].data.key == "bulk_12300"


async def test_the_tree_is_built_once_per_catalog(demo_http_url, monkeypatch):
    app = McpTuiApp([ServerConfig(name="demo", url=demo_http_url)], cache=None)
    shown: list[object] = []
    original = CatalogTree.show_catalog

    def counting(tree, server, catalog):
        if catalog is not None:
            shown.append(catalog)
        original(tree, server, catalog)

    monkeypatch.setattr(CatalogTree, "show_catalog", counting)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: connected(app), what="the demo")
        live = app.sessions["demo"].catalog
        await pilot.pause()
        tree = tree_of(app)
        assert [c for c in shown if c is live] == [live]  # drawn once, however many snapshots came
        assert len(shown) == len({id(c) for c in shown})
        builds = tree.builds
        app.main_screen.shown = app.sessions["demo"]  # the same snapshot again: no rebuild
        await pilot.pause()
        assert tree.builds == builds


async def test_a_big_catalogs_search_texts_are_built_ahead_so_the_first_keystroke_builds_none(
    tmp_path, monkeypatch
):
    from mcptui.ui.widgets import catalog_tree

    async with big_catalog_app(tmp_path) as (app, pilot):
        tree = tree_of(app)
        await app.workers.wait_for_complete()  # the search-ahead worker, started by the paint
        texts = tree._search["tool"]
        assert texts == [catalog_tree.data_search_text(data) for data in tree.catalog.tools]
        built: list[object] = []
        monkeypatch.setattr(catalog_tree, "data_search_text", lambda data: built.append(data) or "")
        tree.set_filter("bulk_43210")
        await pilot.pause()
        assert built == []  # the keystroke found them built
        assert [leaf.data.key for leaf in tree.root.children[0].children] == ["bulk_43210"]


async def test_search_texts_built_ahead_for_a_catalog_no_longer_shown_are_dropped(tmp_path):
    async with big_catalog_app(tmp_path) as (app, pilot):
        tree = tree_of(app)
        await app.workers.wait_for_complete()
        big = tree.catalog
        small = Catalog(tools=[{"name": "only", "inputSchema": {"type": "object"}}])
        tree._search.clear()
        tree.show_catalog("big", big)
        worker = tree.run_worker(tree._build_search(big, ["tool"]), group="search-ahead", exclusive=True)
        tree.show_catalog("big", small)  # before the worker's first step
        await worker.wait()
        assert "tool" not in tree._search
        tree.set_filter("on")
        assert [leaf.data.key for leaf in tree.root.children[0].children] == ["only"]
