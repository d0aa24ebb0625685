"""The device authorization grant (RFC 8628) against the scripted AS: polling, slow_down,
expiry, denial, cancel, automatic choice, and the device code kept secret.

Polling waits go through ``AuthOptions.sleep``: here a fake that records each wait and moves
the fake clock, so no test sleeps.
"""

from __future__ import annotations

import asyncio

import pytest

from mcptui.core.auth import AuthOptions, BrowserOptions, NonInteractive, TokenStore
from mcptui.core.auth.device import DEVICE_GRANT
from mcptui.core.auth.interaction import AuthorizationPrompt, DevicePrompt
from mcptui.core.auth.manage import login
from mcptui.core.errors import AuthError, AuthRequired
from mcptui.core.events import AuthStep, EventRecorder
from mcptui.core.server_config import ServerConfig

from .conftest import FakeClock
from .fake_oauth import ISSUER, SERVER, FakeOAuth


class Sleeper:
    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.clock.advance(seconds)


async def device_login(fake: FakeOAuth, tmp_path, *, interaction=None, sleep=None, store=None, **extra):
    clock = FakeClock()
    sleeper = sleep or Sleeper(clock)
    recorder = EventRecorder()
    store = store or TokenStore(tmp_path / "auth")
    person = interaction or NonInteractive()
    options = AuthOptions(
        browser=BrowserOptions(no_browser=True),
        http_transport=fake.transport(),
        clock=clock,
        sleep=sleeper,
        **extra,
    )
    record = await login(
        ServerConfig(name="fake", url=SERVER), interaction=person, store=store, options=options, sink=recorder
    )
    return record, recorder, sleeper, person, store


def device_steps(recorder: EventRecorder) -> list[tuple[str, str]]:
    return [(e.status, e.detail) for e in recorder.of(AuthStep) if e.step == "device"]


async def test_device_flow_polls_slows_down_and_saves_the_token(tmp_path):
    fake = FakeOAuth(device=["authorization_pending", "slow_down", "ok"])
    record, recorder, sleeper, person, store = await device_login(fake, tmp_path, grant="device")
    assert record.tokens.access_token == "AT-SECRET-1" and record.tokens.refresh_token
    assert sleeper.waits == [5, 5, 10]  # the interval, then +5 s after slow_down
    (registration,) = [f for _, u, f in fake.requests if u.endswith("/register")]
    assert registration["grant_types"] == [DEVICE_GRANT, "refresh_token"]
    assert registration["response_types"] == [] and "redirect_uris" not in registration
    (device_form,) = [f for _, u, f in fake.requests if u.endswith("/device")]
    assert device_form["client_id"] == "dcr-client" and device_form["resource"] == SERVER
    (prompt,) = person.shown
    assert isinstance(prompt, DevicePrompt) and prompt.user_code == "WDJB-MJHT"
    assert prompt.verification_uri == f"{ISSUER}/activate"
    details = " | ".join(d for _, d in device_steps(recorder))
    assert (
        "enter the code WDJB-MJHT" in details and "waiting for the code" in details and "every 10s" in details
    )
    assert "DEV-SECRET" not in repr(recorder.events)  # the device code is a secret
    assert store.load_server(SERVER).tokens.access_token == "AT-SECRET-1"


async def test_a_stored_device_registration_is_reused(tmp_path):
    store = TokenStore(tmp_path / "auth")
    fake = FakeOAuth(device=["ok", "ok"])
    await device_login(fake, tmp_path, grant="device", store=store)
    await device_login(fake, tmp_path, grant="device", store=store)
    assert len([u for u in fake.urls() if u.endswith("/register")]) == 1


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (["authorization_pending", "expired_token"], "expired before the sign-in was finished"),
        (["access_denied"], "declined"),
        (["invalid_grant"], "refused the device code: invalid_grant"),
    ],
)
async def test_device_flow_stops_on_expiry_denial_and_errors(tmp_path, answers, message):
    fake = FakeOAuth(device=answers)
    with pytest.raises(AuthError, match=message) as info:
        await device_login(fake, tmp_path, grant="device")
    assert info.value.hint or message.startswith("refused")


async def test_device_code_lifetime_bounds_the_polling(tmp_path):
    fake = FakeOAuth(device=["authorization_pending"] * 50, device_expires_in=12)
    with pytest.raises(AuthError, match="expired") as info:
        await device_login(fake, tmp_path, grant="device")
    assert "run the command again" in info.value.hint
    polls = [f for _, u, f in fake.requests if u.endswith("/token")]
    assert len(polls) == 2  # at 5 s and 10 s; a third wait would pass the 12 s lifetime


async def test_device_chosen_by_itself_without_browser_or_terminal(tmp_path):
    fake = FakeOAuth(device=["ok"])
    person = NonInteractive(can_show_codes=True)
    record, recorder, _, _, _ = await device_login(fake, tmp_path, interaction=person)
    assert record.tokens.access_token
    assert any("no browser and no terminal" in d for _, d in device_steps(recorder))


