"""Tasks in the 2026-07-28 era (the io.modelcontextprotocol/tasks extension) against the real demo over HTTP.

Polls wait through ``extension_tasks.sleep``, replaced here by a recorder that only yields: no
test waits on a clock, and the recorded intervals show pollIntervalMs being honoured.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from mcptui.core import tool_bookkeeping
from mcptui.core.connection import ServerConnection
from mcptui.core.errors import RequestError
from mcptui.core.server_config import ServerConfig
from mcptui.core.tasks import TaskResultFetched, TaskUpdated
from mcptui.core.tasks_ext import TASKS_EXTENSION, task_info
from tests.servers import running_demo


class Waits:
    """A poll waiter that records the interval asked for and only yields to the loop."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        await asyncio.sleep(0)


class Answers:
    """ClientHandlers that answer every elicitation with ``content`` and record what was asked."""

    def __init__(self, action: str = "accept", content: dict[str, Any] | None = None) -> None:
        self.action, self.content = action, content
        self.asked: list[tuple[str, dict[str, Any]]] = []

    async def elicit(self, server: str, message: str, schema: dict[str, Any]) -> tuple[Any, Any]:
        self.asked.append((message, schema))
        return self.action, self.content

    async def sample(self, server: str, params: dict[str, Any]) -> dict[str, Any] | None:
        return None

    def roots(self, server: str) -> list[dict[str, Any]]:
        return []


def modern(url: str) -> ServerConfig:
    return ServerConfig(name="demo", url=url)


def connect(url: str, events: list[Any] | None = None, **kwargs: Any) -> ServerConnection:
    sink = events.append if events is not None else (lambda _e: None)
    conn = ServerConnection(modern(url), sink=sink, **kwargs)
    conn.extension_tasks.sleep = Waits()
    return conn


@pytest.fixture(scope="module")
def plain_demo_url() -> Iterator[str]:
    with running_demo("--no-tasks-extension", transport="http") as demo:
        yield demo.url


def test_task_info_reads_2026_names_and_writes_them_back():
    task = task_info(
        {"taskId": "t", "status": "working", "ttlMs": 5, "pollIntervalMs": 7, "statusMessage": 3}
    )
    assert (task.ttl, task.poll_interval, task.status_message) == (5, 7, None)
    assert task.wire()["ttlMs"] == 5 and task.wire()["pollIntervalMs"] == 7 and "ttl" not in task.wire()


async def test_a_call_becomes_a_task_polled_to_completed(demo_http_url):
    events: list[Any] = []
    async with connect(demo_http_url, events) as conn:
        assert conn.protocol_version == "2026-07-28"
        assert TASKS_EXTENSION in conn.catalog.capabilities["extensions"]
        assert conn.tasks is conn.extension_tasks
        messages: list[str | None] = []
        result = await conn.call_tool(
            "research",
            {"topic": "owls", "steps": 2, "delay": 0},
            on_progress=lambda p, t, m: messages.append(m),
        )
        waits = conn.extension_tasks.sleep.asked
    assert result["structuredContent"] == {
        "result": "Research on owls: 2 steps done."
    }  # fits its outputSchema
    updates = [e.task for e in events if isinstance(e, TaskUpdated)]
    assert updates[0].status == "working" and updates[0].tool == "research" and updates[0].extension
    assert updates[-1].status == "completed" and updates[-1].status_message == "done after 2 steps"
    assert [e.result for e in events if isinstance(e, TaskResultFetched)] == [result]
    assert waits and set(waits) == {0.1}  # the demo's pollIntervalMs: 100
    assert messages[0].startswith("task working")
    assert messages[-1].startswith("task completed — done after 2 steps")  # task_status.describe


async def test_the_request_declares_the_extension_and_tasks_get_names_the_task(demo_http_url):
    from mcptui.core.events import HttpExchange, RpcMessage

    events: list[Any] = []
    async with connect(demo_http_url, events) as conn:
        task = await conn.tasks.start("research", {"topic": "x", "steps": 1, "delay": 0})
        await conn.tasks.get(task.task_id)
    calls = [
        e for e in events if isinstance(e, RpcMessage) and e.direction == "out" and e.method == "tools/call"
    ]
    meta = calls[0].payload["params"]["_meta"]["io.modelcontextprotocol/clientCapabilities"]
    assert meta["extensions"] == {TASKS_EXTENSION: {}}
    headers = [
        {k.lower(): v for k, v in e.request_headers.items()} for e in events if isinstance(e, HttpExchange)
    ]
    gets = [h for h in headers if h.get("mcp-method") == "tasks/get"]
    assert gets and gets[0].get("mcp-name") == task.task_id


