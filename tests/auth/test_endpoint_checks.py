"""Every endpoint that gets a credential or a registration is HTTPS (or loopback with a loopback
server), and a remote server cannot point discovery at this machine or its private network.

The "remote" servers are fake hostnames answered by ``httpx2.MockTransport``: nothing leaves
the machine, and the transport's request log proves nothing was sent to a refused address.
"""

from __future__ import annotations

import httpx2
import pytest

from mcptui.core.auth import AuthOptions, BrowserOptions, NonInteractive, TokenStore
from mcptui.core.auth.discovery import AuthServer
from mcptui.core.auth.endpoints import check_endpoint, host_class
from mcptui.core.auth.http import AuthHttp, Reporter
from mcptui.core.auth.manage import login, logout, refresh_now
from mcptui.core.auth.registration import register_dynamic
from mcptui.core.auth.token_store import ServerRecord, TokenSet
from mcptui.core.errors import AuthError
from mcptui.core.events import AuthStep, EventRecorder
from mcptui.core.server_config import ServerConfig

from .fake_oauth import ISSUER, SERVER, FakeOAuth, answering_browser

REMOTE = "https://mcp.example.test/mcp"


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.9.8.7", "loopback"),
        ("localhost", "loopback"),
        ("LOCALHOST.", "loopback"),
        ("app.localhost", "loopback"),
        ("::1", "loopback"),
        ("[::1]", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("0.0.0.0", "loopback"),
        ("2130706433", "loopback"),
        ("0x7f.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.254", "private"),
        ("192.168.1.10", "private"),
        ("169.254.169.254", "private"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("fe80::1%eth0", "private"),
        ("172.32.0.1", "public"),
        ("8.8.8.8", "public"),
        ("auth.example.com", "public"),
        ("deadbeef", "public"),
    ],
)
def test_host_classes(host, kind):
    assert host_class(host) == kind


@pytest.mark.parametrize(
    ("url", "server", "credential", "refused"),
    [
        ("https://auth.example.com/token", REMOTE, True, None),
        ("http://auth.example.com/token", REMOTE, True, "not HTTPS"),
        ("http://auth.example.com/prm", REMOTE, False, None),  # a discovery document carries nothing
        ("http://127.0.0.1:9000/token", "http://127.0.0.1:8000/mcp", True, None),
        ("http://localhost:9000/token", "http://[::1]:8000/mcp", True, None),
        ("http://127.0.0.1:9000/token", REMOTE, True, "this machine"),
        ("https://127.0.0.1:9000/token", REMOTE, True, "this machine"),
        ("https://localhost/prm", REMOTE, False, "this machine"),
        ("https://10.0.0.7/token", REMOTE, True, "private"),
        ("https://169.254.169.254/latest", REMOTE, False, "private"),
        ("https://10.0.0.7/token", "https://10.0.0.5/mcp", True, None),  # an intranet server's own AS
        ("http://10.0.0.7/token", "http://10.0.0.5/mcp", True, "not HTTPS"),
        ("http://127.0.0.1/token", "http://10.0.0.5/mcp", True, "this machine"),
        ("http://127.0.0.1:9000/token", "https://mcp.example.test/mcp", True, "this machine"),
        ("http://10.0.0.5/prm", "http://10.0.0.5/mcp", False, None),  # the server's own host
    ],
)
def test_check_endpoint_rule(url, server, credential, refused):
    if refused is None:
        check_endpoint(url, "token endpoint", server_url=server, credential=credential)
        return
    with pytest.raises(AuthError, match=refused) as info:
        check_endpoint(url, "token endpoint", server_url=server, credential=credential)
    assert info.value.message.startswith("refusing the token endpoint")


def test_refusal_message_redacts_secrets_in_the_url():
    with pytest.raises(AuthError) as info:
        check_endpoint("http://auth.example.com/t?api_key=SECRET1", "token endpoint", server_url=REMOTE)
    assert "SECRET1" not in info.value.message


async def run_login(fake: FakeOAuth, tmp_path, opener=None):
    recorder = EventRecorder()
    store = TokenStore(tmp_path / "auth")
    options = AuthOptions(
        browser=BrowserOptions(opener=opener or answering_browser()),
        callback_port=0,
        http_transport=fake.transport(),
    )
    record = await login(
        ServerConfig(name="fake", url=SERVER),
        interaction=NonInteractive(),
        store=store,
        options=options,
        sink=recorder,
    )
    return record, recorder, store


def posted_to(fake: FakeOAuth, needle: str) -> list[str]:
    return [u for m, u, _ in fake.requests if m == "POST" and needle in u]


async def test_http_token_endpoint_refused_before_anything_is_sent(tmp_path):
    fake = FakeOAuth(metadata_extra={"token_endpoint": "http://auth.example.com/token"})
    opener = answering_browser()
    with pytest.raises(AuthError, match="refusing the token endpoint .*not HTTPS"):
        await run_login(fake, tmp_path, opener=opener)
    assert opener.seen == [] and posted_to(fake, "/token") == [] and posted_to(fake, "/register") == []


async def test_http_authorize_url_is_never_opened(tmp_path):
    fake = FakeOAuth(metadata_extra={"authorization_endpoint": "http://auth.example.com/authorize"})
    opener = answering_browser()
    with pytest.raises(AuthError, match="refusing the authorization endpoint"):
        await run_login(fake, tmp_path, opener=opener)
    assert opener.seen == []


