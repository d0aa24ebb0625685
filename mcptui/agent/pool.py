"""The agent's warm connections: one :class:`ServerConnection` per key, lent to one command at a time.

The key is everything that changes the connection: the resolved ServerConfig (URL or command,
transport, headers, roots, timeouts, auth settings), the auth options, ``-v`` (which asks the
server for its log), the ``--config`` file and, for a stdio server, the working folder.
A lease holds the entry's lock, so server requests (elicitation, roots) and ``-v`` events of
a connection go to the one command using it: the connection's sink and handlers are
routers whose target is set per lease. A connection found closed or failed is replaced.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from mcptui.core.connection import ServerConnection
from mcptui.core.events import ConnectionState, Event
from mcptui.core.server_config import ServerConfig


class RoutingSink:
    """The connection's event sink: the current lease's sink, or nothing between leases."""

    def __init__(self) -> None:
        self.target: Any = None

    def __call__(self, event: Event) -> None:
        if self.target is not None:
            self.target(event)


class RoutingHandlers:
    """The connection's client handlers: the current lease's CliHandlers (declines between leases)."""

    def __init__(self, roots: list[str]) -> None:
        self.target: Any = None
        self._roots = roots

    async def elicit(self, server: str, message: str, schema: dict[str, Any]) -> Any:
        if self.target is None:
            return "decline", None
        return await self.target.elicit(server, message, schema)

    async def sample(self, server: str, params: dict[str, Any]) -> dict[str, Any] | None:
        return None if self.target is None else await self.target.sample(server, params)

    def roots(self, server: str) -> list[dict[str, Any]]:
        from mcptui.core.roots import root_entries

        return self.target.roots(server) if self.target is not None else root_entries(self._roots)


@dataclass
class Entry:
    """One warm connection and what ``mcptui sessions`` shows of it."""

    key: str
    label: str
    connection: ServerConnection
    sink: RoutingSink
    handlers: RoutingHandlers
    created: float = field(default_factory=time.time)
    last_used: float = field(default_factory=time.time)
    interaction: Any = None  # the RoutingInteraction of its auth engine (sign_in.py)
    calls: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def config(self) -> ServerConfig:
        return self.connection.config

    def matches(self, target: str) -> bool:
        config = self.config
        return target in (self.label, config.name, config.describe(), config.url, self.key[:12])

    def describe(self) -> dict[str, Any]:
        now = time.time()
        return {
            "id": self.key[:12],
            "target": self.label,
            "transport": self.connection.transport_used or self.config.transport,
            "state": self.connection.state.value,
            "age": round(now - self.created, 1),
            "idle": round(now - self.last_used, 1) if not self.lock.locked() else 0.0,
            "calls": self.calls,
            "busy": self.lock.locked(),
        }


def pool_key(config: ServerConfig, args: Any, cwd: str) -> str:
    """A digest of everything that changes the connection (secrets included, so it is hashed)."""
    from mcptui.cli.context import auth_options

    options = auth_options(args)
    parts = {
        "config": asdict(config),
        "auth": repr(options),
        "verbose": bool(args.verbose),
        "config_file": args.config,
        "cwd": cwd if config.is_stdio else None,
    }
    text = json.dumps(parts, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()


class Pool:
    """Warm connections by key, on the agent's loop."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.last_failed_catalog: dict[str, Any] = {}  # key → the stale catalog of a failed connect

    async def lease(self, key: str, label: str, make: Any) -> Entry:
        """The entry for ``key``, connected and locked for the caller; ``make()`` builds a new one."""
        entry = self.entries.get(key)
        if entry is None:
            entry = make()
            self.entries[key] = entry
        await entry.lock.acquire()
        if entry.connection.connected and entry.connection.state == ConnectionState.CONNECTED:
            return entry
        if entry.calls or entry.connection.state != ConnectionState.DISCONNECTED:
            await _close(entry)  # closed, failed or lost since the last command: a fresh connection
            fresh = make()
            fresh.lock = entry.lock
            self.entries[key] = entry = fresh
        try:
            await entry.connection.connect()
        except BaseException:
            self.entries.pop(key, None)
            if entry.connection.catalog is not None:
                self.last_failed_catalog[key] = entry.connection.catalog
            entry.lock.release()
            raise
        return entry

    def release(self, entry: Entry) -> None:
        entry.calls += 1
        entry.last_used = time.time()
        entry.sink.target = None
        entry.handlers.target = None
        if entry.interaction is not None:
            entry.interaction.lend(None, None)
        if entry.lock.locked():
            entry.lock.release()

    def busy(self) -> bool:
        return any(entry.lock.locked() for entry in self.entries.values())

    def last_used(self) -> float:
        return max((entry.last_used for entry in self.entries.values()), default=0.0)

    async def stop(self, target: str | None = None) -> int:
        """Close the connections matching ``target`` (all when None); how many were closed."""
        chosen = [e for e in self.entries.values() if target is None or e.matches(target)]
        for entry in chosen:
            self.entries.pop(entry.key, None)
        await asyncio.gather(*(_close(entry) for entry in chosen))
        return len(chosen)


async def _close(entry: Entry) -> None:
    entry.sink.target = None
    with contextlib.suppress(Exception):
        await entry.connection.disconnect()
