"""A server's catalog fetched at launch, before the live connection is up (the TUI's cold start).

Importing the SDK takes ~0.5 s and holds the GIL, so the TUI's own connection cannot start
until Textual has drawn its first frame and then waits for that import. Two sources bring the
catalog earlier, each a :class:`PrefetchSource` (a :class:`LinePrefetch`: one JSON line read
in a thread), chosen by ``mcptui.__main__`` before Textual is imported:

- the warm agent, when one runs (:mod:`mcptui.cli.agent_catalog`): a ``catalog`` frame over
  its socket, answered from its pooled connection in milliseconds;
- else a child: a fork of the TUI (:class:`ForkPrefetch`, see :mod:`.prefetch_fork`; forked
  first thing for ``mcptui URL``, so its SDK import overlaps the command line's start) or, in
  a process with threads, a new interpreter (:class:`ChildPrefetch`, ``python -m
  mcptui.core.prefetch``). On the other core it imports the SDK, connects, lists the catalog
  and writes it to a pipe. It is started only when a core is spare (load average below the
  number of cores): on a busy machine it competes with the TUI for the same CPU and the catalog
  comes later, not sooner. ``MCPTUI_PREFETCH=0`` never prefetches, ``=1`` always starts it.

The :class:`~mcptui.core.session.SessionManager` shows the catalog (marked ``prefetched``:
"showing the catalog fetched at launch" while the TUI's own session connects) until the live
connection's replaces it: a child's catalog is taken over by the live connection rather than
listed again (:mod:`mcptui.core.prefetch_adopt`); the TUI starts that connection once the
early catalog is drawn, or
:data:`LIVE_HEAD_START` after the first frame (bench/tui_bench.py). A source's failures
(server down, garbage on the pipe, a crash, no agent) mean only that nothing is shown early.
A child prefetches only HTTP servers without credentials: a stdio server would be spawned
twice, and a sign-in cannot happen in a child (the agent answers for a stdio server only from
a warm connection, and never signs in for it). A prefetch names the server settings it fetched
with (:func:`config_fingerprint`); it is shown only for a server with those same settings.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, Protocol, TextIO

from mcptui.core.catalog import Catalog, catalog_from_data
from mcptui.core.server_config import AuthSettings, ServerConfig

if TYPE_CHECKING:
    from mcptui.core.prefetch_fork import EarlyFork

CHILD_TIMEOUT = 15.0  # the child gives up (and the parent stops waiting) after this long
LIVE_HEAD_START = 0.4  # s after the first frame: the live connection waits no longer for a prefetch
PARSE_ON_ARRIVAL_BYTES = 256 * 1024  # a line this short is parsed by the reader as it arrives
_SETTINGS = ("url", "transport", "headers", "timeout", "connect_timeout", "protocol")


class PrefetchSource(Protocol):
    """Where an early catalog comes from: its server's settings and the catalog (None: none)."""

    fingerprint: str

    async def catalog(self) -> Catalog | None: ...

    def close(self) -> None: ...


def config_fingerprint(config: ServerConfig) -> str:
    """The settings a catalog was fetched with: a prefetch is shown only for the same ones."""
    return json.dumps([config.name, *(getattr(config, name) for name in _SETTINGS)], sort_keys=True)


def can_prefetch(config: ServerConfig) -> bool:
    return bool(config.url) and not config.is_stdio and config.auth == AuthSettings()


