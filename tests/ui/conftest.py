"""Fixtures for the TUI pilot tests: apps on the real demo server, and a way to wait on state.

``wait_for(pilot, predicate)`` lets the app process messages until ``predicate()`` holds,
polling with a deadline (waiting on an observable, never a fixed sleep for timing).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from typing import Any

import pytest

from mcptui.core.server_config import ServerConfig

WAIT_TIMEOUT = 30.0


async def wait_for(
    pilot: Any, predicate: Callable[[], Any], *, timeout: float = WAIT_TIMEOUT, what: str = ""
) -> Any:
    """Process messages until ``predicate()`` is truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause()
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        await asyncio.sleep(0.02)  # poll interval, not a timing assumption


def stdio_demo(name: str = "demo") -> ServerConfig:
    """The demo server over stdio: a fresh process per connection (safe to mutate)."""
    return ServerConfig(name=name, transport="stdio", command=sys.executable, args=["-m", "mcptui.demo"])


@pytest.fixture
def demo_stdio() -> ServerConfig:
    return stdio_demo()


@pytest.fixture
def demo_http(demo_http_url: str) -> ServerConfig:
    """The shared demo over streamable HTTP, named "demo" too (for tests that change nothing on it)."""
    return ServerConfig(name="demo", url=demo_http_url, from_config=True)


def panes_up(app: Any) -> bool:
    """The tabs and the console are mounted (they come after the catalog, or the error, is drawn)."""
    return bool(app.main_screen.panes_ready)


def connected(app: Any, name: str = "demo") -> bool:
    """``name`` is connected with a fresh catalog, and the whole main screen is up."""
    session = app.sessions[name]
    return session.connected and session.catalog is not None and not session.catalog.stale and panes_up(app)


class Live:
    """A server's latest snapshot, read again on each attribute access (a snapshot never changes)."""

    def __init__(self, app: Any, name: str) -> None:
        self._app = app
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._app.sessions[self._name], attr)


def live(app: Any, name: str) -> Live:
    return Live(app, name)
