"""The TUI on an 80×24 terminal (SSH, tmux): what must fit, and the keys that work where.

Against the real stdio demo. Layout is asserted on widget regions: a widget counts as
visible when it is displayed and its region lies within the screen's.
"""

from __future__ import annotations

from textual.widgets import Button, Input
from textual.widgets._footer import FooterKey

from mcptui.core.catalog import Catalog
from mcptui.ui.app import McpTuiApp
from mcptui.ui.settings import UiSettings
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
from mcptui.ui.widgets.detail_pane import DetailPane
from mcptui.ui.widgets.result_view import ResultView
from mcptui.ui.widgets.server_list import ServerList

from .conftest import connected, stdio_demo, wait_for

SMALL = (80, 24)


def is_shown(widget) -> bool:
    node = widget
    while node is not None and node is not widget.screen:
        if not node.display or not node.visible:
            return False
        node = node.parent
    return True


def on_screen(app: McpTuiApp, widget) -> bool:
    region = widget.region
    return is_shown(widget) and region.area > 0 and app.screen.region.contains_region(region)


def footer_keys(app: McpTuiApp) -> list[str]:
    """The keys the footer shows, in order, that fit on the screen."""
    return [key.key for key in app.screen.query(FooterKey) if on_screen(app, key)]


async def choose_tool(pilot, name: str) -> DetailPane:
    app = pilot.app
    await wait_for(pilot, lambda: connected(app), what="the demo to connect")
    item = CatalogItem.of("demo", "tool", app.sessions["demo"].catalog.tool(name))
    tree = app.main_screen.query_one(CatalogTree)
    tree.select_item(item)
    tree.focus()
    detail = app.main_screen.query_one(DetailPane)
    await wait_for(pilot, lambda: detail.item == item, what="the item shown")
    await pilot.press("enter")  # into its form
    await wait_for(pilot, lambda: app.focused is not None and app.focused is not tree, what="form focus")
    return detail


def new_app() -> McpTuiApp:
    return McpTuiApp([stdio_demo()], settings=UiSettings(), show_times=False)


async def test_at_80x24_first_fields_send_and_a_result_line_fit() -> None:
    app = new_app()
    async with app.run_test(size=SMALL) as pilot:
        detail = await choose_tool(pilot, "get_forecast")
        first_input = detail.form.query(Input).first()
        assert app.focused is first_input and on_screen(app, first_input)
        assert on_screen(app, detail.query_one("#send-button", Button))
        # the sidebar folded away while the focus is in the form: the item has the width
        assert not app.main_screen.query_one("#sidebar").display
        assert detail.region.width == SMALL[0]
        await pilot.press(*"Lisbon", "enter")
        await wait_for(pilot, lambda: app.history.records("demo"), what="the result")
        result = detail.result_view
        assert on_screen(app, result) and result.region.height >= 3  # a border and a line of result
        keys = footer_keys(app)
        assert "f1" in keys and keys.index("f1") == 0  # essentials first: F1 never cut


async def test_sidebar_comes_back_for_its_keys_and_f3_toggles_it() -> None:
    app = new_app()
    async with app.run_test(size=SMALL) as pilot:
        await choose_tool(pilot, "echo")
        sidebar = app.main_screen.query_one("#sidebar")
        assert not sidebar.display
        await pilot.press("escape", "t")  # leave the field, jump to the catalog
        tree = app.main_screen.query_one(CatalogTree)
        assert app.focused is tree and sidebar.display and on_screen(app, tree)
        await pilot.press("s")
        assert isinstance(app.focused, ServerList) and on_screen(app, app.focused)
        await pilot.press("f3")  # hide it: the focus leaves it (no hidden widget keeps the focus)
        await wait_for(pilot, lambda: not sidebar.display, what="the sidebar to hide")
        await wait_for(pilot, lambda: app.focused is not None, what="the focus to land")
        assert on_screen(app, app.focused)
        await pilot.press("f3")
        assert sidebar.display


async def test_wide_terminal_keeps_the_sidebar() -> None:
    app = new_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await choose_tool(pilot, "echo")
        assert app.main_screen.query_one("#sidebar").display
        assert app.main_screen.query_one("#console").display