class LinePrefetch:
    """A catalog arriving as one JSON line (:func:`parse_line`) on ``stream``, read in a thread.

    ``stop`` ends what writes the line (kills a child, closes a socket); it is called once,
    by :meth:`close`. The child's, the fork's and the agent's sources are all one of these.
    """

    listed_for_launch = False  # a child listing it now: the live connection takes it (prefetch_adopt)

    def __init__(self, fingerprint: str, stream: IO[bytes], stop: Callable[[], None]) -> None:
        self.fingerprint = fingerprint
        self._stream = stream
        self._stop: Callable[[], None] | None = stop
        self._line = b""
        self._parsed: tuple[Catalog | None] | None = None  # (catalog,) once parsed on arrival
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._wake: Callable[[], None] | None = None  # tells catalog()'s loop the line is in
        threading.Thread(target=self._read, name="catalog-prefetch", daemon=True).start()

    def _read(self) -> None:
        """In a thread: the line; a short one parsed now (~1 ms for the demo's 17 KB: the TUI
        then draws it without a hop to a thread), a long one by :meth:`catalog`, not while
        Textual starts."""
        try:
            self._line = read_line(self._stream)
            if 0 < len(self._line) <= PARSE_ON_ARRIVAL_BYTES:
                self._parsed = (parse_line(self._line),)
        except (OSError, ValueError):
            self._line = b""
        finally:
            with contextlib.suppress(OSError):
                self._stream.close()
            self._done.set()
            with self._lock:
                wake, self._wake = self._wake, None
            if wake is not None:
                wake()

    @property
    def arrived(self) -> bool:
        """The line has been read (or the stream ended): :meth:`catalog` will not wait."""
        return self._done.is_set()

    async def catalog(self) -> Catalog | None:
        """The catalog, or None (the writer failed, wrote garbage, or took too long).

        A long line is parsed in a thread once asked for (the TUI asks as its first frame is
        built): a big catalog that came early does not hold the GIL while Textual is imported.
        """
        finished = self._done.is_set() or await self._arrival()
        self.close()
        if not finished or not self._line:
            return None
        if self._parsed is not None:
            return self._parsed[0]
        return await asyncio.to_thread(parse_line, self._line)

    async def _arrival(self) -> bool:
        """Wait for the line (at most :data:`CHILD_TIMEOUT`): the reader wakes this loop itself,
        no thread waits for it (one OS wake-up less: line parsed to catalog published, median 4.2 ->
        1.7 ms, worst 35 -> 8 ms, 10 interleaved launches at load 2-3.9; mcptui.core.speed)."""
        loop = asyncio.get_running_loop()
        arrived: asyncio.Future[None] = loop.create_future()

        def settle() -> None:
            if not arrived.done():
                arrived.set_result(None)

        def wake() -> None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits any more
                loop.call_soon_threadsafe(settle)

        with self._lock:
            if self._done.is_set():
                return True
            self._wake = wake
        try:
            await asyncio.wait_for(arrived, CHILD_TIMEOUT)
        except TimeoutError:
            return False
        finally:
            with self._lock:
                self._wake = None
        return True

    def close(self) -> None:
        """Stop the writer if it still runs (nothing of it is needed any more)."""
        stop, self._stop = self._stop, None
        if stop is not None:
            stop()


LINE_READ = 1 << 20  # bytes asked for at once by read_line


def read_line(stream: IO[bytes]) -> bytes:
    """The first line of ``stream`` (with its newline; what came before EOF without one).

    ``readline`` reads a pipe 8 KiB at a time, taking the GIL back for each piece: a 7.5 MB
    catalog line is ~900 pieces, each waiting its turn behind the TUI's threads (its SDK import
    holds the GIL meanwhile). Here each read takes what has arrived, up to 1 MiB (the fork's
    pipe holds that much: :class:`ForkPrefetch`). What follows the line is not wanted.
    """
    read = getattr(stream, "read1", None) or stream.read  # one system call per read, either way
    parts: list[bytes] = []
    while chunk := read(LINE_READ):
        end = chunk.find(b"\n")
        if end >= 0:
            parts.append(chunk[: end + 1])
            break
        parts.append(chunk)
    return b"".join(parts)


def _bigger_pipe(fd: int) -> None:
    """Let the pipe behind ``fd`` hold :data:`LINE_READ` bytes (Linux; the default is 64 KiB)."""
    import fcntl

    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, LINE_READ)


def _settings(config: ServerConfig) -> dict[str, Any]:
    return {"name": config.name, **{name: getattr(config, name) for name in _SETTINGS}}


