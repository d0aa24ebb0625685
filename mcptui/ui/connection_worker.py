"""One server as the UI sees it: a long-lived connection worker plus short call workers.

:class:`ServerSession` owns a :class:`~mcptui.core.connection.ServerConnection`. Its
:meth:`ServerSession.run` coroutine is run as one long-lived Textual worker per server (group
``connection:<name>``): it connects, reports the catalog, then waits until asked to stop and
disconnects in the same task. Calls (tools, prompts, resources, resync) are short workers that
await methods on the shared connection; cancelling such a worker cancels the request.

``mcptui.core.connection`` imports the MCP SDK (~0.9 s), so it is imported here lazily, inside
the worker, after the first frame is on screen. Results go back as messages
(:mod:`mcptui.ui.messages`), never by touching widgets.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual.message import Message

from mcptui.core.catalog import Catalog, CatalogCache
from mcptui.core.errors import McpTuiError
from mcptui.core.events import ConnectionState, EventSink
from mcptui.core.history import CallKind, CallRecord
from mcptui.core.redact import redact_text
from mcptui.core.server_config import ServerConfig
from mcptui.ui.messages import CallFinished, CallProgress, CatalogLoaded, ConnectFailed

Post = Callable[[Message], Any]


class ServerSession:
    """UI-side state of one server and the coroutines its workers run."""

    def __init__(
        self,
        config: ServerConfig,
        *,
        sink: EventSink,
        post: Post,
        cache: CatalogCache | None = None,
        handlers: Any = None,
        auth_factory: Any = None,
    ) -> None:
        self.config = config
        self.sink = sink
        self.post = post
        self.cache = cache
        self.handlers = handlers
        self.auth_factory = auth_factory
        self.connection: Any = None
        self.state = ConnectionState.DISCONNECTED
        self.state_detail = ""
        self.protocol_version: str | None = None
        self.transport: str | None = None
        self.auth_state = "-"
        self.subscriptions: set[str] = set()  # resource URIs the user subscribed to
        self.auth_steps: list[Any] = []  # AuthStep events of this session (newest last, bounded)
        self.catalog: Catalog | None = None
        self.error: str | None = None
        self.hint: str = ""
        self._stop = asyncio.Event()

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def connected(self) -> bool:
        return self.connection is not None and self.state == ConnectionState.CONNECTED

    def stop(self) -> None:
        """Ask the connection worker to disconnect and end."""
        self._stop.set()

    def load_cached(self) -> Catalog | None:
        """The last cached catalog (marked stale), shown while connecting."""
        return self.cache.load(self.config.cache_slug) if self.cache is not None else None

    async def run(self) -> None:
        """The connection worker: connect, report, wait for stop, disconnect (same task)."""
        self._stop = asyncio.Event()
        from mcptui.core.connection import ServerConnection  # lazy: imports the SDK

        connection = ServerConnection(
            self.config,
            sink=self.sink,
            cache=self.cache,
            handlers=self.handlers,
            auth_factory=self.auth_factory,
        )
        self.connection = connection
        try:
            try:
                catalog = await connection.connect()
            except McpTuiError as error:
                self.post(ConnectFailed(self.name, error.message, error.hint, connection.catalog))
                return
            except Exception as error:  # noqa: BLE001 - anything else is reported, never raised into the UI
                self.post(
                    ConnectFailed(
                        self.name, redact_text(f"{type(error).__name__}: {error}"), "", connection.catalog
                    )
                )
                return
            self.post(CatalogLoaded(self.name, catalog))
            await self._stop.wait()
        finally:
            if connection.connected:
                await asyncio.shield(connection.disconnect())

    async def resync(self) -> None:
        """Reload the catalog (a short worker)."""
        if not self.connected:
            self.post(
                ConnectFailed(
                    self.name, f"{self.name} is not connected", "press F7 to reconnect", self.catalog
                )
            )
            return
        try:
            catalog = await self.connection.resync()
        except McpTuiError as error:
            self.post(ConnectFailed(self.name, error.message, error.hint, self.connection.catalog))
            return
        self.post(CatalogLoaded(self.name, catalog))

    async def call(self, kind: CallKind, name: str, arguments: dict[str, Any], *, call_id: int) -> CallRecord:
        """Run one call (a short worker); always posts :class:`CallFinished`, even when cancelled."""
        record = CallRecord(server=self.name, kind=kind, name=name, arguments=dict(arguments))
        started = time.perf_counter()

        def on_progress(progress: float, total: float | None, message: str | None) -> None:
            self.post(CallProgress(call_id, progress, total, message))

        try:
            if not self.connected:
                raise McpTuiError(f"{self.name} is not connected", hint="press F7 to reconnect")
            if kind == "tool":
                record.result = await self.connection.call_tool(name, arguments, on_progress=on_progress)
            elif kind == "prompt":
                record.result = await self.connection.get_prompt(
                    name, {k: str(v) for k, v in arguments.items() if v is not None}
                )
            else:
                record.result = await self.connection.read_resource(name)
        except asyncio.CancelledError:
            record.cancelled = True
            record.elapsed_ms = (time.perf_counter() - started) * 1000
            self.post(CallFinished(record))
            raise
        except McpTuiError as error:
            record.error = str(error)
        except Exception as error:  # noqa: BLE001 - shown to the user, not raised into the UI
            record.error = redact_text(f"{type(error).__name__}: {error}")
        record.elapsed_ms = (time.perf_counter() - started) * 1000
        self.post(CallFinished(record))
        return record
