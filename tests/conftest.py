"""Shared fixtures: an isolated MCPTUI_HOME for every test, and demo MCP servers (session-scoped subprocesses).

- `demo_http_url`: streamable HTTP, both eras (``Client`` auto mode lands on 2026-07-28);
- `demo_sse_url`: legacy HTTP+SSE;
- `demo_legacy_url`: streamable HTTP that only speaks 2025-11-25 (auto mode falls back to initialize);
- `demo_paged_url`: streamable HTTP with list pages of 2 items;
- `demo_stdio_command`: ``[sys.executable, "-m", "mcptui.demo"]`` (stdio).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers import DemoProcess, running_demo
from tests.servers import demo_stdio_command as stdio_command_line


@pytest.fixture(autouse=True)
def isolated_mcptui_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """A fresh MCPTUI_HOME (no test touches the real user's config or cache), and no warm agent."""
    home = tmp_path_factory.mktemp("mcptui-home")
    monkeypatch.setenv("MCPTUI_HOME", str(home))
    monkeypatch.setenv("MCPTUI_NO_AGENT", "1")  # the direct path; tests/agent turn the agent on
    return home


@pytest.fixture(scope="session")
def demo_http_server() -> Iterator[DemoProcess]:
    with running_demo(transport="http") as demo:
        yield demo


@pytest.fixture(scope="session")
def demo_http_url(demo_http_server: DemoProcess) -> str:
    return demo_http_server.url


@pytest.fixture(scope="session")
def demo_sse_url() -> Iterator[str]:
    with running_demo(transport="sse") as demo:
        yield demo.url


@pytest.fixture(scope="session")
def demo_legacy_url() -> Iterator[str]:
    with running_demo("--legacy-only", transport="http") as demo:
        yield demo.url


@pytest.fixture(scope="session")
def demo_paged_url() -> Iterator[str]:
    with running_demo("--page-size", "2", transport="http") as demo:
        yield demo.url


@pytest.fixture(scope="session")
def demo_stdio_command() -> list[str]:
    return stdio_command_line()