async def test_start_get_result_and_list_the_known_tasks(demo_http_url):
    async with connect(demo_http_url) as conn:
        task = await conn.tasks.start("research", {"topic": "bees", "steps": 1, "delay": 0})
        assert task.status == "working" and task.poll_interval == 100 and task.ttl == 600_000
        result = await conn.tasks.result(task.task_id)
        assert result["content"][0]["text"] == "Research on bees: 1 steps done."
        assert (await conn.tasks.get(task.task_id)).status == "completed"
    async with connect(demo_http_url) as other:  # a new connection: the ids were remembered
        listed = {t.task_id: t for t in await other.tasks.list()}
    assert listed[task.task_id].status == "completed" and listed[task.task_id].tool == "research"


async def test_cancel_a_held_task_and_the_waiting_call(demo_http_url):
    events: list[Any] = []
    async with connect(demo_http_url, events) as conn:
        held = await conn.tasks.start("research", {"topic": "x", "hold": True})
        assert (await conn.tasks.cancel(held.task_id)).status == "cancelled"
        with pytest.raises(RequestError, match="was cancelled"):
            await conn.tasks.result(held.task_id)
        call = asyncio.ensure_future(conn.call_tool("research", {"topic": "y", "hold": True}))
        while not [e for e in events if isinstance(e, TaskUpdated) and e.task.task_id != held.task_id]:
            await asyncio.sleep(0)
        started = next(
            e.task for e in events if isinstance(e, TaskUpdated) and e.task.task_id != held.task_id
        )
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        assert (await conn.tasks.get(started.task_id)).status == "cancelled"


async def test_input_required_goes_to_the_elicitation_handler_and_back_by_tasks_update(demo_http_url):
    handlers = Answers("accept", {"finish": True})
    events: list[Any] = []
    async with connect(demo_http_url, events, handlers=handlers) as conn:
        result = await conn.call_tool("research", {"topic": "moths", "steps": 1, "delay": 0, "confirm": True})
    assert result["content"][0]["text"] == "Research on moths: 1 steps done."
    assert len(handlers.asked) == 1  # asked once, although polled while waiting
    assert handlers.asked[0][0] == "Finish the research on moths?"
    statuses = [e.task.status for e in events if isinstance(e, TaskUpdated)]
    assert "input_required" in statuses and statuses[-1] == "completed"


async def test_a_declined_confirmation_ends_the_task_cancelled(demo_http_url):
    async with connect(demo_http_url, handlers=Answers("decline")) as conn:
        with pytest.raises(RequestError, match="cancelled: the user did not confirm"):
            await conn.call_tool("research", {"topic": "x", "steps": 1, "delay": 0, "confirm": True})


async def test_a_failed_task_raises_its_json_rpc_error(demo_http_url):
    async with connect(demo_http_url) as conn:
        with pytest.raises(RequestError, match="failed: the research failed") as caught:
            await conn.call_tool("research", {"topic": "x", "delay": 0, "fail": True})
    assert caught.value.rpc_code == -32603


async def test_unknown_task_is_refused(demo_http_url):
    async with connect(demo_http_url) as conn:
        with pytest.raises(RequestError, match="no task"):
            await conn.tasks.get("no-such-task")


async def test_a_server_without_the_extension_answers_plainly(plain_demo_url):
    events: list[Any] = []
    async with connect(plain_demo_url, events) as conn:
        assert conn.extension_tasks.support(None) == "forbidden"
        result = await conn.call_tool("research", {"topic": "x", "steps": 1, "delay": 0})
    assert result["content"][0]["text"] == "Research on x: 1 steps done."
    assert not [e for e in events if isinstance(e, TaskUpdated)]


