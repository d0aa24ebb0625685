"""A stdio server's auth panel offers nothing it cannot do (no token to refresh or revoke)."""

from __future__ import annotations

from textual.widgets import Button

from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.auth_panel import AuthPanel
from mcptui.ui.settings import UiSettings

from .conftest import stdio_demo, wait_for


async def test_stdio_auth_panel_has_no_refresh_or_logout() -> None:
    app = McpTuiApp([stdio_demo()], settings=UiSettings(), auto_connect=False, show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.main_screen.panes_ready, what="the panes")
        app.main_screen.action_auth_panel()
        panel = await wait_for(pilot, lambda: isinstance(app.screen, AuthPanel) and app.screen, what="panel")
        buttons = {button.id for button in panel.query(Button)}
        assert buttons == {"auth-sign-in"}
        shown = {binding.action for _n, binding, _e, _t in panel.active_bindings.values()}
        assert "refresh_token" not in shown and "logout" not in shown
        await pilot.press("l", "r")  # nothing happens: no notification about tokens
        assert not any("token" in n.message or "logged out" in n.message for n in app._notifications)
