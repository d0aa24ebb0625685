"""While the sign-in dialog is open, the server's call timeouts are stopped (a step-up during a call)."""

from __future__ import annotations

from mcptui.core.connection import ServerConnection
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.auth_dialog import AuthDialog
from mcptui.ui.settings import UiSettings

from .conftest import stdio_demo, wait_for
from .test_modals import auth_dialog


async def test_sign_in_dialog_stops_the_call_clocks_of_its_server() -> None:
    app = McpTuiApp([stdio_demo()], settings=UiSettings(), auto_connect=False, show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        connection = ServerConnection(app.sessions["demo"].config)
        app.manager._servers["demo"].connection = connection  # as if connecting (auto_connect is off)
        clocks = connection.clocks
        dialog = auth_dialog()
        dialog.server = "demo"
        worker = app.run_worker(app.auth_interaction._ask(dialog), exit_on_error=False)
        await wait_for(pilot, lambda: isinstance(app.screen, AuthDialog), what="the dialog")
        assert clocks.people_waiting == 1
        await pilot.press("escape")
        await worker.wait()
        assert clocks.people_waiting == 0