async def test_missing_capability_gives_a_clear_message(demo_http_url):
    async with connect(demo_http_url, offer_tasks=False) as conn:
        with pytest.raises(RequestError) as caught:
            await conn.call_tool("research", {"topic": "x"})
        with pytest.raises(RequestError, match="the extension io.modelcontextprotocol/tasks"):
            await conn.tasks.get("anything")
    assert caught.value.rpc_code == -32021
    assert (
        "needs a client capability this request did not declare: the extension io.modelcontextprotocol/tasks"
        in (caught.value.message)
    )


async def test_a_hostile_status_is_refused_and_messages_are_clipped():
    from mcptui.core.tasks_ext_wire import MAX_TEXT

    task = task_info({"taskId": "t" * 5000, "status": "working", "statusMessage": "\x1b[2J" + "m" * 5000})
    assert len(task.task_id) == MAX_TEXT and len(task.status_message or "") == MAX_TEXT


async def test_over_stdio_too(demo_stdio_command):
    config = ServerConfig(name="demo", command=demo_stdio_command[0], args=list(demo_stdio_command[1:]))
    async with ServerConnection(config) as conn:
        conn.extension_tasks.sleep = Waits()
        assert conn.protocol_version == "2026-07-28"
        result = await conn.call_tool("research", {"topic": "eels", "steps": 1, "delay": 0})
    assert result["content"][0]["text"] == "Research on eels: 1 steps done."


async def test_a_result_that_breaks_the_output_schema_is_refused(demo_http_url):
    async with connect(demo_http_url) as conn:
        session = conn._require().session
        tool_bookkeeping.flush(session)  # the listing's state first (it waits for a call otherwise)
        session._tool_output_schemas["research"] = {  # as if the server listed a stricter schema
            "type": "object",
            "properties": {"count": {"type": "integer"}},
            "required": ["count"],
        }
        with pytest.raises(RequestError, match="does not fit the output schema of 'research'"):
            await conn.call_tool("research", {"topic": "x", "steps": 1, "delay": 0})


def test_known_tasks_are_private_capped_and_expire(tmp_path):
    from mcptui.core.task_memory import PER_SERVER, KnownTasks
    from mcptui.core.tasks import TaskInfo

    memory = KnownTasks(tmp_path / "data" / "tasks.json")
    config, other = modern("http://127.0.0.1:1/mcp"), modern("http://127.0.0.1:2/mcp")
    for n in range(PER_SERVER + 3):
        memory.remember(
            config, TaskInfo(f"t{n}", "working", created_at="2999-01-01T00:00:00Z", ttl=1000, tool="r")
        )
    memory.remember(config, TaskInfo("old", "completed", created_at="2000-01-01T00:00:00Z", ttl=1000))
    memory.remember(config, TaskInfo("t5", "completed", created_at="2999-01-01T00:00:00Z", ttl=1000))
    known = [t.task_id for t in memory.tasks(config)]
    assert "old" not in known and "t0" not in known and known[-1] == "t5" and len(known) == PER_SERVER - 1
    assert (
        next(t for t in memory.tasks(config) if t.task_id == "t5").tool == "r"
    )  # kept from the first sighting
    assert memory.tasks(other) == []
    assert (tmp_path / "data" / "tasks.json").stat().st_mode & 0o777 == 0o600
    assert config.url not in (tmp_path / "data" / "tasks.json").read_text()
    memory.forget(config, "t5")
    assert "t5" not in [t.task_id for t in memory.tasks(config)]


def test_a_status_outside_the_spec_is_an_error_with_its_text_made_visible(tmp_path):
    from types import SimpleNamespace

    from mcptui.core.task_memory import KnownTasks
    from mcptui.core.tasks_ext import ExtensionTaskOperations

    seen: list[Any] = []
    connection = SimpleNamespace(name="demo", sink=seen.append, config=modern("http://127.0.0.1:1/mcp"))
    operations = ExtensionTaskOperations(connection, KnownTasks(tmp_path / "tasks.json"))  # type: ignore[arg-type]
    with pytest.raises(RequestError) as caught:
        operations.created({"taskId": "t\x1b]0;x\x07", "status": "sleeping\x1b[2J"}, "research")
    assert "\x1b" not in caught.value.message and "\x07" not in caught.value.message
    assert "unknown status" in caught.value.message and seen == []
