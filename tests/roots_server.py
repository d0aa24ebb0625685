"""A tiny stdio MCP server (built with the SDK) whose one tool asks the client for its roots.

``show_roots`` asks ``roots/list`` of the client (a back-channel request in the 2025-11-25
era, an input request on 2026-07-28) and returns the URIs it got as a JSON list: ``[]`` when
the client offers none. Run as ``python tests/roots_server.py``.
"""

from __future__ import annotations

import json
from typing import Annotated

from mcp.server.mcpserver import Context, MCPServer, Resolve
from mcp.server.mcpserver.resolve import ListRoots
from mcp.types import ListRootsResult

server = MCPServer("roots-probe")


def ask_roots() -> ListRoots:
    return ListRoots()


@server.tool()
async def show_roots(ctx: Context, roots: Annotated[ListRootsResult, Resolve(ask_roots)]) -> str:
    """The roots the client offers, as a JSON list of URIs."""
    return json.dumps([str(root.uri) for root in roots.roots])


if __name__ == "__main__":
    server.run()
