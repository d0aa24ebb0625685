"""The auth engine's own HTTP client and step reporter.

Discovery, registration, token and revocation requests go through :class:`AuthHttp`, a thin
wrapper over ``httpx2.AsyncClient`` (redirects not followed, short timeout, injectable
transport for tests). Each request is turned into a redacted ``HttpExchange`` and every step
is reported as an ``AuthStep`` by :class:`Reporter`. Given the MCP server's URL
(``resource``), every request first passes :func:`~mcptui.core.auth.endpoints.check_endpoint`,
with host names resolved once per :class:`AuthHttp` (:meth:`AuthHttp.check`).
"""

from __future__ import annotations

import contextlib
import json
import time
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx2

from mcptui.core.auth import endpoints
from mcptui.core.auth.redaction import http_exchange
from mcptui.core.errors import AuthError
from mcptui.core.events import AuthStep, EventSink, HttpExchange, null_sink

USER_AGENT = "mcptui-auth/0.1"
StepStatus = Literal["start", "ok", "failed", "info"]


class Reporter:
    """Sends ``AuthStep`` events for one server; a failing sink never breaks the flow."""

    def __init__(self, server: str, sink: EventSink | None = None) -> None:
        self.server = server
        self.sink = sink or null_sink

    def __call__(
        self,
        step: str,
        status: StepStatus = "info",
        detail: str = "",
        *,
        http: HttpExchange | None = None,
        advice: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        with contextlib.suppress(Exception):  # observers must not break auth
            self.sink(
                AuthStep(
                    server=self.server,
                    step=step,
                    status=status,
                    detail=detail,
                    http=http,
                    advice=advice,
                    data=dict(data or {}),
                )
            )

    def fail(self, step: str, error: AuthError, *, http: HttpExchange | None = None) -> AuthError:
        """Report ``error`` as the failure of ``step`` and return it (for ``raise``)."""
        self(step, "failed", error.message, http=http, advice=error.hint)
        return error


class AuthHttp:
    """HTTP for the auth flow. ``last`` holds the redacted exchange of the latest request."""

    def __init__(
        self,
        server: str,
        *,
        transport: httpx2.AsyncBaseTransport | None = None,
        timeout: float = 20.0,
        resource: str | None = None,
    ) -> None:
        self.server = server
        self.resource = resource  # the MCP server's URL: endpoints are judged against it
        self._client = httpx2.AsyncClient(
            transport=transport,
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        )
        self.last: HttpExchange | None = None
        self._resolved: dict[str, frozenset[str]] = {}

    async def aclose(self) -> None:
        await self._client.aclose()

    async def __aenter__(self) -> AuthHttp:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def check(self, url: str, what: str, *, credential: bool = True) -> None:
        """Raise :class:`AuthError` when ``url`` may not be used as ``what`` for this server.

        Host names (of ``url`` and of the MCP server) are resolved first, once per name.
        """
        hosts = {urlsplit(u).hostname or "" for u in (url, self.resource) if u}
        classes = {host: await self._classes_of(host) for host in hosts if host}
        endpoints.check_endpoint(url, what, server_url=self.resource, credential=credential, classes=classes)

    async def _classes_of(self, host: str) -> frozenset[str]:
        if host not in self._resolved:
            self._resolved[host] = await endpoints.resolved_classes(host)
        return self._resolved[host]

    async def request(
        self,
        method: str,
        url: str,
        *,
        data: dict[str, str] | None = None,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
        sends: str | None = None,
    ) -> httpx2.Response:
        """Send one request; network failures become an :class:`AuthError` naming the URL.

        ``sends`` names the endpoint when the request carries a credential or a registration
        (it must then be HTTPS, see :meth:`check`); any other request is a discovery fetch.
        """
        if self.resource is not None:
            await self.check(url, sends or "discovery URL", credential=sends is not None)
        started = time.perf_counter()
        request = self._client.build_request(method, url, data=data, json=json_body, headers=headers)
        try:
            response = await self._client.send(request)
            await response.aread()
        except httpx2.HTTPError as exc:
            self.last = http_exchange(self.server, method, url, request_headers=request.headers)
            raise AuthError(
                f"could not reach {self.last.url}: {type(exc).__name__}",
                hint="check the URL and your network; the authorization server may be down",
            ) from None
        self.last = http_exchange(
            self.server,
            method,
            url,
            status=response.status_code,
            reason=response.reason_phrase,
            elapsed_ms=(time.perf_counter() - started) * 1000,
            request_headers=request.headers,
            response_headers=response.headers,
            body=response.content,
        )
        return response


def json_object(response: httpx2.Response, what: str) -> dict[str, Any]:
    """The response body as a JSON object, or an :class:`AuthError` saying what was wrong."""
    try:
        value = json.loads(response.content or b"")
    except ValueError:
        raise AuthError(
            f"{what}: the reply is not valid JSON (HTTP {response.status_code})",
            hint="the server sent a malformed document; report it to the server's operator",
        ) from None
    if not isinstance(value, dict):
        raise AuthError(f"{what}: expected a JSON object, got {type(value).__name__}")
    return value


async def guard(
    http: AuthHttp, report: Reporter, step: str, url: str, what: str, *, credential: bool = True
) -> None:
    """:meth:`AuthHttp.check` with the refusal reported as the failure of ``step``."""
    try:
        await http.check(url, what, credential=credential)
    except AuthError as exc:
        raise report.fail(step, exc) from None
