"""Call timeouts measure the server: they stop while a person answers its elicitation or sampling."""

from __future__ import annotations

import asyncio

import pytest

from mcptui.core.connection import ServerConnection
from mcptui.core.errors import TimeoutError_
from mcptui.core.request_clock import CallClocks
from mcptui.core.server_config import ServerConfig

PERSON_TAKES = 2.5  # longer than the call timeout below: the person is slower than the budget
CALL_TIMEOUT = 1.5  # roomy: the server's own time must fit in it on a loaded machine


class SlowPerson:
    """Answers the elicitation after a person's pause; records whether the clocks were stopped."""

    def __init__(self, connection: list[ServerConnection]) -> None:
        self.connection = connection
        self.people_waiting: list[int] = []

    async def elicit(self, server: str, message: str, schema: dict) -> tuple[str, dict | None]:
        self.people_waiting.append(self.connection[0].clocks.people_waiting)
        await asyncio.sleep(PERSON_TAKES)  # the person reading and typing
        return "accept", {"name": "Grace", "age": 85, "subscribe": False, "color": "red"}

    async def sample(self, server: str, params: dict) -> dict | None:
        return None

    def roots(self, server: str) -> list[dict]:
        return []


@pytest.mark.parametrize("protocol", ["legacy", "auto"])
async def test_a_person_answering_does_not_spend_the_call_timeout(demo_stdio_command, protocol):
    config = ServerConfig(
        name="demo",
        transport="stdio",
        command=demo_stdio_command[0],
        args=demo_stdio_command[1:],
        protocol=protocol,
    )
    holder: list[ServerConnection] = []
    person = SlowPerson(holder)
    connection = ServerConnection(config, handlers=person)
    holder.append(connection)
    async with connection as conn:
        result = await conn.call_tool("ask_user", {"question": "Who?"}, timeout=CALL_TIMEOUT)
        assert person.people_waiting == [1]
        assert "accepted: name=Grace" in result["content"][0]["text"]
        # the server's own time still counts once nobody is being asked
        with pytest.raises(TimeoutError_):
            await conn.call_tool("slow_count", {"steps": 50, "delay": 0.2}, timeout=CALL_TIMEOUT)


async def test_clock_keeps_the_budget_left_across_a_pause():
    clocks = CallClocks()
    with pytest.raises(TimeoutError), clocks.deadline(0.2):
        with clocks.waiting_on_person():
            await asyncio.sleep(0.4)  # paused: not counted
        assert clocks.people_waiting == 0
        await asyncio.sleep(5)  # running again: the 0.2 s left run out
