"""server-everything's ``simulate-research-query`` (taskSupport required) runs as a task.

Skipped unless the reference server is installed: ``mcp-server-everything`` on PATH, or a
command line in ``MCPTUI_SERVER_EVERYTHING`` (e.g. ``npx -y @modelcontextprotocol/server-everything``).
The test suite never downloads it.
"""

from __future__ import annotations

import os
import shlex
import shutil

import pytest

from mcptui.core.connection import ServerConnection
from mcptui.core.server_config import ServerConfig
from mcptui.core.tasks import TaskUpdated, task_support


def everything_command() -> list[str] | None:
    if command := os.environ.get("MCPTUI_SERVER_EVERYTHING"):
        return shlex.split(command)
    found = shutil.which("mcp-server-everything")
    return [found, "stdio"] if found else None


COMMAND = everything_command()
pytestmark = pytest.mark.skipif(COMMAND is None, reason="server-everything is not installed")


async def test_simulate_research_query_runs_as_a_task() -> None:
    assert COMMAND is not None
    config = ServerConfig(
        name="everything",
        transport="stdio",
        command=COMMAND[0],
        args=COMMAND[1:],
        protocol="legacy",
        timeout=60,
    )
    events: list[TaskUpdated] = []
    async with ServerConnection(
        config, sink=lambda e: events.append(e) if isinstance(e, TaskUpdated) else None
    ) as conn:
        tool = conn.catalog.tool("simulate-research-query")
        if tool is None:
            pytest.skip("this server-everything has no simulate-research-query")
        assert task_support(tool) == "required"
        required = (tool.get("inputSchema") or {}).get("required") or []
        arguments = {name: "model context protocol" for name in required}
        result = await conn.call_tool("simulate-research-query", arguments)
    assert not result.get("isError"), result
    assert events and events[-1].task.status == "completed"
