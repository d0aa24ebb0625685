"""Fail a request at once when the server's answer to it cannot be used, instead of timing out.

The SDK drops a line it cannot parse (malformed, or JSON nested too deeply) and a response
whose id matches no request; the request then waits out its whole timeout and is reported as
"did not answer in time". :func:`guarded` wraps a transport's streams: it remembers the ids of
the requests sent, and when exactly one is outstanding, an unreadable message or an answer
carrying an unknown id becomes a JSON-RPC error for that request, saying what went wrong.
With several requests outstanding nothing can be pinned on one, and the message passes as is.

A stdio program that writes text on stdout before anything was asked (a banner, a usage
line: it is not an MCP server) would otherwise make ``initialize`` wait out the connect
timeout: the guard holds that line until a request is sent, and fails it, and every request
after it until something valid comes in, with "is not an MCP server: it wrote '…' on stdout"
(the SDK's version probe falls back to ``initialize`` on an error: that one fails too).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from mcptui.core.sanitize import sanitize_line
from mcptui.core.wire_tap import ReceivingProxy, StreamProxy

PREFIX = "mcptui: "  # failures.explain turns such an error into "<server> <rest>"


def _why(exc: BaseException) -> str:
    text = str(exc)
    if "recursion limit" in text or isinstance(exc, RecursionError):
        return "sent JSON nested too deeply to read"
    if "json_invalid" in text or "Invalid JSON" in text or "EOF while parsing" in text:
        return "sent malformed JSON"
    return "sent a message that is not valid JSON-RPC"


def _written(exc: BaseException) -> str:
    """The start of the line a stdio program wrote, from the SDK's parse error (quoted, plain)."""
    errors = getattr(exc, "errors", None)
    line = ""
    if callable(errors):
        try:
            first = errors()[0]
        except Exception:  # noqa: BLE001 - not a pydantic error: no line to quote
            first = {}
        line = str(first.get("input", "")) if isinstance(first, dict) else ""
    line = sanitize_line(line.strip())
    return line[:60] + "…" if len(line) > 60 else line


class _Guard:
    def __init__(self, stdio: bool = False) -> None:
        self.pending: dict[Any, str] = {}
        self.stdio = stdio
        self.heard = False  # a valid message came in: the program speaks JSON-RPC
        self.junk = ""  # set when it wrote text before saying anything valid: not an MCP server
        self.asked = asyncio.Event()  # a request was sent (while ``junk`` is set)

    def sent(self, message: Any) -> None:
        name = type(message).__name__
        if name == "JSONRPCRequest":
            self.pending[message.id] = message.method
            if self.junk:
                self.asked.set()
        elif name == "JSONRPCNotification" and message.method == "notifications/cancelled":
            self.pending.pop((message.params or {}).get("requestId"), None)

    def not_mcp(self, item: Any) -> bool:
        """``item`` is text a stdio program wrote before it said anything valid."""
        return self.stdio and not self.heard and isinstance(item, Exception) and bool(_written(item))

    def not_mcp_error(self) -> Any:
        """An error for one request outstanding: this program is not an MCP server."""
        why = f"is not an MCP server: it wrote '{self.junk}' on stdout"
        rid = next(iter(self.pending))
        return self._fail(why, only=rid)

    def received(self, item: Any) -> Any:
        if isinstance(item, Exception):
            if self.not_mcp(item):
                self.junk = self.junk or _written(item)
                return (self.not_mcp_error() if len(self.pending) == 1 else None) or item
            return self._fail(_why(item)) or item
        self.heard = True
        message: Any = getattr(item, "message", None)
        if type(message).__name__ not in ("JSONRPCResponse", "JSONRPCError"):
            return item
        if message.id in self.pending:
            del self.pending[message.id]
            return item
        return self._fail(f"answered with id {message.id!r}, which no request of ours has") or item

    def _fail(self, why: str, only: Any = None) -> Any:
        if only is None and len(self.pending) != 1:
            return None
        rid = only if only is not None else next(iter(self.pending))
        del self.pending[rid]
        import mcp.types as types
        from mcp.shared.message import SessionMessage

        error = types.JSONRPCError(
            jsonrpc="2.0", id=rid, error=types.ErrorData(code=types.PARSE_ERROR, message=PREFIX + why)
        )
        return SessionMessage(message=error)


class _Read(ReceivingProxy):
    def __init__(self, inner: Any, guard: _Guard) -> None:
        self._inner, self._guard = inner, guard
        self._reading: asyncio.Task[Any] | None = None  # a read still under way (not-MCP path only)

    async def receive(self) -> Any:
        guard = self._guard
        if self._reading is None and (guard.heard or not guard.junk):  # every MCP server: the fast path
            item = await self._inner.receive()
            if not (guard.not_mcp(item) and not guard.pending):
                return guard.received(item)
            guard.junk = _written(item)  # written before anything was asked
        return await self._not_mcp()

    async def _not_mcp(self) -> Any:
        """It wrote text before anything valid: fail each request it is sent, until it says more."""
        guard = self._guard
        while True:
            if guard.pending:
                return guard.not_mcp_error()
            guard.asked.clear()
            if self._reading is None:
                self._reading = asyncio.ensure_future(self._inner.receive())
                self._reading.add_done_callback(lambda t: t.cancelled() or t.exception())
            asked = asyncio.ensure_future(guard.asked.wait())
            try:
                await asyncio.wait({self._reading, asked}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                asked.cancel()
            if self._reading.done():
                reading, self._reading = self._reading, None
                return guard.received(reading.result())


class _Write(StreamProxy):
    def __init__(self, inner: Any, guard: _Guard) -> None:
        self._inner, self._guard = inner, guard

    async def send(self, item: Any, /) -> None:
        message = getattr(item, "message", None)
        if message is not None:
            self._guard.sent(message)
        await self._inner.send(item)


@asynccontextmanager
async def guarded(transport: Any, *, stdio: bool = False) -> AsyncIterator[tuple[_Read, _Write]]:
    """Enter ``transport`` and yield its streams with the guard in between."""
    guard = _Guard(stdio)
    async with transport as (read_stream, write_stream):
        yield _Read(read_stream, guard), _Write(write_stream, guard)
