"""A raw asyncio HTTP MCP server on 127.0.0.1 that misbehaves where the SDK's server cannot.

``HostileHttp(mode, size)`` answers the streamable-HTTP handshake (JSON replies) and then, per
mode: ``gzip-bomb`` (every reply a small gzip body inflating to ``size`` bytes), ``big-event``
(a tools/call answered as one SSE event carrying a ``size``-byte text), ``redirect`` (every POST
answered 307 to another origin). Start it with
``async with HostileHttp(...) as url``, or in a thread with :func:`serving`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import zlib
from collections.abc import Iterator


def gzip_of_zeros(size: int) -> bytes:
    """A gzip stream of ``size`` zero bytes... as JSON whitespace (valid JSON once inflated)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    chunk = b" " * (1 << 20)
    out = [packer.compress(b'{"jsonrpc": "2.0", "id": 0, "result": {}')]
    left = size
    while left > 0:
        out.append(packer.compress(chunk[: min(left, len(chunk))]))
        left -= len(chunk)
    out.append(packer.compress(b"}"))
    out.append(packer.flush())
    return b"".join(out)


class HostileHttp:
    def __init__(self, mode: str, size: int) -> None:
        self.mode = mode
        self.size = size
        self.server: asyncio.base_events.Server | None = None
        self._bomb = gzip_of_zeros(size) if mode == "gzip-bomb" else b""

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}/mcp"

    async def __aexit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.server.wait_closed(), 2)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method = lines[0].split(" ")[0]
                headers = {
                    k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:] if h)
                }
                body = await reader.readexactly(int(headers.get("content-length", "0") or 0))
                await self._answer(method, body, writer)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def _answer(self, method: str, body: bytes, writer: asyncio.StreamWriter) -> None:
        if method != "POST":
            return self._send(writer, 405, b"", "text/plain")
        if self.mode == "redirect":
            return self._send(
                writer, 307, b"", "text/plain", {"Location": "http://127.0.0.1:9/elsewhere/mcp"}
            )
        msg = json.loads(body)
        rid, name = msg.get("id"), msg.get("method")
        if rid is None:
            return self._send(writer, 202, b"", "text/plain")
        if self.mode == "gzip-bomb" and name != "initialize":
            return self._send(writer, 200, self._bomb, "application/json", {"Content-Encoding": "gzip"})
        if name == "initialize":
            result = {
                "protocolVersion": msg["params"]["protocolVersion"],
                "capabilities": {"tools": {}},
                "serverInfo": {"name": f"hostile-{self.mode}", "version": "0"},
            }
        elif name == "tools/list":
            result = {"tools": [{"name": "big", "inputSchema": {"type": "object"}}]}
        elif name == "tools/call":
            text = "x" * self.size
            event = json.dumps(
                {"jsonrpc": "2.0", "id": rid, "result": {"content": [{"type": "text", "text": text}]}}
            )
            return self._send(writer, 200, f"event: message\ndata: {event}\n\n".encode(), "text/event-stream")
        else:
            reply = {"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": "method not found"}}
            return self._send(writer, 200, json.dumps(reply).encode(), "application/json")
        reply = {"jsonrpc": "2.0", "id": rid, "result": result}
        self._send(writer, 200, json.dumps(reply).encode(), "application/json")

    def _send(
        self, writer: asyncio.StreamWriter, status: int, body: bytes, ctype: str, extra: dict | None = None
    ) -> None:
        head = [
            f"HTTP/1.1 {status} X",
            f"Content-Type: {ctype}",
            f"Content-Length: {len(body)}",
            "Mcp-Session-Id: s1",
        ]
        head += [f"{k}: {v}" for k, v in (extra or {}).items()]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)


@contextlib.contextmanager
def serving(mode: str, size: int) -> Iterator[str]:
    """Run :class:`HostileHttp` in a thread of its own; yields its URL."""
    loop = asyncio.new_event_loop()
    ready: list[str] = []
    started = threading.Event()
    stop = asyncio.Event()

    async def main() -> None:
        async with HostileHttp(mode, size) as url:
            ready.append(url)
            started.set()
            await stop.wait()

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    started.wait(30)
    try:
        yield ready[0]
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(10)
