"""An ``http://`` server's client loads the TLS roots only for an ``https://`` request (lazy_tls)."""

from __future__ import annotations

import ssl
from typing import Any

import httpx2
import pytest

from mcptui.core import lazy_tls, transports


class RecordingTransport(httpx2.AsyncBaseTransport):
    """Stands in for httpx2's transport: remembers its ``verify`` and the requests it got."""

    built: list[RecordingTransport] = []

    def __init__(self, verify: Any = True, **_: Any) -> None:
        self.verify = verify
        self.urls: list[str] = []
        self.closed = False
        RecordingTransport.built.append(self)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        self.urls.append(str(request.url))
        return httpx2.Response(200, text="ok")

    async def aclose(self) -> None:
        self.closed = True


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> list[RecordingTransport]:
    RecordingTransport.built = []
    monkeypatch.setattr(lazy_tls.httpx2, "AsyncHTTPTransport", RecordingTransport)
    return RecordingTransport.built


async def test_plain_requests_never_build_tls_and_https_gets_the_verifying_context(recording) -> None:
    verifying = ssl.create_default_context()
    asked: list[int] = []

    def tls_context() -> ssl.SSLContext:
        asked.append(1)
        return verifying

    transport = lazy_tls.TlsOnFirstUse(tls_context)
    async with httpx2.AsyncClient(transport=transport) as client:
        assert (await client.get("http://127.0.0.1:9/mcp")).text == "ok"
        assert not transport.tls_built and asked == []
        plain = recording[0]
        assert plain.verify.verify_mode == ssl.CERT_REQUIRED and plain.verify.check_hostname
        assert plain.verify.cert_store_stats()["x509_ca"] == 0  # trusts no root: TLS fails closed
        assert (await client.get("https://127.0.0.1:9/mcp")).text == "ok"
        assert (await client.get("https://127.0.0.1:9/again")).text == "ok"
    assert transport.tls_built and asked == [1]
    tls = recording[1]
    assert tls.verify is verifying
    assert plain.urls == ["http://127.0.0.1:9/mcp"]
    assert tls.urls == ["https://127.0.0.1:9/mcp", "https://127.0.0.1:9/again"]
    assert plain.closed and tls.closed


def test_the_lazy_transport_only_for_http_urls_without_a_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    assert isinstance(transports._tls_options("http://127.0.0.1:1/mcp")["transport"], lazy_tls.TlsOnFirstUse)
    assert transports._tls_options("https://example.test/mcp") == {"verify": transports.tls_context()}
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")  # httpx2 builds proxy transports from verify
    assert transports._tls_options("http://127.0.0.1:1/mcp") == {"verify": transports.tls_context()}
