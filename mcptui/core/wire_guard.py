"""Fail a request at once when the server's answer to it cannot be used, instead of timing out.

The SDK drops a line it cannot parse (malformed, or JSON nested too deeply) and a response
whose id matches no request; the request then waits out its whole timeout and is reported as
"did not answer in time". :func:`guarded` wraps a transport's streams: it remembers the ids of
the requests sent, and when exactly one is outstanding, an unreadable message or an answer
carrying an unknown id becomes a JSON-RPC error for that request, saying what went wrong.
With several requests outstanding nothing can be pinned on one, and the message passes as is.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from mcptui.core.wire_tap import StreamProxy

PREFIX = "mcptui: "  # failures.explain turns such an error into "<server> <rest>"


def _why(exc: BaseException) -> str:
    text = str(exc)
    if "recursion limit" in text or isinstance(exc, RecursionError):
        return "sent JSON nested too deeply to read"
    if "json_invalid" in text or "Invalid JSON" in text or "EOF while parsing" in text:
        return "sent malformed JSON"
    return "sent a message that is not valid JSON-RPC"


class _Guard:
    def __init__(self) -> None:
        self.pending: dict[Any, str] = {}

    def sent(self, message: Any) -> None:
        name = type(message).__name__
        if name == "JSONRPCRequest":
            self.pending[message.id] = message.method
        elif name == "JSONRPCNotification" and message.method == "notifications/cancelled":
            self.pending.pop((message.params or {}).get("requestId"), None)

    def received(self, item: Any) -> Any:
        if isinstance(item, Exception):
            return self._fail(_why(item)) or item
        message: Any = getattr(item, "message", None)
        if type(message).__name__ not in ("JSONRPCResponse", "JSONRPCError"):
            return item
        if message.id in self.pending:
            del self.pending[message.id]
            return item
        return self._fail(f"answered with id {message.id!r}, which no request of ours has") or item

    def _fail(self, why: str) -> Any:
        if len(self.pending) != 1:
            return None
        rid = next(iter(self.pending))
        del self.pending[rid]
        import mcp.types as types
        from mcp.shared.message import SessionMessage

        error = types.JSONRPCError(
            jsonrpc="2.0", id=rid, error=types.ErrorData(code=types.PARSE_ERROR, message=PREFIX + why)
        )
        return SessionMessage(message=error)


class _Read(StreamProxy):
    def __init__(self, inner: Any, guard: _Guard) -> None:
        self._inner, self._guard = inner, guard

    async def receive(self) -> Any:
        return self._guard.received(await self._inner.receive())

    def __aiter__(self) -> _Read:
        return self

    async def __anext__(self) -> Any:
        return self._guard.received(await self._inner.__anext__())


class _Write(StreamProxy):
    def __init__(self, inner: Any, guard: _Guard) -> None:
        self._inner, self._guard = inner, guard

    async def send(self, item: Any, /) -> None:
        message = getattr(item, "message", None)
        if message is not None:
            self._guard.sent(message)
        await self._inner.send(item)


@asynccontextmanager
async def guarded(transport: Any) -> AsyncIterator[tuple[_Read, _Write]]:
    """Enter ``transport`` and yield its streams with the guard in between."""
    guard = _Guard()
    async with transport as (read_stream, write_stream):
        yield _Read(read_stream, guard), _Write(write_stream, guard)
