"""The connection manager: one MCP server, one owning task, everything reported as events.

:class:`ServerConnection` opens the SDK ``Client`` inside a task of its own (an anyio scope
must be exited in the task that entered it) and lets any task call through it. It chooses the
transport (streamable HTTP, then legacy SSE on a 400/404/405; or stdio), lets the SDK negotiate
the protocol era, loads the whole catalog (every page), resyncs on list_changed, rebuilds the
session and retries once when the server forgot it (HTTP 404), and keeps the last good catalog
on disk so an unreachable server still shows something, marked stale. What each attempt is
built from (transport, auth, wire layers, the Client's options, the stdio child) is its
:class:`~mcptui.core.connection_setup.ConnectionSetup`, held as ``setup``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Any, TypeVar

from mcptui.core import catalog_items, sdk_import, sdk_logs, tool_bookkeeping
from mcptui.core.catalog import Catalog, CatalogCache
from mcptui.core.catalog_fetch import fetch_catalog
from mcptui.core.connection_setup import ConnectionSetup
from mcptui.core.errors import McpTuiError, TransportError
from mcptui.core.events import (
    ConnectionState,
    EventSink,
    Notice,
    StateChanged,
    null_sink,
)
from mcptui.core.failures import explain
from mcptui.core.handlers import ClientHandlers
from mcptui.core.notifications import ConnectionNotifications
from mcptui.core.operations import ConnectionOperations, modern_versions
from mcptui.core.prefetch_adopt import EarlyCatalog, adopted
from mcptui.core.request_clock import CallClocks
from mcptui.core.request_link import CallsInFlight
from mcptui.core.server_config import ServerConfig
from mcptui.core.speed import load_sdk
from mcptui.core.tasks import TaskOperations
from mcptui.core.tasks_ext import ExtensionTaskOperations

T = TypeVar("T")
AuthFactory = Callable[[ServerConfig, EventSink], Any]
SSE_FALLBACK_STATUSES = (400, 404, 405)
DEFAULT_LOG_LEVEL = "debug"

# The SDK and httpx2 log through `logging`; their records become events, never terminal output.
sdk_logs.install()


class ServerConnection:
    """A live (or stale) view of one MCP server."""

    def __init__(
        self,
        config: ServerConfig,
        *,
        sink: EventSink = null_sink,
        cache: CatalogCache | None = None,
        handlers: ClientHandlers | None = None,
        auth_factory: AuthFactory | None = None,
        log_level: str | None = DEFAULT_LOG_LEVEL,
        http_transport: Any = None,
        offer_roots: bool = True,
        one_shot: bool = False,
        offer_tasks: bool = True,
        keep_aside: bool = False,
        era_ahead: bool = False,
    ) -> None:
        self.config = config
        self.sink = sink
        self.cache = cache
        self.handlers = handlers
        self.auth_factory = auth_factory
        self.log_level = log_level
        self.http_transport = http_transport  # test seam: an httpx2.MockTransport for odd replies
        # offer_roots=False: no roots capability (a one-shot run given no roots); a server asking
        # roots/list while the CLI shuts down would otherwise hold the child past its grace
        self.offer_roots = offer_roots
        # one_shot: one command, then disconnect: no standing streams for what the server says unasked
        self.one_shot = one_shot
        # offer_tasks=False: no 2026-07-28 tasks extension declared (a test seam for -32021)
        self.offer_tasks = offer_tasks
        # keep_aside: a message over 1 MiB goes to a spill file and the SDK gets a cut copy
        # (core/spill.py); only for a front end that reads the rest from there (the TUI)
        self.keep_aside = keep_aside
        # era_ahead: over HTTP, the newest era's models imported while the first list request
        # waits for its answer, not before the request (core/era_ahead.py)
        self.era_ahead = era_ahead
        self.state = ConnectionState.DISCONNECTED
        self.protocol_version: str | None = None
        self.transport_used: str | None = None
        self.catalog: Catalog | None = None
        self.last_error: McpTuiError | None = None
        self._client: Any = None
        self._owner: asyncio.Task[None] | None = None
        self._stop: asyncio.Event | None = None
        self._reconnect_lock = asyncio.Lock()
        self.clocks = CallClocks()  # call timeouts, stopped while a person answers the server
        self.in_flight = CallsInFlight()  # the calls running; a server's question ends with its call
        self.keepalive_seconds: float | None = None  # keep-alive progress period (None: the default)
        # the parts it holds: what the server says unasked, and what a user asks of it
        self.notifications = ConnectionNotifications(
            config.name, sink, notice=self._notice, resync=self.resync, handlers=handlers
        )
        self.setup = ConnectionSetup(self)  # transport, auth, Client options, stdio child
        self.operations = ConnectionOperations(self)
        self.legacy_tasks = TaskOperations(self)  # 2025-11-25 tasks utility
        self.extension_tasks = ExtensionTaskOperations(self)  # 2026-07-28 tasks extension
        self.client_tasks: Any = None  # the ClientTaskDesk of the open session (core/client_tasks.py)
        ops = self.operations
        self.call_tool = ops.call_tool
        self.get_prompt = ops.get_prompt
        self.read_resource = ops.read_resource
        self.complete = ops.complete
        self.subscribe = ops.subscribe
        self.unsubscribe = ops.unsubscribe
        self.send_roots_list_changed = ops.send_roots_list_changed
        self.set_log_level = ops.set_log_level

    # ----------------------------------------------------------------- life cycle
    @property
    def name(self) -> str:
        return self.config.name

    @property
    def tasks(self) -> TaskOperations | ExtensionTaskOperations:
        """The task requests of the era this connection speaks."""
        modern = self.protocol_version in modern_versions()
        return self.extension_tasks if modern else self.legacy_tasks

    @property
    def connected(self) -> bool:
        return self._client is not None and self.state == ConnectionState.CONNECTED

    def _set_state(self, state: ConnectionState, detail: str = "") -> None:
        self.state = state
        self.sink(
            StateChanged(
                server=self.name,
                state=state,
                detail=detail,
                protocol_version=self.protocol_version,
                transport=self.transport_used,
            )
        )

    def _notice(self, text: str, level: str = "info") -> None:
        self.sink(Notice(server=self.name, text=text, level=level))  # type: ignore[arg-type]

    async def connect(self, *, lists: bool = True, early: EarlyCatalog | None = None) -> Catalog:
        """Open the session and load the full catalog; raise a McpTuiError on failure.

        ``lists=False``: open the session only; the catalog returned is the server's header
        (info, capabilities, no items; not cached); :meth:`lists_only` lists some. ``early``:
        the catalog this launch's prefetch child listed, taken instead of listing again when it
        fits the session (:mod:`mcptui.core.prefetch_adopt`).
        """
        if self._client is not None:
            return self.catalog or await self.resync()
        self._set_state(ConnectionState.CONNECTING, f"connecting to {self.config.describe()}")
        try:
            if self.config.is_stdio:
                await self.setup.spawn_early()  # the server starts while the SDK is imported
            # one command: build only what it uses; era_ahead: the era once a list is on its way
            await load_sdk(one_shot=self.one_shot, era_ahead=self.era_ahead and not self.config.is_stdio)
            await self._open()
            catalog = (
                await self._load_catalog(early) if lists else await fetch_catalog(self._require(), None, ())
            )
        except BaseException as exc:
            error = exc if isinstance(exc, McpTuiError) else self._explain(exc)
            await self._close()
            await self.setup.discard_early(owner_running=self._owner is not None)
            self.last_error = error
            cached = self.cache.load(self.config.cache_slug) if self.cache else None
            if self.cache is not None and self.cache.problem:
                self._notice(self.cache.problem, "warning")
            if cached is not None:
                cached.error = error.message
                self.catalog = cached
                self._notice("showing the last known catalog (stale)", "warning")
            state = ConnectionState.AUTH_REQUIRED if error.exit_code == 3 else ConnectionState.FAILED
            self._set_state(state, error.message)
            if isinstance(exc, asyncio.CancelledError):
                raise
            raise error from None
        self.last_error = None
        self._set_state(
            ConnectionState.CONNECTED, f"connected ({self.protocol_version}, {self.transport_used})"
        )
        return catalog

    async def disconnect(self) -> None:
        await self._close()
        self._set_state(ConnectionState.CLOSED, "disconnected")

    async def _open(self) -> None:
        observer = self.setup.new_observer()
        kinds = self.setup.ladder()
        for index, kind in enumerate(kinds):
            observer.facts.first_post_status = None
            try:
                await self._start_owner(kind)
                self.transport_used = kind
                return
            except BaseException as exc:  # noqa: BLE001 - explained below
                status = observer.facts.first_post_status
                last = index == len(kinds) - 1
                if not last and kind == "http" and status in SSE_FALLBACK_STATUSES:
                    self._notice(
                        f"POST to {self.config.url} got HTTP {status}: falling back to legacy HTTP+SSE"
                    )
                    continue
                raise self._explain(exc, at_start=True) from None

    def _explain(self, exc: BaseException, *, at_start: bool = False) -> McpTuiError:
        """One clear error for ``exc``; a stdio server that died at start is quoted from its stderr."""
        failure = getattr(self.setup.auth, "failure", None)
        facts = self.setup.observer.facts if self.setup.observer else None
        error = explain(exc, self.config, facts, auth_failure=failure)
        tail = self.setup.stderr_lines()
        if at_start and tail and not isinstance(failure, McpTuiError) and error.exit_code == 4:
            error.hint = f"its stderr said: {tail[-1][:200]}"
        return error

    async def _start_owner(self, kind: str) -> None:
        ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._stop = asyncio.Event()
        self._owner = asyncio.create_task(self._own(kind, ready), name=f"mcp:{self.name}")
        await self._wait_ready(ready)

    async def _wait_ready(self, ready: asyncio.Future[None]) -> None:
        # the connect timeout does not run while a person is logging in
        remaining = self.config.connect_timeout
        while True:
            try:
                await asyncio.wait_for(asyncio.shield(ready), timeout=min(remaining, 0.5))
                return
            except TimeoutError:
                if getattr(self.setup.auth, "waiting_on_person", False):
                    continue
                remaining -= 0.5
                if remaining <= 0:
                    ready.add_done_callback(lambda f: f.cancelled() or f.exception())
                    await self._abandon_owner()
                    raise TimeoutError(f"no answer within {self.config.connect_timeout:g} s") from None

    async def _abandon_owner(self) -> None:
        owner, self._owner = self._owner, None
        if owner is not None:
            owner.cancel()
            with contextlib.suppress(BaseException):
                await owner

    async def _own(self, kind: str, ready: asyncio.Future[None]) -> None:
        """The owning task: enter the Client, serve until asked to stop, exit it here."""
        sdk_import.import_client()  # no-op once loaded (load_sdk imports it in a thread)
        from mcp import Client

        setup = self.setup
        sdk_logs.bind(self.sink, self.name)  # this task's context: the SDK's log records are ours
        tap = setup.wire_tap(kind)
        try:
            async with AsyncExitStack() as stack:
                transport = await setup.transport(kind, stack, tap)
                client = Client(transport, **setup.client_options())
                await stack.enter_async_context(client)
                if self.keep_aside:  # a result kept aside is judged whole (core/spill_check.py)
                    from mcptui.core.spill_check import guard

                    guard(client.session)
                self._client = client
                self.protocol_version = client.protocol_version
                await setup.after_open(client)
                ready.set_result(None)
                assert self._stop is not None
                await self._stop.wait()
        except BaseException as exc:  # noqa: BLE001 - reported to the waiter or as a lost connection
            if not ready.done():
                ready.set_exception(
                    exc if isinstance(exc, Exception) else TransportError("connection cancelled")
                )
            elif not (self._stop and self._stop.is_set()) and not isinstance(exc, asyncio.CancelledError):
                self.last_error = self._explain(exc)
                self._set_state(ConnectionState.FAILED, f"connection lost: {self.last_error.message}")
        finally:
            self._client = None
            died_at_start = not ready.done() or ready.cancelled() or ready.exception() is not None
            await setup.close_stderr(died_at_start=died_at_start)

    async def _close(self) -> None:
        self.in_flight.connection_closed(self.name)  # open questions close, saying why
        await self.notifications.close()
        owner, self._owner = self._owner, None
        if owner is not None:
            if self._stop is not None:
                self._stop.set()
            try:
                await asyncio.wait_for(asyncio.shield(owner), 5.0)
            except BaseException:  # noqa: BLE001 - a stuck transport is cancelled
                owner.cancel()
                with contextlib.suppress(BaseException):
                    await owner
        self._client = None

    # ----------------------------------------------------------------- catalog
    async def _load_catalog(self, early: EarlyCatalog | None = None) -> Catalog:
        client = self._require()
        catalog = await adopted(client, self.transport_used, early) if early is not None else None
        if catalog is None:
            catalog = await fetch_catalog(client, self.transport_used)
        for line in catalog_items.warning_lines(catalog):
            self._notice(line, "warning")
        self.catalog = catalog
        if self.cache is not None:
            self.cache.save_soon(self.config.cache_slug, catalog)
        return catalog

    async def lists_only(self, kinds: tuple[str, ...]) -> Catalog:
        """The server's ``kinds`` lists ("tools", "prompts"...; every page), no others; not cached."""
        return await self._call(lambda: fetch_catalog(self._require(), self.transport_used, kinds))

    def known_tool(self, tool: dict[str, Any]) -> None:
        """Tell the SDK ``tool``'s output schema (from a cached catalog), so that validating
        the result of calling it does not first list every tool of the server."""
        session = self._require().session
        tool_bookkeeping.flush(session)  # a listing's deferred bookkeeping comes first
        schemas = getattr(session, "_tool_output_schemas", None)
        if isinstance(schemas, dict) and "name" in tool:
            schemas[tool["name"]] = tool.get("outputSchema")

    async def resync(self) -> Catalog:
        """Reload the whole catalog from the server."""
        catalog = await self._call(lambda: self._load_catalog())
        self._set_state(ConnectionState.CONNECTED, "catalog reloaded")
        return catalog

    # ----------------------------------------------------------------- operations
    def _require(self) -> Any:
        if self._client is None:
            raise TransportError(
                f"not connected to {self.config.describe()}", hint="connect first (or retry)"
            )
        return self._client

    async def _call(self, op: Callable[[], Awaitable[T]]) -> T:
        """Run ``op``; on a forgotten session (HTTP 404) rebuild the connection and retry once."""
        self._require()
        if self.setup.observer is not None:
            self.setup.observer.facts.session_expired = False
        try:
            return await op()
        except McpTuiError:
            raise
        except Exception as exc:
            observer = self.setup.observer
            if observer is not None and observer.facts.session_expired:
                self._notice(
                    "the server forgot the session (HTTP 404): reconnecting and retrying once", "warning"
                )
                async with self._reconnect_lock:
                    await self._close()
                    await self._open()
                return await self._retry(op)
            raise self._explain(exc) from None

    async def _retry(self, op: Callable[[], Awaitable[T]]) -> T:
        try:
            return await op()
        except McpTuiError:
            raise
        except Exception as exc:
            raise self._explain(exc) from None

    async def __aenter__(self) -> ServerConnection:
        await self.connect()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.disconnect()