async def test_pane_keys_are_off_while_typing_and_esc_leaves_the_field() -> None:
    app = new_app()
    async with app.run_test(size=SMALL) as pilot:
        detail = await choose_tool(pilot, "echo")
        field = detail.form.query(Input).first()
        assert app.focused is field
        keys = footer_keys(app)
        assert not {"s", "t", "slash", "g", "c", "h"} & set(keys)  # nothing that would type
        assert "escape" in keys
        await pilot.press("s", "g")
        assert field.value == "sg" and app.focused is field  # typed, nothing jumped
        await pilot.press("escape")
        assert app.focused is detail.query_one("#send-button", Button)
        assert "s" in footer_keys(app) or "t" in footer_keys(app)
        await pilot.press("s")
        assert isinstance(app.focused, ServerList)


async def test_result_pane_letters_jump_like_everywhere_else() -> None:
    app = new_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await choose_tool(pilot, "add")
        await pilot.press("escape", "r")
        assert isinstance(app.focused, ResultView)
        await pilot.press("s")
        assert isinstance(app.focused, ServerList)


async def test_an_array_first_field_takes_the_focus_visibly() -> None:
    app = new_app()
    async with app.run_test(size=SMALL) as pilot:
        detail = await choose_tool(pilot, "number_stats")
        assert on_screen(app, app.focused), app.focused  # never the hidden raw JSON editor
        await pilot.press("ctrl+n")  # adds an item
        await wait_for(pilot, lambda: detail.form.query(Input), what="an item editor")
        item = detail.form.query(Input).first()
        await wait_for(pilot, lambda: app.focused is item, what="the new item focused")
        await pilot.press(*"2.5")
        assert item.value == "2.5" and on_screen(app, item)


async def test_a_long_description_folds_and_i_expands_it() -> None:
    lines = [f"Step {n}: think about the problem carefully." for n in range(40)]
    tool = {
        "name": "sequentialthinking",
        "description": "\n".join(lines),
        "inputSchema": {"type": "object", "properties": {"thought": {"type": "string"}}},
    }
    app = McpTuiApp([], auto_connect=False, settings=UiSettings(), show_times=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: screen.panes_ready, what="the panes")
        detail = screen.query_one(DetailPane)
        item = CatalogItem.of("x", "tool", Catalog(tools=[tool]).tools[0])
        detail.show_item(item)
        await pilot.pause()
        info = detail.query_one("#detail-info")
        text = str(info.render())
        assert "Step 2:" in text and "Step 3:" not in text and "i: more" in text
        first = await wait_for(pilot, lambda: detail.form.query(Input).first(), what="the field")
        assert on_screen(app, first)  # the form is not pushed off-screen
        assert on_screen(app, detail.query_one("#send-button", Button))
        screen.set_focus(detail.query_one("#send-button", Button))
        await pilot.press("i")
        assert "Step 39:" in str(info.render())
        await pilot.press("i")
        assert "Step 39:" not in str(info.render())


async def test_goto_an_item_the_filter_hides_clears_the_box_too() -> None:
    app = new_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: connected(app), what="the demo to connect")
        await pilot.press("slash", *"slow")
        tree = app.main_screen.query_one(CatalogTree)
        assert tree.filter_text == "slow"
        item = CatalogItem.of("demo", "tool", app.sessions["demo"].catalog.tool("echo"))
        app.main_screen.goto_item(item)
        await pilot.pause()
        box = app.main_screen.query_one("#catalog-filter", Input)
        assert box.value == tree.filter_text == ""
        assert tree.cursor_node is not None and tree.cursor_node.data == item


async def test_the_footer_offers_send_as_soon_as_an_item_is_shown_with_the_catalog_focused() -> None:
    app = new_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: connected(app), what="the demo to connect")
        tree = app.main_screen.query_one(CatalogTree)
        tree.focus()
        await pilot.pause()
        assert "f9" not in footer_keys(app)  # nothing shown yet: nothing to send
        item = CatalogItem.of("demo", "tool", app.sessions["demo"].catalog.tool("echo"))
        tree.select_item(item)
        detail = app.main_screen.query_one(DetailPane)
        await wait_for(pilot, lambda: detail.item == item, what="the item shown")
        await wait_for(pilot, lambda: "f9" in footer_keys(app), what="F9 Send on the footer")
        assert app.focused is tree
