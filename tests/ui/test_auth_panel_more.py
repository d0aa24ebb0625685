"""The auth panel's "refresh now" and countdown, and the editor's OAuth-client credentials.

Refresh runs against the real protected demo (in-process, 127.0.0.1): the person signs in
headlessly first (a "browser" that follows the authorization redirect), then presses **r** in
the panel and the saved access token rotates (compared by fingerprint, never printed).
"""

from __future__ import annotations

import asyncio
import json

import httpx2
from textual.widgets import Input, Select

from mcptui.core import config, locations
from mcptui.core.auth import AuthOptions, BrowserOptions, NonInteractive, TokenStore
from mcptui.core.auth.manage import login, status
from mcptui.core.server_config import ServerConfig
from mcptui.demo.auth_server import serve_auth_demo
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.auth_panel import AuthPanel, describe_expiry
from mcptui.ui.screens.server_editor import ServerEditor

from .conftest import wait_for

SIZE = (120, 40)


async def sign_in_headlessly(url: str, store: TokenStore) -> None:
    """What a person's browser does: follow the authorization URL into the loopback callback."""
    tasks: list[asyncio.Task[None]] = []

    async def follow(target: str) -> None:
        async with httpx2.AsyncClient(follow_redirects=True, timeout=10) as http:
            await http.get(target)

    def opener(target: str) -> bool:
        tasks.append(asyncio.get_running_loop().create_task(follow(target)))
        return True

    options = AuthOptions(browser=BrowserOptions(opener=opener), callback_port=0)
    await login(
        ServerConfig(name="secure", url=url), interaction=NonInteractive(), store=store, options=options
    )
    await asyncio.gather(*tasks)


def fingerprint_of(url: str, store: TokenStore) -> str | None:
    return status(ServerConfig(name="secure", url=url), store=store, now=0).get("tokenFingerprint")


async def test_refresh_now_rotates_the_saved_access_token(tmp_path) -> None:
    store = TokenStore(tmp_path / "auth")
    async with serve_auth_demo(consent_page=False, access_ttl=600) as demo:
        await sign_in_headlessly(demo.url, store)
        before = fingerprint_of(demo.url, store)
        assert before
        app = McpTuiApp(
            [ServerConfig(name="secure", url=demo.url)],
            auth_options={"store": store, "callback_port": 0},
            auto_connect=False,
            show_times=True,
        )
        async with app.run_test(size=SIZE) as pilot:
            panel = AuthPanel(app.sessions["secure"])
            app.push_screen(panel)
            await wait_for(pilot, lambda: app.screen is panel, what="the panel")
            state = str(panel.query_one("#auth-state").render())
            assert before in state and "expires" in state and " min " in state  # the countdown
            refreshes = demo.provider.counters.get("refresh", 0)
            await pilot.press("r")
            await wait_for(
                pilot, lambda: fingerprint_of(demo.url, store) not in (None, before), what="a new token"
            )
            after = fingerprint_of(demo.url, store)
            assert demo.provider.counters["refresh"] == refreshes + 1
            await wait_for(pilot, lambda: after in str(panel.query_one("#auth-state").render()))
            await wait_for(
                pilot, lambda: "got a new access token" in str(panel.query_one("#auth-steps").render())
            )
            steps = str(panel.query_one("#auth-steps").render())
            record = store.load_server(demo.url)
            assert record.tokens.access_token not in steps + str(panel.query_one("#auth-state").render())

            # the button does the same
            panel.query_one("#auth-refresh").press()
            await wait_for(
                pilot, lambda: fingerprint_of(demo.url, store) not in (None, before, after), what="again"
            )


async def test_refresh_now_without_a_saved_token_says_so(tmp_path) -> None:
    store = TokenStore(tmp_path / "auth")
    app = McpTuiApp(
        [ServerConfig(name="secure", url="http://127.0.0.1:9/mcp")],
        auth_options={"store": store},
        auto_connect=False,
    )
    async with app.run_test(size=SIZE) as pilot:
        panel = AuthPanel(app.sessions["secure"])
        app.push_screen(panel)
        await wait_for(pilot, lambda: app.screen is panel, what="the panel")
        await pilot.press("r")
        await wait_for(
            pilot,
            lambda: any("no saved token to refresh" in str(n.message) for n in app._notifications),
            what="the notice",
        )


def test_expiry_text_hides_the_countdown_when_clocks_are_off() -> None:
    assert describe_expiry(1000.0, 400.0) == "in 10 min 00 s"
    assert describe_expiry(1000.0, 400.0, countdown=False) == "valid (countdown hidden)"
    assert describe_expiry(1000.0, 1000.0, countdown=False) == "expired"


