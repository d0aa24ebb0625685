"""Replies a real server rarely produces, through respx: each gets one clear message and exit code."""

from __future__ import annotations

import pytest
import respx

from mcptui.core.connection import ServerConnection
from mcptui.core.errors import AuthRequired, McpTuiError, TransportError
from mcptui.core.server_config import ServerConfig
from tests.respx_bridge import mock_transport

URL = "http://mcp.test/mcp"


def connection(router: respx.Router) -> ServerConnection:
    return ServerConnection(
        ServerConfig(name="mock", url=URL, transport="http", connect_timeout=5, timeout=5),
        http_transport=mock_transport(router),
    )


async def failure(router: respx.Router) -> McpTuiError:
    with pytest.raises(McpTuiError) as info:
        await connection(router).connect()
    error = info.value
    assert "Traceback" not in str(error)
    return error


async def test_html_instead_of_json():
    router = respx.Router()
    router.post(URL).respond(
        200, text="<html><body>login</body></html>", headers={"content-type": "text/html"}
    )
    error = await failure(router)
    assert isinstance(error, TransportError) and error.exit_code == 4
    assert "not an MCP server" in error.message and "text/html" in error.message


async def test_invalid_json_rpc_body():
    router = respx.Router()
    router.post(URL).respond(200, json={"hello": "world"})
    error = await failure(router)
    assert error.exit_code == 4


async def test_malformed_json_body():
    router = respx.Router()
    router.post(URL).respond(200, text="{not json", headers={"content-type": "application/json"})
    error = await failure(router)
    assert error.exit_code == 4


async def test_server_error_status():
    router = respx.Router()
    router.post(URL).respond(502, text="bad gateway", headers={"content-type": "text/plain"})
    error = await failure(router)
    assert isinstance(error, TransportError) and "502" in str(error)


async def test_401_without_auth_engine_means_auth_required():
    router = respx.Router()
    router.post(URL).respond(
        401,
        headers={
            "www-authenticate": 'Bearer resource_metadata="http://mcp.test/.well-known/oauth-protected-resource"'
        },
    )
    error = await failure(router)
    assert isinstance(error, AuthRequired) and error.exit_code == 3
    assert "mcptui auth login" in error.hint
