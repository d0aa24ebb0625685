"""The auth engine plugged into the connection manager, as the CLI and the TUI use it."""

from __future__ import annotations

import pytest

from mcptui.core.auth import BrowserOptions, NonInteractive, make_auth_factory
from mcptui.core.errors import AuthError, AuthRequired
from mcptui.core.events import AuthStep
from mcptui.core.server_config import ServerConfig


async def test_connect_signs_in_and_calls_through_step_up(demo, store, browser, clock, recorder):
    from mcptui.core.connection import ServerConnection

    factory = make_auth_factory(
        NonInteractive(), store=store, browser=BrowserOptions(opener=browser), clock=clock, callback_port=0
    )
    conn = ServerConnection(ServerConfig(name="demo", url=demo.url), sink=recorder, auth_factory=factory)
    try:
        catalog = await conn.connect()
        assert any(t["name"] == "write_note" for t in catalog.tools)
        result = await conn.call_tool("write_note", {"text": "via connection"})
        assert result["content"][0]["text"] == "wrote 'via connection'"
    finally:
        await conn.disconnect()
    assert [e.step for e in recorder.of(AuthStep) if e.status == "ok"].count("token") == 2


async def test_connection_surfaces_auth_required_with_exit_code_3(demo, store, clock, recorder):
    from mcptui.core.connection import ServerConnection

    factory = make_auth_factory(
        NonInteractive(), store=store, browser=BrowserOptions(no_browser=True), clock=clock
    )
    conn = ServerConnection(ServerConfig(name="demo", url=demo.url), sink=recorder, auth_factory=factory)
    with pytest.raises(AuthError) as info:
        await conn.connect()
    await conn.disconnect()
    assert info.value.exit_code == 3
    assert isinstance(info.value, AuthRequired) or "mcptui auth login" in str(info.value)
