"""Tasks against the MCP reference server-everything (npm, stdio): a real third-party peer.

Its ``simulate-research-query`` has ``taskSupport: required``: called as a task, polled,
its result fetched, cancelled; with ``ambiguous`` it goes ``input_required`` and asks its
question (an elicitation tied to the task) through tasks/result. Skipped unless
server-everything is installed (see tests/everything_rig.py; ``.ci/run`` installs it).
"""

from __future__ import annotations

from typing import Any

import pytest

from mcptui.core.connection import ServerConnection
from mcptui.core.errors import RequestError
from mcptui.core.server_config import ServerConfig
from mcptui.core.tasks import TaskUpdated, task_support
from tests.everything_rig import everything_command

COMMAND = everything_command()
pytestmark = pytest.mark.skipif(COMMAND is None, reason="server-everything is not installed")
TOOL = "simulate-research-query"


def everything(**overrides: Any) -> ServerConfig:
    assert COMMAND is not None
    options: dict[str, Any] = {"protocol": "legacy", "timeout": 60, **overrides}
    return ServerConfig(name="everything", transport="stdio", command=COMMAND[0], args=COMMAND[1:], **options)


class Clarifier:
    """Answers server-everything's clarification question (an elicitation) with one choice."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, dict[str, Any]]] = []

    async def elicit(self, server: str, message: str, schema: dict) -> tuple[str, dict | None]:
        self.asked.append((message, schema))
        return "accept", {"interpretation": "historical"}

    async def sample(self, server: str, params: dict) -> dict | None:
        return None

    def roots(self, server: str) -> list[dict]:
        return []


def research_tool(conn: ServerConnection) -> dict[str, Any]:
    tool = conn.catalog.tool(TOOL) if conn.catalog else None
    if tool is None:
        pytest.skip(f"this server-everything has no {TOOL}")
    return tool


async def test_simulate_research_query_runs_as_a_task() -> None:
    events: list[TaskUpdated] = []
    sink = lambda e: events.append(e) if isinstance(e, TaskUpdated) else None  # noqa: E731
    async with ServerConnection(everything(), sink=sink) as conn:
        assert conn.protocol_version == "2025-11-25"
        assert conn.catalog.capabilities["tasks"]["requests"] == {"tools": {"call": {}}}
        assert task_support(research_tool(conn)) == "required"
        result = await conn.call_tool(TOOL, {"topic": "model context protocol"})
    assert not result.get("isError"), result
    assert result["content"][0]["text"].startswith("# Research Report: model context protocol")
    statuses = [event.task.status for event in events]
    assert statuses[0] == "working" and statuses[-1] == "completed"
    messages = [event.task.status_message for event in events]
    assert "Gathering sources..." in messages or "Analyzing content..." in messages, messages
    assert events[0].task.poll_interval == 1000 and events[0].task.tool == TOOL


async def test_start_get_list_and_cancel_by_task_id() -> None:
    async with ServerConnection(everything()) as conn:
        research_tool(conn)
        task = await conn.tasks.start(TOOL, {"topic": "owls"})
        assert task.status == "working" and task.task_id
        polled = await conn.tasks.get(task.task_id)
        assert polled.task_id == task.task_id and not polled.terminal
        assert task.task_id in [listed.task_id for listed in await conn.tasks.list()]
        cancelled = await conn.tasks.cancel(task.task_id)
        assert cancelled.status == "cancelled"
        assert (await conn.tasks.get(task.task_id)).status == "cancelled"
        # a task already ended cannot be cancelled again (-32602), said plainly
        with pytest.raises(RequestError):
            await conn.tasks.cancel(task.task_id)


async def test_result_of_a_finished_task_by_id() -> None:
    async with ServerConnection(everything()) as conn:
        research_tool(conn)
        task = await conn.tasks.start(TOOL, {"topic": "bees"})
        done = await conn.tasks.wait(task)
        assert done.status == "completed"
        result = await conn.tasks.result(task.task_id)
    assert "# Research Report: bees" in result["content"][0]["text"]


async def test_an_ambiguous_query_asks_its_question_through_tasks_result() -> None:
    person = Clarifier()
    events: list[TaskUpdated] = []
    sink = lambda e: events.append(e) if isinstance(e, TaskUpdated) else None  # noqa: E731
    async with ServerConnection(everything(), sink=sink, handlers=person) as conn:
        research_tool(conn)
        result = await conn.call_tool(TOOL, {"topic": "tea", "ambiguous": True})
    assert len(person.asked) == 1 and "could have multiple interpretations" in person.asked[0][0]
    assert "input_required" in [event.task.status for event in events]
    assert "- **Clarification**: historical" in result["content"][0]["text"]


class Answerer(Clarifier):
    """Answers server-everything's async elicitation (its form) and sampling."""

    async def elicit(self, server: str, message: str, schema: dict) -> tuple[str, dict | None]:
        self.asked.append((message, schema))
        return "accept", {"name": "Ada", "favoriteColor": "Blue"}

    async def sample(self, server: str, params: dict) -> dict | None:
        return {"role": "assistant", "content": {"type": "text", "text": "a haiku"}, "model": "test-model"}


async def test_server_everything_opens_elicitation_and_sampling_tasks_here() -> None:
    person, events = Answerer(), []
    async with ServerConnection(everything(), handlers=person, sink=events.append) as conn:
        names = {tool["name"] for tool in conn.catalog.tools}
        if "trigger-elicitation-request-async" not in names:
            pytest.skip("this server-everything opens no tasks toward the client")
        asked = await conn.call_tool("trigger-elicitation-request-async", {})
        sampled = await conn.call_tool("trigger-sampling-request-async", {"prompt": "a haiku, please"})
    text = "\n".join(block["text"] for block in asked["content"])
    assert "[COMPLETED] User provided the requested information!" in text and "- Name: Ada" in text
    assert "Poll 1: completed - answered: accept" in text
    assert "[COMPLETED] Async sampling completed!" in sampled["content"][0]["text"]
    assert '"text": "a haiku"' in sampled["content"][0]["text"]
    updates = [e.task for e in events if isinstance(e, TaskUpdated) and e.task.server_opened]
    assert [(u.server_request, u.status) for u in updates] == [
        ("elicitation/create", "working"),
        ("elicitation/create", "completed"),
        ("sampling/createMessage", "working"),
        ("sampling/createMessage", "completed"),
    ]


async def test_server_everything_offers_no_client_task_tools_when_turned_off() -> None:
    async with ServerConnection(everything(client_tasks=False), handlers=Answerer()) as conn:
        names = {tool["name"] for tool in conn.catalog.tools}
    assert "trigger-elicitation-request" in names  # it does see the elicitation capability
    assert "trigger-elicitation-request-async" not in names and "trigger-sampling-request-async" not in names
