"""The catalog prefetched at launch: a real child against the demo, failures that only mean
"nothing early", and the session manager's rules (live replaces it; never for another server)."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import subprocess
import sys

import pytest

from mcptui.core.catalog import Catalog
from mcptui.core.prefetch import (
    ChildPrefetch,
    ForkPrefetch,
    can_prefetch,
    config_fingerprint,
    parse_line,
    start_for,
)
from mcptui.core.server_config import AuthSettings, ServerConfig
from tests.agent.conftest import wait_gone
from tests.core.test_session_manager import manager_for
from tests.recording_proxy import recording_proxy


def fake_python(tmp_path, body: str) -> str:
    """An executable standing in for ``python -m mcptui.core.prefetch``."""
    path = tmp_path / "python"
    path.write_text(f"#!/bin/sh\ncat >/dev/null\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


async def test_a_child_fetches_the_demo_catalog(demo_http_url):
    source = ChildPrefetch(ServerConfig(name="demo", url=demo_http_url))
    catalog = await source.catalog()
    assert catalog is not None and catalog.prefetched and not catalog.stale
    assert catalog.tool("echo") is not None


async def test_a_fork_fetches_the_demo_catalog(demo_http_url):
    source = ForkPrefetch(ServerConfig(name="demo", url=demo_http_url))
    catalog = await source.catalog()  # this test's loop runs: the copy must not take it for its own
    assert catalog is not None and catalog.prefetched and catalog.tool("echo") is not None
    assert await ForkPrefetch(ServerConfig(name="gone", url="http://127.0.0.1:1/mcp")).catalog() is None


@pytest.mark.parametrize("era", ["demo_http_url", "demo_legacy_url"])
async def test_a_child_asks_the_server_only_for_the_catalog(request, era):
    with recording_proxy(request.getfixturevalue(era)) as recorded:
        catalog = await ChildPrefetch(ServerConfig(name="demo", url=recorded.url)).catalog()
        methods, verbs = recorded.methods(), recorded.verbs()
    assert catalog is not None and catalog.tool("echo") is not None
    assert "tools/list" in methods and "prompts/list" in methods
    assert "GET" not in verbs, verbs  # 2025-11-25: no standing stream for a one-off list
    assert "subscriptions/listen" not in methods  # 2026-07-28: nor a listen request
    assert "logging/setLevel" not in methods  # the TUI's own connection asks for the logs


def test_the_fork_imports_the_sdk_as_a_one_shot_command():
    """Models built on first use, no TLS roots, no plugin scan: what one fetch, then exit, needs."""
    probe = (
        "import os, sys\n"
        "from mcptui.core import prefetch_fork\n"
        "prefetch_fork.import_sdk_for_one_fetch()\n"
        "import mcp_types\n"
        "tls = sys.modules['mcptui.core.transports'].tls_context.cache_info().currsize\n"
        "print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'), tls, mcp_types.Tool.__pydantic_complete__)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["__all__", "0", "False"]


async def test_a_server_down_means_no_early_catalog():
    source = ChildPrefetch(ServerConfig(name="gone", url="http://127.0.0.1:1/mcp"))
    assert await source.catalog() is None


async def test_garbage_or_a_crash_from_the_child_means_no_early_catalog(tmp_path):
    for body in (
        "echo 'not json'",
        'echo \'{"format": 1, "catalog": {"tools": 3}}\'',
        "exit 3",
        "kill -9 $$",
    ):
        source = ChildPrefetch(
            ServerConfig(name="s", url="http://127.0.0.1:1/mcp"), python=fake_python(tmp_path, body)
        )
        assert await source.catalog() is None, body


async def test_a_short_line_is_parsed_as_it_arrives_a_long_one_in_a_thread(monkeypatch):
    import io
    import json

    from mcptui.core import prefetch

    def line(tools: int) -> bytes:
        catalog = {"tools": [{"name": f"t{i}", "inputSchema": {"type": "object"}} for i in range(tools)]}
        return json.dumps({"format": 1, "catalog": catalog}).encode() + b"\n"

    hops: list[object] = []
    to_thread = asyncio.to_thread

    async def counted(function, *args):
        hops.append(function)
        return await to_thread(function, *args)

    monkeypatch.setattr(prefetch.asyncio, "to_thread", counted)
    short = prefetch.LinePrefetch("f", io.BytesIO(line(3)), lambda: None)
    await to_thread(short._done.wait, 5)
    catalog = await short.catalog()
    assert catalog is not None and catalog.tool("t2") is not None and catalog.prefetched
    assert hops == []  # drawn from the line the reader parsed: no hop to a thread
    long_line = line(6000)
    assert len(long_line) > prefetch.PARSE_ON_ARRIVAL_BYTES
    long = prefetch.LinePrefetch("f", io.BytesIO(long_line), lambda: None)
    await to_thread(long._done.wait, 5)
    catalog = await long.catalog()
    assert catalog is not None and len(catalog.tools) == 6000
    assert hops == [prefetch.parse_line]  # parsed off the reader, once asked for


async def test_a_line_still_on_its_way_wakes_the_loop_itself_and_a_silent_writer_times_out(monkeypatch):
    """catalog() awaits the reader's own wake-up (no worker thread waits for the line: one OS
    wake-up less before the catalog is drawn); a writer that never writes means None in time."""
    import json

    from mcptui.core import prefetch

    read, write = os.pipe()
    source = prefetch.LinePrefetch("f", os.fdopen(read, "rb"), lambda: None)
    loop = asyncio.get_running_loop()
    waiting = asyncio.ensure_future(source.catalog())
    while source._wake is None:  # catalog() is waiting for the line
        await asyncio.sleep(0)
    os.write(write, json.dumps({"format": 1, "catalog": {"tools": [{"name": "late"}]}}).encode() + b"\n")
    os.close(write)
    catalog = await asyncio.wait_for(waiting, 10)
    assert catalog is not None and catalog.tool("late") is not None
    assert loop._default_executor is None  # type: ignore[attr-defined]  # no thread was asked to wait

    monkeypatch.setattr(prefetch, "CHILD_TIMEOUT", 0.05)
    silent_read, silent_write = os.pipe()
    stopped: list[bool] = []
    silent = prefetch.LinePrefetch("f", os.fdopen(silent_read, "rb"), lambda: stopped.append(True))
    try:
        assert await silent.catalog() is None
        assert stopped == [True]  # the writer is ended once the wait is over
    finally:
        os.close(silent_write)


def test_parse_line_accepts_only_a_catalog():
    good = b'{"format": 1, "catalog": {"tools": [{"name": "a"}], "stale": true, "error": "x"}}'
    catalog = parse_line(good)
    assert catalog is not None and catalog.prefetched and not catalog.stale and catalog.error is None
    for bad in (b"", b"[]", b'{"format": 2, "catalog": {}}', b'{"format": 1, "catalog": []}', b"\xff"):
        assert parse_line(bad) is None


def test_only_http_servers_without_credentials_are_prefetched(monkeypatch):
    assert can_prefetch(ServerConfig(name="h", url="http://127.0.0.1:1/mcp"))
    assert not can_prefetch(ServerConfig(name="s", transport="stdio", command=sys.executable))
    assert not can_prefetch(
        ServerConfig(name="b", url="http://x/mcp", auth=AuthSettings(method="bearer", token="t"))
    )
    monkeypatch.setenv("MCPTUI_PREFETCH", "0")
    assert start_for([ServerConfig(name="h", url="http://127.0.0.1:1/mcp")]) is None


def test_the_child_starts_only_with_a_spare_core_unless_asked(monkeypatch):
    from mcptui.core import prefetch

    http = [
        ServerConfig(name="lazy", url="http://127.0.0.1:1/a"),
        ServerConfig(name="h", url="http://127.0.0.1:1/mcp"),
    ]
    monkeypatch.setattr(prefetch, "spare_core", lambda: False)
    monkeypatch.delenv("MCPTUI_PREFETCH", raising=False)
    assert start_for(http) is None  # a busy machine: the child would only slow the TUI down
    monkeypatch.setenv("MCPTUI_PREFETCH", "1")
    started = start_for(http, {"lazy"})
    assert started is not None and started[0] == "h"  # the first server connected at launch
    started[1].close()


class FakeSource:
    """A prefetch whose catalog is handed over when the test says so."""

    def __init__(self, config: ServerConfig, catalog: Catalog | None) -> None:
        self.fingerprint = config_fingerprint(config)
        self.ready = asyncio.Event()
        self.value = catalog
        self.closed = False

    async def catalog(self) -> Catalog | None:
        await self.ready.wait()
        return self.value

    def close(self) -> None:
        self.closed = True


def early_catalog() -> Catalog:
    return Catalog(tools=[{"name": "early", "inputSchema": {"type": "object"}}], prefetched=True)


async def test_the_prefetched_catalog_shows_until_the_live_one_replaces_it(demo_http_url):
    config = ServerConfig(name="demo", url=demo_http_url)
    manager, listener, runner = manager_for(config)
    source = FakeSource(config, early_catalog())
    manager.use_prefetch("demo", source)
    source.ready.set()
    await listener.until(lambda: (c := manager.snapshot("demo").catalog) is not None and c.prefetched)
    assert manager.snapshot("demo").catalog.tool("early") is not None
    manager.connect("demo")
    await listener.until(lambda: manager.snapshot("demo").connected)
    live = manager.snapshot("demo").catalog
    assert not live.prefetched and live.tool("echo") is not None and live.tool("early") is None
    assert source.closed
    manager.disconnect_all()
    await runner.wait()


async def test_a_prefetch_after_the_live_catalog_is_dropped(demo_http_url):
    config = ServerConfig(name="demo", url=demo_http_url)
    manager, listener, runner = manager_for(config)
    source = FakeSource(config, early_catalog())
    manager.use_prefetch("demo", source)
    manager.connect("demo")
    await listener.until(lambda: manager.snapshot("demo").connected)
    source.ready.set()
    manager.disconnect_all()
    await runner.wait()
    assert all(not s.catalog or not s.catalog.prefetched for s in listener.snapshots())


async def test_a_prefetch_for_other_settings_is_never_shown():
    config = ServerConfig(name="demo", url="http://127.0.0.1:1/mcp")
    manager, listener, runner = manager_for(config)
    source = FakeSource(ServerConfig(name="demo", url="http://127.0.0.1:2/other"), early_catalog())
    manager.use_prefetch("demo", source)
    source.ready.set()
    await runner.wait()
    assert manager.snapshot("demo").catalog is None
    assert all(not s.catalog for s in listener.snapshots())
    other = FakeSource(config, early_catalog())
    manager.use_prefetch("elsewhere", other)  # no such server: closed, nothing shown
    assert other.closed


async def test_a_prefetch_after_the_live_connection_failed_is_shown_stale():
    config = ServerConfig(name="gone", url="http://127.0.0.1:1/mcp")
    manager, listener, runner = manager_for(config)
    source = FakeSource(config, early_catalog())
    manager.use_prefetch("gone", source)
    manager.connect("gone")
    await listener.until(lambda: manager.snapshot("gone").error)
    source.ready.set()
    await listener.until(lambda: manager.snapshot("gone").catalog is not None)
    catalog = manager.snapshot("gone").catalog
    assert catalog.prefetched and catalog.stale and catalog.tool("early") is not None
    manager.disconnect_all()
    await runner.wait()


def test_only_mcptui_url_on_a_terminal_forks_early(monkeypatch):
    from mcptui.core import prefetch_fork

    monkeypatch.setattr(prefetch_fork.os, "isatty", lambda fd: True)
    assert prefetch_fork.looks_like_tui_on_a_url(["http://127.0.0.1:1/mcp"])
    assert prefetch_fork.looks_like_tui_on_a_url(["https://x/mcp", "--header", "A: b"])
    for argv in (
        [],
        ["list", "http://x/mcp"],
        ["-H", "A: b", "http://x/mcp"],
        ["http://x", "--", "cmd"],
        ["name"],
    ):
        assert not prefetch_fork.looks_like_tui_on_a_url(argv), argv
    monkeypatch.setattr(prefetch_fork.os, "isatty", lambda fd: False)
    assert not prefetch_fork.looks_like_tui_on_a_url(["http://127.0.0.1:1/mcp"])  # no terminal: no TUI
    monkeypatch.setenv("MCPTUI_PREFETCH", "0")
    assert prefetch_fork.start() is None


def test_mcptui_url_pauses_the_collector_from_its_first_line(monkeypatch):
    """The TUI on a URL: no cyclic collection while the command line and the UI are imported
    (the app turns it back on after its first frame); any other command leaves it alone."""
    import gc

    import mcptui.cli
    from mcptui import __main__ as program
    from mcptui.core import prefetch_fork

    monkeypatch.setattr(prefetch_fork.os, "isatty", lambda fd: True)
    monkeypatch.setattr(prefetch_fork, "start", lambda: None)  # no fork in the test process
    seen: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        mcptui.cli, "main", lambda words, open_tui: seen.append((words[0], gc.isenabled())) or 0
    )
    was_on = gc.isenabled()
    gc.enable()
    try:
        assert program.main(["list", "http://127.0.0.1:1/mcp"]) == 0
        assert program.main(["http://127.0.0.1:1/mcp"]) == 0
    finally:
        (gc.enable if was_on else gc.disable)()
    assert seen == [("list", True), ("http://127.0.0.1:1/mcp", False)]


async def test_an_early_fork_fetches_once_told_the_server_and_ends_when_not_needed(demo_http_url):
    from mcptui.core.prefetch import start_child
    from mcptui.core.prefetch_fork import EarlyFork

    early = EarlyFork()  # imports the SDK meanwhile (already imported here: at once)
    source = start_child(ServerConfig(name="demo", url=demo_http_url), early)
    assert isinstance(source, ForkPrefetch)
    catalog = await source.catalog()
    assert catalog is not None and catalog.tool("echo") is not None
    unused = EarlyFork()
    assert start_child(ServerConfig(name="s", transport="stdio", command=sys.executable), unused) is None
    assert await asyncio.to_thread(wait_gone, unused.pid)  # ended, not left waiting


def test_the_catalog_line_is_read_whole_in_big_pieces_and_only_the_first_line(tmp_path):
    import fcntl
    import io
    import math

    from mcptui.core import prefetch, speed

    reads: list[int] = []

    class Counted(io.BytesIO):
        def read1(self, size: int = -1) -> bytes:
            reads.append(size)
            return super().read1(min(size, 4096))  # a pipe hands over what has arrived

    line = b'{"a": "' + b"x" * 10_000 + b'"}\n'
    assert prefetch.read_line(Counted(line + b"trailing")) == line
    assert set(reads) == {prefetch.LINE_READ}  # each read asks for all it may hold
    assert prefetch.read_line(io.BytesIO(b"cut short")) == b"cut short"  # EOF first: parse_line refuses it
    read_end, write_end = os.pipe()
    try:
        prefetch._bigger_pipe(read_end)
        assert fcntl.fcntl(read_end, fcntl.F_GETPIPE_SZ) >= prefetch.LINE_READ
    finally:
        os.close(read_end)
        os.close(write_end)
    value = {"n": math.nan, "i": [math.inf, -math.inf], "s": "é\u2028", "lone": "\ud800", "k": [1, 2.5, None]}
    for item in (value, {k: v for k, v in value.items() if k != "lone"}):
        written = speed.json_line(item)
        assert written.endswith(b"\n") and written.count(b"\n") == 1
        back = json.loads(written)
        assert json.dumps(back) == json.dumps(item)  # what json.dumps would have written, read back


def test_a_core_is_spare_below_a_load_of_one_per_core(monkeypatch):
    """On 2 cores the child still paid at load 1.7-2.7 (bench/tui_bench.py), not at 3-4."""
    from mcptui.core import prefetch, prefetch_fork

    monkeypatch.setattr(prefetch_fork.os, "cpu_count", lambda: 2)
    for load, spare in ((0.3, True), (1.8, True), (2.0, False), (3.5, False)):
        monkeypatch.setattr(prefetch_fork.os, "getloadavg", lambda load=load: (load, load, load))
        assert prefetch.spare_core() is spare, load
        assert prefetch_fork.core_to_spare() is spare, load
    monkeypatch.setattr(prefetch_fork.os, "cpu_count", lambda: 1)
    monkeypatch.setattr(prefetch_fork.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert not prefetch.spare_core()  # one core: the child would only take the TUI's


def test_a_long_line_is_parsed_by_jiter_to_json_loads_own_values(monkeypatch):
    import math
    from typing import Any

    import pydantic_core

    from mcptui.core import prefetch

    parsed_by: list[str] = []
    jiter, loads = pydantic_core.from_json, json.loads

    def by_jiter(data: Any, **options: Any) -> Any:
        parsed_by.append("jiter")
        return jiter(data, **options)

    def by_json(data: Any, **options: Any) -> Any:
        parsed_by.append("json.loads")
        return loads(data, **options)

    monkeypatch.setattr(pydantic_core, "from_json", by_jiter)
    monkeypatch.setattr(json, "loads", by_json)
    values = '"big": 123456789012345678901234567890, "f": 0.1, "z": -0.0, "k": 1, "k": 2'
    tools = ",".join(f'{{"name": "t{i}", "description": "caf\\u00e9 \\n {i}"}}' for i in range(6000))
    line = f'{{"format": 1, {values}, "catalog": {{"tools": [{tools}]}}}}\n'.encode()
    assert len(line) > prefetch.PARSE_ON_ARRIVAL_BYTES
    parsed = prefetch.line_value(line)
    assert parsed_by == ["jiter"]  # jiter parsed it: nothing fell back to json.loads
    assert parsed == loads(line) and repr(parsed) == repr(loads(line))  # -0.0, the last "k", the ints
    constants = line.replace(b'"f": 0.1', b'"n": NaN, "i": Infinity, "m": -Infinity')
    odd = prefetch.line_value(constants)  # jiter refuses NaN and Infinity here: json.loads parses
    assert math.isnan(odd.pop("n")) and (odd["i"], odd["m"]) == (math.inf, -math.inf)
    surrogate = line.replace(b'"t0"', b'"\\ud800"')  # a lone surrogate: json.loads parses
    assert prefetch.line_value(surrogate)["catalog"]["tools"][0]["name"] == "\ud800"
    parsed_by.clear()
    assert prefetch.line_value(b'{"format": 1}') == {"format": 1} and parsed_by == ["json.loads"]  # short
