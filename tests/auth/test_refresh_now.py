"""``manage.refresh_now`` against the real protected demo: rotation on request, clear refusals."""

from __future__ import annotations

import pytest

from mcptui.core.auth import AuthOptions, BrowserOptions, NonInteractive
from mcptui.core.auth.manage import refresh_now, store_token
from mcptui.core.errors import AuthError
from mcptui.core.events import AuthStep
from mcptui.core.server_config import ServerConfig

from .conftest import call_tool, make_auth


def options_for(browser, clock) -> AuthOptions:
    return AuthOptions(browser=BrowserOptions(opener=browser), callback_port=0, clock=clock)


async def test_refresh_now_rotates_a_token_that_is_not_about_to_expire(demo, store, browser, clock, recorder):
    await call_tool(demo.url, make_auth(demo, store, browser, clock, recorder), "whoami")
    before = store.load_server(demo.url).tokens
    config = ServerConfig(name="demo", url=demo.url)
    record = await refresh_now(
        config, store=store, options=options_for(browser, clock), interaction=NonInteractive(), sink=recorder
    )
    after = store.load_server(demo.url).tokens
    assert record.tokens.access_token == after.access_token != before.access_token
    assert after.refresh_token != before.refresh_token and demo.provider.counters["refresh"] == 1
    assert ("refresh", "ok") in [(e.step, e.status) for e in recorder.of(AuthStep)]
    # the new token works; no second browser trip
    assert "subject=demo-user" in await call_tool(
        demo.url, make_auth(demo, store, browser, clock, recorder), "whoami"
    )
    assert len(browser.visits) == 1


async def test_refresh_now_refusals_are_clear_errors(demo, store, browser, clock, recorder):
    config = ServerConfig(name="demo", url=demo.url)
    options = options_for(browser, clock)
    with pytest.raises(AuthError, match="no saved token"):
        await refresh_now(config, store=store, options=options, interaction=NonInteractive())
    await store_token(config, store=store, token="pasted-token")
    with pytest.raises(AuthError, match="no refresh token"):
        await refresh_now(config, store=store, options=options, interaction=NonInteractive())

    store.delete_server(demo.url)  # forget the pasted token: sign in properly
    await call_tool(demo.url, make_auth(demo, store, browser, clock, recorder), "whoami")
    demo.provider.refresh.clear()  # the authorization server forgets every refresh token
    with pytest.raises(AuthError, match="refused") as caught:
        await refresh_now(config, store=store, options=options, interaction=NonInteractive(), sink=recorder)
    assert "pasted-token" not in str(caught.value) and caught.value.hint
    assert store.load_server(demo.url).tokens is None  # the spent refresh token is forgotten
