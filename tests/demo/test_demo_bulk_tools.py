"""The demo's --bulk-tools N: a server with thousands of tools (paginated), callable, over stdio."""

from __future__ import annotations

import sys

from mcptui.core.connection import ServerConnection
from mcptui.core.server_config import ServerConfig
from mcptui.demo.__main__ import parse_args


async def test_a_five_thousand_tool_server_pages_its_catalog_and_answers_calls() -> None:
    config = ServerConfig(
        name="bulk",
        transport="stdio",
        command=sys.executable,
        args=["-m", "mcptui.demo", "--bulk-tools", "5000", "--page-size", "1000"],
    )
    connection = ServerConnection(config, log_level=None)
    try:
        catalog = await connection.connect()
        names = [tool["name"] for tool in catalog.tools]
        assert len(names) == len(set(names)) > 5000  # the demo's own tools, then 5,000 bulk ones
        assert names[-1] == "bulk_4999" and "echo" in names
        result = await connection.call_tool("bulk_4999", {"text": "hi"})
        assert result["content"] == [{"type": "text", "text": "bulk_4999: hi"}]
        assert not result.get("isError")
    finally:
        await connection.disconnect()


def test_bulk_tools_must_not_be_negative(capsys) -> None:
    try:
        parse_args(["--bulk-tools", "-1"])
    except SystemExit as done:
        assert done.code == 2
    assert "--bulk-tools must be 0 or more" in capsys.readouterr().err
