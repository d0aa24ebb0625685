"""A load MCP server, built with the SDK, for the flood and big-result tests and benches.

Tools:

* ``flood(count, rate, secret)``: ``count`` log notifications (``notifications/message``) at
  about ``rate`` a second, the last one saying ``flood-end <count> at <wall clock>``; ``secret`` (when given) is
  put in every line, for the redaction tests;
* ``big(megabytes)``: one text block of that many MB (lines of 100 characters, numbered, the last
  line ``big-end``).
* ``big_record(megabytes)``, ``big_capped(megabytes)``: the same text as structured content
  (``{"text": ..., "end": "big-end"}``), under an output schema that only the whole text can be
  judged by: ``big_record``'s says at least 1,000,000 characters ending ``big-end`` (a cut copy
  fails it), ``big_capped``'s at most 2,000,000 (a cut copy of a larger text passes it). The
  server does not check those (the schema is published, not its model's).
* ``big_blocks(blocks, kilobytes)``: that many text blocks of that size (30 of 100 kB: each cut
  to its head, the cut copy, ~1.2 MB, still over the 1 MiB spill threshold);
* ``many_small(count)``: that many short text blocks (30,000: ~1.3 MB with nothing long to cut).

Run it over stdio (``python tests/load_server.py``) or streamable HTTP on 127.0.0.1
(``python tests/load_server.py --http 0 [--json] [--gzip]``; ``--json`` answers each POST with one
JSON body instead of an SSE stream; ``--gzip`` sends every response body gzip-compressed, an SSE
stream flushed chunk by chunk, whatever the client accepts). Over HTTP it prints the demo's ``listening on URL`` line;
:func:`running_load` starts that variant for a test or a bench.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mcp.server.mcpserver import Context, MCPServer
from mcp.types import TextContent
from pydantic import BaseModel, Field

LISTENING_PREFIX = "mcptui-demo listening on "
END_MARK = "flood-end"
BIG_END = "big-end"
LINE = 100  # characters per line of a big result, newline included
BATCH = 100  # notifications sent between clock checks
RECORD_MIN = 1_000_000  # big_record's text: at least this many characters, ending BIG_END
CAPPED_MAX = 2_000_000  # big_capped's text: at most this many characters


class BigRecord(BaseModel):
    """big_record's result: the schema asks what the model does not check."""

    text: str = Field(json_schema_extra={"minLength": RECORD_MIN, "pattern": f"{BIG_END}$"})
    end: str = Field(json_schema_extra={"const": BIG_END})


class BigCapped(BaseModel):
    """big_capped's result: the schema caps the text's length, the model does not."""

    text: str = Field(json_schema_extra={"maxLength": CAPPED_MAX})
    end: str


def big_text(megabytes: float) -> str:
    """``megabytes`` MB of numbered 100-character lines, the last one ``big-end``."""
    lines = max(2, int(megabytes * 1_000_000) // LINE)
    body = [f"{i:09d} " + "x" * (LINE - 11) for i in range(lines - 1)]
    return "\n".join([*body, BIG_END])


def build_server() -> MCPServer:
    mcp = MCPServer("mcptui-load", log_level="WARNING")
    warnings.filterwarnings("ignore")  # logging is deprecated in 2026-07-28: used here on purpose

    @mcp.tool(description="Send COUNT log notifications at about RATE a second")
    async def flood(ctx: Context, count: int = 10_000, rate: float = 10_000.0, secret: str = "") -> str:
        started = time.perf_counter()
        tail = f" token={secret}" if secret else ""
        for i in range(count - 1):
            await ctx.info(f"flood line {i}{tail}", logger_name="load")
            if i % BATCH == BATCH - 1:
                ahead = (i + 1) / rate - (time.perf_counter() - started)
                await asyncio.sleep(max(0.0, ahead))
        await ctx.info(f"{END_MARK} {count} at {time.time():.4f}{tail}", logger_name="load")
        return f"sent {count} in {time.perf_counter() - started:.2f} s"

    @mcp.tool(description="Return one text block of MEGABYTES MB", structured_output=False)
    def big(megabytes: float = 5.0) -> str:
        return big_text(megabytes)

    @mcp.tool(description="Return MEGABYTES MB of text as structured content (min length, pattern)")
    def big_record(megabytes: float = 5.0) -> BigRecord:
        return BigRecord(text=big_text(megabytes), end=BIG_END)

    @mcp.tool(description="Return MEGABYTES MB of text as structured content (max length)")
    def big_capped(megabytes: float = 5.0) -> BigCapped:
        return BigCapped(text=big_text(megabytes), end=BIG_END)

    @mcp.tool(description="Return BLOCKS text blocks of KILOBYTES kB each", structured_output=False)
    def big_blocks(blocks: int = 30, kilobytes: float = 100.0) -> list[TextContent]:
        text = big_text(kilobytes / 1000)
        return [TextContent(type="text", text=f"{i}:{text}") for i in range(blocks)]

    @mcp.tool(description="Return COUNT short text blocks", structured_output=False)
    def many_small(count: int = 30_000) -> list[TextContent]:
        return [TextContent(type="text", text=f"item {i:06d}") for i in range(count)]

    return mcp


def gzipped(app: Any) -> Any:
    """``app`` with every HTTP response body gzip-compressed (``Content-Encoding: gzip``); each
    body chunk is flushed as it is sent, so an SSE stream's events arrive as they are written."""

    async def wrapped(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        packer = zlib.compressobj(wbits=31)  # 31: the gzip format

        async def send_gzipped(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-length"]
                message = {**message, "headers": [*headers, (b"content-encoding", b"gzip")]}
            elif message["type"] == "http.response.body":
                more = message.get("more_body", False)
                body = packer.compress(message.get("body", b""))
                body += packer.flush(zlib.Z_SYNC_FLUSH if more else zlib.Z_FINISH)
                message = {**message, "body": body}
            await send(message)

        await app(scope, receive, send_gzipped)

    return wrapped


def main(argv: list[str] | None = None) -> None:
    import functools

    import anyio

    from mcptui.demo.server import bind_socket, listening_url, serve_http, serve_stdio

    args = sys.argv[1:] if argv is None else argv
    mcp = build_server()
    if not args or args[0] != "--http":
        with contextlib.suppress(KeyboardInterrupt):
            anyio.run(functools.partial(serve_stdio, mcp))
        return
    sock = bind_socket("127.0.0.1", int(args[1]) if len(args) > 1 else 0)
    url = listening_url("127.0.0.1", sock.getsockname()[1], "/mcp")
    app = mcp.streamable_http_app(json_response="--json" in args, host="127.0.0.1")
    if "--gzip" in args:
        app = gzipped(app)
    try:
        serve_http(app, sock, lambda: print(f"{LISTENING_PREFIX}{url}", flush=True))
    finally:
        sock.close()


def stdio_command() -> list[str]:
    """The command line that runs the load server over stdio."""
    return [sys.executable, str(Path(__file__).resolve())]


@contextlib.contextmanager
def running_load(*flags: str, timeout: float = 30.0) -> Iterator[str]:
    """Run the load server over streamable HTTP on a free 127.0.0.1 port; yield its URL."""
    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    from tests.servers import running_server

    with running_server([*stdio_command(), "--http", "0", *flags], timeout) as server:
        yield server.url
        if os.environ.get("LOAD_SERVER_STDERR"):
            print("\n".join(server.stderr_lines[-40:]), file=sys.stderr)


if __name__ == "__main__":
    main()
