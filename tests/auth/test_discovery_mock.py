"""Discovery and flow variants against a scripted server (httpx2.MockTransport)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from mcptui.core.auth import AuthOptions, BrowserOptions, NonInteractive, TokenStore
from mcptui.core.auth.discovery import as_metadata_urls, canonical_resource, prm_urls
from mcptui.core.auth.manage import login
from mcptui.core.errors import AuthError
from mcptui.core.events import AuthStep, EventRecorder
from mcptui.core.server_config import ServerConfig

from .fake_oauth import ISSUER, SERVER, FakeOAuth, answering_browser


def options(fake: FakeOAuth, opener, **extra) -> AuthOptions:
    return AuthOptions(
        browser=BrowserOptions(opener=opener), callback_port=0, http_transport=fake.transport(), **extra
    )


async def run_login(fake: FakeOAuth, tmp_path, opener=None, interaction=None, **extra):
    recorder = EventRecorder()
    store = TokenStore(tmp_path / "auth")
    record = await login(
        ServerConfig(name="fake", url=SERVER),
        interaction=interaction or NonInteractive(),
        store=store,
        options=options(fake, opener or answering_browser(), **extra),
        sink=recorder,
    )
    return record, recorder, store


def test_well_known_url_orders():
    assert prm_urls(SERVER, None) == [
        "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
        "https://mcp.example.com/.well-known/oauth-protected-resource",
    ]
    assert prm_urls("https://h/", "https://h/x")[0] == "https://h/x"
    assert as_metadata_urls("https://a/tenant1") == [
        "https://a/.well-known/oauth-authorization-server/tenant1",
        "https://a/.well-known/openid-configuration/tenant1",
        "https://a/tenant1/.well-known/openid-configuration",
    ]
    assert as_metadata_urls("https://a") == [
        "https://a/.well-known/oauth-authorization-server",
        "https://a/.well-known/openid-configuration",
    ]
    assert canonical_resource("HTTPS://MCP.Example.com:8443/mcp/#frag") == "https://mcp.example.com:8443/mcp"


@pytest.mark.parametrize("prm_at", ["header", "path", "root"])
async def test_prm_found_at_each_location_in_order(tmp_path, prm_at):
    fake = FakeOAuth(prm_at=prm_at)
    record, _, _ = await run_login(fake, tmp_path)
    assert record.issuer == ISSUER
    got = [u for u in fake.urls() if "oauth-protected-resource" in u or u.endswith("/prm")]
    expected = {
        "header": ["https://mcp.example.com/custom/prm"],
        "path": ["https://mcp.example.com/.well-known/oauth-protected-resource/mcp"],
        "root": [
            "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
            "https://mcp.example.com/.well-known/oauth-protected-resource",
        ],
    }[prm_at]
    assert got == expected


@pytest.mark.parametrize(
    ("issuer", "variant"),
    [(ISSUER, 0), (ISSUER, 1), (ISSUER + "/tenant1", 0), (ISSUER + "/tenant1", 1), (ISSUER + "/tenant1", 2)],
)
async def test_as_metadata_at_each_well_known_variant(tmp_path, issuer, variant):
    fake = FakeOAuth(issuer=issuer, as_variant=variant)
    record, recorder, _ = await run_login(fake, tmp_path, opener=answering_browser(issuer=issuer))
    assert record.issuer == issuer
    tried = [u for u in fake.urls() if u in as_metadata_urls(issuer)]
    assert tried == as_metadata_urls(issuer)[: variant + 1]
    ok = [e for e in recorder.of(AuthStep) if e.step == "auth-server-metadata" and e.status == "ok"]
    assert ok and ok[0].http.status == 200


async def test_issuer_mismatch_is_refused(tmp_path):
    fake = FakeOAuth(as_issuer="https://attacker.example")
    with pytest.raises(AuthError, match="issuer 'https://attacker.example'"):
        await run_login(fake, tmp_path)
    assert not any(u.endswith("/token") for u in fake.urls())


async def test_missing_pkce_is_refused_before_any_authorization(tmp_path):
    fake = FakeOAuth(pkce=False)
    opener = answering_browser()
    with pytest.raises(AuthError, match="PKCE S256"):
        await run_login(fake, tmp_path, opener=opener)
    assert opener.seen == []


async def test_malformed_metadata_json(tmp_path):
    fake = FakeOAuth(as_body=b"<html>oops")
    with pytest.raises(AuthError, match="not valid JSON"):
        await run_login(fake, tmp_path)


async def test_metadata_server_error_stops(tmp_path):
    fake = FakeOAuth(as_status=503)
    with pytest.raises(AuthError, match="HTTP 503"):
        await run_login(fake, tmp_path)


async def test_prm_resource_mismatch_aborts(tmp_path):
    fake = FakeOAuth(prm_resource="https://other.example.com/mcp")
    with pytest.raises(AuthError, match="not for https://mcp.example.com/mcp"):
        await run_login(fake, tmp_path)


async def test_no_prm_falls_back_to_2025_03_26_and_says_so(tmp_path):
    fake = FakeOAuth(prm_at=None, legacy_metadata=True)
    record, recorder, _ = await run_login(
        fake, tmp_path, opener=answering_browser(issuer="https://mcp.example.com")
    )
    assert record.issuer == "https://mcp.example.com"
    assert any("2025-03-26" in e.detail for e in recorder.of(AuthStep))


async def test_no_prm_no_metadata_uses_default_endpoints(tmp_path):
    fake = FakeOAuth(prm_at=None, dcr=None)
    opener = answering_browser(iss=None)
    with pytest.raises(AuthError):  # /register is a 404 on the fake: registration then fails clearly
        await run_login(fake, tmp_path, opener=opener)
    assert "https://mcp.example.com/register" in fake.urls()


async def test_request_carries_pkce_state_resource_and_challenge_scope(tmp_path):
    fake = FakeOAuth(challenge_scope="files:read files:admin")
    opener = answering_browser()
    await run_login(fake, tmp_path, opener=opener)
    query = parse_qs(urlsplit(opener.seen[0]).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    assert query["resource"] == [SERVER] and query["state"][0]
    assert query["scope"] == ["files:read files:admin"]
    token_form = [f for _, u, f in fake.requests if u.endswith("/token")][0]
    assert (
        token_form["resource"] == SERVER
        and token_form["code_verifier"]
        and token_form["code"] == "CODE-SECRET"
    )


async def test_scope_falls_back_to_prm_then_none_and_offline_access_only_when_advertised(tmp_path):
    fake = FakeOAuth(prm_scopes=["a", "b"], scopes_supported=["a", "b", "offline_access"])
    opener = answering_browser()
    await run_login(fake, tmp_path, opener=opener)
    assert parse_qs(urlsplit(opener.seen[0]).query)["scope"] == ["a b offline_access"]
    fake2 = FakeOAuth(prm_scopes=None)
    opener2 = answering_browser()
    await run_login(fake2, tmp_path / "2", opener=opener2)
    assert "scope" not in parse_qs(urlsplit(opener2.seen[0]).query)


async def test_scope_override(tmp_path):
    fake = FakeOAuth(challenge_scope="x")
    opener = answering_browser()
    await run_login(fake, tmp_path, opener=opener, scope="only-this")
    assert parse_qs(urlsplit(opener.seen[0]).query)["scope"] == ["only-this"]


async def test_iss_mismatch_discards_response_without_showing_its_error(tmp_path):
    fake = FakeOAuth()
    opener = answering_browser(iss="https://evil.example", error="access_denied")
    with pytest.raises(AuthError) as info:
        await run_login(fake, tmp_path, opener=opener)
    assert "iss mismatch" in info.value.message
    assert "you said no" not in str(info.value) and "access_denied" not in str(info.value)
    assert not any(u.endswith("/token") for u in fake.urls())


async def test_iss_missing_when_promised_is_rejected(tmp_path):
    fake = FakeOAuth(iss_supported=True)
    with pytest.raises(AuthError, match="no iss"):
        await run_login(fake, tmp_path, opener=answering_browser(iss=None))


async def test_iss_absent_and_not_promised_proceeds(tmp_path):
    record, _, _ = await run_login(FakeOAuth(), tmp_path, opener=answering_browser(iss=None))
    assert record.tokens.access_token == "AT-SECRET-1"


async def test_iss_is_compared_without_normalisation(tmp_path):
    with pytest.raises(AuthError, match="iss mismatch"):
        await run_login(FakeOAuth(), tmp_path, opener=answering_browser(iss=ISSUER + "/"))


async def test_authorization_error_with_matching_iss_is_reported(tmp_path):
    with pytest.raises(AuthError, match="refused: access_denied"):
        await run_login(FakeOAuth(), tmp_path, opener=answering_browser(error="access_denied"))


@pytest.mark.parametrize(("mode", "message"), [("error", "invalid_grant"), ("malformed", "not valid JSON")])
async def test_token_endpoint_errors(tmp_path, mode, message):
    with pytest.raises(AuthError, match=message):
        await run_login(FakeOAuth(token=mode), tmp_path)


async def test_http_endpoints_refused_unless_loopback(tmp_path):
    fake = FakeOAuth(issuer="http://auth.example.com")
    with pytest.raises(AuthError, match="not HTTPS"):
        await run_login(fake, tmp_path)


async def test_legacy_root_metadata_whose_issuer_has_a_path_is_accepted_and_said(tmp_path):
    issuer = "https://mcp.example.com/oauth"
    fake = FakeOAuth(prm_at=None, legacy_metadata=True, legacy_issuer=issuer)
    record, recorder, _ = await run_login(fake, tmp_path, opener=answering_browser(issuer=issuer))
    assert record.issuer == issuer
    said = [e.detail for e in recorder.of(AuthStep) if e.step == "auth-server-metadata"]
    assert any("accepted issuer https://mcp.example.com/oauth" in d and "2025-03-26" in d for d in said)


async def test_legacy_root_metadata_naming_another_origin_is_still_refused(tmp_path):
    fake = FakeOAuth(prm_at=None, legacy_metadata=True, legacy_issuer="https://other.example.com/oauth")
    with pytest.raises(AuthError, match="says issuer 'https://other.example.com/oauth'"):
        await run_login(fake, tmp_path, opener=answering_browser(issuer="https://other.example.com/oauth"))


async def test_issuer_with_a_path_outside_the_legacy_path_still_must_match(tmp_path):
    fake = FakeOAuth(issuer=ISSUER + "/tenant1", as_issuer=ISSUER)
    with pytest.raises(AuthError, match="says issuer"):
        await run_login(fake, tmp_path, opener=answering_browser(issuer=ISSUER + "/tenant1"))
