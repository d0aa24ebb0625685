"""The SDK session's tool bookkeeping waits for the first call when a listing cannot drop a tool,
and is then exactly the SDK's own (against the real demo, both eras)."""

from __future__ import annotations

import pytest
from mcp.client.client import Client

from mcptui.core import tool_bookkeeping
from mcptui.core.connection import ServerConnection
from mcptui.core.server_config import ServerConfig
from tests.recording_proxy import recording_proxy


def tool_state(session) -> tuple[dict, dict]:
    return dict(session._x_mcp_header_maps), dict(session._tool_output_schemas)


async def sdk_own_state(url: str, mode: str) -> tuple[dict, dict]:
    """What the SDK's typed ``list_tools`` leaves in its session for the same server."""
    async with Client(url, mode=mode) as client:
        await client.list_tools()
        return tool_state(client.session)


@pytest.mark.parametrize(("era", "mode"), [("demo_http_url", "auto"), ("demo_legacy_url", "legacy")])
async def test_the_bookkeeping_waits_for_a_call_then_is_the_sdks_own(request, era, mode):
    url = request.getfixturevalue(era)
    expected = await sdk_own_state(url, mode)
    with recording_proxy(url) as recorded:
        connection = ServerConnection(ServerConfig(name="demo", url=recorded.url), keep_aside=True)
        await connection.connect()
        try:
            session = connection._require().session
            assert tool_bookkeeping.pending(session) == 1  # listed, not yet given to the session
            assert tool_state(session) == ({}, {})
            result = await connection.call_tool("get_forecast", {"city": "Paris", "days": 2})
            assert result["structuredContent"]["city"] == "Paris"  # validated by its output schema
            assert tool_bookkeeping.pending(session) == 0
            assert tool_state(session) == expected
            forecast = connection.catalog.tool("get_forecast")
            assert session._tool_output_schemas["get_forecast"] is forecast["outputSchema"]  # no copy
        finally:
            await connection.disconnect()
        # the call found the output schema in the deferred listing: no second tools/list
        assert recorded.methods().count("tools/list") == 1
