"""A tiny stdio MCP server (built with the SDK) with secret arguments, for the history tests.

``sign_in(user, password)``: ``password`` is a pydantic ``SecretStr`` (schema ``format:
password``, ``writeOnly: true``); ``fetch(url, api_key)``: ``api_key`` is secret by its name
only. Both answer without echoing the secret. Run as ``python tests/secret_server.py``.
"""

from __future__ import annotations

from mcp.server.mcpserver import MCPServer
from pydantic import SecretStr

server = MCPServer("secret-probe")


@server.tool()
def sign_in(user: str, password: SecretStr) -> str:
    """Pretend to sign in."""
    return f"signed in {user} with a {len(password.get_secret_value())}-character password"


@server.tool()
def fetch(url: str, api_key: str = "") -> str:
    """Pretend to fetch ``url`` with a key."""
    return f"fetched {url} ({'with' if api_key else 'without'} a key)"


if __name__ == "__main__":
    server.run()
