"""The console's filters and detail view: a kind without levels survives a level, times are readable."""

from __future__ import annotations

import json

from textual.widgets import Select
from textual.widgets._select import SelectOverlay

from mcptui.core.events import ConnectionState, Notice, ServerLog, StateChanged
from mcptui.ui.app import McpTuiApp
from mcptui.ui.event_format import KINDS, full_text
from mcptui.ui.widgets.console import ConsoleView

from .conftest import wait_for

SIZE = (120, 36)


async def test_level_filter_does_not_hide_kinds_without_a_level() -> None:
    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.main_screen.panes_ready, what="the console")
        view = app.main_screen.query_one(ConsoleView)
        view.add_events(
            [
                StateChanged(server="a", state=ConnectionState.CONNECTED, detail="up"),
                ServerLog(server="a", level="info", data="chatter"),
                ServerLog(server="a", level="error", data="boom"),
                Notice(server="a", level="debug", text="quiet"),
            ]
        )
        view.set_filters(kind="state", level="warning")
        assert [row.kind for row in view.rows] == ["state"]
        view.set_filters(kind=None, level="warning")
        assert [row.kind for row in view.rows] == ["state", "log"]  # only the error log of the logs


def test_detail_view_shows_a_readable_time() -> None:
    event = ServerLog(server="a", level="info", data="x", at=1796197972.6)
    at = json.loads(full_text(event))["at"]
    assert isinstance(at, str) and at.startswith("2026-") and at.endswith(".600")


async def test_kind_selector_labels_fit_on_one_line() -> None:
    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.main_screen.panes_ready, what="the console")
        select = app.main_screen.query_one("#console-kind", Select)
        select.focus()
        await pilot.press("enter")
        overlay = select.query_one(SelectOverlay)
        await wait_for(pilot, lambda: overlay.display and overlay.option_count, what="the menu")
        assert overlay.option_count == len(KINDS) + 1  # and the "all kinds" prompt
        assert overlay.virtual_size.height == overlay.option_count  # one line each: nothing wraps
