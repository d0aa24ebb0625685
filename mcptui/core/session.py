"""The session manager: the one owner of every server's state, for any front end.

:class:`SessionManager` owns, per server name: the connection and its generation (one per
connection attempt), the catalog (the cached one, marked stale, until a live one arrives),
the resource subscriptions (recorded once the server took them), the call history, the roots
offered and, through :class:`~mcptui.core.credentials.Credentials`, the credential store.

A front end sends intents (connect, resync, call, cancel, subscribe, set roots, log out...)
and is told what changed through one listener: an immutable
:class:`~mcptui.core.session_state.ServerSnapshot` per change, and typed call events. Events
of an older connection attempt are dropped here, never in the front end.

Jobs run as tasks of the front end's choosing (:class:`~mcptui.core.session_state.JobRunner`:
Textual workers in the TUI, asyncio tasks otherwise). The connection job of a server awaits
``connect``, waits until stopped, then disconnects in the same task; the SDK client itself is
entered and exited in the connection's own owner task (see :mod:`mcptui.core.connection`).

Its parts, each held here (composition), do one job each on the state this module owns:
``calls`` (:mod:`~mcptui.core.session_calls`), ``requests`` (resync, roots, log level,
completions, subscriptions: :mod:`~mcptui.core.session_requests`), ``tasks``
(:mod:`~mcptui.core.session_tasks`) and ``events`` (what a connection's events change in its
snapshot: :mod:`~mcptui.core.session_events`). The manager's own intents forward to them.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from mcptui.core import locations
from mcptui.core.catalog import Catalog, CatalogCache
from mcptui.core.catalog_diff import diff_catalogs
from mcptui.core.credentials import Credentials
from mcptui.core.errors import McpTuiError
from mcptui.core.events import EventSink, null_sink
from mcptui.core.history import KEEP, MAX_BYTES, CallKind, HistoryStore
from mcptui.core.prefetch_adopt import EarlyCatalogs, unless_signed_in
from mcptui.core.redact import redact_text
from mcptui.core.server_config import ServerConfig
from mcptui.core.session_calls import SessionCalls
from mcptui.core.session_events import ConnectionEvents
from mcptui.core.session_jobs import asyncio_runner
from mcptui.core.session_requests import SessionRequests
from mcptui.core.session_state import (
    CallTicket,
    Cancellable,
    JobRunner,
    ServerRemoved,
    ServerSnapshot,
    SessionEvent,
    SessionListener,
    SnapshotChanged,
    StoreProblem,
)
from mcptui.core.session_tasks import SessionTasks

if TYPE_CHECKING:
    from mcptui.core.prefetch import PrefetchSource

ConnectionFactory = Callable[..., Any]
DEFAULT_CACHE: Literal["platform"] = "platform"  # the catalog cache in the platform's cache folder


class _Server:
    """The manager's private, mutable record of one server."""

    def __init__(self, config: ServerConfig, catalog: Catalog | None) -> None:
        self.snapshot = ServerSnapshot(name=config.name, config=config, catalog=catalog)
        self.last_visit = catalog  # the cached catalog the live one is compared with
        self.connection: Any = None
        self.stop = asyncio.Event()


def _ignore(_event: SessionEvent) -> None:
    """The do-nothing listener."""


