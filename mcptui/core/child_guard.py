"""Stdio servers end promptly and never outlive mcptui.

The SDK's stdio transport closes the child's stdin, waits 2 s, sends SIGTERM to its process
group, waits 2 s more, then SIGKILLs it (~4.5 s for a child that ignores both). :func:`install`
shortens those graces (a child that does not exit within :data:`EXIT_GRACE` s of stdin EOF is
terminated, and killed :data:`KILL_GRACE` s later), and records every child the transport spawns;
:func:`kill_all` (also run at interpreter exit) SIGKILLs the process group of any still alive,
so quitting never waits on a stubborn server and never leaves one behind.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import signal
from typing import Any

EXIT_GRACE = 0.5  # after stdin EOF, before SIGTERM
KILL_GRACE = 0.5  # after SIGTERM, before SIGKILL

_children: dict[int, Any] = {}  # pid -> the SDK's process object, while it may be alive


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
        process = await spawn(*args, **kwargs)
        pid = getattr(process, "pid", None)
        if isinstance(pid, int):
            _children[pid] = process
        return process

    tracked._mcptui_tracked = True  # type: ignore[attr-defined]
    stdio._create_platform_compatible_process = tracked


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
