"""Tasks the server opens toward the client (2025-11-25): the demo's `ask_as_task` over stdio and HTTP.

The demo sends a task-augmented elicitation; mcptui answers CreateTaskResult, runs the usual
question (the handlers) as the task, and answers the demo's tasks/get, tasks/list, tasks/result
and tasks/cancel. The capability is declared only when the client answers elicitation or
sampling and the server entry has not turned it off (``clientTasks: false``).
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from mcptui.core.client_tasks import ClientTaskDesk
from mcptui.core.connection import ServerConnection
from mcptui.core.events import RpcMessage
from mcptui.core.server_config import ServerConfig
from mcptui.core.tasks import TaskResultFetched, TaskUpdated


class Person:
    """Answers with a name; ``hold`` keeps the question open until it is withdrawn."""

    def __init__(self, *, hold: bool = False) -> None:
        self.hold = hold
        self.asked: list[str] = []
        self.withdrawn = asyncio.Event()

    async def elicit(self, server: str, message: str, schema: dict) -> tuple[str, dict | None]:
        self.asked.append(message)
        if self.hold:
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                self.withdrawn.set()
                raise
        return "accept", {"name": "Grace"}

    async def sample(self, server: str, params: dict) -> dict | None:
        return None

    def roots(self, server: str) -> list[dict]:
        return []


def stdio(command: list[str], **overrides: Any) -> ServerConfig:
    return ServerConfig(
        name="demo", transport="stdio", command=command[0], args=command[1:], protocol="legacy", **overrides
    )


def initialize_sent(events: list[Any]) -> dict[str, Any]:
    sent = [
        e for e in events if isinstance(e, RpcMessage) and e.method == "initialize" and e.direction == "out"
    ]
    return sent[0].payload["params"]["capabilities"]


async def test_a_task_augmented_elicitation_runs_as_a_client_task(demo_stdio_command):
    person, events = Person(), []
    async with ServerConnection(stdio(demo_stdio_command), handlers=person, sink=events.append) as conn:
        result = await conn.call_tool("ask_as_task", {"question": "Who are you?"})
    text = result["content"][0]["text"]
    task_id = text.split()[1]
    assert task_id.startswith("mcptui-") and text.splitlines()[0] == f"task {task_id} working"
    assert "polled: " in text and "listed: True" in text
    assert f"result: accept name=Grace (task {task_id})" in text and text.endswith("final: completed")
    assert person.asked == ["Who are you?"]
    updates = [e.task for e in events if isinstance(e, TaskUpdated)]
    assert [u.status for u in updates] == ["working", "completed"]
    assert all(u.server_opened and u.server_request == "elicitation/create" for u in updates)
    fetched = [e for e in events if isinstance(e, TaskResultFetched)]
    assert fetched[0].task_id == task_id and fetched[0].result["content"] == {"name": "Grace"}
    capabilities = initialize_sent(events)
    requests = {"elicitation": {"create": {}}, "sampling": {"createMessage": {}}}
    assert capabilities["tasks"] == {"list": {}, "cancel": {}, "requests": requests}


async def test_the_server_cancelling_its_task_withdraws_the_question(demo_http_url):
    person = Person(hold=True)
    events: list[Any] = []
    config = ServerConfig(name="demo", url=demo_http_url, protocol="legacy")
    async with ServerConnection(config, handlers=person, sink=events.append) as conn:
        result = await conn.call_tool("ask_as_task", {"cancel": True})
        await asyncio.wait_for(person.withdrawn.wait(), 10)
    text = result["content"][0]["text"]
    assert (
        "cancel: cancelled" in text and "result: error -32800" in text and text.endswith("final: cancelled")
    )
    assert [e.task.status for e in events if isinstance(e, TaskUpdated)] == ["working", "cancelled"]


@pytest.mark.parametrize("why", ["turned off", "no handlers"])
async def test_no_tasks_capability_when_off_or_nothing_is_answered(demo_stdio_command, why):
    events: list[Any] = []
    config = stdio(demo_stdio_command, client_tasks=why != "turned off")
    handlers = Person() if why == "turned off" else None
    async with ServerConnection(config, handlers=handlers, sink=events.append) as conn:
        result = await conn.call_tool("ask_as_task", {})
        assert conn.client_tasks is None
    assert "tasks" not in initialize_sent(events)
    assert result["content"][0]["text"].startswith("the client runs no elicitation as a task")


def test_the_desk_refuses_unknown_and_finished_tasks():
    desk = ClientTaskDesk("demo", lambda event: None)
    assert desk.declare({"capabilities": {}}) == {"capabilities": {}}  # nothing answered: nothing declared
    declared = desk.declare({"capabilities": {"sampling": {}}})
    assert declared["capabilities"]["tasks"]["requests"] == {"sampling": {"createMessage": {}}}
    assert desk.answer_now("tasks/get", {"taskId": "nope"})["error"]["code"] == -32602
    task = desk.open("sampling/createMessage", {"ttl": 10**9})
    assert task.ttl == 60 * 60 * 1000  # the ttl asked is capped
    desk.finish(task, {"error": {"code": -32600, "message": "The user rejected the sampling request"}})
    assert task.status == "failed" and task.status_message.startswith("failed: The user rejected")
    refused = desk.answer_now("tasks/cancel", {"taskId": task.task_id})
    assert refused["error"]["code"] == -32602 and "terminal status 'failed'" in refused["error"]["message"]
    assert asyncio.run(desk.result({"taskId": task.task_id}))["error"]["code"] == -32600


def test_client_tasks_in_a_server_entry():
    from mcptui.core.config_entry import entry_to_server, server_to_entry
    from mcptui.core.errors import ConfigError

    on, _ = entry_to_server("s", {"command": "x"})
    off, _ = entry_to_server("s", {"command": "x", "clientTasks": False})
    assert on.client_tasks and not off.client_tasks
    assert server_to_entry(off)["clientTasks"] is False and "clientTasks" not in server_to_entry(on)
    with pytest.raises(ConfigError, match="clientTasks must be true or false"):
        entry_to_server("s", {"command": "x", "clientTasks": "no"})
