"""The device grant (RFC 8628) in the TUI, against the real demo OAuth server on 127.0.0.1:
the code dialog shows the user code and the URLs, approving signs in and closes it, Cancel
stops the polling; and the sign-in dialog offers the device grant when the AS advertises it.

The engine's poll waits go through ``AuthOptions.sleep``: here a gate the test opens one poll
at a time (moving the shared fake clock by the interval), so nothing sleeps and every poll is
counted at the HTTP transport.
"""

from __future__ import annotations

import asyncio
import re
from urllib.parse import parse_qs

import httpx2

from mcptui.core.auth import BrowserOptions, TokenStore
from mcptui.core.server_config import ServerConfig
from mcptui.demo.auth_server import serve_auth_demo
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.auth_dialog import AuthDialog
from mcptui.ui.screens.device_dialog import DeviceCodeDialog

from ..auth.conftest import FakeClock
from .conftest import live, wait_for

SIZE = (120, 36)
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


class PollGate:
    """``AuthOptions.sleep``: each wait returns only when the test opens the gate once."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.waits = 0
        self.waiting = 0
        self.cancelled = 0
        self.gate = asyncio.Semaphore(0)

    async def __call__(self, seconds: float) -> None:
        self.waits += 1
        self.waiting += 1
        try:
            await self.gate.acquire()
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        finally:
            self.waiting -= 1
        self.clock.advance(seconds)  # as if the interval had passed: no slow_down


class CountingTransport(httpx2.AsyncBaseTransport):
    """The real HTTP transport, counting the device-code polls of the token endpoint."""

    def __init__(self) -> None:
        self.inner = httpx2.AsyncHTTPTransport()
        self.polls = 0

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        form = parse_qs(request.read().decode(errors="replace"))
        if request.url.path.endswith("/token") and form.get("grant_type") == [DEVICE_GRANT]:
            self.polls += 1
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def app_for(url: str, tmp_path, clock: FakeClock, gate: PollGate, transport, **options) -> McpTuiApp:
    return McpTuiApp(
        [ServerConfig(name="secure", url=url)],
        auth_options={
            "store": TokenStore(tmp_path / "auth"),
            "browser": BrowserOptions(opener=lambda _url: False),  # no browser here
            "callback_port": 0,
            "clock": clock,
            "sleep": gate,
            "http_transport": transport,
            **options,
        },
    )


async def approve(verification_uri: str, user_code: str) -> None:
    """What the person does on their phone: enter the code at the AS and approve."""
    async with httpx2.AsyncClient(timeout=10) as http:
        response = await http.post(verification_uri, data={"user_code": user_code, "decision": "approve"})
    assert response.status_code == 200, response.text


def device_dialog(app: McpTuiApp) -> DeviceCodeDialog | None:
    return app.screen if isinstance(app.screen, DeviceCodeDialog) else None


def rendered(dialog: DeviceCodeDialog, selector: str) -> str:
    return str(dialog.query_one(selector).render())


async def test_device_dialog_shows_the_code_and_approving_signs_in(tmp_path) -> None:
    clock, transport = FakeClock(), CountingTransport()
    gate = PollGate(clock)
    async with serve_auth_demo(consent_page=False, access_ttl=600, clock=clock) as demo:
        app = app_for(demo.url, tmp_path, clock, gate, transport, grant="device")
        async with app.run_test(size=SIZE) as pilot:
            dialog = await wait_for(pilot, lambda: device_dialog(app), what="the device dialog")
            prompt = dialog.prompt
            issuer = demo.url.split("/mcp")[0]
            assert prompt.verification_uri == f"{issuer}/device"
            assert prompt.verification_uri_complete == f"{issuer}/device?user_code={prompt.user_code}"
            assert rendered(dialog, ".user-code") == " ".join(prompt.user_code)
            assert prompt.verification_uri in rendered(dialog, ".device-url")
            assert prompt.verification_uri_complete in rendered(dialog, ".device-url-complete")
            assert re.search(r"expires in (10 min 00|9 min \d\d) s", rendered(dialog, ".device-expiry"))

            copied: list[str] = []
            app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
            await pilot.press("c")
            assert copied == [prompt.verification_uri_complete]

            await wait_for(pilot, lambda: gate.waiting == 1, what="the first poll wait")
            gate.gate.release()  # one poll before the person approves: authorization_pending
            await wait_for(pilot, lambda: transport.polls == 1 and gate.waiting == 1, what="a pending poll")
            assert device_dialog(app) is dialog

            await approve(prompt.verification_uri, prompt.user_code)
            gate.gate.release()
            session = live(app, "secure")
            await wait_for(pilot, lambda: session.connected and session.catalog, what="signed in")
            await wait_for(pilot, lambda: device_dialog(app) is None, what="the dialog closed itself")
            assert transport.polls == 2 and prompt.finished.is_set()
            assert session.catalog.tools
            record = TokenStore(tmp_path / "auth").load_server(demo.url)
            assert record is not None and record.tokens.access_token


async def test_cancel_stops_the_polling(tmp_path) -> None:
    clock, transport = FakeClock(), CountingTransport()
    gate = PollGate(clock)
    async with serve_auth_demo(consent_page=False, access_ttl=600, clock=clock) as demo:
        app = app_for(demo.url, tmp_path, clock, gate, transport, grant="device")
        async with app.run_test(size=SIZE) as pilot:
            dialog = await wait_for(pilot, lambda: device_dialog(app), what="the device dialog")
            await wait_for(pilot, lambda: gate.waiting == 1, what="the first poll wait")
            gate.gate.release()
            await wait_for(pilot, lambda: transport.polls == 1 and gate.waiting == 1, what="a pending poll")

            await pilot.press("escape")
            session = live(app, "secure")
            await wait_for(pilot, lambda: session.error, what="the sign-in failed as cancelled")
            assert device_dialog(app) is None and not session.connected
            assert "cancelled" in session.error
            assert gate.cancelled == 1 and gate.waiting == 0  # the pending wait was abandoned
            steps = [(s.step, s.status, s.detail) for s in session.auth_steps]
            assert ("device", "failed", "the device sign-in was cancelled") in steps
            # the person could still approve: nobody polls for it any more
            await approve(dialog.prompt.verification_uri, dialog.prompt.user_code)
            for _ in range(3):
                gate.gate.release()
                await pilot.pause()
            assert transport.polls == 1 and gate.waits == 2
            assert not isinstance(app.screen, (DeviceCodeDialog, AuthDialog))  # no new sign-in began


async def test_sign_in_dialog_offers_the_device_grant(tmp_path) -> None:
    clock, transport = FakeClock(), CountingTransport()
    gate = PollGate(clock)
    async with serve_auth_demo(consent_page=False, access_ttl=600, clock=clock) as demo:
        app = app_for(demo.url, tmp_path, clock, gate, transport)
        async with app.run_test(size=SIZE) as pilot:
            login = await wait_for(
                pilot, lambda: isinstance(app.screen, AuthDialog) and app.screen, what="the sign-in dialog"
            )
            assert login.device_grant  # the demo AS advertises device_authorization_endpoint
            assert login.query(".device-button")
            await pilot.press("d")
            dialog = await wait_for(pilot, lambda: device_dialog(app), what="the device dialog")
            await approve(dialog.prompt.verification_uri, dialog.prompt.user_code)
            await wait_for(pilot, lambda: gate.waiting == 1, what="the first poll wait")
            gate.gate.release()
            session = live(app, "secure")
            await wait_for(pilot, lambda: session.connected and session.catalog, what="signed in")
            await wait_for(pilot, lambda: device_dialog(app) is None, what="the dialog closed itself")
            assert transport.polls == 1
            steps = [(s.step, s.detail) for s in session.auth_steps]
            assert ("device", "you chose to sign in with a code on another device") in steps


async def test_no_device_button_without_the_grant() -> None:
    dialog = AuthDialog(
        "s", authorization_server="https://as", scope=None, resource=None, redirect_uri="r", authorize_url=""
    )
    assert not dialog.device_grant and dialog.check_action("device", ()) is False


async def test_the_device_dialog_shows_hostile_strings_inert() -> None:
    from mcptui.core.auth.interaction import DevicePrompt
    from tests.hostile_server import MARKUP, RAW_BYTES

    from .test_hostile_ui import screen_text, widget_text

    prompt = DevicePrompt(
        server="evil",
        issuer=f"http://127.0.0.1:1/{MARKUP}\x1b]8;;x\x07",
        user_code=f"AB\x1b[31mCD{MARKUP}",
        verification_uri=f"http://127.0.0.1:1/device{MARKUP}\x1b[2J",
        verification_uri_complete=f"http://127.0.0.1:1/device?user_code=\x9b{MARKUP}",
        expires_in=600,
        scope=None,
    )
    app = McpTuiApp([], auto_connect=False, show_times=False)  # clocks hidden: nothing moves
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(DeviceCodeDialog(prompt))
        await wait_for(pilot, lambda: device_dialog(app), what="the device dialog")
        text, shown = screen_text(app), widget_text(app)
        assert not [ch for ch in RAW_BYTES if ch in text or ch in shown]
        assert MARKUP in shown  # literal, never parsed
        assert "the code is valid for a limited time" in shown
        prompt.finished.set()  # the engine ended: the dialog closes by itself
        await wait_for(pilot, lambda: device_dialog(app) is None, what="the dialog closed")
