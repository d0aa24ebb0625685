"""A tiny stdio MCP server whose ``pid`` tool returns its process id and how often it was called.

Two calls through a warm agent answer the same pid (one child) and counts 1, 2.
Run as ``python tests/agent/pid_server.py``.
"""

from __future__ import annotations

import os

from mcp.server.mcpserver import MCPServer

server = MCPServer("pid-probe")
calls = 0


@server.tool()
def pid() -> str:
    """This server's process id and call count, as ``PID:COUNT``."""
    global calls
    calls += 1
    return f"{os.getpid()}:{calls}"


if __name__ == "__main__":
    server.run()