class ChildPrefetch(LinePrefetch):
    """A child process (``python -m mcptui.core.prefetch``) fetching one server's catalog."""

    listed_for_launch = True

    def __init__(self, config: ServerConfig, python: str = sys.executable) -> None:
        process = subprocess.Popen(
            [python, "-m", "mcptui.core.prefetch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert process.stdin is not None and process.stdout is not None
        _bigger_pipe(process.stdout.fileno())
        try:  # the settings go on stdin: headers may hold secrets (never on the command line)
            process.stdin.write(json.dumps(_settings(config)).encode() + b"\n")
            process.stdin.close()
        except OSError:
            pass

        def stop() -> None:
            if process.poll() is None:
                with contextlib.suppress(OSError):
                    process.kill()
            threading.Thread(target=process.wait, daemon=True).start()  # reaped, not waited for

        super().__init__(config_fingerprint(config), process.stdout, stop)


class ForkPrefetch(LinePrefetch):
    """A copy of this process (:class:`~mcptui.core.prefetch_fork.EarlyFork`) fetching one catalog.

    It skips a new interpreter's start and our modules' imports against :class:`ChildPrefetch`;
    forked early (``mcptui URL``), its SDK import overlaps the command line's start too. A fork
    copies only the calling thread: forked here only while this process has one.
    """

    listed_for_launch = True

    def __init__(self, config: ServerConfig, early: EarlyFork | None = None) -> None:
        from mcptui.core.prefetch_fork import EarlyFork

        child = early if early is not None else EarlyFork()
        line = child.send(json.dumps(_settings(config)).encode() + b"\n")
        _bigger_pipe(line)
        super().__init__(config_fingerprint(config), os.fdopen(line, "rb", buffering=0), child.stop)


def fetch_in_child(settings_line: bytes, line_fd: int) -> None:
    """In a forked copy: fetch the catalog of the settings in ``settings_line``, write it to ``line_fd``.

    A one-shot connection (:func:`_fetch`): it asks only for the lists."""
    with os.fdopen(line_fd, "w", encoding="utf-8") as out:
        asyncio.run(asyncio.wait_for(_fetch(json.loads(settings_line), out), CHILD_TIMEOUT))


def spare_core() -> bool:
    """A core can be given to the child: it only pays with one (:func:`.prefetch_fork.core_to_spare`)."""
    from mcptui.core.prefetch_fork import core_to_spare

    return core_to_spare()


def wanted() -> str:
    """``MCPTUI_PREFETCH``: "0" never prefetch, "1" always start the child (the bench), "" choose."""
    return os.environ.get("MCPTUI_PREFETCH", "")


def first_at_launch(
    configs: list[ServerConfig], skip: set[str] | frozenset[str] = frozenset()
) -> ServerConfig | None:
    """The first server the TUI connects at launch (not in ``skip``: those wait to be selected)."""
    return next((c for c in configs if c.name not in skip), None)


def start_child(config: ServerConfig, early: EarlyFork | None = None) -> LinePrefetch | None:
    """A child prefetching ``config``'s catalog, when it can be prefetched and a core is spare
    (``MCPTUI_PREFETCH=1``: always): ``early`` (forked at launch) when given, else a fork where
    this process is single-threaded, else a new interpreter. An unused ``early`` is ended."""
    choice = wanted()
    busy = choice == "0" or (choice != "1" and not spare_core())
    if not can_prefetch(config) or (early is None and busy):
        if early is not None:
            early.cancel()
        return None
    try:
        if early is not None or (hasattr(os, "fork") and threading.active_count() == 1):
            return ForkPrefetch(config, early)
        return ChildPrefetch(config)
    except OSError:
        return None


def start_for(
    configs: list[ServerConfig], skip: set[str] | frozenset[str] = frozenset()
) -> tuple[str, LinePrefetch] | None:
    """A child's prefetch of the first server the TUI connects at launch (see :func:`start_child`)."""
    first = first_at_launch(configs, skip)
    source = start_child(first) if first is not None else None
    return (first.name, source) if first is not None and source is not None else None


def parse_line(line: bytes) -> Catalog | None:
    """The catalog in one line the child wrote, or None when it is not one."""
    try:
        data = line_value(line)
        if not isinstance(data, dict) or data.get("format") != 1:
            return None
        catalog = catalog_from_data(data.get("catalog"))
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
    catalog.prefetched, catalog.stale, catalog.error = True, False, None
    return catalog


def line_value(line: bytes) -> Any:
    """``json.loads``'s value of a child's line; a long one by
    :func:`mcptui.core.lean_messages.json_value` (jiter, dict keys cached) when the TUI has
    imported pydantic-core already (no import for it): the demo's 50,000 tools (7.5 MB) 65 -> 49 ms."""
    if len(line) > PARSE_ON_ARRIVAL_BYTES and "pydantic_core" in sys.modules:
        from mcptui.core.lean_messages import json_value

        return json_value(line)
    return json.loads(line)


async def _fetch(settings: dict[str, Any], out: TextIO) -> None:
    """In the child: connect, list, write the catalog as one line to ``out``, then disconnect.

    A one-shot connection: no standing stream (2025-11-25 GET, 2026-07-28 listen) and no
    ``logging/setLevel``; the TUI's own connection asks for those once it is up.
    """
    from mcptui.core.connection import ServerConnection

    config = ServerConfig(**settings)
    # one list, then gone: no standing stream or listen request, no logging/setLevel round trip
    # era_ahead: the newest era's models imported while the server builds its answer
    connection = ServerConnection(config, one_shot=True, log_level=None, era_ahead=True)
    try:
        catalog = await connection.connect()
        from mcptui.core.speed import json_line

        line = json_line({"format": 1, "catalog": catalog.to_dict()})
        buffer = getattr(out, "buffer", None)  # the bytes under the text stream: no decode, no copy
        if buffer is not None:
            out.flush()
            buffer.write(line)
            buffer.flush()
        else:
            out.write(line.decode("utf-8"))
        out.close()
    finally:
        with contextlib.suppress(BaseException):  # the parent has what it needs
            await asyncio.wait_for(connection.disconnect(), 2.0)


def main() -> None:
    import gc

    gc.disable()  # a short-lived process: cyclic collections only cost time
    try:
        settings = json.loads(sys.stdin.readline())
        asyncio.run(asyncio.wait_for(_fetch(settings, sys.stdout), CHILD_TIMEOUT))
    except BaseException:  # noqa: BLE001 - any failure: nothing is written, the TUI connects as usual
        pass
    os._exit(0)


if __name__ == "__main__":
    main()
