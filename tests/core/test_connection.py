"""The connection manager against the real demo server: every transport, both protocol eras."""

from __future__ import annotations

import asyncio
import sys

import pytest

from mcptui.core.catalog import CatalogCache
from mcptui.core.connection import ServerConnection
from mcptui.core.errors import RequestError, TimeoutError_, TransportError, UnreachableError
from mcptui.core.events import (
    ConnectionState,
    EventRecorder,
    HttpExchange,
    ListChanged,
    Notice,
    Progress,
    RpcMessage,
    ServerLog,
    StateChanged,
    StderrLine,
)
from mcptui.core.server_config import ServerConfig
from tests.servers import running_demo


def http(url: str, **kw) -> ServerConfig:
    return ServerConfig(name="demo", url=url, **kw)


def stdio(command: list[str], **kw) -> ServerConfig:
    return ServerConfig(name="demo", transport="stdio", command=command[0], args=command[1:], **kw)


async def test_streamable_http_negotiates_2026_and_loads_full_catalog(demo_http_url):
    rec = EventRecorder()
    async with ServerConnection(http(demo_http_url), sink=rec) as conn:
        assert conn.protocol_version == "2026-07-28"
        assert conn.transport_used == "http"
        catalog = conn.catalog
        names = {t["name"] for t in catalog.tools}
        assert {"add", "echo", "slow_count", "fail", "show_image"} <= names
        assert catalog.prompts and catalog.resources and catalog.resource_templates
        assert catalog.server_info.get("name") == "mcptui-demo"
        assert "inputSchema" in catalog.tool("add")  # wire field names
        result = await conn.call_tool("add", {"a": 2, "b": 3})
        assert result["content"][0]["text"] == "5"
        assert result["isError"] is False
    states = [e.state for e in rec.of(StateChanged)]
    assert states[0] == ConnectionState.CONNECTING
    assert ConnectionState.CONNECTED in states and states[-1] == ConnectionState.CLOSED
    methods = [e.method for e in rec.of(RpcMessage) if e.direction == "out" and e.kind_of == "request"]
    assert methods[0] == "server/discover" and "tools/list" in methods and "subscriptions/listen" in methods
    answered = [e for e in rec.of(RpcMessage) if e.kind_of == "response" and e.method == "tools/call"]
    assert answered and answered[0].elapsed_ms is not None and answered[0].elapsed_ms > 0
    assert any(e.status == 200 and e.method == "POST" for e in rec.of(HttpExchange))


async def test_legacy_only_server_negotiates_2025_11_25(demo_legacy_url):
    async with ServerConnection(http(demo_legacy_url)) as conn:
        assert conn.protocol_version == "2025-11-25"
        assert (await conn.call_tool("echo", {"text": "hi"}))["content"][0]["text"] == "hi"


async def test_forced_legacy_mode_on_modern_server(demo_http_url):
    async with ServerConnection(http(demo_http_url, protocol="legacy")) as conn:
        assert conn.protocol_version == "2025-11-25"


async def test_sse_server_falls_back_and_says_so(demo_sse_url):
    rec = EventRecorder()
    async with ServerConnection(http(demo_sse_url), sink=rec) as conn:
        assert conn.transport_used == "sse"
        assert (await conn.call_tool("add", {"a": 1, "b": 1}))["content"][0]["text"] == "2"
    notices = [e.text for e in rec.of(Notice)]
    assert any("falling back to legacy HTTP+SSE" in t and "405" in t for t in notices)


async def test_forced_sse_transport_in_legacy_era(demo_sse_url):
    async with ServerConnection(http(demo_sse_url, transport="sse", protocol="legacy")) as conn:
        assert conn.transport_used == "sse" and conn.protocol_version == "2025-11-25"
        assert conn.catalog.tools


@pytest.mark.parametrize("protocol", ["auto", "legacy"])
async def test_stdio_captures_stderr_lines_as_events(demo_stdio_command, protocol):
    got_line = asyncio.Event()

    def sink(event):
        if isinstance(event, StderrLine) and "mcptui-demo stderr: ping" in event.line:
            got_line.set()

    async with ServerConnection(stdio(demo_stdio_command, protocol=protocol), sink=sink) as conn:
        assert conn.transport_used == "stdio"
        await conn.call_tool("write_stderr", {"text": "ping"})
        await asyncio.wait_for(got_line.wait(), 10)


async def test_pagination_follows_every_cursor(demo_paged_url, demo_http_url):
    rec = EventRecorder()
    async with ServerConnection(http(demo_paged_url), sink=rec) as paged:
        paged_counts = paged.catalog.counts()
    async with ServerConnection(http(demo_http_url)) as whole:
        assert paged_counts == whole.catalog.counts()
    pages = [e for e in rec.of(RpcMessage) if e.direction == "out" and e.method == "tools/list"]
    assert len(pages) >= 3
    assert any("cursor" in e.payload.get("params", {}) for e in pages)


