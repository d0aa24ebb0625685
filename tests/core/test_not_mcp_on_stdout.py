"""Issue 11 point 12: a stdio program that writes text on stdout is "not an MCP server", at once.

Before: the SDK dropped the line and ``initialize`` waited out the connect timeout ("did not
answer in time"). The program here prints a banner before anything is asked, then stays up.
"""

from __future__ import annotations

import asyncio
import sys

import pytest

from mcptui.core.connection import ServerConnection
from mcptui.core.errors import McpTuiError
from mcptui.core.server_config import ServerConfig

BANNER = "import sys, time; print('Welcome to my tool v1.0', flush=True); time.sleep(120)"


@pytest.mark.parametrize("protocol", ["auto", "legacy"])
async def test_text_on_stdout_means_not_an_mcp_server_without_waiting(protocol) -> None:
    config = ServerConfig(
        name="tool",
        transport="stdio",
        command=sys.executable,
        args=["-c", BANNER],
        protocol=protocol,
        connect_timeout=300,  # far beyond the wait below: failing by timeout fails this test
    )
    connection = ServerConnection(config)
    with pytest.raises(McpTuiError) as caught:
        await asyncio.wait_for(connection.connect(), 60)
    assert caught.value.message == "tool is not an MCP server: it wrote 'Welcome to my tool v1.0' on stdout"
    await connection.disconnect()
