"""Fixtures for the auth suite: a fake clock, a headless "browser", the protected demo in-process."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path
from urllib.parse import urljoin

import httpx2
import pytest

from mcptui.core.auth import BrowserOptions, NonInteractive, TokenStore, make_auth_factory
from mcptui.core.events import EventRecorder
from mcptui.core.server_config import ServerConfig
from mcptui.demo.auth_server import serve_auth_demo

HERE = Path(__file__).parent


class FakeClock:
    """Time that only moves when a test says so (shared by the demo AS and the client)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FollowBrowser:
    """Visits the authorization URL like a browser would, into the loopback callback."""

    def __init__(self) -> None:
        self.visits: list[str] = []
        self.landed: list[int] = []
        self.tasks: list[asyncio.Task[None]] = []

    async def follow(self, url: str) -> None:
        async with httpx2.AsyncClient(follow_redirects=True, timeout=10) as client:
            response = await client.get(url)
            match = re.search(r'name="txn" value="([^"]+)"', response.text)
            if match and response.url.path == "/consent":
                response = await client.post(
                    urljoin(str(response.url), "/consent"),
                    data={"txn": match.group(1), "decision": "approve"},
                )
            self.landed.append(response.status_code)

    def __call__(self, url: str) -> bool:
        self.visits.append(url)
        self.tasks.append(asyncio.get_running_loop().create_task(self.follow(url)))
        return True


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def browser() -> FollowBrowser:
    return FollowBrowser()


@pytest.fixture
def store(tmp_path: Path) -> TokenStore:
    return TokenStore(tmp_path / "auth")


@pytest.fixture
def recorder() -> EventRecorder:
    return EventRecorder()


@pytest.fixture
async def demo(clock: FakeClock):
    async with serve_auth_demo(consent_page=False, access_ttl=60, clock=clock) as app:
        yield app


def make_auth(demo, store, browser, clock, recorder, interaction=None, name="demo", **options):
    """``browser``: an opener function, or a BrowserOptions."""
    options.setdefault("callback_port", 0)
    browser_options = browser if isinstance(browser, BrowserOptions) else BrowserOptions(opener=browser)
    factory = make_auth_factory(
        interaction or NonInteractive(), store=store, browser=browser_options, clock=clock, **options
    )
    return factory(ServerConfig(name=name, url=demo.url), recorder)


async def call_tool(url: str, auth, name: str, arguments: dict | None = None) -> str:
    """One MCP session through the SDK client with ``auth`` on its httpx2 client."""
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    async with (
        httpx2.AsyncClient(auth=auth, timeout=20) as http,
        Client(streamable_http_client(url, http_client=http), cache=None) as client,
    ):
        result = await client.call_tool(name, arguments or {})
        return result.content[0].text
