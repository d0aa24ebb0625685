"""Tasks (2025-11-25) against the demo over real HTTP: call as a task, poll, result, cancel, list."""

from __future__ import annotations

import asyncio

import pytest

from mcptui.core.connection import ServerConnection
from mcptui.core.errors import RequestError
from mcptui.core.server_config import ServerConfig
from mcptui.core.tasks import TaskInfo, TaskUpdated, prefers_task, task_support


def legacy(url: str) -> ServerConfig:
    return ServerConfig(name="demo", url=url, protocol="legacy")


def test_task_support_and_the_default_for_optional():
    assert task_support(None) == "forbidden"
    assert task_support({"execution": {"taskSupport": "bogus"}}) == "forbidden"
    required = {"execution": {"taskSupport": "required"}}
    optional = {"execution": {"taskSupport": "optional"}}
    assert prefers_task(required) and prefers_task(required, as_task=False)
    assert not prefers_task(optional) and prefers_task(optional, as_task=True)
    assert not prefers_task({}, as_task=True)


def test_poll_interval_is_honoured_within_bounds():
    assert TaskInfo("t", "working", poll_interval=250).poll_seconds() == 0.25
    assert TaskInfo("t", "working").poll_seconds() == 1.0
    assert TaskInfo("t", "working", poll_interval=0).poll_seconds() == 0.02


async def test_required_tool_is_advertised_and_a_plain_call_runs_it_as_a_task(demo_http_url):
    events: list[TaskUpdated] = []
    sink = lambda e: events.append(e) if isinstance(e, TaskUpdated) else None  # noqa: E731
    async with ServerConnection(legacy(demo_http_url), sink=sink) as conn:
        assert conn.protocol_version == "2025-11-25"
        assert task_support(conn.catalog.tool("research")) == "required"
        assert conn.catalog.capabilities.get("tasks", {}).get("requests") == {"tools": {"call": {}}}
        messages: list[str | None] = []
        result = await conn.call_tool(
            "research",
            {"topic": "owls", "steps": 2, "delay": 0},
            on_progress=lambda p, t, m: messages.append(m),
        )
    assert result["content"][0]["text"] == "Research on owls: 2 steps done."
    assert result["structuredContent"] == {"topic": "owls", "steps": 2}
    assert events[0].task.status == "working" and events[0].task.tool == "research"
    assert events[-1].task.status == "completed"
    assert messages[0].startswith("task working — ")
    assert messages[-1].startswith("task completed — done after 2 steps · ")  # then how long it ran


async def test_start_get_list_result_by_task_id(demo_http_url):
    async with ServerConnection(legacy(demo_http_url)) as conn:
        task = await conn.tasks.start("research", {"topic": "bees", "steps": 1, "delay": 0}, ttl=60_000)
        assert task.status == "working" and task.ttl == 60_000 and task.poll_interval == 100
        done = await conn.tasks.wait(task)
        assert done.status == "completed"
        assert (await conn.tasks.get(task.task_id)).status == "completed"
        listed = {t.task_id: t for t in await conn.tasks.list()}
        assert listed[task.task_id].status == "completed"
        result = await conn.tasks.result(task.task_id)
    assert result["content"][0]["text"] == "Research on bees: 1 steps done."
    assert result["_meta"]["io.modelcontextprotocol/related-task"] == {"taskId": task.task_id}


async def test_a_task_outlives_its_session(demo_http_url):
    async with ServerConnection(legacy(demo_http_url)) as conn:
        task = await conn.tasks.start("research", {"topic": "x", "hold": True})
    async with ServerConnection(legacy(demo_http_url)) as other:
        assert (await other.tasks.get(task.task_id)).status == "working"
        cancelled = await other.tasks.cancel(task.task_id)
    assert cancelled.status == "cancelled"


async def test_cancel_a_held_task_and_cancel_twice_is_refused(demo_http_url):
    async with ServerConnection(legacy(demo_http_url)) as conn:
        task = await conn.tasks.start("research", {"topic": "x", "hold": True})
        assert (await conn.tasks.get(task.task_id)).status == "working"
        assert (await conn.tasks.cancel(task.task_id)).status == "cancelled"
        assert (await conn.tasks.get(task.task_id)).status == "cancelled"
        with pytest.raises(RequestError, match="terminal"):
            await conn.tasks.cancel(task.task_id)
        with pytest.raises(RequestError, match="no task"):
            await conn.tasks.get("no-such-task")


async def test_cancelling_the_waiting_call_cancels_the_task(demo_http_url):
    started: asyncio.Future[TaskInfo] = asyncio.get_running_loop().create_future()

    def sink(event):
        if isinstance(event, TaskUpdated) and not started.done():
            started.set_result(event.task)

    async with ServerConnection(legacy(demo_http_url), sink=sink) as conn:
        call = asyncio.ensure_future(conn.call_tool("research", {"topic": "x", "hold": True}))
        task = await started
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        assert (await conn.tasks.get(task.task_id)).status == "cancelled"


async def test_a_task_cancelled_elsewhere_ends_the_call_with_an_error(demo_http_url):
    started: asyncio.Future[TaskInfo] = asyncio.get_running_loop().create_future()

    def sink(event):
        if isinstance(event, TaskUpdated) and not started.done():
            started.set_result(event.task)

    async with ServerConnection(legacy(demo_http_url), sink=sink) as conn:
        call = asyncio.ensure_future(conn.call_tool("research", {"topic": "x", "hold": True}))
        await conn.tasks.cancel((await started).task_id)
        with pytest.raises(RequestError, match="cancelled"):
            await call


async def test_a_failed_task_returns_its_error_result(demo_http_url):
    async with ServerConnection(legacy(demo_http_url)) as conn:
        result = await conn.call_tool("research", {"topic": "x", "delay": 0, "fail": True})
    assert result["isError"] is True


async def test_2026_era_has_no_task_support_and_a_plain_call_follows_the_extension_task(demo_http_url):
    # the 2026 extension itself: tests/core/test_tasks_ext.py
    async with ServerConnection(ServerConfig(name="demo", url=demo_http_url)) as conn:
        assert conn.protocol_version == "2026-07-28"
        assert task_support(conn.catalog.tool("research")) == "forbidden"
        result = await conn.call_tool("research", {"topic": "x", "steps": 1, "delay": 0})
    assert result["content"][0]["text"] == "Research on x: 1 steps done."