@pytest.mark.parametrize("protocol", ["auto", "legacy"])
async def test_progress_and_server_logs_arrive_as_events(demo_http_url, protocol):
    rec = EventRecorder()
    seen: list[tuple] = []
    async with ServerConnection(http(demo_http_url, protocol=protocol), sink=rec) as conn:
        await conn.call_tool("slow_count", {"steps": 3, "delay": 0}, on_progress=lambda *a: seen.append(a))
        await conn.call_tool("emit_logs", {"message": "x"})
    assert [p[0] for p in seen] == [1, 2, 3]
    assert [e.progress for e in rec.of(Progress)] == [1, 2, 3]
    levels = {e.level for e in rec.of(ServerLog)}
    assert {"info", "warning", "error"} <= levels


@pytest.mark.parametrize("protocol", ["auto", "legacy"])
async def test_list_changed_triggers_resync(demo_stdio_command, protocol):
    reloaded = asyncio.Event()

    def sink(event):
        if isinstance(event, StateChanged) and event.detail == "catalog reloaded":
            reloaded.set()

    rec = EventRecorder()

    def both(event):
        rec(event)
        sink(event)

    async with ServerConnection(stdio(demo_stdio_command, protocol=protocol), sink=both) as conn:
        before = {t["name"] for t in conn.catalog.tools}
        await conn.call_tool("toggle_extra_tool", {})
        await asyncio.wait_for(reloaded.wait(), 10)
        after = {t["name"] for t in conn.catalog.tools}
    assert before ^ after == {"extra_tool"}
    assert [e.what for e in rec.of(ListChanged)] == ["tools"]


async def test_cancelling_a_call_leaves_the_connection_usable(demo_http_url):
    started = asyncio.Event()
    async with ServerConnection(http(demo_http_url)) as conn:
        task = asyncio.create_task(
            conn.call_tool("slow_count", {"steps": 100, "delay": 0.2}, on_progress=lambda *a: started.set())
        )
        await asyncio.wait_for(started.wait(), 10)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, 5)
        assert (await conn.call_tool("add", {"a": 1, "b": 2}))["content"][0]["text"] == "3"


async def test_per_call_timeout_then_still_usable(demo_http_url):
    async with ServerConnection(http(demo_http_url)) as conn:
        with pytest.raises(TimeoutError_) as info:
            await conn.call_tool("slow_count", {"steps": 50, "delay": 0.2}, timeout=0.3)
        assert info.value.exit_code == 4
        assert (await conn.call_tool("add", {"a": 1, "b": 2}))["content"][0]["text"] == "3"


async def test_tool_error_is_a_result_and_unknown_tool_is_explained(demo_http_url):
    async with ServerConnection(http(demo_http_url)) as conn:
        failed = await conn.call_tool("fail", {"message": "boom"})
        assert failed["isError"] is True and "boom" in failed["content"][0]["text"]
        try:
            outcome = await conn.call_tool("no_such_tool", {})
        except RequestError as exc:
            assert "no_such_tool" in str(exc) or "Unknown" in str(exc)
        else:
            assert outcome["isError"] is True


async def test_prompt_resource_and_completion(demo_http_url):
    async with ServerConnection(http(demo_http_url)) as conn:
        prompt = conn.catalog.prompts[0]
        required = {a["name"]: "x" for a in prompt.get("arguments", []) if a.get("required")}
        got = await conn.get_prompt(prompt["name"], required)
        assert got["messages"]
        readme = await conn.read_resource("demo://readme")
        assert readme["contents"][0]["mimeType"] == "text/markdown"
        logo = await conn.read_resource("demo://logo.png")
        assert "blob" in logo["contents"][0]
        template = await conn.read_resource("greeting://world")
        assert "world" in template["contents"][0]["text"]
        values = await conn.complete({"type": "ref/resource", "uri": "greeting://{name}"}, "name", "")
        assert values


async def test_session_expiry_rebuilds_and_retries_once():
    rec = EventRecorder()
    with running_demo() as first:
        port = first.port
        conn = ServerConnection(http(first.url, protocol="legacy"), sink=rec)
        await conn.connect()
        assert (await conn.call_tool("add", {"a": 1, "b": 1}))["content"][0]["text"] == "2"
    # a new process on the same port has never heard of our session id: HTTP 404
    with running_demo("--http", str(port)):
        try:
            result = await conn.call_tool("add", {"a": 2, "b": 2})
        finally:
            await conn.disconnect()
    assert result["content"][0]["text"] == "4"
    assert any("forgot the session" in e.text for e in rec.of(Notice))


