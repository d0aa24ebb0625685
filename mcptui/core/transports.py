"""Build the SDK transport for a :class:`ServerConfig`: streamable HTTP, legacy SSE or stdio.

HTTP transports get an ``httpx2.AsyncClient`` carrying the config's headers, the auth
engine's ``httpx2.Auth`` and the :class:`HttpObserver` hooks. A stdio server's stderr goes
into a pipe whose lines are reported as :class:`StderrLine` events, never onto the terminal.
Imports the SDK, so only the connection manager imports this module.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx2
from mcp.client import streamable_http
from mcp.client.sse import sse_client
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client

from mcptui import __version__
from mcptui.core import body_limit, child_guard, lazy_tls, lean_messages
from mcptui.core.server_config import ServerConfig
from mcptui.core.stderr_pipe import StderrPipe

__all__ = ["StderrPipe", "sse_transport", "stdio_transport", "streamable_transport"]

USER_AGENT = f"mcptui/{__version__}"
child_guard.install()  # short shutdown graces; no stdio child outlives mcptui
SSE_READ_TIMEOUT = 300.0
# False in a connection's owner task: its streamable HTTP transport opens no standing GET stream
_GET_STREAM: contextvars.ContextVar[bool] = contextvars.ContextVar("mcptui_get_stream", default=True)


def _gate_get_stream() -> None:
    """Let a connection decline the SDK's GET stream (it opens one after ``initialized``, always).

    A one-shot command asks one thing and leaves: a standing GET for what the server says
    unasked is a request (and a server-side stream) for nothing. The gate is a context variable,
    so it holds for the tasks of the one connection that set it.
    """
    transport = streamable_http.StreamableHTTPTransport
    original = transport.handle_get_stream
    if getattr(original, "_mcptui_gated", False):
        return

    @functools.wraps(original)
    async def gated(self: Any, client: Any, read_stream_writer: Any) -> None:
        if _GET_STREAM.get():
            await original(self, client, read_stream_writer)

    gated._mcptui_gated = True  # type: ignore[attr-defined]
    transport.handle_get_stream = gated  # type: ignore[method-assign]


_gate_get_stream()
lean_messages.install_sdk_tricks()  # a 50,000-tool reply: a quarter of the memory, 0.7 s less


def http_timeout(config: ServerConfig) -> httpx2.Timeout:
    # reads stay open for long-lived SSE responses; the per-request clock is the SDK's
    return httpx2.Timeout(config.connect_timeout, read=max(SSE_READ_TIMEOUT, config.timeout))


@functools.cache
def tls_context() -> ssl.SSLContext:
    """httpx2's default TLS context (same roots, same environment), built once per process.

    Loading the root certificates takes ~20-40 ms; every connection of the process shares them
    (:func:`mcptui.core.speed.load_sdk` builds this off the UI thread; a one-shot command to an
    ``http://`` server never builds it, see :mod:`mcptui.core.lazy_tls`).
    """
    return httpx2.create_ssl_context()


def _tls_options(url: str | None, transport: Any = None) -> dict[str, Any]:
    """How a client gets TLS: an ``http://`` server's loads the roots on its first ``https://``
    request (:mod:`mcptui.core.lazy_tls`); any other builds (or shares) them now."""
    if transport is not None:
        return {"transport": transport, "verify": tls_context()}
    if (url or "").lower().startswith("http://") and lazy_tls.no_proxies():
        return {"transport": lazy_tls.TlsOnFirstUse(tls_context)}
    return {"verify": tls_context()}


def make_http_client(
    config: ServerConfig, hooks: dict[str, list[Any]], auth: httpx2.Auth | None, transport: Any = None
) -> httpx2.AsyncClient:
    """The HTTP client of one connection; ``transport`` is a test seam (``httpx2.MockTransport``)."""
    headers = {"User-Agent": USER_AGENT, **config.headers}
    return httpx2.AsyncClient(
        headers=headers,
        timeout=http_timeout(config),
        auth=auth,
        event_hooks=hooks,
        **_tls_options(config.url, transport),
    )


@asynccontextmanager
async def streamable_transport(
    config: ServerConfig,
    hooks: dict[str, list[Any]],
    auth: httpx2.Auth | None,
    transport: Any = None,
    *,
    get_stream: bool = True,
) -> AsyncIterator[Any]:
    """Streamable HTTP with our own client (the SDK does not close a client it was given).

    ``get_stream=False``: no standing GET stream (set for the task entering this, and its children).
    """
    _GET_STREAM.set(get_stream)
    async with (
        make_http_client(config, hooks, auth, transport) as http,
        streamable_http_client(
            config.url or "", http_client=http, max_sse_event_size=body_limit.max_event_bytes()
        ) as streams,
    ):
        yield streams


def sse_transport(
    config: ServerConfig, hooks: dict[str, list[Any]], auth: httpx2.Auth | None
) -> contextlib.AbstractAsyncContextManager[Any]:
    """Legacy HTTP+SSE (2024-11-05) through the SDK's client, with our hooks on its HTTP client."""

    def factory(
        headers: dict[str, str] | None = None, timeout: httpx2.Timeout | None = None, auth: Any = None
    ) -> httpx2.AsyncClient:
        merged = {"User-Agent": USER_AGENT, **(headers or {})}
        return httpx2.AsyncClient(
            headers=merged, timeout=timeout, auth=auth, event_hooks=hooks, **_tls_options(config.url)
        )

    return sse_client(
        config.url or "",
        headers=dict(config.headers),
        timeout=config.connect_timeout,
        sse_read_timeout=max(SSE_READ_TIMEOUT, config.timeout),
        httpx_client_factory=factory,
        auth=auth,
    )


@asynccontextmanager
async def stdio_transport(config: ServerConfig, stderr: StderrPipe) -> AsyncIterator[Any]:
    env = dict(config.env) if config.env else None
    # invalid UTF-8 on stdout: replaced, so the broken message fails as such (strict decoding
    # would end the SDK's reader silently, and the request would wait out its timeout)
    params = StdioServerParameters(
        command=config.command or "",
        args=list(config.args),
        env=env,
        cwd=config.cwd or None,
        encoding_error_handler="replace",
    )
    async with stdio_client(params, errlog=stderr.writer) as streams:
        yield streams
