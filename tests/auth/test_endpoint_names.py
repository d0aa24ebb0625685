"""Host names in the endpoint rule: ``localhost`` is loopback without DNS (RFC 6761); any other
name is judged by every address it resolves to.

Resolution of ``localhost`` is real; other names get their answers from a patched
:func:`mcptui.core.auth.endpoints.resolve_host` (nothing leaves the machine).
"""

from __future__ import annotations

import pytest

from mcptui.core.auth import endpoints
from mcptui.core.auth.endpoints import LOCAL, PRIVATE, PUBLIC, resolve_host, resolved_classes
from mcptui.core.auth.http import AuthHttp
from mcptui.core.errors import AuthError

from .fake_oauth import FakeOAuth
from .test_endpoint_checks import run_login

ANSWERS = {
    "mcp.lab.test": ["127.0.0.1"],  # an MCP server on this machine, reached by name
    "sneaky-as.test": ["127.0.0.1"],
    "v6-sneaky.test": ["::1"],
    "intranet-as.test": ["10.0.0.8"],
    "mixed.test": ["203.0.113.7", "127.0.0.1"],
    "public-as.test": ["203.0.113.9"],
}


@pytest.fixture
def resolver(monkeypatch):
    asked: list[str] = []

    async def fake(host: str) -> list[str]:
        asked.append(host)
        return ANSWERS.get(host, [])

    monkeypatch.setattr(endpoints, "resolve_host", fake)
    return asked


async def test_localhost_resolves_to_loopback_for_real():
    addresses = await resolve_host("localhost")
    assert addresses and all(endpoints.host_class(a) == LOCAL for a in addresses)


async def test_localhost_names_are_never_looked_up(resolver):
    for name in ("localhost", "LOCALHOST.", "app.localhost", "127.0.0.1", "[::1]", "10.1.2.3"):
        await resolved_classes(name)
    assert resolver == []


@pytest.mark.parametrize(
    ("host", "classes"),
    [
        ("sneaky-as.test", {LOCAL}),
        ("v6-sneaky.test", {LOCAL}),
        ("intranet-as.test", {PRIVATE}),
        ("mixed.test", {PUBLIC, LOCAL}),
        ("public-as.test", {PUBLIC}),
        ("nowhere.test", {PUBLIC}),  # does not resolve: nothing can be sent there
    ],
)
async def test_names_are_judged_by_their_addresses(resolver, host, classes):
    assert await resolved_classes(host) == classes


@pytest.mark.parametrize(
    ("url", "server", "credential", "refused"),
    [
        # a remote server naming hosts that resolve to this machine or the private network
        ("https://sneaky-as.test/token", "https://public-as.test/mcp", True, "this machine"),
        ("https://v6-sneaky.test/prm", "https://public-as.test/mcp", False, "this machine"),
        ("https://intranet-as.test/token", "https://public-as.test/mcp", True, "private"),
        ("https://mixed.test/token", "https://public-as.test/mcp", True, "this machine"),
        # an MCP server reached by a name of this machine: loopback, plain http allowed
        ("http://127.0.0.1:9000/token", "http://mcp.lab.test:8000/mcp", True, None),
        ("http://sneaky-as.test:9000/token", "http://mcp.lab.test:8000/mcp", True, None),
        ("https://intranet-as.test/token", "http://mcp.lab.test:8000/mcp", True, None),
        # a server only partly on loopback is not loopback: no loopback endpoints, no http
        ("http://127.0.0.1:9000/token", "http://mixed.test/mcp", True, "this machine"),
        ("http://public-as.test/token", "http://mcp.lab.test:8000/mcp", True, "not HTTPS"),
        ("https://public-as.test/token", "https://nowhere.test/mcp", True, None),
    ],
)
async def test_check_resolves_names(resolver, url, server, credential, refused):
    async with AuthHttp("x", resource=server) as http:
        if refused is None:
            await http.check(url, "token endpoint", credential=credential)
            return
        with pytest.raises(AuthError, match=refused):
            await http.check(url, "token endpoint", credential=credential)


async def test_each_name_is_resolved_once_per_flow(resolver):
    async with AuthHttp("x", resource="https://public-as.test/mcp") as http:
        for _ in range(3):
            await http.check("https://public-as.test/token", "token endpoint")
    assert resolver == ["public-as.test"]


async def test_prm_naming_an_as_that_resolves_to_loopback_is_refused_unfetched(resolver, tmp_path):
    fake = FakeOAuth(prm_servers=["https://sneaky-as.test"])
    with pytest.raises(AuthError, match="refusing the authorization server .*this machine"):
        await run_login(fake, tmp_path)
    assert not [u for u in fake.urls() if "sneaky-as.test" in u]


async def test_metadata_token_endpoint_resolving_private_refuses_the_server(resolver, tmp_path):
    fake = FakeOAuth(metadata_extra={"token_endpoint": "https://intranet-as.test/token"})
    with pytest.raises(AuthError, match="refusing the token endpoint .*private"):
        await run_login(fake, tmp_path)
    assert not [u for u in fake.urls() if "intranet-as.test" in u]