async def test_editor_writes_oauth_client_credentials(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DEMO_SECRET", "expanded-secret-value")
    servers_path = locations.servers_file()
    app = McpTuiApp([], servers_file=servers_path, auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "n")
        editor = app.screen
        assert isinstance(editor, ServerEditor)
        assert not editor.query_one("#editor-creds-oauth-client").display
        editor.query_one("#editor-name", Input).value = "secure"
        editor.query_one("#editor-where", Input).value = "http://127.0.0.1:9/mcp"
        editor.query_one("#editor-auth", Select).value = "oauth-client"
        await wait_for(pilot, lambda: editor.query_one("#editor-creds-oauth-client").display)
        secret = editor.query_one("#editor-auth-clientSecret", Input)
        assert secret.password  # masked
        editor.query_one("#editor-auth-clientId", Input).value = "my-client"
        secret.value = "${DEMO_SECRET}"
        editor.query_one("#editor-auth-scope", Input).value = "mcp:read"
        await pilot.press("f9")
        await wait_for(pilot, lambda: "secure" in app.sessions, what="the saved server")
        written = json.loads(servers_path.read_text())["mcpServers"]["secure"]["auth"]
        assert written == {
            "clientId": "my-client",
            "clientSecret": "${DEMO_SECRET}",  # the reference, never its value
            "scope": "mcp:read",
            "method": "oauth-client",
        }
        assert app.sessions["secure"].config.auth.client_id == "my-client"

        # edit: the reference is shown back; a literal secret is written but never shown again
        await pilot.press("s", "e")
        editor = app.screen
        assert isinstance(editor, ServerEditor)
        assert editor.query_one("#editor-auth-clientSecret", Input).value == "${DEMO_SECRET}"
        editor.query_one("#editor-auth-clientSecret", Input).value = "literal-secret"
        await pilot.press("f9")
        await wait_for(
            pilot,
            lambda: (
                config.load_servers(servers_path).entry("secure")["auth"]["clientSecret"] == "literal-secret"
            ),
        )
        await pilot.press("s", "e")
        editor = app.screen
        assert editor.query_one("#editor-auth-clientSecret", Input).value == ""
        assert editor.query_one("#editor-auth-clientId", Input).value == "my-client"
        await pilot.press("f9")  # an empty secret input keeps the saved secret
        await wait_for(pilot, lambda: not isinstance(app.screen, ServerEditor))
        assert config.load_servers(servers_path).entry("secure")["auth"]["clientSecret"] == "literal-secret"


async def test_editor_writes_bearer_and_basic_credentials(tmp_path, monkeypatch) -> None:
    # set, so the reconnect after saving has a credential and no token prompt opens
    monkeypatch.setenv("API_TOKEN", "unused-token")
    monkeypatch.setenv("ALICE_PW", "unused-password")
    servers_path = locations.servers_file()
    app = McpTuiApp([], servers_file=servers_path, auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "n")
        editor = app.screen
        editor.query_one("#editor-name", Input).value = "tok"
        editor.query_one("#editor-where", Input).value = "http://127.0.0.1:9/mcp"
        editor.query_one("#editor-auth", Select).value = "bearer"
        await wait_for(pilot, lambda: editor.query_one("#editor-creds-bearer").display)
        assert editor.query_one("#editor-auth-token", Input).password
        editor.query_one("#editor-auth-token", Input).value = "${API_TOKEN}"
        await pilot.press("f9")
        await wait_for(pilot, lambda: "tok" in app.sessions)
        assert config.load_servers(servers_path).entry("tok")["auth"] == {
            "token": "${API_TOKEN}",
            "method": "bearer",
        }

        await pilot.press("s", "e")
        editor = app.screen
        assert isinstance(editor, ServerEditor)
        editor.query_one("#editor-auth", Select).value = "basic"
        await wait_for(pilot, lambda: editor.query_one("#editor-creds-basic").display)
        assert not editor.query_one("#editor-creds-bearer").display
        editor.query_one("#editor-auth-username", Input).value = "alice"
        editor.query_one("#editor-auth-password", Input).value = "${ALICE_PW}"
        await pilot.press("f9")
        await wait_for(
            pilot,
            lambda: config.load_servers(servers_path).entry("tok")["auth"].get("username") == "alice",
        )
        auth = config.load_servers(servers_path).entry("tok")["auth"]
        assert auth["method"] == "basic" and auth["password"] == "${ALICE_PW}"
