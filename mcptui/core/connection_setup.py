"""What one connection attempt is built from: the transport, its auth, its wire layers, the
Client's options, and the stdio child with its stderr pipe.

:class:`ConnectionSetup` is the set-up part a :class:`mcptui.core.connection.ServerConnection`
holds as ``setup`` (composition; the connection owns the life cycle: the owning task, the
handshake's outcome, closing). It chooses the transports to try, starts a stdio server early
(while the SDK is imported) and ends it if the connect fails, builds the SDK transport with the
auth engine and the HTTP observer's hooks (and the fast path, the guard, the wire tap and the
client task desk around it), and the ``Client``'s options. It keeps what the connection reads
back when something fails: the auth engine (its failure, whether a person is signing in), the
HTTP observer (its facts) and the server's last stderr lines.
"""

from __future__ import annotations

import contextlib
import warnings
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, Any

from mcptui.core.events import null_sink
from mcptui.core.operations import modern_versions

if TYPE_CHECKING:
    from mcptui.core.connection import ServerConnection


class ConnectionSetup:
    """Builds each connection attempt of a ServerConnection (held by it as ``setup``)."""

    def __init__(self, connection: ServerConnection) -> None:
        self.connection = connection
        self.auth: Any = None  # the auth engine of the last HTTP attempt (None: stdio, or no auth)
        self.observer: Any = None  # the HttpObserver of the last open (its facts explain failures)
        self.stderr: Any = None  # the stdio server's StderrPipe while it runs
        self.stderr_tail: list[str] = []  # its last lines, kept once the pipe is closed

    def new_observer(self) -> Any:
        """A fresh HTTP observer for an open (reporting each exchange to the connection's sink)."""
        from mcptui.core.wire_tap import HttpObserver

        conn = self.connection
        self.observer = HttpObserver(conn.sink, conn.name)
        return self.observer

    def ladder(self) -> list[str]:
        """The transports to try, in order."""
        config = self.connection.config
        if config.is_stdio:
            return ["stdio"]
        if config.transport == "auto":
            return ["http", "sse"]
        return [config.transport]

    def stderr_lines(self) -> list[str]:
        """The stdio server's last stderr lines (from the pipe while it is open)."""
        return self.stderr.lines if self.stderr is not None else self.stderr_tail

    # ----------------------------------------------------------------- the stdio child
    async def spawn_early(self) -> None:
        """Start the stdio server now, while the SDK is imported; the SDK takes it later."""
        from mcptui.core import child_guard
        from mcptui.core.stderr_pipe import StderrPipe

        conn = self.connection
        config = conn.config
        env = dict(config.env) if config.env else None
        if self.stderr is None and await self._take_launch_child(env):
            return
        if self.stderr is None:
            self.stderr = StderrPipe(conn.sink, conn.name)
            await self.stderr.start()
        await child_guard.prespawn(
            config.command or "", list(config.args), env, self.stderr.writer, config.cwd or None
        )

    async def _take_launch_child(self, env: dict[str, str] | None) -> bool:
        """The server spawned at launch (:mod:`mcptui.core.early_child`) when it is this one's:
        offered to the SDK's spawn, its stderr pipe this connection's."""
        from mcptui.core import child_guard, early_child

        config = self.connection.config
        full = child_guard.child_environment(env)
        held = early_child.take(config.command or "", list(config.args), full, config.cwd or None)
        if held is None:
            return False
        from mcptui.core import early_process
        from mcptui.core.stderr_pipe import StderrPipe

        conn = self.connection
        self.stderr = StderrPipe(conn.sink, conn.name, fds=held.stderr_fds)
        await self.stderr.start()
        process = await early_process.wrap(held.popen)
        child_guard.adopt_early(
            held.command, held.args, config.cwd or None, self.stderr.writer, full, process
        )
        return True

    async def discard_early(self, *, owner_running: bool) -> None:
        """A connect that failed before the SDK took the early child: end it, close its pipe
        (unless an owning task runs: it closes the pipe as it ends)."""
        if not self.connection.config.is_stdio:
            return
        from mcptui.core import child_guard, early_child

        early_child.discard()
        await child_guard.discard_early()
        if self.stderr is not None and not owner_running:
            self.stderr_tail = list(self.stderr.lines)
            await self.stderr.close()
            self.stderr = None

    async def close_stderr(self, *, died_at_start: bool) -> None:
        """The owning task ends: keep the stderr pipe's last lines and close it."""
        if self.stderr is None:
            return
        if died_at_start:
            await self.stderr.drain()  # a server that died at start usually said why
        self.stderr_tail = list(self.stderr.lines)
        await self.stderr.close()
        self.stderr = None

    # ----------------------------------------------------------------- the transport
    def wire_tap(self, kind: str) -> Any:
        """The wire tap of this attempt (None: nobody listening, the per-message work skipped);
        over streamable HTTP, the fast path bound in this task (big messages kept aside, log
        floods read cheaply: core/wire_fast_path.py)."""
        from mcptui.core import wire_fast_path
        from mcptui.core.wire_tap import MessageTap

        conn = self.connection
        tap = MessageTap(conn.sink, conn.name) if conn.sink is not null_sink else None
        if kind == "http":
            observe = tap.observe_wire if tap else None
            wire_fast_path.bind(wire_fast_path.FastPath(conn.name, conn.sink, observe, spill=conn.keep_aside))
        return tap

    async def transport(self, kind: str, stack: AsyncExitStack, tap: Any) -> Any:
        """The SDK transport of ``kind``, with the guard, ``tap`` and the client task desk around it."""
        from mcptui.core.wire_guard import guarded
        from mcptui.core.wire_tap import tapped

        conn = self.connection
        transport = guarded(
            await self._sdk_transport(kind, stack), stdio=kind == "stdio"
        )  # unusable answers fail fast
        if tap is not None:
            transport = tapped(transport, tap)
        if conn.handlers is not None and conn.config.client_tasks:
            from mcptui.core.client_tasks import ClientTaskDesk, serving

            # the tasks the server opens toward us (the SDK has no place for them)
            conn.client_tasks = ClientTaskDesk(conn.name, conn.sink)
            transport = serving(transport, conn.client_tasks)
        return transport

    async def _sdk_transport(self, kind: str, stack: AsyncExitStack) -> Any:
        from mcptui.core import transports

        conn = self.connection
        if kind == "stdio":
            if conn.one_shot:
                from mcptui.core import child_guard

                child_guard.one_shot_graces()  # the answer is in: end the child soon
            if self.stderr is None:  # else opened with the early child (spawn_early)
                self.stderr = transports.StderrPipe(conn.sink, conn.name)
                await self.stderr.start()
            return transports.stdio_transport(conn.config, self.stderr)
        self.auth = conn.auth_factory(conn.config, conn.sink) if conn.auth_factory else None
        from mcptui.core.wire_fast_path import enabled

        self.observer.spill_events = kind == "http" and conn.keep_aside and enabled()  # core/sse_spill.py
        hooks = self.observer.hooks()
        if conn.era_ahead:  # the newest era imported once the first list is on its way
            from mcptui.core import era_ahead

            hooks["request"].append(era_ahead.on_request)
        if kind == "sse":
            return transports.sse_transport(conn.config, hooks, self.auth)
        return transports.streamable_transport(
            conn.config, hooks, self.auth, conn.http_transport, get_stream=not conn.one_shot
        )

    # ----------------------------------------------------------------- the client
    def client_options(self) -> dict[str, Any]:
        """The SDK ``Client``'s keyword arguments: the era, timeouts, callbacks, extensions."""
        import mcp.types as types

        from mcptui import __version__
        from mcptui.core.handlers import sdk_callbacks

        conn = self.connection
        options: dict[str, Any] = {
            "mode": conn.config.protocol,
            "cache": None,
            "read_timeout_seconds": conn.config.timeout,
            "logging_callback": conn.notifications.on_log,
            "message_handler": conn.notifications.on_message,
            "client_info": types.Implementation(name="mcptui", version=__version__),
        }
        if conn.log_level:
            options["log_level"] = conn.log_level
        if conn.offer_tasks:  # declared per request in 2026-07-28 only (the SDK drops it in 2025)
            from mcptui.core.tasks_ext_wire import client_extension

            options["extensions"] = [client_extension()]
        if conn.handlers is not None:
            options.update(
                sdk_callbacks(
                    conn.handlers,
                    conn.name,
                    conn.clocks.waiting_on_person,
                    calls=conn.in_flight,
                    keepalive=conn.keepalive_seconds,
                    legacy=lambda: conn.protocol_version not in modern_versions(),
                )
            )
            if not conn.offer_roots:
                options.pop("list_roots_callback", None)
        return options

    async def after_open(self, client: Any) -> None:
        """Once the handshake is done: listen for what the server says unasked (2026-07-28),
        or set the log level (2025-11-25, when the server logs)."""
        conn = self.connection
        caps = client.server_capabilities
        if conn.protocol_version in modern_versions():
            if (caps.tools or caps.prompts or caps.resources) and not conn.one_shot:
                await conn.notifications.start_listening(client)
        elif caps.logging is not None and conn.log_level:
            with warnings.catch_warnings(), contextlib.suppress(Exception):
                warnings.simplefilter("ignore")
                await client.set_logging_level(conn.log_level)
