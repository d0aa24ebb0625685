"""What the user reads when an optional notification feature fails: the reason, not a class name."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from mcp import MCPError

from mcptui.core.connection import ServerConnection
from mcptui.core.events import EventRecorder, Notice
from mcptui.core.server_config import ServerConfig


class RefusingClient:
    """A client whose server refuses ``subscriptions/listen`` (an edge a real demo cannot produce)."""

    server_capabilities = SimpleNamespace(tools=None, prompts=None, resources=None)

    def listen(self, **_kwargs):
        raise MCPError(code=-32601, message="Method not found: subscriptions/listen")


async def test_listen_failure_names_the_reason() -> None:
    recorder = EventRecorder()
    connection = ServerConnection(ServerConfig(name="x", url="http://127.0.0.1:9/mcp"), sink=recorder)
    await connection.notifications._listen(RefusingClient(), asyncio.Event())
    texts = [event.text for event in recorder.events if isinstance(event, Notice)]
    assert texts == ["change notifications unavailable: Method not found: subscriptions/listen"]
