"""The session manager: one owner per server, snapshots out, intents in, stale events dropped."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from mcptui.core.catalog import Catalog, CatalogCache
from mcptui.core.credentials import Credentials
from mcptui.core.errors import McpTuiError
from mcptui.core.events import ConnectionState, EventRecorder, StateChanged
from mcptui.core.server_config import ServerConfig
from mcptui.core.session import SessionManager
from mcptui.core.session_jobs import AsyncioRunner
from mcptui.core.session_state import (
    CallCompleted,
    ConnectProblem,
    ServerSnapshot,
    SessionEvent,
    SnapshotChanged,
)


class Listener:
    def __init__(self) -> None:
        self.events: list[SessionEvent] = []
        self.changed = asyncio.Event()

    def __call__(self, event: SessionEvent) -> None:
        self.events.append(event)
        self.changed.set()

    def snapshots(self) -> list[ServerSnapshot]:
        return [e.snapshot for e in self.events if isinstance(e, SnapshotChanged)]

    async def until(self, predicate, timeout: float = 20.0):
        async def wait() -> None:
            while not predicate():
                self.changed.clear()
                await self.changed.wait()

        await asyncio.wait_for(wait(), timeout)


def manager_for(*configs: ServerConfig, **kw) -> tuple[SessionManager, Listener, AsyncioRunner]:
    listener = Listener()
    runner = AsyncioRunner()
    manager = SessionManager(list(configs), listener=listener, runner=runner, **kw)
    return manager, listener, runner


async def test_connect_call_and_history_through_the_manager(demo_http_url) -> None:
    manager, listener, runner = manager_for(ServerConfig(name="demo", url=demo_http_url))
    manager.connect("demo")
    await listener.until(lambda: manager.snapshot("demo").connected)
    snapshot = manager.snapshot("demo")
    assert snapshot.generation == 1 and snapshot.catalog is not None and snapshot.catalog.tool("echo")
    assert snapshot.protocol_version and snapshot.transport == "http"
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.state = ConnectionState.FAILED  # type: ignore[misc]

    ticket = manager.call("demo", "tool", "echo", {"text": "hi"})
    assert ticket is not None
    await listener.until(lambda: any(isinstance(e, CallCompleted) for e in listener.events))
    done = next(e for e in listener.events if isinstance(e, CallCompleted))
    assert done.ticket == ticket and done.ticket.generation == 1
    assert done.record.result["content"][0]["text"] == "hi"
    assert manager.records("demo")[-1] is done.record  # the history is the manager's
    manager.disconnect_all()
    await runner.wait()


async def test_events_of_an_older_connection_are_dropped(demo_http_url) -> None:
    recorder = EventRecorder()
    manager, listener, runner = manager_for(ServerConfig(name="demo", url=demo_http_url), sink=recorder)
    manager.connect("demo")
    await listener.until(lambda: manager.snapshot("demo").connected)
    manager.connect("demo")  # reconnect: the first connection closes while the second opens
    await listener.until(
        lambda: manager.snapshot("demo").connected and manager.snapshot("demo").generation == 2
    )
    manager.disconnect_all()
    await runner.wait()
    closed = [e for e in recorder.of(StateChanged) if e.state == ConnectionState.CLOSED]
    assert closed, "the first connection's closing reached the console"
    # ...but never the snapshot of the second one, which went connecting -> connected
    second = [s.state for s in listener.snapshots() if s.generation == 2]
    assert ConnectionState.CLOSED not in second[: second.index(ConnectionState.CONNECTED) + 1]


class FakeConnection:
    """A connection whose subscribe waits for the test (or fails)."""

    def __init__(self, config, *, sink, **_kw) -> None:
        self.config = config
        self.sink = sink
        self.catalog = Catalog(tools=[{"name": "t", "inputSchema": {"type": "object"}}])
        self.connected = False
        self.release = asyncio.Event()
        self.refuse = False

    async def connect(self) -> Catalog:
        self.connected = True
        self.sink(StateChanged(server=self.config.name, state=ConnectionState.CONNECTED))
        return self.catalog

    async def disconnect(self) -> None:
        self.connected = False

    async def subscribe(self, uri: str) -> None:
        await self.release.wait()
        if self.refuse:
            raise McpTuiError("the server refused the subscription")

    async def unsubscribe(self, uri: str) -> None:
        return None


async def test_a_subscription_is_recorded_once_the_server_took_it() -> None:
    made: list[FakeConnection] = []

    def factory(config, **kw):
        made.append(FakeConnection(config, **kw))
        return made[-1]

    config = ServerConfig(name="fake", transport="stdio", command="true")
    manager, listener, runner = manager_for(config, connection_factory=factory)
    manager.connect("fake")
    await listener.until(lambda: manager.snapshot("fake").connected)
    assert manager.toggle_subscription("fake", "demo://a") is True
    await asyncio.sleep(0)
    assert manager.snapshot("fake").subscriptions == frozenset()  # not yet confirmed
    made[-1].release.set()
    await listener.until(lambda: manager.snapshot("fake").subscriptions == {"demo://a"})

    made[-1].release = asyncio.Event()
    made[-1].refuse = True
    manager.toggle_subscription("fake", "demo://b")
    made[-1].release.set()
    await listener.until(lambda: any(isinstance(e, ConnectProblem) for e in listener.events))
    assert manager.snapshot("fake").subscriptions == {"demo://a"}  # a refused one is not recorded
    manager.disconnect_all()
    await runner.wait()


async def test_an_unreachable_server_shows_its_cached_catalog_stale(tmp_path) -> None:
    cache = CatalogCache(tmp_path)
    config = ServerConfig(name="gone", url="http://127.0.0.1:9/mcp", connect_timeout=5)
    cache.save(config.cache_slug, Catalog(tools=[{"name": "old"}]))
    manager, listener, runner = manager_for(config, cache=cache)
    assert manager.snapshot("gone").catalog.stale  # shown while connecting
    manager.connect("gone")
    await listener.until(lambda: manager.snapshot("gone").error is not None)
    await runner.wait()
    snapshot = manager.snapshot("gone")
    assert snapshot.catalog.stale and snapshot.catalog.tool("old")
    assert snapshot.state == ConnectionState.FAILED
    problems = [e for e in listener.events if isinstance(e, ConnectProblem)]
    assert problems and problems[0].message == snapshot.error


async def test_a_call_to_a_server_not_connected_is_an_error_record() -> None:
    manager, listener, runner = manager_for(ServerConfig(name="off", url="http://127.0.0.1:9/mcp"))
    manager.call("off", "tool", "echo", {})
    await runner.wait()
    done = next(e for e in listener.events if isinstance(e, CallCompleted))
    assert done.record.error and "not connected" in done.record.error


def test_the_credential_store_honours_the_setting_and_is_built_once(monkeypatch) -> None:
    from mcptui.core.auth import keyring_store

    monkeypatch.setenv("MCPTUI_TOKEN_STORE", "keyring")
    monkeypatch.setattr(keyring_store, "keyring_unavailable_reason", lambda: None)
    credentials = Credentials()
    store = credentials.store()
    assert isinstance(store, keyring_store.KeyringTokenStore)
    assert credentials.store() is store
    http = ServerConfig(name="h", url="http://127.0.0.1:9/mcp")
    auth = credentials.auth_factory(http, lambda event: None)
    assert auth is not None and auth.store is store  # the connections use the same store
    assert credentials.status(http) == {"signedIn": False} or not credentials.status(http)["signedIn"]
