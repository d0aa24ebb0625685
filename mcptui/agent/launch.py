"""Starting the agent: claim the socket path (replacing a dead agent's), fork, serve until idle.

Run by the CLI as ``python -m mcptui.agent`` with stdout a pipe: the process binds the
socket (0600, in the 0700 runtime folder), forks, and the parent prints ``ready PID`` and
exits, so the client knows the socket listens and nothing is left to reap. When a live
agent already answers at the path, it prints ``ready`` and exits; a file there that is not
a socket is refused (``error: ...``, exit 1) and left alone.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import sys
from pathlib import Path

from mcptui.cli import agent_client


def _alive(path: Path) -> bool:
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(str(path))
        return True
    except OSError:
        return False
    finally:
        probe.close()


def claim(path: Path) -> socket.socket | None:
    """A listening socket at ``path``; None when a live agent holds it already.

    A socket file nobody answers on (a dead agent's) is replaced; anything else at the path
    raises :class:`agent_client.NotASocket`. A lock file keeps two starting agents apart.
    """
    folder = agent_client.ensure_runtime_dir()
    with open(folder / "agent.lock", "a+") as lock:  # noqa: PTH123
        os.chmod(lock.name, 0o600)
        fcntl.flock(lock, fcntl.LOCK_EX)
        if agent_client.check_socket_file(path):
            if _alive(path):
                return None
            path.unlink()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_mask = os.umask(0o177)
        try:
            listener.bind(str(path))
        finally:
            os.umask(old_mask)
        os.chmod(path, 0o600)
        listener.listen(64)
        return listener


def _detach() -> None:
    """Fork; the parent reports the child's pid and leaves, the child drops the terminal streams."""
    pid = os.fork()
    if pid:
        print(f"ready {pid}", flush=True)
        os._exit(0)
    with contextlib.suppress(OSError):
        os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = agent_client.socket_path()
    try:
        listener = claim(path)
    except agent_client.AgentUnavailable as why:
        print(f"error: {why}", flush=True)
        return 1
    if listener is None:
        print("ready (already running)", flush=True)
        return 0
    if "--foreground" not in argv:
        _detach()
    import asyncio

    from mcptui.agent.server import Agent, route_std_streams

    route_std_streams()
    asyncio.run(Agent(listener, path).serve())
    return 0
