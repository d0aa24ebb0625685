"""End to end against the real protected demo (in-process uvicorn on 127.0.0.1, SDK client)."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest

from mcptui.core.auth import AuthOptions, BrowserOptions, NonInteractive, TokenAnswer
from mcptui.core.auth.manage import login, logout, status, store_token
from mcptui.core.errors import AuthError, AuthRequired
from mcptui.core.events import AuthStep
from mcptui.core.server_config import AuthSettings, ServerConfig
from mcptui.demo.auth_provider import MACHINE_CLIENT_ID, MACHINE_CLIENT_SECRET
from mcptui.demo.auth_server import serve_auth_demo

from .conftest import call_tool, make_auth


def steps(recorder, name=None):
    return [(e.step, e.status) for e in recorder.of(AuthStep) if name is None or e.step == name]


async def test_first_login_then_saved_token_reused_without_a_browser(demo, store, browser, clock, recorder):
    auth = make_auth(demo, store, browser, clock, recorder)
    assert (await call_tool(demo.url, auth, "whoami")).endswith("scopes=mcp:read")
    assert len(browser.visits) == 1 and browser.landed == [200]
    record = store.load_server(demo.url)
    assert record.client_kind == "dcr" and record.issuer == demo.url.rsplit("/", 1)[0]
    assert record.tokens.refresh_token and record.requested_scope == "mcp:read"
    # a new process-like auth object: reads the store, no browser trip, no new registration
    auth2 = make_auth(demo, store, browser, clock, recorder)
    assert "subject=demo-user" in await call_tool(demo.url, auth2, "whoami")
    assert len(browser.visits) == 1
    assert demo.provider.counters["register"] == 1 and demo.provider.counters["authorize"] == 1


async def test_proactive_refresh_on_expiry_persists_the_rotated_refresh_token(
    demo, store, browser, clock, recorder
):
    await call_tool(demo.url, make_auth(demo, store, browser, clock, recorder), "whoami")
    before = store.load_server(demo.url).tokens
    clock.advance(59)  # the demo's access TTL is 60 s; within the 30 s leeway
    auth = make_auth(demo, store, browser, clock, recorder)
    await call_tool(demo.url, auth, "whoami")
    after = store.load_server(demo.url).tokens
    assert demo.provider.counters["refresh"] == 1 and demo.provider.counters.get("401", 0) == 1
    assert after.access_token != before.access_token and after.refresh_token != before.refresh_token
    assert before.refresh_token not in demo.provider.refresh and after.refresh_token in demo.provider.refresh
    assert len(browser.visits) == 1


async def test_a_401_refreshes_before_any_new_login(demo, store, browser, clock, recorder):
    auth = make_auth(demo, store, browser, clock, recorder)
    await call_tool(demo.url, auth, "whoami")
    demo.provider.expire_access_tokens()  # the server forgets the token early
    await call_tool(demo.url, auth, "whoami")
    assert demo.provider.counters["refresh"] == 1 and len(browser.visits) == 1
    assert ("refresh", "ok") in steps(recorder, "refresh")


async def test_dead_refresh_token_falls_back_to_a_new_login(demo, store, browser, clock, recorder):
    auth = make_auth(demo, store, browser, clock, recorder)
    await call_tool(demo.url, auth, "whoami")
    demo.provider.expire_access_tokens()
    demo.provider.refresh.clear()
    await call_tool(demo.url, auth, "whoami")
    assert len(browser.visits) == 2 and ("refresh", "failed") in steps(recorder, "refresh")


async def test_step_up_reauthorizes_with_the_union_of_scopes(demo, store, browser, clock, recorder):
    auth = make_auth(demo, store, browser, clock, recorder)
    await call_tool(demo.url, auth, "whoami")
    assert await call_tool(demo.url, auth, "write_note", {"text": "hi"}) == "wrote 'hi'"
    scopes = [parse_qs(urlsplit(u).query)["scope"][0] for u in browser.visits]
    assert scopes == ["mcp:read", "mcp:read notes:write"]
    assert store.load_server(demo.url).tokens.scope == "mcp:read notes:write"
    assert demo.provider.counters["403"] == 1


async def test_step_up_budget_is_three_authorizations(demo, store, browser, clock, recorder):
    demo.provider.grantable = ["mcp:read"]  # the AS never grants notes:write
    auth = make_auth(demo, store, browser, clock, recorder)
    with pytest.raises(Exception):  # noqa: B017 - the SDK wraps what the auth flow raises
        await call_tool(demo.url, auth, "write_note", {"text": "x"})
    assert isinstance(auth.failure, AuthError) and "after 3 authorizations" in auth.failure.message
    assert auth.failure.exit_code == 3
    # one login for the session, then three step-up attempts for the one write_note call
    assert ["notes" in u for u in browser.visits] == [False, True, True, True]


async def test_logout_revokes_at_the_as_and_deletes_local_state(demo, store, browser, clock, recorder):
    config = ServerConfig(name="demo", url=demo.url)
    await call_tool(demo.url, make_auth(demo, store, browser, clock, recorder), "whoami")
    record = store.load_server(demo.url)
    options = AuthOptions(clock=clock)
    result = await logout(config, store=store, options=options, interaction=NonInteractive(), sink=recorder)
    assert result["revoked"] == ["refresh_token", "access_token"] and result["deleted"]
    assert record.tokens.refresh_token not in demo.provider.refresh
    assert record.tokens.access_token not in demo.provider.access
    assert store.load_server(demo.url) is None
    assert status(config, store=store, now=clock())["signedIn"] is False


async def test_login_command_path_and_status(demo, store, browser, clock, recorder):
    config = ServerConfig(name="demo", url=demo.url)
    options = AuthOptions(browser=BrowserOptions(opener=browser), callback_port=0, clock=clock)
    await login(config, interaction=NonInteractive(), store=store, options=options, sink=recorder)
    info = status(config, store=store, now=clock())
    assert info["signedIn"] and info["clientKind"] == "dcr" and info["hasRefreshToken"]
    assert info["scopes"] == "mcp:read" and 0 < info["expiresIn"] <= 60
    assert info["tokenFingerprint"].startswith("sha256:")
    assert store.load_server(demo.url).tokens.access_token not in repr(info)


async def test_paste_back_instead_of_the_listener(demo, store, clock, recorder):
    class PastingPerson(NonInteractive):
        """No browser here: the person opens the URL elsewhere and pastes where it landed."""

        can_prompt = True

        async def read_pasted_response(self, prompt):
            async with httpx2.AsyncClient() as client:
                location = (await client.get(prompt.url)).headers["location"]  # the AS redirect
            assert location.startswith(prompt.redirect_uri)
            return "  " + location + "\n"

    person = PastingPerson()
    auth = make_auth(demo, store, BrowserOptions(no_browser=True), clock, recorder, interaction=person)
    assert "demo-user" in await call_tool(demo.url, auth, "whoami")
    prompt = person.shown[0]
    assert not prompt.browser_opened and prompt.ssh_command.startswith("ssh -N -L ")
    callback_port = urlsplit(prompt.redirect_uri).port
    as_port = urlsplit(demo.url).port  # the demo AS is on this host's loopback too: forwarded as well
    assert (
        f"-L {callback_port}:127.0.0.1:{callback_port} -L {as_port}:127.0.0.1:{as_port} "
        in prompt.ssh_command
    )
    assert ("callback", "ok") in steps(recorder, "callback")
    assert [e.data.get("source") for e in recorder.of(AuthStep) if e.step == "callback"] == ["paste"]


async def test_no_tty_and_no_browser_fails_fast_with_auth_required(demo, store, clock, recorder):
    auth = make_auth(demo, store, BrowserOptions(no_browser=True), clock, recorder)
    with pytest.raises(Exception):  # noqa: B017 - the SDK wraps it; the auth object keeps the real one
        await call_tool(demo.url, auth, "whoami")
    assert isinstance(auth.failure, AuthRequired) and auth.failure.exit_code == 3
    assert "mcptui auth login demo" not in auth.failure.hint  # not from config: the URL is the target
    assert f"mcptui auth login {demo.url}" in auth.failure.hint


async def test_consent_page_is_followed_headlessly(store, browser, clock, recorder):
    async with serve_auth_demo(consent_page=True, clock=clock) as demo:
        auth = make_auth(demo, store, browser, clock, recorder)
        assert "demo-user" in await call_tool(demo.url, auth, "whoami")
        assert demo.provider.pending == {}


async def test_client_credentials_grant_with_a_secret(demo, store, clock, recorder):
    config = ServerConfig(
        name="machine",
        url=demo.url,
        auth=AuthSettings(
            method="oauth-client",
            client_id=MACHINE_CLIENT_ID,
            client_secret=MACHINE_CLIENT_SECRET,
            grant="client-credentials",
        ),
    )
    from mcptui.core.auth import make_auth_factory

    auth = make_auth_factory(NonInteractive(), store=store, clock=clock)(config, recorder)
    assert f"client={MACHINE_CLIENT_ID}" in await call_tool(demo.url, auth, "whoami")
    assert store.load_server(demo.url).client_kind == "client-credentials"


async def test_configured_authorization_header_is_sent_as_is(demo, store, clock, recorder):
    from mcptui.core.auth import make_auth_factory

    config = ServerConfig(name="demo", url=demo.url, headers={"Authorization": "Bearer nope"})
    auth = make_auth_factory(NonInteractive(), store=store, clock=clock)(config, recorder)
    async with httpx2.AsyncClient(auth=auth, headers=config.headers) as http:
        with pytest.raises(AuthError, match="rejected the Authorization header"):
            await http.post(demo.url, json={})
    assert demo.provider.counters.get("register") is None  # no OAuth attempted


async def test_pasted_token_is_used_and_bad_one_reported(demo, store, clock, recorder):
    config = ServerConfig(name="demo", url=demo.url, auth=AuthSettings(method="bearer"))
    await store_token(config, store=store, token="Bearer not-a-real-token")
    from mcptui.core.auth import make_auth_factory

    auth = make_auth_factory(NonInteractive(), store=store, clock=clock)(config, recorder)
    with pytest.raises(Exception):  # noqa: B017
        await call_tool(demo.url, auth, "whoami")
    assert "refused the saved bearer credentials" in auth.failure.message


async def test_token_is_only_sent_to_its_own_origin(demo, store, browser, clock, recorder):
    auth = make_auth(demo, store, browser, clock, recorder)
    await call_tool(demo.url, auth, "whoami")
    seen: list[str | None] = []

    def elsewhere(request: httpx2.Request) -> httpx2.Response:
        seen.append(request.headers.get("authorization"))
        return httpx2.Response(200)

    async with httpx2.AsyncClient(auth=auth, transport=httpx2.MockTransport(elsewhere)) as http:
        await http.get("http://127.0.0.2:1/mcp")
    assert seen == [None]


async def test_interactive_token_prompt_when_oauth_is_impossible(store, clock, recorder):
    async with serve_auth_demo(consent_page=False, dcr=False, clock=clock) as demo:

        class TypingPerson(NonInteractive):
            can_prompt = True
            asked = []

            async def ask_client(self, prompt):
                self.asked.append(prompt.redirect_uri)
                return None

            async def ask_token(self, prompt):
                tok = demo.provider.issue("typed", ["mcp:read"], demo.url, "typist").access_token
                return TokenAnswer(token=tok)

        person = TypingPerson()
        auth = make_auth(demo, store, lambda url: True, clock, recorder, interaction=person)
        assert "subject=typist" in await call_tool(demo.url, auth, "whoami")
        assert person.asked and person.asked[0].startswith("http://127.0.0.1:")
        assert store.load_server(demo.url).method == "bearer"


async def test_concurrent_401s_lead_to_one_sign_in(demo, store, browser, clock, recorder):
    auth = make_auth(demo, store, browser, clock, recorder)
    body = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
    async with httpx2.AsyncClient(auth=auth) as http:
        responses = await asyncio.gather(*(http.post(demo.url, json=body) for _ in range(3)))
    assert all(r.status_code != 401 for r in responses)
    assert len(browser.visits) == 1 and demo.provider.counters["token"] == 1


async def test_pinned_issuer_mismatch_for_a_pre_registered_client(demo, store, browser, clock, recorder):
    config = ServerConfig(
        name="demo",
        url=demo.url,
        auth=AuthSettings(client_id="my-client", extra={"issuer": "https://old-as.example"}),
    )
    options = AuthOptions(browser=BrowserOptions(opener=browser), callback_port=0, clock=clock)
    with pytest.raises(AuthError, match="was registered with https://old-as.example"):
        await login(config, interaction=NonInteractive(), store=store, options=options, sink=recorder)
    assert browser.visits == []


async def test_bad_typed_tokens_are_asked_for_at_most_three_times(demo, store, clock, recorder):
    class WrongTyper(NonInteractive):
        can_prompt = True
        asked = 0

        async def ask_token(self, prompt):
            self.asked += 1
            return TokenAnswer(token=f"wrong-{self.asked}")

    person = WrongTyper()
    from mcptui.core.auth import make_auth_factory

    config = ServerConfig(name="demo", url=demo.url, auth=AuthSettings(method="bearer"))
    auth = make_auth_factory(person, store=store, clock=clock)(config, recorder)
    async with httpx2.AsyncClient(auth=auth) as http:
        with pytest.raises(AuthError, match="after 3 authorizations"):
            await http.post(demo.url, json={"jsonrpc": "2.0", "id": 1, "method": "ping"})
    assert person.asked == 4  # the first (no saved token) plus three retries after 401s
    assert auth.failure is not None


async def test_cimd_client_against_the_demo_needs_no_registration(demo, store, browser, clock, recorder):
    from mcptui.demo.auth_provider import CIMD_CLIENT_URL

    auth = make_auth(demo, store, browser, clock, recorder, client_metadata_url=CIMD_CLIENT_URL)
    assert "client=" + CIMD_CLIENT_URL in await call_tool(demo.url, auth, "whoami")
    assert "register" not in demo.provider.counters
    assert store.load_server(demo.url).client_kind == "cimd"
