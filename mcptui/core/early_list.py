"""The prefetch child's ``tools/list`` sent before the SDK is imported, so the server builds it meanwhile.

The child (:mod:`mcptui.core.prefetch`) needs the SDK (~0.35-0.5 s to import) before it can
connect; a 50,000-tool server then needs ~0.55 s to build its 7.5 MB answer. On a 2026-07-28
server a ``tools/list`` is a request of its own (no session), so the child sends it first, with
the standard library, in a thread (:class:`EarlyList`), and imports the SDK while the server
works. Once its SDK session is open, the first page of tools it would ask for is taken from
that answer (:func:`claim`, in :func:`mcptui.core.catalog_items.send_unvalidated`) only if the
SDK would have sent the very same request: the same ``params`` (its ``_meta``: version, client
info and capabilities) and the same routing headers. Anything else (another era negotiated,
another stamp, an error, a body that is not one JSON-RPC answer) and the answer is dropped:
the SDK sends its own request, as without this. The answer's result is then checked like any
page (:mod:`catalog_pages`).

Only where nothing else could differ: an ``http://`` URL without a proxy in the environment,
the streamable HTTP transport (``auto`` or ``http``), the protocol ``auto`` or ``2026-07-28``,
and no credentials (a child never has any: :func:`mcptui.core.prefetch.can_prefetch`).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import threading
import urllib.parse
from typing import Any

VERSION = "2026-07-28"
EARLY_ID = "mcptui-early-tools-list"
# What the SDK stamps on the prefetch child's requests (a one-shot connection, no log level;
# pinned against the SDK by tests/core/test_early_list.py)
CAPABILITIES: dict[str, Any] = {"extensions": {"io.modelcontextprotocol/tasks": {}}}


def _params() -> dict[str, Any]:
    from mcptui import __version__

    return {
        "_meta": {
            "io.modelcontextprotocol/protocolVersion": VERSION,
            "io.modelcontextprotocol/clientInfo": {"name": "mcptui", "version": __version__},
            "io.modelcontextprotocol/clientCapabilities": CAPABILITIES,
        }
    }


ROUTING = {"mcp-protocol-version": VERSION, "mcp-method": "tools/list"}


def eligible(settings: dict[str, Any]) -> bool:
    """Whether the early request can only be the one the SDK would send (see the module doc)."""
    import urllib.request

    url = str(settings.get("url") or "")
    return (
        url.lower().startswith("http://")
        and settings.get("transport", "auto") in ("auto", "http")
        and settings.get("protocol", "auto") in ("auto", VERSION)
        and not urllib.request.getproxies()
    )


class EarlyList:
    """One ``tools/list`` POSTed in a thread; its result once read (None: none to take)."""

    def __init__(self, settings: dict[str, Any], timeout: float, max_bytes: int) -> None:
        self.params = _params()
        self._settings = settings
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._result: dict[str, Any] | None = None
        self._done = threading.Event()
        threading.Thread(target=self._run, name="early-tools-list", daemon=True).start()

    def _run(self) -> None:
        try:
            self._result = self._ask()
        except Exception:  # noqa: BLE001, S110 - any failure: the SDK sends its own request
            self._result = None
        finally:
            self._done.set()

    def _ask(self) -> dict[str, Any] | None:
        url = urllib.parse.urlsplit(str(self._settings["url"]))
        path = url.path or "/"
        if url.query:
            path += "?" + url.query
        body = json.dumps({"jsonrpc": "2.0", "id": EARLY_ID, "method": "tools/list", "params": self.params})
        headers = {str(k): str(v) for k, v in (self._settings.get("headers") or {}).items()}
        headers.update(
            {"content-type": "application/json", "accept": "application/json, text/event-stream", **ROUTING}
        )
        connection = http.client.HTTPConnection(
            url.hostname or "127.0.0.1", url.port or 80, timeout=self._timeout
        )
        try:
            connection.request("POST", path, body.encode("utf-8"), headers)
            response = connection.getresponse()
            if response.status != 200:
                return None
            return self._read(response, "text/event-stream" in response.getheader("content-type", ""))
        finally:
            connection.close()

    def _read(self, response: http.client.HTTPResponse, event_stream: bool) -> dict[str, Any] | None:
        """The body up to the answer (a stream may stay open after it), at most ``max_bytes``."""
        parts: list[bytes] = []
        size, seen = 0, False
        marker = json.dumps(EARLY_ID).encode()
        while chunk := response.read1(1 << 20):
            parts.append(chunk)
            size += len(chunk)
            if size > self._max_bytes:
                return None
            seen = seen or marker in chunk  # (an id cut between two chunks: read on to the end)
            ended = b"\n\n" in chunk or b"\r\n\r\n" in chunk  # an event ended in this chunk
            if event_stream and seen and ended and (found := answer(b"".join(parts), True)):
                return found
        return answer(b"".join(parts), event_stream)

    def result(self, timeout: float) -> dict[str, Any] | None:
        """The answer's result, once read (waits at most ``timeout``; None: nothing usable)."""
        return self._result if self._done.wait(timeout) else None


def answer(data: bytes, event_stream: bool) -> dict[str, Any] | None:
    """The result of the JSON-RPC answer to :data:`EARLY_ID` in a body (JSON, or SSE events)."""
    if not event_stream:
        return _result(data)
    for event in data.replace(b"\r\n", b"\n").split(b"\n\n"):
        lines = [line[5:].removeprefix(b" ") for line in event.split(b"\n") if line.startswith(b"data:")]
        if lines and (found := _result(b"\n".join(lines))) is not None:
            return found
    return None


def _result(text: bytes) -> dict[str, Any] | None:
    with contextlib.suppress(ValueError, RecursionError):
        message = json.loads(text)
        if isinstance(message, dict) and message.get("jsonrpc") == "2.0" and message.get("id") == EARLY_ID:
            result = message.get("result")
            return result if isinstance(result, dict) else None
    return None


class _Waiting:
    early: EarlyList | None = None


def start(settings: dict[str, Any], timeout: float = 15.0) -> None:
    """Send the early request for ``settings`` when :func:`eligible` (the prefetch child only)."""
    if not eligible(settings):
        return
    from mcptui.core.body_limit import max_body_bytes

    _Waiting.early = EarlyList(settings, float(settings.get("timeout") or timeout), max_body_bytes())


async def claim(
    data: dict[str, Any], headers: dict[str, str], timeout: float = 15.0
) -> dict[str, Any] | None:
    """The early answer's result for the request the SDK stamped (``data``, its ``headers``), when
    it is exactly the request sent early; once. None: the SDK sends its own."""
    early = _Waiting.early
    if early is None or data.get("method") != "tools/list":
        return None
    _Waiting.early = None
    routing = {key: headers.get(key) for key in ROUTING}
    if data.get("params") != early.params or routing != ROUTING:
        return None
    import asyncio

    return await asyncio.to_thread(early.result, timeout)  # read by now, or soon: not on the loop