async def test_unreachable_server_shows_cached_catalog_marked_stale(demo_http_url, tmp_path):
    cache = CatalogCache(tmp_path / "cache")
    good = http(demo_http_url)
    async with ServerConnection(good, cache=cache) as conn:
        fresh = conn.catalog.counts()
    gone = http("http://127.0.0.1:1/mcp")
    gone.name, gone.from_config = "demo", True
    good.from_config = True
    async with ServerConnection(good, cache=cache):
        pass  # store under the config-name key as well
    conn = ServerConnection(gone, cache=cache)
    with pytest.raises(UnreachableError) as info:
        await conn.connect()
    assert "refused" in str(info.value) and info.value.exit_code == 4
    assert conn.state == ConnectionState.FAILED
    assert conn.catalog is not None and conn.catalog.stale
    assert conn.catalog.counts() == fresh
    assert conn.catalog.error


async def test_stdio_command_that_does_not_exist():
    conn = ServerConnection(stdio(["mcptui-no-such-command-xyz"]))
    with pytest.raises(UnreachableError) as info:
        await conn.connect()
    assert "mcptui-no-such-command-xyz" in str(info.value)


async def test_stdio_server_that_exits_at_once_reports_its_stderr():
    command = [
        sys.executable,
        "-c",
        "import sys; print('fatal: MY_API_KEY is not set', file=sys.stderr); sys.exit(2)",
    ]
    with pytest.raises(TransportError) as info:
        await ServerConnection(stdio(command)).connect()
    assert "MY_API_KEY is not set" in str(info.value)


async def test_secrets_in_headers_never_reach_events(demo_http_url):
    rec = EventRecorder()
    config = http(
        demo_http_url, headers={"Authorization": "Bearer sekrit-token-123", "X-Api-Key": "k-999-secret"}
    )
    async with ServerConnection(config, sink=rec) as conn:
        await conn.call_tool("echo", {"text": "hello"})
    dump = repr(rec.events)
    assert "sekrit-token-123" not in dump and "k-999-secret" not in dump
    sent = [e for e in rec.of(HttpExchange) if e.method == "POST"]
    assert sent and "authorization" in {k.lower() for k in sent[0].request_headers}


@pytest.mark.parametrize("protocol", ["auto", "legacy"])
async def test_server_that_dies_mid_session_gives_an_error_not_a_cancel(protocol):
    rec = EventRecorder()
    with running_demo() as demo:
        conn = ServerConnection(http(demo.url, protocol=protocol), sink=rec)
        await conn.connect()
    # the server process is gone now
    try:
        with pytest.raises((UnreachableError, TransportError)) as info:
            await asyncio.wait_for(conn.call_tool("add", {"a": 1, "b": 1}), 30)
        assert info.value.exit_code == 4
    finally:
        await conn.disconnect()


@pytest.mark.parametrize("protocol", ["auto", "legacy"])
async def test_subscribe_reports_resource_updates(demo_stdio_command, protocol):
    from mcptui.core.events import ResourceUpdated

    updated = asyncio.Event()

    def sink(event):
        if isinstance(event, ResourceUpdated) and event.uri == "demo://readme":
            updated.set()

    async with ServerConnection(stdio(demo_stdio_command, protocol=protocol), sink=sink) as conn:
        await conn.subscribe("demo://readme")
        await conn.call_tool("touch_resource", {"uri": "demo://readme"})
        await asyncio.wait_for(updated.wait(), 10)


@pytest.mark.parametrize("protocol", ["auto", "legacy"])
async def test_log_level_filters_server_logs(demo_http_url, protocol):
    rec = EventRecorder()
    async with ServerConnection(http(demo_http_url, protocol=protocol), sink=rec) as conn:
        await conn.set_log_level("error")
        await conn.call_tool("emit_logs", {"message": "x"})
        assert {e.level for e in rec.of(ServerLog)} == {"error"}
        await conn.set_log_level("debug")
        await conn.call_tool("emit_logs", {"message": "y"})
    assert {"debug", "info", "warning"} <= {e.level for e in rec.of(ServerLog)}


async def test_roots_list_changed_is_sent_in_the_legacy_era(demo_http_url):
    rec = EventRecorder()
    async with ServerConnection(http(demo_http_url, protocol="legacy"), sink=rec) as conn:
        await conn.send_roots_list_changed()
    sent = [e.method for e in rec.of(RpcMessage) if e.direction == "out" and e.kind_of == "notification"]
    assert "notifications/roots/list_changed" in sent
