"""Stdio servers end promptly and never outlive mcptui.

The SDK's stdio transport closes the child's stdin, waits 2 s, sends SIGTERM to its process
group, waits 2 s more, then SIGKILLs it (~4.5 s for a child that ignores both). :func:`install`
shortens those graces (a child that does not exit within :data:`EXIT_GRACE` s of stdin EOF is
terminated, and killed :data:`KILL_GRACE` s later), and records every child the transport spawns;
:func:`kill_all` (also run at interpreter exit) SIGKILLs the process group of any still alive,
so quitting never waits on a stubborn server and never leaves one behind.

:func:`prespawn` starts a stdio server before the SDK is imported (the child's own start-up,
often an interpreter importing its SDK, then runs on the other core while ours imports); the
SDK's spawn takes that process when command, arguments, directory, stderr and environment all
match, and spawns its own otherwise (the early one is then ended). A stdio one-shot's server
is spawned earlier still, at launch (:mod:`mcptui.core.early_child`, tracked here with
:func:`track`, offered to the SDK with :func:`adopt_early`). An early child that died before
the SDK's spawn is taken all the same: its stderr explains, and it is not started twice.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import signal
import sys
from typing import Any, TextIO

EXIT_GRACE = 0.5  # after stdin EOF, before SIGTERM
KILL_GRACE = 0.5  # after SIGTERM, before SIGKILL
# a one-shot command has its answer before it closes stdin: the child need not finish its own
# exit first (a Python SDK server spends ~0.27 s of interpreter teardown after EOF; SIGTERM
# ends it in ~10 ms). See :func:`one_shot_graces`.
ONE_SHOT_EXIT_GRACE = 0.1

_children: dict[int, Any] = {}  # pid -> the SDK's process object, while it may be alive
# (command, args, cwd, id(stderr)) -> (environment, process): spawned early, not yet taken
_early: dict[tuple[str, tuple[str, ...], str | None, int], tuple[dict[str, str], Any]] = {}
# what the SDK's stdio client passes on to a child (mcp.client.stdio.DEFAULT_INHERITED_ENV_VARS)
INHERITED_ENV = ("HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER")


def child_environment(extra: dict[str, str] | None) -> dict[str, str]:
    """The environment the SDK gives a stdio child: a few inherited variables, then ``extra``."""
    env = {
        key: value
        for key in INHERITED_ENV
        if (value := os.environ.get(key)) is not None and not value.startswith("()")
    }
    return env | (extra or {})


async def prespawn(
    command: str, args: list[str], env: dict[str, str] | None, stderr: TextIO, cwd: str | None
) -> None:
    """Start the stdio server now, for the SDK's stdio client to take (POSIX; else nothing)."""
    if sys.platform == "win32" or not command:  # pragma: no cover - Windows: the SDK's job object
        return
    import anyio

    full = child_environment(env)
    try:
        process = await anyio.open_process(
            [command, *args], env=full, stderr=stderr, cwd=cwd, start_new_session=True
        )
    except OSError:
        return  # the SDK's own spawn fails the same way, and says so
    _children[process.pid] = process
    _early[(command, tuple(args), cwd, id(stderr))] = (full, process)


async def discard_early() -> None:
    """End every child spawned early that the SDK did not take (a connect that failed before)."""
    while _early:
        _key, (_env, process) = _early.popitem()
        _end(process.pid)
        with contextlib.suppress(Exception):
            await process.aclose()


def _take_early(command: str, args: Any, env: Any, errlog: Any, cwd: Any) -> Any:
    entry = _early.pop((command, tuple(args or ()), cwd, id(errlog)), None)
    if entry is None:
        return None
    full, process = entry
    if full == env:  # one already dead too: its stderr says why, and it is not started twice
        return process
    _end(process.pid)
    return None


def track(process: Any) -> None:
    """Track a child spawned elsewhere (:mod:`mcptui.core.early_child`): ended at exit at the latest."""
    _children[process.pid] = process


def adopt_early(
    command: str, args: list[str], cwd: str | None, stderr: TextIO, env: dict[str, str], process: Any
) -> None:
    """Offer ``process`` (already running) to the SDK's spawn of the same server, as :func:`prespawn` does."""
    _children[process.pid] = process
    _early[(command, tuple(args), cwd, id(stderr))] = (env, process)


def end(pid: int) -> None:
    """SIGKILL the process group of ``pid`` and stop tracking it."""
    _end(pid)


def _end(pid: int) -> None:
    _children.pop(pid, None)
    with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
        os.killpg(pid, signal.SIGKILL)


def install() -> None:
    """Shorten the SDK's shutdown graces and track the children it spawns (idempotent)."""
    from mcp.client import stdio

    stdio.PROCESS_TERMINATION_TIMEOUT = EXIT_GRACE
    stdio.FORCE_KILL_TIMEOUT = KILL_GRACE
    spawn = getattr(stdio, "_create_platform_compatible_process", None)
    if spawn is None or getattr(spawn, "_mcptui_tracked", False):
        return

    @functools.wraps(spawn)
    async def tracked(*args: Any, **kwargs: Any) -> Any:
        early = _take_early(
            kwargs.get("command", ""),
            kwargs.get("args"),
            kwargs.get("env"),
            kwargs.get("errlog"),
            kwargs.get("cwd"),
        )
        if early is not None and not args:
            return early
        process = await spawn(*args, **kwargs)
        pid = getattr(process, "pid", None)
        if isinstance(pid, int):
            _children[pid] = process
        return process

    tracked._mcptui_tracked = True  # type: ignore[attr-defined]
    stdio._create_platform_compatible_process = tracked


def one_shot_graces() -> None:
    """A one-shot command's process (one connection, then exit): SIGTERM the child
    :data:`ONE_SHOT_EXIT_GRACE` s after its stdin EOF instead of :data:`EXIT_GRACE` s.

    Process-wide (the SDK reads its module constant when it closes), so only a process that
    holds nothing but its one command's connection calls it (``ServerConnection(one_shot=True)``).
    """
    from mcp.client import stdio

    install()
    stdio.PROCESS_TERMINATION_TIMEOUT = min(ONE_SHOT_EXIT_GRACE, EXIT_GRACE)


def alive() -> list[int]:
    """The pids of tracked children that have not exited (reaped ones are forgotten)."""
    for pid, process in list(_children.items()):
        if getattr(process, "returncode", None) is not None:
            _children.pop(pid, None)
    return list(_children)


def kill_all() -> None:
    """SIGKILL the process group of every tracked child still alive (each leads its own group)."""
    for pid in alive():
        with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
            if hasattr(os, "killpg"):
                os.killpg(pid, signal.SIGKILL)
            else:  # pragma: no cover - Windows: the SDK's job object ends the tree
                os.kill(pid, signal.SIGTERM)
        _children.pop(pid, None)


atexit.register(kill_all)
