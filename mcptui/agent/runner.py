"""One client's command, run by the CLI's own code in a worker thread, on a warm connection.

The worker thread calls :func:`mcptui.cli.main.main` with the client's argv, so parsing,
errors, exit codes and output are the CLI's. ``main`` hands server commands to
:func:`run_pooled` (``agent_client.in_agent_runner``): it resolves TARGET like
``commands_server.run_remote`` does, leases the warm connection from the pool (on the
agent's loop), and awaits the command's own action (``cmd_list``, ``cmd_call``...) in the
thread's event loop with a :class:`HomeLoopConnection`, which runs each call of the
connection on the agent's loop, where the connection lives. A blocking question to the
person (a destructive call's ``[y/N]``) blocks this worker only.

:meth:`PooledRunner.catalog` serves a TUI's ``catalog`` frame on the agent's loop: the
catalog ``mcptui list TARGET`` would show, from the same warm connection (the same key), with
nobody to answer a sign-in.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, TextIO, cast

from mcptui.agent.pool import Entry, Pool, RoutingHandlers, RoutingSink, pool_key
from mcptui.agent.terminal import CURRENT, RemoteTerminal
from mcptui.core.errors import McpTuiError


class HomeLoopConnection:
    """A ServerConnection seen from another thread's loop: its coroutines run on the agent's loop."""

    def __init__(self, connection: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._connection = connection
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._connection, name)
        if not inspect.iscoroutinefunction(value):
            return value

        async def on_home_loop(*args: Any, **kwargs: Any) -> Any:
            return await on_loop(self._loop, value(*args, **kwargs))

        return on_home_loop


async def on_loop(loop: asyncio.AbstractEventLoop, coroutine: Any) -> Any:
    """Await ``coroutine`` on ``loop`` (from another thread's loop); cancelling cancels it there."""
    return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, loop))