@pytest.mark.parametrize(
    ("key", "url"),
    [
        ("registration_endpoint", "http://register.example.net/register"),
        ("revocation_endpoint", "http://revoke.example.net/revoke"),
        ("device_authorization_endpoint", "http://auth.example.com/device"),
        ("introspection_endpoint", "http://auth.example.com/introspect"),
    ],
)
async def test_non_https_optional_endpoint_is_dropped_and_said(tmp_path, key, url):
    fake = FakeOAuth(metadata_extra={key: url})
    what = key.replace("_", " ")
    if key == "registration_endpoint":
        with pytest.raises(AuthError, match="no OAuth client"):
            await run_login(fake, tmp_path)
        assert posted_to(fake, "register.example.net") == []
        return
    record, recorder, _ = await run_login(fake, tmp_path)
    said = [e for e in recorder.of(AuthStep) if e.status == "failed" and what in e.detail]
    assert said and "not HTTPS" in said[0].detail and "will not be used" in said[0].detail
    if key == "revocation_endpoint":
        assert record.revocation_endpoint is None
    assert url not in fake.urls()


async def test_register_dynamic_refuses_an_http_endpoint_itself(tmp_path):
    seen: list[str] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(str(request.url))
        return httpx2.Response(201, json={"client_id": "x"})

    server = AuthServer(
        issuer=ISSUER,
        metadata={"issuer": ISSUER, "registration_endpoint": "http://auth.example.com/register"},
    )
    async with AuthHttp("fake", transport=httpx2.MockTransport(handler), resource=SERVER) as http:
        with pytest.raises(AuthError, match="refusing the registration endpoint .*not HTTPS"):
            await register_dynamic(
                server=server,
                redirect_uri="http://127.0.0.1:1/callback",
                store=TokenStore(tmp_path),
                http=http,
                report=Reporter("fake"),
                scope=None,
            )
    assert seen == []


def saved(store: TokenStore, **endpoints: str) -> None:
    store.save_server(
        ServerRecord(
            server_url=SERVER,
            tokens=TokenSet("AT-SECRET", refresh_token="RT-SECRET", expires_at=1.0),
            issuer=ISSUER,
            client_id="c",
            client_kind="dcr",
            resource=SERVER,
            **endpoints,
        )
    )


async def test_logout_never_posts_tokens_to_an_http_revocation_endpoint(tmp_path):
    fake = FakeOAuth()
    store = TokenStore(tmp_path / "auth")
    saved(store, token_endpoint=f"{ISSUER}/token", revocation_endpoint="http://revoke.example.net/revoke")
    result = await logout(
        ServerConfig(name="fake", url=SERVER),
        store=store,
        options=AuthOptions(http_transport=fake.transport()),
        interaction=NonInteractive(),
    )
    assert fake.requests == []
    assert result["deleted"] and result["revoked"] == []
    assert any("refusing the revocation endpoint" in p and "not HTTPS" in p for p in result["problems"])


async def test_refresh_never_posts_to_an_http_token_endpoint(tmp_path):
    fake = FakeOAuth()
    store = TokenStore(tmp_path / "auth")
    saved(store, token_endpoint="http://auth.example.com/token")
    with pytest.raises(AuthError):
        await refresh_now(
            ServerConfig(name="fake", url=SERVER),
            store=store,
            options=AuthOptions(http_transport=fake.transport()),
            interaction=NonInteractive(),
        )
    assert fake.requests == []


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:9/",
        "http://localhost:9/as",
        "https://10.0.0.1/",
        "https://[fe80::1]/",
        "https://[::1]/",
    ],
)
async def test_prm_naming_a_local_authorization_server_is_refused(tmp_path, target):
    fake = FakeOAuth(prm_servers=[target])
    with pytest.raises(AuthError, match="refusing the authorization server .*remote server points it at"):
        await run_login(fake, tmp_path)
    assert not [u for u in fake.urls() if u.startswith(target.rstrip("/"))]


async def test_challenge_resource_metadata_on_loopback_is_refused_unfetched(tmp_path):
    fake = FakeOAuth(challenge_prm="http://127.0.0.1:8080/.well-known/oauth-protected-resource")
    with pytest.raises(AuthError, match="refusing the resource metadata URL .*this machine"):
        await run_login(fake, tmp_path)
    assert not [u for u in fake.urls() if "127.0.0.1" in u]


@pytest.mark.parametrize(
    ("key", "url"),
    [
        ("token_endpoint", "https://192.168.1.10/token"),
        ("authorization_endpoint", "https://169.254.169.254/authorize"),
        ("registration_endpoint", "http://127.0.0.1:7000/register"),
        ("revocation_endpoint", "https://localhost/revoke"),
        ("device_authorization_endpoint", "http://127.0.0.1:7000/device"),
        ("introspection_endpoint", "https://10.0.0.3/introspect"),
    ],
)
async def test_metadata_endpoint_on_a_local_address_refuses_the_server(tmp_path, key, url):
    fake = FakeOAuth(metadata_extra={key: url})
    opener = answering_browser()
    with pytest.raises(AuthError, match=f"refusing the {key.replace('_', ' ')} .*remote server points it at"):
        await run_login(fake, tmp_path, opener=opener)
    assert opener.seen == [] and [u for m, u, _ in fake.requests if m == "POST" and u != SERVER] == []
    assert url not in fake.urls()