class SessionManager:
    """Every server of a front end, each owned here (see the module docstring)."""

    def __init__(
        self,
        configs: list[ServerConfig] | None = None,
        *,
        listener: SessionListener = _ignore,
        sink: EventSink = null_sink,
        runner: JobRunner | None = None,
        cache: CatalogCache | Literal["platform"] | None = None,
        history: HistoryStore | None = None,
        history_limits: tuple[int, int] = (KEEP, MAX_BYTES),
        credentials: Credentials | None = None,
        handlers: Any = None,
        auth_factory: Any = None,
        connection_factory: ConnectionFactory | None = None,
    ) -> None:
        self.listener = listener
        self.sink = sink  # every core event, for a console or a log
        self.runner: JobRunner = runner or asyncio_runner()
        if cache == DEFAULT_CACHE:
            cache = CatalogCache(locations.catalog_cache_dir())
        self.cache: CatalogCache | None = cache
        keep, max_bytes = history_limits
        self.history = (
            history
            if history is not None
            else HistoryStore(keep=keep, max_bytes=max_bytes, on_write_error=self._store_problem)
        )
        self.credentials = credentials if credentials is not None else Credentials(sink=sink)
        self.handlers = handlers
        self._auth_factory = auth_factory
        self._connection_factory = connection_factory
        self._servers: dict[str, _Server] = {}
        self._prefetches: dict[str, PrefetchSource] = {}  # early catalogs still awaited, per server
        self._early = EarlyCatalogs()  # what a prefetch brought, for the first live connection
        self.tasks = SessionTasks(self)  # per-server task state and the task intents
        self.calls = SessionCalls(self)  # the calls and their tickets
        self.requests = SessionRequests(self)  # resync, roots, log level, completions, subscriptions
        self.events = ConnectionEvents(self)  # what a connection's events change in its snapshot
        for config in configs or []:
            self.add(config)

    # ----------------------------------------------------------------- what is known
    def names(self) -> list[str]:
        return list(self._servers)

    def snapshot(self, name: str) -> ServerSnapshot | None:
        server = self._servers.get(name)
        return server.snapshot if server is not None else None

    def snapshots(self) -> dict[str, ServerSnapshot]:
        return {name: server.snapshot for name, server in self._servers.items()}

    def connection(self, name: str) -> Any:
        """The live connection of ``name`` (None when not connected): for requests it routes."""
        server = self._servers.get(name)
        return server.connection if server is not None else None

    def records(self, name: str) -> list[Any]:
        """The call history of ``name`` (its file is read on first use)."""
        server = self._servers.get(name)
        if server is None:
            return []
        return self.history.load(name, server.snapshot.config.cache_slug)

    def _publish(self, name: str, **changes: Any) -> ServerSnapshot | None:
        server = self._servers.get(name)
        if server is None:
            return None
        catalog: Catalog | None = changes.get("catalog")
        fresh = catalog is not None and catalog is not server.snapshot.catalog and not catalog.stale
        new = dataclasses.replace(server.snapshot, **changes)
        if new != server.snapshot:
            server.snapshot = new
            self.listener(SnapshotChanged(name, new))
        if fresh and catalog is not None and server.last_visit is not None:
            self.runner(
                self._compare_with_last_visit(name, server.last_visit, catalog),
                group=f"catalog-changes:{name}",
                exclusive=True,
                description=f"compare {name}'s catalog with the last visit",
            )
        return new

    async def _compare_with_last_visit(self, name: str, before: Catalog, after: Catalog) -> None:
        """Publish ``catalog_changes`` once computed (off the event loop: a catalog can be large)."""
        diff = await asyncio.to_thread(diff_catalogs, before, after)
        server = self._servers.get(name)
        if server is not None and server.snapshot.catalog is after:
            self._publish(name, catalog_changes=diff if diff.changes else None)

    def _current(self, name: str, generation: int) -> bool:
        server = self._servers.get(name)
        return server is not None and server.snapshot.generation == generation

    def _store_problem(self, message: str) -> None:
        self.listener(StoreProblem("", message))

    # ----------------------------------------------------------------- servers
    def add(self, config: ServerConfig) -> ServerSnapshot:
        """Manage ``config`` (replacing a server of that name); its cached catalog shows, stale."""
        old = self._servers.get(config.name)
        if old is not None:
            self._stop(old)
        cached = self.cache.load(config.cache_slug) if self.cache is not None else None
        server = _Server(config, cached)
        if old is not None:  # a later generation: the old connection's events are dropped
            server.snapshot = dataclasses.replace(server.snapshot, generation=old.snapshot.generation + 1)
        self._servers[config.name] = server
        self.listener(SnapshotChanged(config.name, server.snapshot))
        return server.snapshot

    def remove(self, name: str) -> None:
        server = self._servers.pop(name, None)
        if server is not None:
            self._stop(server)
            self.tasks.board.forget(name)
            self.listener(ServerRemoved(name))

    # ----------------------------------------------------------------- connections
    def connect(self, name: str) -> Cancellable | None:
        """(Re)connect ``name``: a new generation; the previous connection closes in its own job."""
        server = self._servers.get(name)
        if server is None:
            return None
        self._stop(server)
        server.stop = asyncio.Event()
        generation = server.snapshot.generation + 1
        self._publish(name, generation=generation, error=None, hint="", subscriptions=frozenset())
        return self.runner(
            self._run(server, generation),
            group=f"connection:{name}",
            exclusive=True,
            description=f"connection to {name}",
        )

    def disconnect(self, name: str) -> None:
        server = self._servers.get(name)
        if server is not None:
            self._stop(server)

    def disconnect_all(self) -> None:
        for server in self._servers.values():
            self._stop(server)

    @staticmethod
    def _stop(server: _Server) -> None:
        server.stop.set()

    def _new_connection(self, config: ServerConfig, sink: EventSink) -> Any:
        if self._connection_factory is not None:
            return self._connection_factory(
                config, sink=sink, cache=self.cache, handlers=self.handlers, auth_factory=self._auth
            )
        from mcptui.core.connection import ServerConnection  # lazy: imports the SDK

        return ServerConnection(  # keep_aside: the result view reads a big result from its spill file
            config,
            sink=sink,
            cache=self.cache,
            handlers=self.handlers,
            auth_factory=self._auth,
            keep_aside=True,
            era_ahead=True,
        )

    def _auth(self, config: ServerConfig, sink: EventSink) -> Any:
        if self._auth_factory is not None:
            return self._auth_factory(config, sink)
        return self.credentials.auth_factory(config, sink)

    async def _run(self, server: _Server, generation: int) -> None:
        """The connection job: connect, report, wait for stop, disconnect (in this task)."""
        name = server.snapshot.name
        stop = server.stop
        connection = self._new_connection(server.snapshot.config, self.events.sink_for(name, generation))
        server.connection = connection
        try:
            early = self._early.waiter(name)  # this launch's prefetch: taken, not listed again
            if early is not None:
                early = unless_signed_in(early, self.credentials, server.snapshot.config)
            try:
                catalog = await (connection.connect(early=early) if early else connection.connect())
            except McpTuiError as error:
                self.events.failed(name, generation, error.message, error.hint, connection.catalog)
                return
            except Exception as error:  # noqa: BLE001 - reported, never raised into a front end
                message = redact_text(f"{type(error).__name__}: {error}")
                self.events.failed(name, generation, message, "", connection.catalog)
                return
            if self._current(name, generation):
                self._publish(name, catalog=catalog, error=None, hint="")
            self._end_prefetch(name)  # the live catalog is in: an early one is not needed
            await stop.wait()
        finally:
            if server.connection is connection:
                server.connection = None
            if connection.connected:
                await asyncio.shield(connection.disconnect())

    # ----------------------------------------------------------------- prefetch
    def use_prefetch(self, name: str, source: PrefetchSource) -> Cancellable | None:
        """Show the catalog ``source`` brings for ``name`` until the live one is in (see prefetch).

        It is dropped when it was fetched for other settings than the server has now, or comes
        after the live catalog; the source is closed once the live catalog is in.
        """
        if name not in self._servers:
            source.close()
            return None
        self._prefetches[name] = source
        self._early.expect(name, source)
        return self.runner(
            self._prefetch(name, source),
            group=f"prefetch:{name}",
            exclusive=True,
            description=f"catalog prefetch for {name}",
        )

    async def _prefetch(self, name: str, source: PrefetchSource) -> None:
        shown: Catalog | None = None
        try:
            shown = await self._show_prefetch(name, source)
        finally:  # the live connection takes what was shown (prefetch_adopt), else lists itself
            self._early.settle(name, shown)

    async def _show_prefetch(self, name: str, source: PrefetchSource) -> Catalog | None:
        from mcptui.core.prefetch import config_fingerprint

        try:
            catalog = await source.catalog()
        finally:
            self._end_prefetch(name, source)
        server = self._servers.get(name)
        if catalog is None or server is None:
            return None
        snapshot = server.snapshot
        if config_fingerprint(snapshot.config) != source.fingerprint:
            return None  # fetched for settings this server no longer has
        if snapshot.catalog is not None and not snapshot.catalog.stale:
            return None  # the live catalog (or a prefetched one) is already shown
        if snapshot.error:  # the live connection failed meanwhile: shown as a stale catalog
            self._publish(name, catalog=dataclasses.replace(catalog, stale=True))
            return None
        self._publish(name, catalog=catalog)
        return catalog

    def _end_prefetch(self, name: str, source: PrefetchSource | None = None) -> None:
        current = self._prefetches.get(name)
        if current is not None and (source is None or current is source):
            del self._prefetches[name]
            current.close()

    # ----------------------------------------------------------------- requests and calls (parts)
    def resync(self, name: str) -> Cancellable | None:
        """Reload the catalog of ``name``."""
        return self.requests.resync(name)

    def set_roots(self, name: str, paths: list[str]) -> Any:
        """Offer the folders ``paths`` to ``name``; the job telling a connected server, or None."""
        return self.requests.set_roots(name, paths)

    def set_log_level(self, level: str) -> None:
        """Ask every connected server for log messages at ``level`` and above."""
        self.requests.set_log_level(level)

    async def complete(
        self, name: str, ref: dict[str, Any], argument: str, value: str, context: dict[str, str] | None
    ) -> list[str]:
        """Completion values for an argument (none when the server does not offer completions)."""
        return await self.requests.complete(name, ref, argument, value, context)

    def toggle_subscription(self, name: str, uri: str) -> bool | None:
        """Subscribe to ``uri`` (or unsubscribe); True: subscribing; None: not connected."""
        return self.requests.toggle_subscription(name, uri)

    def call(self, name: str, kind: CallKind, target: str, arguments: dict[str, Any]) -> CallTicket | None:
        """Send a tool call, prompt get or resource read; the ticket its events carry."""
        return self.calls.call(name, kind, target, arguments)

    def cancel(self, call_id: int) -> bool:
        """Cancel a running call (its CallCompleted says cancelled); False if it already ended."""
        return self.calls.cancel(call_id)

    def waiting_on_person(self, name: str | None) -> contextlib.AbstractContextManager[None]:
        """While a person answers for ``name`` (a sign-in during a call), its call clocks stop."""
        return self.calls.waiting_on_person(name)

    # ----------------------------------------------------------------- credentials
    def auth_status(self, name: str) -> dict[str, Any]:
        server = self._servers.get(name)
        return self.credentials.status(server.snapshot.config) if server is not None else {}

    async def refresh_token(self, name: str) -> None:
        server = self._servers.get(name)
        if server is not None:
            await self.credentials.refresh(
                server.snapshot.config, self.events.sink_for(name, server.snapshot.generation)
            )

    async def logout(self, name: str) -> dict[str, Any]:
        server = self._servers.get(name)
        if server is None:
            return {"revoked": []}
        return await self.credentials.logout(
            server.snapshot.config, self.events.sink_for(name, server.snapshot.generation)
        )
