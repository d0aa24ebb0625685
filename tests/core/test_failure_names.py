"""Errors name a stdio server by its name, never by its whole command line (which may hold secrets)."""

from __future__ import annotations

from mcptui.core.failures import explain
from mcptui.core.server_config import ServerConfig


def test_a_stdio_timeout_names_the_server() -> None:
    config = ServerConfig(
        name="fs", transport="stdio", command="npx", args=["-y", "@mcp/server-filesystem", "/home/me"]
    )
    error = explain(TimeoutError(), config)
    assert error.message == "fs did not answer in time"
    assert "npx" not in error.message and "/home/me" not in error.message


def test_an_http_error_still_names_the_url() -> None:
    config = ServerConfig(name="remote", url="http://127.0.0.1:9/mcp")
    assert explain(TimeoutError(), config).message == "http://127.0.0.1:9/mcp did not answer in time"