async def test_nobody_to_read_the_code_still_fails_fast(tmp_path):
    fake = FakeOAuth(device=["ok"])
    with pytest.raises(AuthRequired):
        await device_login(fake, tmp_path)  # a script: no browser, no terminal, nobody reading stderr
    assert not [u for u in fake.urls() if u.endswith("/device")]


async def test_without_a_device_endpoint_nothing_changes_it_fails_fast(tmp_path):
    with pytest.raises(AuthRequired):
        await device_login(FakeOAuth(), tmp_path)


async def test_asking_for_device_where_the_as_has_none_says_so(tmp_path):
    with pytest.raises(AuthError, match="does not offer the device grant"):
        await device_login(FakeOAuth(), tmp_path, grant="device")


async def test_cancel_stops_polling_and_is_reported(tmp_path):
    fake = FakeOAuth(device=["authorization_pending"] * 5)
    waiting = asyncio.Event()

    async def sleep_forever(seconds: float) -> None:
        waiting.set()
        await asyncio.Event().wait()

    recorder_holder: list[EventRecorder] = []

    async def run() -> None:
        recorder = EventRecorder()
        recorder_holder.append(recorder)
        options = AuthOptions(
            browser=BrowserOptions(no_browser=True),
            http_transport=fake.transport(),
            sleep=sleep_forever,
            grant="device",
        )
        await login(
            ServerConfig(name="fake", url=SERVER),
            interaction=NonInteractive(),
            store=TokenStore(tmp_path / "auth"),
            options=options,
            sink=recorder,
        )

    task = asyncio.create_task(run())
    await waiting.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert ("failed", "the device sign-in was cancelled") in device_steps(recorder_holder[0])
    assert [u for u in fake.urls() if u.endswith("/token")] == []


async def test_an_interaction_without_device_support_is_shown_the_verification_url(tmp_path):
    class OldPerson:
        can_prompt = False

        def __init__(self) -> None:
            self.shown: list[AuthorizationPrompt] = []

        async def show_authorization(self, prompt):
            self.shown.append(prompt)

    person = OldPerson()
    await device_login(FakeOAuth(device=["ok"]), tmp_path, grant="device", interaction=person)
    (prompt,) = person.shown
    assert prompt.url.endswith("user_code=WDJB-MJHT") and "WDJB-MJHT" in prompt.why_not_opened


@pytest.mark.parametrize("decision", ["approve", "deny"])
async def test_device_flow_against_the_demo_authorization_server(tmp_path, decision):
    import httpx2

    from mcptui.demo.auth_server import serve_auth_demo

    from .conftest import call_tool, make_auth

    clock = FakeClock()
    store, recorder = TokenStore(tmp_path / "auth"), EventRecorder()
    person = NonInteractive(can_show_codes=True)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) != 2:  # the second wait is cut short: the demo then answers slow_down
            clock.advance(seconds)
        if len(waits) == 3:
            (prompt,) = person.shown
            async with httpx2.AsyncClient() as client:
                page = await client.get(prompt.verification_uri_complete)
                assert prompt.user_code in page.text
                done = await client.post(
                    prompt.verification_uri, data={"user_code": prompt.user_code, "decision": decision}
                )
                assert done.status_code == 200

    async with serve_auth_demo(consent_page=False, clock=clock) as demo:
        options = AuthOptions(browser=BrowserOptions(no_browser=True), clock=clock, sleep=sleep)
        config = ServerConfig(name="demo", url=demo.url)
        if decision == "deny":
            with pytest.raises(AuthError, match="declined"):
                await login(config, interaction=person, store=store, options=options, sink=recorder)
            return
        record = await login(config, interaction=person, store=store, options=options, sink=recorder)
        assert waits == [5, 5, 10] and record.tokens.refresh_token
        assert any("slow down" in d for _, d in device_steps(recorder))
        auth = make_auth(demo, store, BrowserOptions(no_browser=True), clock, recorder)
        assert "subject=demo-user" in await call_tool(demo.url, auth, "whoami")
        assert demo.provider.counters.get("device") == 1


async def test_the_prompts_cancelled_event_stops_polling_and_finished_is_set(tmp_path):
    class CancelsAtOnce(NonInteractive):
        async def show_device_code(self, prompt: DevicePrompt) -> None:
            await super().show_device_code(prompt)
            prompt.cancelled.set()  # what a dialog's Cancel does

    fake = FakeOAuth(device=["ok"])
    person = CancelsAtOnce()
    with pytest.raises(AuthError, match="cancelled"):
        await device_login(fake, tmp_path, interaction=person, grant="device")
    (prompt,) = person.shown
    assert prompt.finished.is_set()
    assert not [u for _, u, f in fake.requests if u.endswith("/token")]  # not one poll
