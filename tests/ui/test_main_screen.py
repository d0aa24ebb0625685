"""Pilot tests of the main screen against the real demo server: connect, browse, filter, go to."""

from __future__ import annotations

from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import CatalogTree
from mcptui.ui.widgets.detail_pane import DetailPane
from mcptui.ui.widgets.server_list import ServerList, session_label

from .conftest import connected, wait_for

SIZE = (120, 36)


def group_labels(tree: CatalogTree) -> list[str]:
    return [str(node.label) for node in tree.root.children]


def leaf_keys(tree: CatalogTree, group: int = 0) -> list[str]:
    return [node.data.key for node in tree.root.children[group].children if node.data is not None]


async def test_connects_on_start_and_browses(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app), what="the demo to connect")
        tree = app.main_screen.query_one(CatalogTree)
        labels = group_labels(tree)
        assert labels[0].startswith("Tools ") and int(labels[0].split()[-1]) >= 10
        assert labels[1].startswith("Prompts ") and labels[3].startswith("Resource templates ")
        assert "echo" in leaf_keys(tree)
        label = session_label(app.sessions["demo"]).plain
        assert "connected" in label and "2026-07-28" in label and "http" in label
        assert app.main_screen.query_one(ServerList).selected_name == "demo"

        # move onto the first tools with the keyboard: the detail pane follows the cursor
        await pilot.press("t", "down", "down")
        detail = app.main_screen.query_one(DetailPane)
        await wait_for(pilot, lambda: detail.item is not None, what="an item shown")
        assert detail.item.kind == "tool"
        assert detail.form is not None  # a form generated from the input schema


async def test_filter_narrows_the_tree_as_you_type(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        tree = app.main_screen.query_one(CatalogTree)
        total = len(leaf_keys(tree))
        await pilot.press("slash", *"slow")
        assert leaf_keys(tree) == ["slow_count"]
        assert group_labels(tree)[0] == f"Tools 1/{total}"
        await pilot.press("enter")  # jumps to the first match
        assert app.focused is tree
        assert app.main_screen.query_one(DetailPane).item.key == "slow_count"
        await pilot.press("slash", "ctrl+u")  # clear the filter
        await wait_for(pilot, lambda: len(leaf_keys(tree)) == total, what="the filter to clear")


async def test_goto_palette_jumps_to_an_item(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        await pilot.press("g")
        await pilot.press(*"prompt: review_code")
        await pilot.pause()
        await pilot.press("enter")
        detail = app.main_screen.query_one(DetailPane)
        await wait_for(pilot, lambda: detail.item is not None and detail.item.kind == "prompt", what="goto")
        tree = app.main_screen.query_one(CatalogTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == detail.item


async def test_a_large_catalog_is_capped_per_group_and_labels_are_literal() -> None:
    from mcptui.core.catalog import Catalog
    from mcptui.ui.widgets.catalog_tree import GROUP_LIMIT

    tools = [{"name": f"tool_{i:04d}", "inputSchema": {"type": "object"}} for i in range(5_000)]
    tools.append({"name": "[bold]not-markup[/]", "inputSchema": {"type": "object"}})
    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        tree = app.main_screen.query_one(CatalogTree)
        tree.show_catalog("big", Catalog(tools=tools))
        await pilot.pause()
        tools_group = tree.root.children[0]
        assert str(tools_group.label) == "Tools 5001"
        assert len(tools_group.children) == GROUP_LIMIT + 1
        assert str(tools_group.children[-1].label).startswith(f"… {5_001 - GROUP_LIMIT} more")
        tree.set_filter("tool_499")
        assert leaf_keys(tree) == [f"tool_{i}" for i in range(4990, 5000)]
        tree.set_filter("not-markup")
        assert [str(n.label) for n in tree.root.children[0].children] == ["[bold]not-markup[/]"]
