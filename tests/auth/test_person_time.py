"""While a person signs in, the timeout of the MCP call that needed the sign-in stops.

:func:`mcptui.core.request_clock.person_time` pauses both clocks a call can run on: the
connection's :class:`CallClocks` (found through the context) and the SDK's request clock.
Checked through the effective deadline the code inside sees (no sleeping), and end to end: a
step-up sign-in during a tool call runs with the call's clock stopped.
"""

from __future__ import annotations

import math

import anyio

from mcptui.core.auth import BrowserOptions, NonInteractive, make_auth_factory
from mcptui.core.request_clock import CallClocks, person_time
from mcptui.core.server_config import ServerConfig


async def test_person_time_stops_the_call_clock_found_in_the_context():
    clocks = CallClocks()
    with clocks.deadline(30):
        assert anyio.current_effective_deadline() < math.inf
        with person_time():
            assert clocks.people_waiting == 1
            assert anyio.current_effective_deadline() == math.inf
        assert clocks.people_waiting == 0
        assert anyio.current_effective_deadline() < math.inf


async def test_person_time_outside_a_call_does_nothing():
    with person_time():
        assert anyio.current_effective_deadline() == math.inf


async def test_person_time_stops_the_sdk_request_clock():
    # the SDK's clock is private API: this test is how we learn that it moved or changed
    from mcp.shared._request_clock import request_clock

    with request_clock(30) as clock:
        clock.start()
        assert anyio.current_effective_deadline() < math.inf
        with person_time():
            assert anyio.current_effective_deadline() == math.inf
        assert anyio.current_effective_deadline() < math.inf


async def test_a_step_up_during_a_tool_call_stops_its_clock(demo, store, browser, clock, recorder):
    from mcptui.core.connection import ServerConnection

    waiting_when_opened: list[int] = []
    holder: dict[str, ServerConnection] = {}

    def opener(url: str) -> bool:
        waiting_when_opened.append(holder["conn"].clocks.people_waiting)
        return browser(url)

    factory = make_auth_factory(
        NonInteractive(), store=store, browser=BrowserOptions(opener=opener), clock=clock, callback_port=0
    )
    conn = ServerConnection(ServerConfig(name="demo", url=demo.url), sink=recorder, auth_factory=factory)
    holder["conn"] = conn
    try:
        await conn.connect()
        result = await conn.call_tool("write_note", {"text": "after step-up"}, timeout=60)
        assert result["content"][0]["text"] == "wrote 'after step-up'"
    finally:
        await conn.disconnect()
    # the first sign-in happens at connect (no call clock); the step-up inside the tool call
    assert waiting_when_opened == [0, 1]
