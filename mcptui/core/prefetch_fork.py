"""The prefetch child as a fork of the launching process, started before the command line is read.

``mcptui URL`` forks first thing (:func:`looks_like_tui_on_a_url`, in ``mcptui.__main__``):
while this process imports the command line, parses, resolves the target and imports Textual
(~0.06 s of CPU before the TUI opens, then ~0.28 s), the copy imports the SDK on the other
core, then waits for the settings of the server to fetch. :class:`EarlyFork` is the parent's
handle: :meth:`~EarlyFork.send` hands over the settings (and returns the pipe the catalog line
comes back on, read by :class:`mcptui.core.prefetch.ForkPrefetch`), :meth:`~EarlyFork.cancel`
ends a copy that is not needed (an agent answered, a stdio server...). This module imports only
what a fork needs, so the check and the fork cost the launch nothing measurable.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Sequence

URL_PREFIXES = ("http://", "https://")


def looks_like_tui_on_a_url(argv: Sequence[str]) -> bool:
    """``mcptui URL`` (options after it allowed), on a terminal: what an early fork is for.

    Anything else (a command, options first, ``--``, no terminal) gets no early fork; the TUI
    on configured servers forks once it knows the first one (:func:`mcptui.core.prefetch.start_child`).
    """
    if not argv or not argv[0].startswith(URL_PREFIXES) or "--" in argv:
        return False
    try:
        return os.isatty(0) and os.isatty(1)
    except OSError:
        return False


def wanted_now() -> bool:
    """``MCPTUI_PREFETCH`` allows it and a core is spare (:func:`core_to_spare`)."""
    choice = os.environ.get("MCPTUI_PREFETCH", "")
    if choice == "0" or not hasattr(os, "fork"):
        return False
    if choice == "1":
        return True
    return core_to_spare()


def core_to_spare() -> bool:
    """Two cores or more, and a 1-minute load average below their count: the child then has a
    core's worth of time to itself. Measured on 2 cores (bench/tui_bench.py, section 2): at load
    1.7-2.7 the child still brought the catalog 0.16-0.39 s sooner than the TUI's own connection
    (medians, interleaved); at load 3-4 it came later. (It was "load <= cores - 1" before.)"""
    cores = os.cpu_count() or 1
    try:
        return cores >= 2 and os.getloadavg()[0] < cores
    except OSError:
        return cores >= 2


class EarlyFork:
    """A copy of this process importing the SDK, waiting for the server it is to fetch."""

    def __init__(self) -> None:
        settings_read, self._settings_write = os.pipe()
        self._line_read, line_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the copy: never returns
            os.close(self._settings_write)
            os.close(self._line_read)
            _child(settings_read, line_write)
        os.close(settings_read)
        os.close(line_write)
        self._sent = False

    def send(self, settings_line: bytes) -> int:
        """Hand over the server's settings (one JSON line); the descriptor its catalog line comes on.

        The settings go through a pipe, never the command line: headers may hold secrets.
        """
        self._sent = True
        with contextlib.suppress(OSError):
            os.write(self._settings_write, settings_line)
        with contextlib.suppress(OSError):
            os.close(self._settings_write)
        return self._line_read

    def stop(self) -> None:
        """Kill the copy and reap it (in a thread: nothing waits for it)."""
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)  # still ours until reaped: no pid reuse
        import threading

        threading.Thread(target=_reap, args=(self.pid,), daemon=True).start()

    def cancel(self) -> None:
        """Not needed: close both pipes and end the copy (idempotent; after :meth:`send`, a no-op)."""
        if self._sent:
            return
        self._sent = True
        for fd in (self._settings_write, self._line_read):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.stop()


def start() -> EarlyFork | None:
    """An early fork when one is wanted now (None: not wanted, or the fork failed)."""
    if not wanted_now():
        return None
    try:
        return EarlyFork()
    except OSError:
        return None


def _reap(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def _read_line(fd: int) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(fd, 65536)
        if not chunk:
            return b""  # the parent closed it without settings: nothing to fetch
        data += chunk
    return data


def import_sdk_for_one_fetch() -> None:
    """The SDK as a one-shot command imports it: the copy lists one catalog, then exits.

    Its models are built on first use, the TLS roots are not loaded (an ``http://`` server never
    needs them) and pydantic's plugin scan is off (:func:`mcptui.core.speed.load_sdk`); the
    TUI's own import builds everything, off its event loop. Instructions of the copy's whole
    path (valgrind, against the demo): 2,297 M with the TUI's import, 1,973 M with this and a
    one-shot connection (:func:`mcptui.core.prefetch.fetch_in_child`); ``python -c pass``: 88 M.
    """
    import asyncio

    asyncio.events._set_running_loop(None)  # a loop running in the forked thread is not ours
    from mcptui.core import speed

    asyncio.run(speed.load_sdk(one_shot=True))


def _child(settings_read: int, line_write: int) -> None:
    """In the copy: no terminal (no output, no input), the SDK imported, then one fetch; exit."""
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        import gc

        gc.disable()  # short-lived: cyclic collections only cost time
        import_sdk_for_one_fetch()  # meanwhile the parent reads its command line
        line = _read_line(settings_read)
        if line:
            from mcptui.core import prefetch

            prefetch.fetch_in_child(line, line_write)
    except BaseException:  # noqa: BLE001, S110 - any failure: nothing is written, the TUI connects as usual
        pass
    os._exit(0)  # nothing of the parent's (buffers, atexit) runs here
