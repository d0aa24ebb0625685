"""Server middleware for the demo: list pagination (page_size), the legacy-only (2025-11-25) mode,
and bulk tools (thousands of trivial tools, for large-catalog tests and benchmarks).

MCPServer's list handlers return everything in one page and ignore the cursor. Both behaviours are
added here as `ServerMiddleware` (an `async (ctx, call_next)` callable on `MCPServer.middleware`),
which wraps every inbound request on every transport and in both protocol eras.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from mcp.server.context import CallNext, ServerRequestContext
from mcp.shared.exceptions import MCPError
from mcp.types import (
    INVALID_PARAMS,
    UNSUPPORTED_PROTOCOL_VERSION,
    CallToolResult,
    TextContent,
    UnsupportedProtocolVersionErrorData,
)
from mcp_types.version import HANDSHAKE_PROTOCOL_VERSIONS, MODERN_PROTOCOL_VERSIONS

LIST_RESULT_KEYS: dict[str, str] = {
    "tools/list": "tools",
    "prompts/list": "prompts",
    "resources/list": "resources",
    "resources/templates/list": "resourceTemplates",
}

_CURSOR_PREFIX = "offset:"


def encode_cursor(offset: int) -> str:
    """An opaque cursor for a list offset."""
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: Any) -> int:
    """The offset a cursor stands for; MCPError(INVALID_PARAMS) when it was not made by encode_cursor."""
    if cursor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(str(cursor).encode()).decode()
        if not text.startswith(_CURSOR_PREFIX):
            raise ValueError(text)
        offset = int(text[len(_CURSOR_PREFIX) :])
        if offset < 0:
            raise ValueError(text)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise MCPError(code=INVALID_PARAMS, message=f"Invalid cursor: {cursor!r}") from None
    return offset


class PaginationMiddleware:
    """Cut tools/prompts/resources/templates list results into pages of `page_size` items."""

    def __init__(self, page_size: int) -> None:
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        self.page_size = page_size

    async def __call__(self, ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> Any:
        key = LIST_RESULT_KEYS.get(ctx.method)
        if key is None or ctx.request_id is None:
            return await call_next(ctx)
        offset = decode_cursor((ctx.params or {}).get("cursor"))
        result = await call_next(ctx)
        if not isinstance(result, dict) or not isinstance(result.get(key), list):
            return result
        items = result[key]
        if offset > len(items):
            raise MCPError(code=INVALID_PARAMS, message=f"Cursor is past the end of the {key} list")
        end = offset + self.page_size
        page = dict(result)
        page[key] = items[offset:end]
        if end < len(items):
            page["nextCursor"] = encode_cursor(end)
        else:
            page.pop("nextCursor", None)
        return page


class LegacyOnlyMiddleware:
    """Refuse the 2026-07-28 era: server/discover and enveloped requests get UNSUPPORTED_PROTOCOL_VERSION.

    The error names the handshake versions as supported, so `Client(mode="auto")` falls back to
    `initialize` (mcp.client._probe falls back on every MCPError except a disjoint modern-only list).
    """

    async def __call__(self, ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> Any:
        if ctx.request_id is not None and (
            ctx.method == "server/discover" or ctx.protocol_version in MODERN_PROTOCOL_VERSIONS
        ):
            requested = ctx.protocol_version if ctx.protocol_version in MODERN_PROTOCOL_VERSIONS else None
            data = UnsupportedProtocolVersionErrorData(
                supported=list(HANDSHAKE_PROTOCOL_VERSIONS),
                requested=requested or MODERN_PROTOCOL_VERSIONS[-1],
            )
            raise MCPError(
                code=UNSUPPORTED_PROTOCOL_VERSION,
                message="This server only speaks the 2025-11-25 protocol era: use the initialize handshake",
                data=data.model_dump(mode="json", by_alias=True, exclude_none=True),
            )
        return await call_next(ctx)


BULK_PREFIX = "bulk_"


def bulk_tool(index: int) -> dict[str, Any]:
    """The wire form of bulk tool ``index``: a one-string-argument echo."""
    return {
        "name": f"{BULK_PREFIX}{index:04d}",
        "description": f"Bulk tool number {index}: echoes its text.",
        "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}},
    }


class BulkToolsMiddleware:
    """Add ``count`` trivial tools (``bulk_0000``...) after the demo's own, and answer their calls.

    Registering thousands of real tools would take the server seconds to start; these exist only
    in tools/list results (before any pagination) and in tools/call.
    """

    def __init__(self, count: int) -> None:
        self.tools = [bulk_tool(i) for i in range(count)]
        self.names = {tool["name"] for tool in self.tools}

    async def __call__(self, ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> Any:
        params = ctx.params or {}
        if ctx.method == "tools/call" and params.get("name") in self.names:
            text = str((params.get("arguments") or {}).get("text", ""))
            return CallToolResult(content=[TextContent(type="text", text=f"{params['name']}: {text}")])
        result = await call_next(ctx)
        if ctx.method == "tools/list" and isinstance(result, dict) and isinstance(result.get("tools"), list):
            result = {**result, "tools": [*result["tools"], *self.tools]}
        return result
