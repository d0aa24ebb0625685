"""A server's catalog fetched at launch, before the live connection is up (the TUI's cold start).

Importing the SDK takes ~0.5 s and holds the GIL, so the TUI's own connection cannot start
until Textual has drawn its first frame and then waits for that import. A
:class:`ChildPrefetch` starts a child process (``python -m mcptui.core.prefetch``) as the TUI
launches: on the other core it imports the SDK, connects, lists the catalog and writes it to
a pipe as one JSON line. The :class:`~mcptui.core.session.SessionManager` shows it (marked
``prefetched``) until the live connection's catalog replaces it; the child's failures (server
down, garbage on the pipe, a crash) mean only that nothing is shown early.

The source sits behind :class:`PrefetchSource` so another one (a warm agent's) can be added.
The child is started only when a core is spare (load average below the cores less one): on a
busy machine it competes with the TUI for the same CPU and the catalog comes later, not sooner.
Only HTTP servers without credentials are prefetched: a stdio server would be spawned twice,
and a sign-in cannot happen in a child. A prefetch names the server settings it fetched with
(:func:`config_fingerprint`); it is shown only for a server with those same settings.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import threading
from typing import Any, Protocol

from mcptui.core.catalog import Catalog, catalog_from_data
from mcptui.core.server_config import AuthSettings, ServerConfig

CHILD_TIMEOUT = 15.0  # the child gives up (and the parent stops waiting) after this long
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


class ChildPrefetch:
    """A child process fetching one server's catalog; started when this is built."""

    def __init__(self, config: ServerConfig, python: str = sys.executable) -> None:
        self.fingerprint = config_fingerprint(config)
        settings = {"name": config.name, **{name: getattr(config, name) for name in _SETTINGS}}
        self._process = subprocess.Popen(
            [python, "-m", "mcptui.core.prefetch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._catalog: Catalog | None = None
        self._done = threading.Event()
        assert self._process.stdin is not None
        try:  # the settings go on stdin: headers may hold secrets (never on the command line)
            self._process.stdin.write(json.dumps(settings).encode() + b"\n")
            self._process.stdin.close()
        except OSError:
            pass
        threading.Thread(target=self._read, name="catalog-prefetch", daemon=True).start()

    def _read(self) -> None:
        """In a thread: the child's line, parsed here rather than on the event loop."""
        try:
            assert self._process.stdout is not None
            self._catalog = parse_line(self._process.stdout.readline())
        except (OSError, ValueError):
            self._catalog = None
        finally:
            self._done.set()

    async def catalog(self) -> Catalog | None:
        """The child's catalog, or None (it failed, wrote garbage, or took too long)."""
        finished = await asyncio.to_thread(self._done.wait, CHILD_TIMEOUT)
        self.close()
        return self._catalog if finished else None

    def close(self) -> None:
        """Stop the child if it still runs (nothing of it is needed any more)."""
        if self._process.poll() is None:
            with contextlib.suppress(OSError):
                self._process.kill()
        threading.Thread(target=self._process.wait, daemon=True).start()  # reaped, not waited for


def spare_core() -> bool:
    """A core is idle for the child: it only pays on a core of its own (bench/tui_bench.py)."""
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:
        return cores >= 2
    return cores >= 2 and load <= cores - 1


def start_for(
    configs: list[ServerConfig], skip: set[str] | frozenset[str] = frozenset()
) -> tuple[str, ChildPrefetch] | None:
    """A prefetch of the first server the TUI connects at launch (not in ``skip``), when it can
    be prefetched and a core is spare; ``MCPTUI_PREFETCH=0`` never, ``=1`` always (the bench)."""
    wanted = os.environ.get("MCPTUI_PREFETCH", "")
    if wanted == "0" or (wanted != "1" and not spare_core()):
        return None
    first = next((c for c in configs if c.name not in skip), None)
    if first is None or not can_prefetch(first):
        return None
    try:
        return first.name, ChildPrefetch(first)
    except OSError:
        return None


def parse_line(line: bytes) -> Catalog | None:
    """The catalog in one line the child wrote, or None when it is not one."""
    try:
        data = json.loads(line)
        if not isinstance(data, dict) or data.get("format") != 1:
            return None
        catalog = catalog_from_data(data.get("catalog"))
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
    catalog.prefetched, catalog.stale, catalog.error = True, False, None
    return catalog


async def _fetch(settings: dict[str, Any]) -> None:
    """In the child: connect, list, write the catalog as one line, then disconnect."""
    from mcptui.core.connection import ServerConnection

    config = ServerConfig(**settings)
    connection = ServerConnection(config)
    try:
        catalog = await connection.connect()
        line = json.dumps({"format": 1, "catalog": catalog.to_dict()})
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        sys.stdout.close()
    finally:
        with contextlib.suppress(BaseException):  # the parent has what it needs
            await asyncio.wait_for(connection.disconnect(), 2.0)


def main() -> None:
    import gc

    gc.disable()  # a short-lived process: cyclic collections only cost time
    try:
        settings = json.loads(sys.stdin.readline())
        asyncio.run(asyncio.wait_for(_fetch(settings), CHILD_TIMEOUT))
    except BaseException:  # noqa: BLE001 - any failure: nothing is written, the TUI connects as usual
        pass
    os._exit(0)


if __name__ == "__main__":
    main()
