"""A server with one invalid item per list: the tree shows the good ones, and a ⚠ leaf per bad one.

The ⚠ leaf names the item and why it is invalid (sanitized: the ESC in a tool's name is shown
as a picture), holds no item, and Enter on it opens nothing; a good tool still runs.
"""

from __future__ import annotations

from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import CatalogTree
from mcptui.ui.widgets.detail_pane import DetailPane
from tests.hostile.conftest import hostile

from .conftest import connected, wait_for


def bad_items_server() -> ServerConfig:
    command = hostile("bad-items")
    return ServerConfig(name="demo", transport="stdio", command=command[0], args=command[1:])


def leaf_labels(tree: CatalogTree) -> dict[str, list[str]]:
    """Group title -> its leaves' plain labels."""
    return {
        str(group.label.plain).split(" ")[0]: [str(leaf.label.plain) for leaf in group.children]
        for group in tree.root.children
    }


async def test_each_invalid_item_is_a_warning_leaf_that_cannot_be_opened() -> None:
    app = McpTuiApp([bad_items_server()])
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: connected(app), what="the bad-items server")
        tree = app.main_screen.query_one(CatalogTree)
        labels = leaf_labels(tree)
        assert labels["Tools"] == [
            "echo",
            "typed",
            "⚠ bro␛ken  invalid: inputSchema.type: Input should be 'object'",
            "⚠ tools[3]  invalid: name: Field required",
        ]
        assert labels["Prompts"] == [
            "greet",
            "⚠ bad-prompt  invalid: arguments: Input should be a valid list",
        ]
        assert labels["Resources"][-1] == "⚠ bad-resource  invalid: uri: Input should be a valid string"
        assert labels["Resource"][-1] == "⚠ bad-template  invalid: uriTemplate: Field required"
        assert [str(group.label.plain) for group in tree.root.children][0] == "Tools 2 · 2 invalid"

        detail = app.main_screen.query_one(DetailPane)
        bad_leaf = tree.root.children[0].children[2]
        assert bad_leaf.data is None
        tree.focus()
        tree.move_cursor(bad_leaf)
        await pilot.pause()
        before = detail.item
        await pilot.press("enter")
        await pilot.pause()
        assert detail.item == before and app.focused is tree  # nothing opened, no form focused

        # a good tool (with an output schema: the SDK checks it against the tool list) still runs
        typed = next(
            leaf for leaf in tree.root.children[0].children if leaf.data and leaf.data.key == "typed"
        )
        tree.move_cursor(typed)
        await pilot.press("enter")
        await wait_for(pilot, lambda: detail.item is not None and detail.item.key == "typed")
        await pilot.press("f9")
        await wait_for(pilot, lambda: app.history.records("demo"), what="the call to finish")
        record = app.history.records("demo")[-1]
        assert (record.name, record.error) == ("typed", None), record
        assert record.result["structuredContent"] == {"n": 7}

        tree.set_filter("bad-p")  # the filter narrows the ⚠ leaves too
        await pilot.pause()
        assert leaf_labels(tree)["Prompts"] == [
            "⚠ bad-prompt  invalid: arguments: Input should be a valid list"
        ]
        assert leaf_labels(tree)["Tools"] == []
