"""Destructive tools ask before they are sent (Pilot, on the real demo server); a setting turns it off."""

from __future__ import annotations

from mcptui.core.tool_safety import needs_confirmation
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.confirm_call import ConfirmCallModal
from mcptui.ui.settings import UiSettings
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
from mcptui.ui.widgets.detail_pane import DetailPane

from .conftest import connected, wait_for

SIZE = (120, 36)


def select_tool(app: McpTuiApp, name: str, values: dict | None = None) -> DetailPane:
    session = app.sessions["demo"]
    item = CatalogItem.of("demo", "tool", session.catalog.tool(name))
    app.main_screen.query_one(CatalogTree).select_item(item)
    app.main_screen.show_item(item, values=values)
    return app.main_screen.query_one(DetailPane)


def test_which_tools_need_confirmation() -> None:
    destructive = {"name": "rm", "annotations": {"destructiveHint": True, "readOnlyHint": False}}
    unannotated = {"name": "x"}
    read_only = {"name": "ls", "annotations": {"readOnlyHint": True}}
    says_safe = {"name": "add", "annotations": {"readOnlyHint": False, "destructiveHint": False}}
    assert needs_confirmation(destructive) and needs_confirmation(destructive, cautious=True)
    assert not needs_confirmation(unannotated) and needs_confirmation(unannotated, cautious=True)
    assert not needs_confirmation(read_only, cautious=True)
    assert not needs_confirmation(says_safe, cautious=True)
    assert not needs_confirmation({"annotations": "junk"}, cautious=False)


async def test_a_destructive_tool_is_sent_only_after_confirmation(demo_http) -> None:
    app = McpTuiApp([demo_http], settings=UiSettings())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        select_tool(app, "delete_everything", {"confirm": True})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmCallModal), what="the confirmation")
        modal = app.screen
        assert "delete_everything" in str(modal.query_one(".modal-title").render())
        assert '"confirm": true' in str(modal.query_one("#confirm-call-args Static").render())
        await pilot.press("escape")  # cancel: nothing is sent
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmCallModal)
        assert app.history.records("demo") == []
        assert app.main_screen.query_one(DetailPane).running_call is None

        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmCallModal), what="the confirmation")
        await pilot.press("y")
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records, what="the call to finish")
        assert records[-1].name == "delete_everything" and records[-1].ok

        # other tools are not asked about
        select_tool(app, "echo", {"text": "hi"})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: len(records) == 2, what="the echo call")
        assert not isinstance(app.screen, ConfirmCallModal)


async def test_the_setting_turns_confirmation_off(demo_http, tmp_path) -> None:
    settings_path = tmp_path / "settings.json"
    settings_path.write_text('{"confirmDestructive": false}')
    settings = UiSettings.load(settings_path)
    assert settings.confirm_destructive is False
    app = McpTuiApp([demo_http], settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        select_tool(app, "delete_everything", {})
        await pilot.pause()
        await pilot.press("f9")
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records, what="the call to finish")
        assert records[-1].name == "delete_everything"
        assert not isinstance(app.screen, ConfirmCallModal)


async def test_a_cautious_server_confirms_tools_not_marked_read_only(demo_http) -> None:
    app = McpTuiApp([demo_http.with_overrides(cautious=True)], settings=UiSettings())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        select_tool(app, "echo", {"text": "hi"})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmCallModal), what="the confirmation")
        assert "cautious" in str(app.screen.query_one("#confirm-call-reason").render())
        await pilot.press("n")
        await pilot.pause()
        assert app.history.records("demo") == []