class PooledRunner:
    """``agent_client.in_agent_runner``: the pooled counterpart of ``commands_server.run_remote``."""

    def __init__(self, pool: Pool, loop: asyncio.AbstractEventLoop) -> None:
        self.pool = pool
        self.loop = loop

    def __call__(self, args: Any) -> int:
        from mcptui.cli import commands_server
        from mcptui.cli.context import resolve
        from mcptui.cli.parser import COMMANDS

        terminal = CURRENT.get()
        assert terminal is not None, "a pooled command runs for a client"
        run: Any = COMMANDS[args.command].run  # functools.partial(run_remote, action=, synopsis=)
        action, synopsis = run.keywords["action"], run.keywords["synopsis"]
        target, rest = commands_server.split_target(args, synopsis)
        commands_server._check_words(rest, synopsis)
        config = resolve(args, target)
        label = target or config.describe()
        return asyncio.run(self._session(args, config, label, rest, action, terminal))

    async def catalog(self, config: Any, cwd: str) -> Any:
        """On the agent's loop: the catalog of ``config`` as a plain ``mcptui list TARGET`` gets it.

        The warm connection's entry is the one ``list`` uses (same key: a ``list`` without
        options); a busy one answers with its catalog as it is, without waiting. An HTTP
        server is connected when no entry is warm; a stdio one is not (it would be spawned
        only for this). Nobody can answer a sign-in: it fails fast, as without a terminal.
        """
        from mcptui.cli.parser import parse_args
        from mcptui.core.auth import NonInteractive
        from mcptui.core.errors import McpTuiError

        args = parse_args(["list", "TARGET"])  # the defaults of every option (TARGET is not read)
        key = pool_key(config, args, cwd)
        entry = self.pool.entries.get(key)
        if entry is not None and entry.lock.locked():
            if entry.connection.catalog is None:
                raise McpTuiError("the warm connection is busy and has no catalog yet")
            return entry.connection.catalog
        if entry is None and config.is_stdio:
            raise McpTuiError("no warm connection to this stdio server")
        lend = _lender(None, None, NonInteractive(), None)
        label = config.name if config.from_config else config.describe()
        make = self._entry_factory(args, config, key, label)
        entry = lend(await self.pool.lease(key, label, lambda: lend(make())))
        try:
            return await self._fresh_catalog(args, entry.connection, entry, [])
        finally:
            self.pool.release(entry)

    def _entry_factory(self, args: Any, config: Any, key: str, label: str) -> Any:
        def make() -> Entry:
            from mcptui.agent.sign_in import RoutingInteraction, routed_auth_factory
            from mcptui.core import locations
            from mcptui.core.catalog import CatalogCache
            from mcptui.core.connection import ServerConnection

            sink, handlers, interaction = RoutingSink(), RoutingHandlers(config.roots), RoutingInteraction()
            connection = ServerConnection(
                config,
                sink=sink,
                cache=CatalogCache(locations.catalog_cache_dir()),
                handlers=handlers,
                auth_factory=routed_auth_factory(args, interaction),
                log_level="debug" if args.verbose else None,
            )
            return Entry(
                key=key,
                label=label,
                connection=connection,
                sink=sink,
                handlers=handlers,
                interaction=interaction,
            )

        return make

    async def _session(
        self, args: Any, config: Any, label: str, rest: list[str], action: Any, terminal: RemoteTerminal
    ) -> int:
        import os

        from mcptui.cli import commands_server
        from mcptui.cli.auth_tty import terminal_or_noninteractive
        from mcptui.cli.events import StderrEventSink
        from mcptui.cli.handlers import CliHandlers

        key = pool_key(config, args, os.getcwd())
        task = asyncio.current_task()
        worker_loop = asyncio.get_running_loop()
        if task is not None:
            terminal.on_gone.append(lambda: worker_loop.call_soon_threadsafe(task.cancel))
        make = self._entry_factory(args, config, key, label)
        sink = (
            StderrEventSink(cast(TextIO, terminal.stderr), detail=args.verbose >= 2) if args.verbose else None
        )
        handlers = CliHandlers(
            accept_defaults=args.accept_defaults,
            interactive=terminal.interactive,
            stdin=cast(TextIO, terminal.stdin),
            stderr=cast(TextIO, terminal.stderr),
            roots=config.roots,
        )

        person = terminal_or_noninteractive()  # by the client's TTYs (sys.stdin is routed to it)
        lend = _lender(sink, handlers, person, terminal)

        async def lease() -> Entry:
            entry = await self.pool.lease(key, label, lambda: lend(make()))
            return lend(entry)

        try:
            entry = await on_loop(self.loop, lease())
        except McpTuiError:
            cached = self.pool.last_failed_catalog.pop(key, None)
            if args.command == "list" and cached is not None:
                commands_server._show_catalog(args, cached, label)
            raise
        try:
            connection = HomeLoopConnection(entry.connection, self.loop)
            catalog = await self._fresh_catalog(args, connection, entry, rest)
            return await action(args, connection, catalog, label, rest)
        finally:
            self.loop.call_soon_threadsafe(self.pool.release, entry)

    async def _fresh_catalog(self, args: Any, connection: Any, entry: Entry, rest: list[str]) -> Any:
        """``list`` always reloads; ``call``/``prompt`` reload when the name is not in the warm catalog."""
        catalog = entry.connection.catalog
        if entry.calls == 0 and catalog is not None:
            return catalog  # just connected: the catalog is fresh
        if args.command == "list" or catalog is None:
            return await connection.resync()
        if args.command in ("call", "prompt") and rest:
            find = catalog.tool if args.command == "call" else catalog.prompt
            if find(rest[0]) is None:
                return await connection.resync()
        return catalog


def _lender(sink: Any, handlers: Any, person: Any, terminal: RemoteTerminal | None) -> Any:
    """Point an entry's sink, handlers and sign-in at this command's (a new entry from its first connect)."""

    def lend(entry: Entry) -> Entry:
        entry.sink.target, entry.handlers.target = sink, handlers
        if entry.interaction is not None:
            entry.interaction.lend(person, terminal)
        return entry

    return lend
