"""Sign-in from the TUI against the real OAuth-protected demo (in-process, 127.0.0.1):
the login dialog appears, the user pastes the redirect URL back, the server connects;
and "use a token instead" / cancel."""

from __future__ import annotations

import httpx2

from mcptui.core.auth import BrowserOptions, TokenStore
from mcptui.core.server_config import ServerConfig
from mcptui.demo.auth_server import serve_auth_demo
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.auth_dialog import AuthDialog, AuthDialogResult
from mcptui.ui.screens.auth_panel import AuthPanel
from mcptui.ui.screens.token_dialog import TokenDialog

from .conftest import connected, live, wait_for

SIZE = (120, 36)


def app_for(url: str, tmp_path) -> McpTuiApp:
    return McpTuiApp(
        [ServerConfig(name="secure", url=url)],
        auth_options={
            "store": TokenStore(tmp_path / "auth"),
            "browser": BrowserOptions(opener=lambda _url: False),  # no browser: paste-back
            "callback_port": 0,
        },
    )


async def test_login_dialog_with_paste_back(tmp_path) -> None:
    async with serve_auth_demo(consent_page=False, access_ttl=600) as demo:
        app = app_for(demo.url, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            dialog = await wait_for(
                pilot, lambda: isinstance(app.screen, AuthDialog) and app.screen, what="login"
            )
            assert dialog.server == "secure"
            # what a browser elsewhere would do: the AS redirects to the loopback URL with code+state
            async with httpx2.AsyncClient(follow_redirects=False, timeout=10) as http:
                response = await http.get(dialog.authorize_url)
            location = response.headers["location"]
            assert "code=" in location and "state=" in location
            dialog.dismiss(AuthDialogResult("paste", scope=dialog.scope, pasted=location))
            session = live(app, "secure")
            # connected is not enough: the console is one of the panes mounted after the catalog
            await wait_for(pilot, lambda: connected(app, "secure"), what="connected, all panes up")
            assert session.catalog.tools
            assert session.auth_state not in ("", "-")
            view = app.main_screen.query_one("ConsoleView")
            await wait_for(
                pilot,
                lambda: any("auth token ok" in e.line for e in view.entries),
                what="the code exchange in the console",
            )
            console = "\n".join(e.line for e in view.entries)
            assert location.split("code=")[1].split("&")[0] not in console

            # the auth panel: saved state (no token shown) and the steps; log out
            await pilot.press("s", "u")
            panel = await wait_for(
                pilot, lambda: isinstance(app.screen, AuthPanel) and app.screen, what="panel"
            )
            state = str(panel.query_one("#auth-state").render())
            assert demo.url.split("/mcp")[0] in state or "issuer" in state
            assert "refresh token" in state
            steps = str(panel.query_one("#auth-steps").render())
            assert "ok" in steps and "authorize" in steps
            await pilot.press("l")
            await wait_for(
                pilot, lambda: "No saved credentials" in str(panel.query_one("#auth-state").render())
            )


async def test_use_a_token_instead_then_cancel(tmp_path) -> None:
    async with serve_auth_demo(consent_page=False, access_ttl=600) as demo:
        app = app_for(demo.url, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            dialog = await wait_for(
                pilot, lambda: isinstance(app.screen, AuthDialog) and app.screen, what="login"
            )
            dialog.dismiss(AuthDialogResult("token", scope=dialog.scope, token="not-a-valid-token"))
            session = live(app, "secure")
            # the demo rejects the token: the engine asks again (a token dialog); cancelling ends it
            await wait_for(
                pilot,
                lambda: isinstance(app.screen, (TokenDialog, AuthDialog)) or session.error,
                what="outcome",
            )
            if isinstance(app.screen, (TokenDialog, AuthDialog)):
                await pilot.press("escape")
            await wait_for(pilot, lambda: session.error, what="the failure")
            assert not session.connected
            assert "not-a-valid-token" not in session.error
