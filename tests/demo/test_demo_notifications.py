"""Demo server notifications: progress, logging, list_changed, resource updates and cancellation, both eras."""

from __future__ import annotations

import asyncio
import json
import time
import warnings

import pytest
from mcp.client.subscriptions import ResourceUpdated, ToolsListChanged
from mcp.types import ResourceUpdatedNotification, ToolListChangedNotification

from tests.demo.clients import open_client

MODERN = "2026-07-28"
LEGACY = "2025-11-25"
WAIT = 10.0


@pytest.fixture(params=["http", "sse", "stdio"])
def endpoint(request: pytest.FixtureRequest) -> tuple[str, object]:
    fixture = {"http": "demo_http_url", "sse": "demo_sse_url", "stdio": "demo_stdio_command"}[request.param]
    return request.param, request.getfixturevalue(fixture)


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_progress_callback_fires(endpoint, mode):
    transport, target = endpoint
    seen: list[tuple[float, float | None, str | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        seen.append((progress, total, message))

    async with open_client(transport, target, mode=mode) as client:
        result = await client.call_tool("slow_count", {"steps": 3, "delay": 0}, progress_callback=on_progress)
    assert result.content[0].text == "Counted to 3"
    assert seen == [(1, 3, "step 1/3"), (2, 3, "step 2/3"), (3, 3, "step 3/3")]


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_logging_callback_fires_at_every_level(endpoint, mode):
    transport, target = endpoint
    logs: list[tuple[str, object]] = []

    async def on_log(params) -> None:
        logs.append((params.level, params.data))

    async with open_client(
        transport, target, mode=mode, logging_callback=on_log, log_level="debug"
    ) as client:
        result = await client.call_tool("emit_logs", {"message": "hi"})
    assert result.content[0].text == "Sent logs at: debug, info, warning, error"
    assert logs == [
        ("debug", "debug: hi"),
        ("info", "info: hi"),
        ("warning", "warning: hi"),
        ("error", "error: hi"),
    ]


async def test_log_level_filters_in_both_eras(demo_legacy_url, demo_http_url):
    levels: list[str] = []

    async def on_log(params) -> None:
        levels.append(params.level)

    # 2025-11-25: logging/setLevel, per connection
    async with (
        open_client("http", demo_legacy_url, logging_callback=on_log) as quiet,
        open_client("http", demo_legacy_url, logging_callback=on_log) as chatty,
    ):
        assert quiet.protocol_version == LEGACY
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            await quiet.set_logging_level("warning")
        await quiet.call_tool("emit_logs", {})
        assert levels == ["warning", "error"]
        levels.clear()
        await chatty.call_tool("emit_logs", {})  # another connection keeps the default (debug)
        assert levels == ["debug", "info", "warning", "error"]
    levels.clear()
    # 2026-07-28: the level rides each request; the SDK drops lower levels server-side
    async with open_client("http", demo_http_url, logging_callback=on_log, log_level="error") as client:
        assert client.protocol_version == MODERN
        await client.call_tool("emit_logs", {})
    assert levels == ["error"]


async def test_tools_list_changed_legacy_message_handler(endpoint):
    kind, target = endpoint
    changed = asyncio.Event()

    async def on_message(message) -> None:
        if isinstance(message, ToolListChangedNotification):
            changed.set()

    async with open_client(kind, target, mode="legacy", message_handler=on_message) as client:
        before = {t.name for t in (await client.list_tools()).tools}
        await client.call_tool("toggle_extra_tool", {})
        await asyncio.wait_for(changed.wait(), WAIT)
        after = {t.name for t in (await client.list_tools()).tools}
        assert before ^ after == {"extra_tool"}
        changed.clear()
        await client.call_tool("toggle_extra_tool", {})  # back to the original list
        await asyncio.wait_for(changed.wait(), WAIT)
        assert {t.name for t in (await client.list_tools()).tools} == before


@pytest.mark.parametrize("kind", ["http", "stdio"])
async def test_tools_list_changed_2026_listen(request, kind):
    target = request.getfixturevalue({"http": "demo_http_url", "stdio": "demo_stdio_command"}[kind])
    async with open_client(kind, target, mode="auto") as client:
        assert client.protocol_version == MODERN
        before = {t.name for t in (await client.list_tools()).tools}
        async with client.listen(tools_list_changed=True) as sub:
            assert sub.honored.tools_list_changed
            await client.call_tool("toggle_extra_tool", {})
            event = await asyncio.wait_for(anext(aiter(sub)), WAIT)
            assert isinstance(event, ToolsListChanged)
            after = {t.name for t in (await client.list_tools()).tools}
            assert before ^ after == {"extra_tool"}
            await client.call_tool("toggle_extra_tool", {})
            assert isinstance(await asyncio.wait_for(anext(aiter(sub)), WAIT), ToolsListChanged)


async def test_resource_updated_in_both_eras(demo_http_url):
    updated = asyncio.Event()

    async def on_message(message) -> None:
        if isinstance(message, ResourceUpdatedNotification) and message.params.uri == "demo://readme":
            updated.set()

    async with open_client("http", demo_http_url, mode="legacy", message_handler=on_message) as client:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            await client.subscribe_resource("demo://readme")
            status = json.loads((await client.read_resource("demo://status")).contents[0].text)
            assert "demo://readme" in status["subscriptions"]
            await client.call_tool("touch_resource", {"uri": "demo://readme"})
            await asyncio.wait_for(updated.wait(), WAIT)
            await client.unsubscribe_resource("demo://readme")

    async with (
        open_client("http", demo_http_url, mode="auto") as client,
        client.listen(resource_subscriptions=["demo://readme"]) as sub,
    ):
        await client.call_tool("touch_resource", {"uri": "demo://readme"})
        event = await asyncio.wait_for(anext(aiter(sub)), WAIT)
        assert event == ResourceUpdated(uri="demo://readme")


async def _slow_count_status(client) -> dict[str, int]:
    return json.loads((await client.read_resource("demo://status")).contents[0].text)["slow_count"]


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_cancelling_slow_count_ends_it_promptly(endpoint, mode):
    transport, target = endpoint
    first_progress = asyncio.Event()

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        first_progress.set()

    async with open_client(transport, target, mode=mode) as client:
        before = await _slow_count_status(client)
        call = asyncio.create_task(
            client.call_tool("slow_count", {"steps": 1000, "delay": 0.05}, progress_callback=on_progress)
        )
        await asyncio.wait_for(first_progress.wait(), WAIT)
        started = time.monotonic()
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        assert time.monotonic() - started < 2.0
        # The server side stops too: its counter of cancelled runs moves (each read is a round trip).
        deadline = time.monotonic() + WAIT
        status = await _slow_count_status(client)
        while status["cancelled"] == before["cancelled"] and time.monotonic() < deadline:
            status = await _slow_count_status(client)
        assert status["cancelled"] == before["cancelled"] + 1
        assert status["finished"] == before["finished"]
        assert (await client.call_tool("echo", {"text": "still alive"})).content[0].text == "still alive"
