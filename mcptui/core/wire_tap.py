"""Observe the wire: every JSON-RPC message and HTTP exchange, reported as redacted events.

:class:`MessageTap` wraps a transport's (read, write) stream pair without adding a task or
a buffer: the proxies forward each call and emit an :class:`RpcMessage` on the way, with the
elapsed time of a response measured from its request. :class:`HttpObserver` provides httpx2
event hooks that emit :class:`HttpExchange` events and remember what the connection manager
needs to explain failures (the last status and content type, a 404 on a live session, the
status of the first POST for the legacy SSE fallback).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mcptui.core.body_limit import limit_body
from mcptui.core.events import EventSink, HttpExchange, RpcMessage, null_sink
from mcptui.core.redact import redact_headers, redact_json, redact_url

if TYPE_CHECKING:
    import httpx2


LIST_KEEP = 200  # items of a long list in a result that an event keeps (a catalog page can hold 50,000)


STRING_KEEP = 64_000  # characters of one string of a message that an event keeps


def _short(value: Any, depth: int = 0) -> Any:
    """``value`` with each string longer than :data:`STRING_KEEP` cut there, saying so (copied
    only where something is cut): redacting 50 MB of text would stall the loop for ~0.7 s."""
    if isinstance(value, str):
        if len(value) <= STRING_KEEP:
            return value
        return (
            value[:STRING_KEEP] + f"… ({len(value) - STRING_KEEP:,} more characters, not kept in the console)"
        )
    if depth > 20 or not isinstance(value, dict | list):
        return value
    items = value.items() if isinstance(value, dict) else enumerate(value)
    out: Any = None
    for key, item in items:
        new = _short(item, depth + 1)
        if new is not item:
            if out is None:
                out = dict(value) if isinstance(value, dict) else list(value)
            out[key] = new
    return value if out is None else out


def _kept(result: Any) -> Any:
    """``result`` with each list longer than :data:`LIST_KEEP` cut there, plus one line saying how
    many items were left out, and each string cut at :data:`STRING_KEEP`: the console shows (and
    redacts) what it keeps, not a whole catalog nor a whole 50 MB text."""
    if not isinstance(result, dict):
        return result
    out: dict[str, Any] | None = None
    for key, value in result.items():
        if isinstance(value, list) and len(value) > LIST_KEEP:
            out = dict(result) if out is None else out
            left_out = len(value) - LIST_KEEP
            out[key] = [*value[:LIST_KEEP], f"… {left_out:,} more item(s), not kept in the console"]
    return _short(result if out is None else out)


def _classify(message: Any) -> tuple[str, str | None, Any, dict[str, Any]]:
    """(kind, method, id, payload) of a JSONRPCMessage model."""
    name = type(message).__name__
    result = getattr(message, "result", None)
    if name == "JSONRPCResponse" and isinstance(result, dict):  # no deep copy of a big result
        payload = {"jsonrpc": message.jsonrpc, "id": message.id, "result": _kept(result)}
        return "response", None, message.id, payload
    payload = message.model_dump(by_alias=True, exclude_none=True, mode="json")
    if name == "JSONRPCRequest":
        return "request", payload.get("method"), payload.get("id"), payload
    if name == "JSONRPCNotification":
        return "notification", payload.get("method"), None, payload
    if name == "JSONRPCError":
        return "error", None, payload.get("id"), payload
    return "response", None, payload.get("id"), payload


class _Timing:
    """Start times of outgoing and incoming requests, to time their answers."""

    def __init__(self) -> None:
        self.started: dict[tuple[str, Any], tuple[float, str | None]] = {}

    def start(self, direction: str, rid: Any, method: str | None) -> None:
        self.started[(direction, rid)] = (time.perf_counter(), method)

    def finish(self, direction: str, rid: Any) -> tuple[float | None, str | None]:
        begun = self.started.pop((direction, rid), None)
        if begun is None:
            return None, None
        return (time.perf_counter() - begun[0]) * 1000.0, begun[1]


class MessageTap:
    """Emits an RpcMessage for each message through a wrapped stream pair."""

    def __init__(self, sink: EventSink, server: str) -> None:
        self.sink = sink
        self.server = server
        self.timing = _Timing()

    def observe(self, direction: str, message: Any) -> None:
        try:
            kind, method, rid, payload = _classify(message)
        except Exception:  # noqa: BLE001 - never let observation break the wire
            return
        elapsed = None
        if kind == "request":
            self.timing.start(direction, rid, method)
        elif kind in ("response", "error"):
            # a response travelling "in" answers a request that went "out", and vice versa
            elapsed, method = self.timing.finish("out" if direction == "in" else "in", rid)
        self.sink(
            RpcMessage(
                server=self.server,
                direction=direction,  # type: ignore[arg-type]
                kind_of=kind,  # type: ignore[arg-type]
                method=method,
                id=rid,
                payload=redact_json(payload),
                elapsed_ms=elapsed,
            )
        )

    def observe_wire(self, direction: str, payload: dict[str, Any]) -> None:
        """A notification read as a wire-form dict (the fast path, :mod:`mcptui.core.wire_fast_path`)."""
        self.sink(
            RpcMessage(
                server=self.server,
                direction=direction,  # type: ignore[arg-type]
                kind_of="notification",
                method=payload.get("method"),
                payload=redact_json(payload),
            )
        )

    def wrap(self, read_stream: Any, write_stream: Any) -> tuple[Any, Any]:
        return _TappedRead(read_stream, self), _TappedWrite(write_stream, self)


class StreamProxy:
    """A stream wrapper that passes everything but what a subclass overrides to ``_inner``.

    Used by the tap here and by :mod:`mcptui.core.wire_guard`.
    """

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def __aenter__(self) -> Any:
        await self._inner.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> Any:
        return await self._inner.__aexit__(*exc)

    def __getattr__(self, name: str) -> Any:  # last_context and friends
        return getattr(self._inner, name)


class ReceivingProxy(StreamProxy):
    """A read-stream wrapper whose iteration goes through its own ``receive`` (which a
    subclass overrides): :mod:`mcptui.core.wire_guard`, :mod:`mcptui.core.client_tasks`."""

    def __aiter__(self) -> ReceivingProxy:
        return self

    async def __anext__(self) -> Any:
        import anyio

        try:
            return await self.receive()
        except anyio.EndOfStream:
            raise StopAsyncIteration from None


class _TappedRead(StreamProxy):
    def __init__(self, inner: Any, tap: MessageTap) -> None:
        self._inner = inner
        self._tap = tap

    def _seen(self, item: Any) -> Any:
        message = getattr(item, "message", None)
        if message is not None:
            self._tap.observe("in", message)
        return item

    async def receive(self) -> Any:
        return self._seen(await self._inner.receive())

    def __aiter__(self) -> _TappedRead:
        return self

    async def __anext__(self) -> Any:
        return self._seen(await self._inner.__anext__())


class _TappedWrite(StreamProxy):
    def __init__(self, inner: Any, tap: MessageTap) -> None:
        self._inner = inner
        self._tap = tap

    async def send(self, item: Any, /) -> None:
        message = getattr(item, "message", None)
        if message is not None:
            self._tap.observe("out", message)
        await self._inner.send(item)


@asynccontextmanager
async def tapped(transport: Any, tap: MessageTap) -> AsyncIterator[tuple[Any, Any]]:
    """Enter ``transport`` and yield its streams wrapped by ``tap``."""
    async with transport as (read_stream, write_stream):
        yield tap.wrap(read_stream, write_stream)


@dataclass
class HttpFacts:
    """What the HTTP hooks saw that explains a failure."""

    last_status: int | None = None
    last_content_type: str = ""
    first_post_status: int | None = None
    session_expired: bool = False
    body_too_large: int | None = None  # the limit a decompressed body went past (body_limit)


class HttpObserver:
    """httpx2 event hooks reporting each exchange as an HttpExchange event."""

    def __init__(self, sink: EventSink, server: str) -> None:
        self.sink = sink
        self.server = server
        self.facts = HttpFacts()
        self.spill_events = False  # big SSE events to a spill file as they arrive (sse_spill)
        self._started: dict[int, float] = {}

    def hooks(self) -> dict[str, list[Any]]:
        return {"request": [self.on_request], "response": [self.on_response]}

    async def on_request(self, request: httpx2.Request) -> None:
        self._started[id(request)] = time.perf_counter()

    async def on_response(self, response: httpx2.Response) -> None:
        limit_body(response, self.facts)
        if self.spill_events:
            from mcptui.core.sse_spill import spill_big

            spill_big(response, self.facts)
        request = response.request
        begun = self._started.pop(id(request), None)
        elapsed = (time.perf_counter() - begun) * 1000.0 if begun is not None else None
        facts = self.facts
        facts.last_status = response.status_code
        facts.last_content_type = response.headers.get("content-type", "")
        if request.method == "POST" and facts.first_post_status is None:
            facts.first_post_status = response.status_code
        if response.status_code == 404 and "mcp-session-id" in request.headers:
            facts.session_expired = True
        if self.sink is null_sink:
            return
        self.sink(
            HttpExchange(
                server=self.server,
                method=request.method,
                url=redact_url(str(request.url)),
                status=response.status_code,
                reason=getattr(response, "reason_phrase", "") or "",
                elapsed_ms=elapsed,
                request_headers=redact_headers(dict(request.headers)),
                response_headers=redact_headers(dict(response.headers)),
            )
        )
