"""A full flow's events, logs and errors never contain a token, secret, code, verifier or state."""

from __future__ import annotations

import asyncio
import logging
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest

from mcptui.core.auth import BrowserOptions, NonInteractive, TokenStore, make_auth_factory, pkce
from mcptui.core.auth.flow import AuthOptions
from mcptui.core.auth.manage import logout
from mcptui.core.redact import REDACTED
from mcptui.core.server_config import AuthSettings, ServerConfig
from mcptui.demo.auth_provider import MACHINE_CLIENT_ID, MACHINE_CLIENT_SECRET

from .conftest import call_tool, make_auth


class QuietBrowser:
    """Follows the authorization URL with urllib in a thread: a browser's traffic is not our log."""

    def __init__(self) -> None:
        self.visits: list[str] = []

    def __call__(self, url: str) -> bool:
        self.visits.append(url)
        asyncio.get_running_loop().create_task(
            asyncio.to_thread(lambda: urllib.request.urlopen(url, timeout=10).read())
        )
        return True


async def test_full_flow_leaks_nothing(demo, store, clock, recorder, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    browser = QuietBrowser()
    secrets: set[str] = {MACHINE_CLIENT_SECRET}
    original_issue, original_approve, original_pkce = (
        demo.provider.issue,
        demo.provider.approve,
        pkce.new_pkce,
    )

    def issue(*args, **kwargs):
        token = original_issue(*args, **kwargs)
        secrets.update({token.access_token, token.refresh_token} - {None})
        return token

    def approve(*args, **kwargs):
        location = original_approve(*args, **kwargs)
        secrets.add(parse_qs(urlsplit(location).query)["code"][0])
        return location

    def new_pkce():
        pair = original_pkce()
        secrets.add(pair.verifier)
        return pair

    monkeypatch.setattr(demo.provider, "issue", issue)
    monkeypatch.setattr(demo.provider, "approve", approve)
    monkeypatch.setattr("mcptui.core.auth.browser_leg.new_pkce", new_pkce)

    auth = make_auth(demo, store, browser, clock, recorder)
    await call_tool(demo.url, auth, "whoami")
    await call_tool(demo.url, auth, "write_note", {"text": "x"})  # step-up
    clock.advance(59)
    await call_tool(demo.url, make_auth(demo, store, browser, clock, recorder), "whoami")  # proactive refresh
    demo.provider.expire_access_tokens()
    await call_tool(demo.url, make_auth(demo, store, browser, clock, recorder), "whoami")  # 401 -> refresh
    machine = ServerConfig(
        name="machine",
        url=demo.url,
        auth=AuthSettings(
            method="oauth-client",
            client_id=MACHINE_CLIENT_ID,
            client_secret=MACHINE_CLIENT_SECRET,
            grant="client-credentials",
        ),
    )
    machine_store = TokenStore(store.root.parent / "machine")
    await call_tool(
        demo.url,
        make_auth_factory(NonInteractive(), store=machine_store, clock=clock)(machine, recorder),
        "whoami",
    )
    await logout(
        ServerConfig(name="demo", url=demo.url),
        store=store,
        options=AuthOptions(clock=clock),
        interaction=NonInteractive(),
        sink=recorder,
    )
    # a failing flow too: its error text must be clean as well
    demo.provider.refresh.clear()
    demo.provider.expire_access_tokens()
    failing = make_auth(demo, store, BrowserOptions(no_browser=True), clock, recorder)
    with pytest.raises(Exception):  # noqa: B017
        await call_tool(demo.url, failing, "whoami")
    states = {parse_qs(urlsplit(u).query)["state"][0] for u in browser.visits}
    secrets |= states
    assert len(secrets) > 10 and all(len(s) >= 16 for s in secrets)
    texts = [repr(event) for event in recorder.events]
    texts += [caplog.text, str(failing.failure), repr(failing.failure.to_json())]
    haystack = "\n".join(texts)
    leaked = sorted(s for s in secrets if s in haystack)
    assert leaked == []
    # and the events really did describe the flow (the test would be vacuous otherwise)
    assert f"Bearer {REDACTED}" in haystack and "/token" in haystack
    assert sum(1 for e in recorder.events if getattr(e, "http", None) is not None) > 15


def test_form_and_json_bodies_are_redacted():
    from mcptui.core.auth.redaction import redact_body

    form = "grant_type=authorization_code&code=C0DE-VALUE&code_verifier=VERIFIER-VALUE&refresh_token=RT-VALUE&client_id=app"
    shown = redact_body(form)
    assert "grant_type=authorization_code" in shown and "client_id=app" in shown
    assert not any(s in shown for s in ("C0DE-VALUE", "VERIFIER-VALUE", "RT-VALUE"))
    doc = (
        '{"access_token": "AT-VALUE", "refresh_token": "RT-VALUE", "client_secret": "CS-VALUE", "scope": "a"}'
    )
    shown = redact_body(doc)
    assert '"scope": "a"' in shown and not any(s in shown for s in ("AT-VALUE", "RT-VALUE", "CS-VALUE"))
