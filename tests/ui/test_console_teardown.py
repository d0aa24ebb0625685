"""A console drain that comes due while the screen is torn down draws nothing and raises nothing.

A quit right after a 50,000-tool catalog arrived once ended with "internal error (NoMatches)":
the console drain (a timer of the main screen, one per console frame) ran after the console's
widgets were unmounted and queried them. These tests make that moment deterministic: the drain
is run when the console (or its view) is gone, and from the console's own unmount during a real
quit, with events waiting in the router.
"""

from __future__ import annotations

from typing import Any

import pytest

from mcptui.core.events import Notice
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.console import Console, ConsoleView

from .conftest import panes_up, wait_for

SIZE = (100, 30)


def offline_app() -> McpTuiApp:
    config = ServerConfig(name="x", url="http://127.0.0.1:9/mcp", from_config=True)
    return McpTuiApp([config], auto_connect=False)


@pytest.mark.parametrize("gone", [Console, ConsoleView])
async def test_a_drain_due_after_the_console_is_gone_draws_nothing(gone: Any) -> None:
    app = offline_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: panes_up(app), what="the panes")
        screen = app.main_screen
        await screen.query_one(gone).remove()  # what the teardown does, a widget at a time
        app.router(Notice(server="x", text="late"))
        screen._console_events_pending()  # what that event's message does: a drain is now due
        assert screen.console_drain.due
        await wait_for(pilot, lambda: not screen.console_drain.due, what="the drain")
        assert app._exception is None


async def test_quitting_while_a_drain_is_pending_ends_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    app = offline_app()
    outcomes: list[Exception | None] = []

    def unmounting(console: Console) -> None:  # the console leaves: the pending drain runs then
        try:
            app.main_screen._drain_console()
            outcomes.append(None)
        except Exception as error:  # noqa: BLE001 - recorded: the test says which
            outcomes.append(error)

    monkeypatch.setattr(Console, "on_unmount", unmounting, raising=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: panes_up(app), what="the panes")
        for n in range(3_000):  # a flood waiting in the router as the user quits
            app.router(Notice(server="x", text=f"line {n}"))
        app.main_screen._console_events_pending()
        assert app.main_screen.console_drain.due
        app.exit()
    assert outcomes == [None] and app._exception is None


async def test_a_call_ending_while_the_app_quits_draws_nothing() -> None:
    """Any pane work (a call's end, a task's change) that arrives once the app is quitting."""
    from mcptui.core.history import CallRecord
    from mcptui.core.session_state import CallCompleted, CallTicket

    app = offline_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: panes_up(app), what="the panes")
        screen = app.main_screen
        await screen.query_one("#main-tabs").remove()  # the teardown has taken the tabs
        app._exit = True  # what App.exit sets first: the screen is no longer attached
        ticket = CallTicket(1, "x", 0, "tool", "t")
        screen._call_completed(CallCompleted("x", ticket, CallRecord(server="x", kind="tool", name="t")))
        app._exit = False


async def test_quitting_while_the_panes_mount_ends_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    """The teardown can come while the console is being mounted (a quit right after launch):
    what follows the mount must not query widgets that are going (it raised NoMatches)."""
    from mcptui.ui.screens.main_screen import MainScreen

    app = offline_app()
    mount = MainScreen.mount

    async def mount_then_torn_down(self: MainScreen, *widgets: Any, **kwargs: Any) -> None:
        await mount(self, *widgets, **kwargs)
        if any(isinstance(widget, Console) for widget in widgets):
            await self.query_one(Console).remove()  # the quit's teardown, during the mount's await

    monkeypatch.setattr(MainScreen, "mount", mount_then_torn_down)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: screen.panes._asked and not screen.query(Console), what="the mount")
        await pilot.pause()
        assert not screen.panes.ready
    assert app._exception is None
