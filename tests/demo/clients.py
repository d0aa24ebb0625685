"""Open a real SDK `Client` on a demo server over streamable HTTP, legacy SSE or stdio (test helper)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from mcp import Client, StdioServerParameters
from mcp.client.sse import sse_client
from mcp.client.stdio import stdio_client


@contextlib.asynccontextmanager
async def open_client(
    transport: str, target: str | list[str], *, mode: str = "auto", errlog: Path | None = None, **kwargs: Any
) -> AsyncIterator[Client]:
    """`transport` is "http" / "sse" (target: URL) or "stdio" (target: command list; errlog: stderr file)."""
    kwargs.setdefault("cache", None)
    kwargs.setdefault("read_timeout_seconds", 30)
    if transport == "http":
        async with Client(target, mode=mode, **kwargs) as client:
            yield client
    elif transport == "sse":
        async with Client(sse_client(target, timeout=10, sse_read_timeout=60), mode=mode, **kwargs) as client:
            yield client
    elif transport == "stdio":
        assert isinstance(target, list)
        params = StdioServerParameters(command=target[0], args=target[1:])
        with contextlib.ExitStack() as stack:
            log = (
                stack.enter_context(open(errlog, "w"))
                if errlog
                else stack.enter_context(open("/dev/null", "w"))
            )
            async with Client(stdio_client(params, errlog=log), mode=mode, **kwargs) as client:
                yield client
    else:
        raise ValueError(transport)


async def list_all(client: Client, method: str) -> tuple[list[Any], int]:
    """Every item of a paginated list ("tools", "prompts", "resources", "resource_templates") and the page count."""
    fetch = getattr(client, f"list_{method}")
    items: list[Any] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = await fetch(cursor=cursor)
        pages += 1
        items += getattr(page, method)
        cursor = page.next_cursor
        if cursor is None:
            return items, pages
