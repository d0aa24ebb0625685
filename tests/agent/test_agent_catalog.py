"""The TUI's catalog at launch from the warm agent: the ``catalog`` frame, its source, its limits."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from mcptui.cli import agent_client
from mcptui.cli.agent_catalog import ask_agent, catalog_frame
from mcptui.core.server_config import ServerConfig
from tests.agent.conftest import agent_pid, calls_to, mcptui


def tui_config(url: str) -> ServerConfig:
    """The ServerConfig ``mcptui URL`` opens (resolved like ``mcptui list URL``)."""
    from mcptui.cli.context import resolve
    from mcptui.cli.parser import parse_args

    return resolve(parse_args([url]), url)


async def test_a_warm_agent_answers_from_the_connection_list_uses(agent_env, demo_http_url):
    assert mcptui("list", demo_http_url, "--json").returncode == 0  # starts the agent, warms it
    source = ask_agent(tui_config(demo_http_url))
    assert source is not None
    catalog = await source.catalog()
    assert catalog is not None and catalog.prefetched and not catalog.stale
    assert catalog.tool("echo") is not None
    assert calls_to(demo_http_url) == 2  # the same warm connection (one entry), leased once more
    sessions = agent_client.request({"t": "sessions"})["sessions"]
    assert len(sessions) == 1


async def test_an_agent_without_a_warm_connection_connects_an_http_server(agent_env, demo_http_url):
    agent_client.start_agent()
    source = ask_agent(tui_config(demo_http_url))
    assert source is not None
    catalog = await source.catalog()
    assert catalog is not None and catalog.tool("echo") is not None
    assert calls_to(demo_http_url) == 1
    done = mcptui("call", demo_http_url, "echo", "text=hi")
    assert done.returncode == 0 and done.stdout == "hi\n"
    assert calls_to(demo_http_url) == 2  # the CLI found it warm: the same entry


async def test_a_stdio_server_is_answered_only_when_warm(agent_env, demo_stdio_command):
    agent_client.start_agent()
    from mcptui.cli.context import resolve
    from mcptui.cli.parser import parse_args

    config = resolve(parse_args(["--", *demo_stdio_command]), None)
    source = ask_agent(config)
    assert source is not None and await source.catalog() is None  # not spawned for this
    assert agent_client.request({"t": "sessions"})["sessions"] == []
    assert mcptui("list", "--json", "--", *demo_stdio_command).returncode == 0
    source = ask_agent(config)
    assert source is not None
    catalog = await source.catalog()
    assert catalog is not None and catalog.tool("echo") is not None


def test_no_agent_running_means_no_answer_and_none_is_started(agent_env, demo_http_url, monkeypatch):
    assert ask_agent(tui_config(demo_http_url)) is None
    assert agent_pid() is None
    agent_client.start_agent()
    assert ask_agent(tui_config(demo_http_url), use_agent=False) is None  # --no-agent
    monkeypatch.setenv(agent_client.NO_AGENT_ENV, "1")
    assert ask_agent(tui_config(demo_http_url)) is None


def test_a_frame_that_names_no_server_is_refused(agent_env):
    agent_client.start_agent()
    for config in ({"name": "x"}, {"name": "x", "url": "http://127.0.0.1:1/", "bogus": 1}, [], "x"):
        answer = agent_client.request({"t": "catalog", "config": config, "cwd": "/", "env": {}})
        assert answer["t"] == "error" and "not a server's settings" in answer["why"], answer


def test_a_server_that_is_down_is_an_error_answer(agent_env):
    agent_client.start_agent()
    frame = catalog_frame(ServerConfig(name="gone", url="http://127.0.0.1:1/mcp"))
    answer = agent_client.request(frame)
    assert answer["t"] == "error" and answer["why"]


PROBE = """
import asyncio, json, sys
from mcptui.cli.agent_catalog import ask_agent
from mcptui.core.server_config import ServerConfig
source = ask_agent(ServerConfig(name=sys.argv[1], url=sys.argv[1]))
catalog = asyncio.run(source.catalog())
heavy = sorted({m.split('.')[0] for m in sys.modules} & {"mcp", "pydantic", "httpx2", "anyio", "textual"})
print(json.dumps({"tools": [t["name"] for t in catalog.tools], "heavy": heavy}))
"""


def test_asking_the_agent_imports_no_sdk(agent_env, demo_http_url):
    assert mcptui("list", demo_http_url).returncode == 0
    env = {**os.environ, "OTEL_SDK_DISABLED": "true"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, demo_http_url], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert "echo" in seen["tools"] and seen["heavy"] == []


async def test_the_launch_asks_the_agent_first_then_the_child(
    agent_env, demo_http_url, monkeypatch, tmp_path
):
    from mcptui.__main__ import start_prefetch
    from mcptui.cli.agent_catalog import AgentPrefetch
    from mcptui.core.prefetch import LinePrefetch

    monkeypatch.setenv("MCPTUI_PREFETCH", "1")
    config = tui_config(demo_http_url)
    started = start_prefetch(tmp_path / "servers.json", config, use_agent=True)
    assert started is not None and not isinstance(started[1], AgentPrefetch)  # no agent: the child
    assert isinstance(started[1], LinePrefetch)
    assert (await started[1].catalog()) is not None
    agent_client.start_agent()
    started = start_prefetch(tmp_path / "servers.json", config, use_agent=True)
    assert started is not None and isinstance(started[1], AgentPrefetch)
    assert (await started[1].catalog()) is not None
    monkeypatch.setenv("MCPTUI_PREFETCH", "0")
    assert start_prefetch(tmp_path / "servers.json", config, use_agent=True) is None


async def test_a_hostile_catalog_from_the_agent_is_shown_inert(agent_env):
    """The agent's catalog is server data: the TUI shows it like any other, control chars visible."""
    from mcptui.ui.app import McpTuiApp
    from mcptui.ui.widgets.catalog_tree import CatalogTree
    from tests.hostile_server import EVIL_TOOL, running_hostile
    from tests.ui.conftest import wait_for
    from tests.ui.test_hostile_ui import SIZE, assert_inert

    agent_client.start_agent()
    with running_hostile() as url:
        config = ServerConfig(name="hostile", url=url)
        source = ask_agent(config)
        assert source is not None
        app = McpTuiApp([config], auto_connect=False, prefetch=("hostile", source))
        async with app.run_test(size=SIZE) as pilot:
            tree = app.main_screen.query_one(CatalogTree)
            await wait_for(
                pilot,
                lambda: tree.catalog is not None and tree.catalog.tool(EVIL_TOOL) is not None,
                what="the agent's catalog",
            )
            await pilot.pause()
            assert app.sessions["hostile"].catalog.prefetched
            assert_inert(app, "evil␛[2J␛]0;")
