"""Issue 11 point 11: the sign-in dialog keeps what the person did and says what went wrong in it.

A paste the engine would refuse (another sign-in's state) and ``o`` without a browser leave
the same dialog up, the edited scope in place and the reason in the dialog; "use an access
token instead" during a 403 step-up uses the typed token (the call goes through) and revokes
the refresh token of the record it replaces.
"""

from __future__ import annotations

import asyncio
import webbrowser

import httpx2
from textual.widgets import Input, Static

from mcptui.core.auth import BrowserOptions, TokenStore
from mcptui.core.server_config import ServerConfig
from mcptui.demo.auth_provider import ALL_SCOPES
from mcptui.demo.auth_server import serve_auth_demo
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.auth_dialog import AuthDialog, AuthDialogResult
from mcptui.ui.settings import UiSettings

from .conftest import live, wait_for
from .test_sign_in_scope_kept import PROMPT


def error_text(dialog: AuthDialog) -> str:
    box = dialog.query_one(".dialog-error", Static)
    return str(box.render()) if box.display else ""


async def open_dialog(pilot, app) -> tuple[AuthDialog, object]:
    worker = app.run_worker(app.auth_interaction.read_pasted_response(PROMPT), exit_on_error=False)
    dialog = await wait_for(pilot, lambda: isinstance(app.screen, AuthDialog) and app.screen, what="dialog")
    dialog.query_one(".scope-input", Input).value = "read write"
    await pilot.pause()
    return dialog, worker


async def test_a_paste_from_another_sign_in_is_refused_in_the_dialog_and_the_scope_stays() -> None:
    app = McpTuiApp([], settings=UiSettings(), auto_connect=False, show_times=False)
    async with app.run_test(size=(110, 40)) as pilot:
        dialog, worker = await open_dialog(pilot, app)
        paste = dialog.query_one(".paste-input", Input)
        paste.value = "http://127.0.0.1:33418/callback?code=c&state=someone-else"
        paste.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # not dismissed, not rebuilt
        assert "another sign-in" in error_text(dialog)
        assert dialog.query_one(".scope-input", Input).value == "read write"
        assert not worker.is_finished
        paste.value = "http://127.0.0.1:33418/callback?code=c&state=xyz"  # this sign-in's state
        await pilot.press("enter")
        await wait_for(pilot, lambda: worker.is_finished, what="the paste handed over")
        assert worker.result == "http://127.0.0.1:33418/callback?code=c&state=xyz"


async def test_open_without_a_browser_says_so_in_the_same_dialog(monkeypatch) -> None:
    def no_browser(*_args, **_kwargs):
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    app = McpTuiApp([], settings=UiSettings(), auto_connect=False, show_times=False)
    async with app.run_test(size=(110, 40)) as pilot:
        dialog, worker = await open_dialog(pilot, app)
        await pilot.click(".browser-button")
        await wait_for(pilot, lambda: "no browser" in error_text(dialog), what="the reason in the dialog")
        assert app.screen is dialog
        assert dialog.query_one(".scope-input", Input).value == "read write"
        worker.cancel()


async def test_a_token_typed_during_a_step_up_is_used_and_the_old_refresh_token_revoked(tmp_path) -> None:
    async with serve_auth_demo(consent_page=False, access_ttl=600) as demo:
        app = McpTuiApp(
            [ServerConfig(name="secure", url=demo.url)],
            auth_options={
                "store": TokenStore(tmp_path / "auth"),
                "browser": BrowserOptions(opener=lambda _url: False),
                "callback_port": 0,
            },
        )
        async with app.run_test(size=(120, 36)) as pilot:
            dialog = await wait_for(pilot, lambda: isinstance(app.screen, AuthDialog) and app.screen)
            async with httpx2.AsyncClient(follow_redirects=False, timeout=10) as http:
                location = (await http.get(dialog.authorize_url)).headers["location"]
            dialog.dismiss(AuthDialogResult("paste", scope=dialog.scope, pasted=location))
            session = live(app, "secure")
            await wait_for(pilot, lambda: session.connected and session.catalog, what="signed in")
            first_refresh = set(demo.provider.refresh)
            assert first_refresh

            call = asyncio.ensure_future(
                app.manager.connection("secure").call_tool("write_note", {"text": "hi"})
            )
            step_up = await wait_for(
                pilot, lambda: isinstance(app.screen, AuthDialog) and app.screen is not dialog and app.screen
            )
            client_id = next(iter(demo.provider.clients.values())).client_id
            typed = demo.provider.issue(client_id, ALL_SCOPES, demo.url, "person", with_refresh=False)
            step_up.dismiss(AuthDialogResult("token", scope=step_up.scope, token=typed.access_token))
            result = await asyncio.wait_for(call, 30)
            assert result["content"][0]["text"] == "wrote 'hi'"
            assert not (first_refresh & set(demo.provider.refresh))  # revoked, not left behind
            assert demo.provider.counters.get("revoke") == 1
