"""The result shown belongs to the item shown; a re-run from history shows its arguments in the form."""

from __future__ import annotations

from textual.widgets import Label

from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.detail_pane import DetailPane
from mcptui.ui.widgets.history import HistoryPane

from .conftest import connected, wait_for
from .test_calls import select_tool


def status(detail: DetailPane) -> str:
    return str(detail.query_one("#call-status", Label).render())


async def test_another_item_does_not_show_the_last_result(demo_stdio) -> None:
    app = McpTuiApp([demo_stdio], show_times=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: connected(app))
        detail = select_tool(app, "add", {"a": 2, "b": 3})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: "ok" in status(detail), what="the result")
        assert "5" in detail.result_view.copy_json()
        select_tool(app, "describe_order")
        await pilot.pause()
        assert status(detail) == "" and detail.result_view.copy_json() == ""


async def test_history_rerun_fills_the_form(demo_stdio) -> None:
    app = McpTuiApp([demo_stdio], show_times=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: connected(app))
        detail = select_tool(app, "add", {"a": 2, "b": 3})
        await pilot.pause()
        await pilot.press("f9")
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records, what="the call")
        select_tool(app, "echo")
        await pilot.pause()
        await pilot.press("h")
        assert app.focused is app.main_screen.query_one(HistoryPane)
        await pilot.press("enter")  # re-run
        await wait_for(pilot, lambda: len(records) == 2, what="the re-run")
        await wait_for(pilot, lambda: detail.form is not None and detail.form.arguments, what="the form")
        assert detail.item.key == "add" and detail.form.arguments == {"a": 2, "b": 3}
