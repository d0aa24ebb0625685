"""An ``http://`` server's HTTP transport: the TLS roots are loaded only if a request needs TLS.

httpx2 builds its TLS context (the system's root certificates, ~330 M instructions: 14% of a
cold ``mcptui list http://...``, ~25-40 ms here) when its client is built, whatever the URL.
An ``http://`` server needs TLS only if the SDK follows its same-host upgrade redirect to
``https://``. :class:`TlsOnFirstUse` sends ``http://`` requests through httpx2's own transport
built with a context that holds no root certificate (so it could never complete a verified
handshake: a misrouted TLS request fails closed), and builds the verifying transport, with the
shared :func:`mcptui.core.transports.tls_context`, on the first ``https://`` request.

Used only when no proxy is configured in the environment (httpx2 builds proxy transports from
the client's ``verify``, so those keep the eager context). See :mod:`mcptui.core.speed`.
"""

from __future__ import annotations

import ssl
import urllib.request
from collections.abc import Callable

import httpx2


def no_proxies() -> bool:
    """True when the environment names no proxy (httpx2 reads the same variables)."""
    return not urllib.request.getproxies()


def rootless_context() -> ssl.SSLContext:
    """A client context that verifies certificates and hostnames, and trusts no root at all."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class TlsOnFirstUse(httpx2.AsyncBaseTransport):
    """httpx2's transport for ``http://``; a verifying one, built when first needed, for ``https://``."""

    def __init__(self, tls_context: Callable[[], ssl.SSLContext]) -> None:
        self._tls_context = tls_context
        self._plain = httpx2.AsyncHTTPTransport(verify=rootless_context())
        self._tls: httpx2.AsyncHTTPTransport | None = None

    @property
    def tls_built(self) -> bool:
        return self._tls is not None

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if request.url.scheme != "https":
            return await self._plain.handle_async_request(request)
        if self._tls is None:
            self._tls = httpx2.AsyncHTTPTransport(verify=self._tls_context())
        return await self._tls.handle_async_request(request)

    async def aclose(self) -> None:
        await self._plain.aclose()
        if self._tls is not None:
            await self._tls.aclose()
