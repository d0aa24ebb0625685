"""A stdio one-shot command's server spawned first thing, before the command line is imported.

``mcptui list|call|read|prompt ... -- COMMAND ARGS`` with no warm agent to run it (issue 13):
:func:`start` (called by ``mcptui.__main__`` first thing, before even the code cache, with a
few standard library modules only) spawns ``COMMAND ARGS`` as the SDK would (its own session and process group, the
SDK's inherited environment, stdin and stdout pipes, stderr into a pipe of ours), so the server's
own start-up runs on the other core while this process imports the command line, the core and
the SDK (~0.14 s of work before the spawn otherwise, on a 2-core VM).

The connection takes it (:func:`take`, from :meth:`ConnectionSetup.spawn_early`) when its
config asks for exactly that command, arguments, folder and environment; the process is then
wrapped for the SDK (:mod:`mcptui.core.early_process`) and its stderr pipe becomes the
connection's :class:`~mcptui.core.stderr_pipe.StderrPipe`. Anything else (another command, a
usage error, a config that differs) ends it: :func:`discard`, and at the latest
:func:`mcptui.core.child_guard.kill_all` at exit, which tracks it from the spawn on.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Sequence

from mcptui.core import child_guard

ONE_SHOT_COMMANDS = frozenset({"list", "call", "read", "prompt"})
NO_AGENT_ENV = "MCPTUI_NO_AGENT"  # as mcptui.cli.agent_client (not imported: it is the CLI's)


class _Tracked:
    """What :mod:`child_guard` tracks for an early child: its pid and a polled return code."""

    def __init__(self, popen: subprocess.Popen[bytes]) -> None:
        self.popen = popen
        self.pid = popen.pid

    @property
    def returncode(self) -> int | None:
        return self.popen.poll()


class EarlyChild:
    """A stdio server spawned at launch, not yet taken by a connection (a plain class: no
    ``dataclasses`` import before the spawn)."""

    def __init__(
        self,
        command: str,
        args: list[str],
        env: dict[str, str],
        popen: subprocess.Popen[bytes],
        stderr_fds: tuple[int, int],
    ) -> None:
        self.command = command
        self.args = args
        self.env = env
        self.popen = popen
        self.stderr_fds = stderr_fds  # (read end, write end) of its stderr pipe, both still ours


_held: EarlyChild | None = None


def wanted(words: Sequence[str], environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether ``words`` (the program's arguments) are a stdio one-shot command that runs here.

    Only with the agent ruled out (``--no-agent`` before ``--``, or ``MCPTUI_NO_AGENT``): the
    warm agent would run the command in its own process, and this child would be for nothing.
    """
    if not words or words[0] not in ONE_SHOT_COMMANDS or "--" not in words:
        return False
    cut = list(words).index("--")
    before, after = words[:cut], words[cut + 1 :]
    if not after or not after[0] or "-h" in before or "--help" in before:
        return False
    no_agent = environ.get(NO_AGENT_ENV, "").strip().lower() not in ("", "0", "false", "no")
    return no_agent or "--no-agent" in before


def start(words: Sequence[str]) -> None:
    """Spawn the stdio server of ``words`` now (POSIX; a spawn that fails is left to the SDK)."""
    global _held
    if os.name != "posix" or _held is not None:
        return
    cut = list(words).index("--")
    command, *args = words[cut + 1 :]
    env = child_guard.child_environment(None)
    read_fd, write_fd = os.pipe()
    try:
        popen = subprocess.Popen(  # noqa: S603 - the user's own server command, as the SDK runs it
            [command, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=write_fd,
            env=env,
            start_new_session=True,
            bufsize=0,
        )
    except (OSError, ValueError, subprocess.SubprocessError):
        os.close(read_fd)
        os.close(write_fd)
        return  # the SDK's own spawn fails the same way, and says so
    child_guard.track(_Tracked(popen))
    _held = EarlyChild(command, list(args), env, popen, (read_fd, write_fd))


def take(command: str, args: list[str], env: dict[str, str], cwd: str | None) -> EarlyChild | None:
    """The early child when it runs exactly ``command args`` in ``cwd`` with ``env``; else None
    (and a child that does not fit is ended)."""
    global _held
    held, _held = _held, None
    if held is None:
        return None
    # one that already died is taken too: its stderr (in the pipe) says why, and it is not run twice
    if (held.command, held.args, held.env, None) == (command, args, env, cwd):
        return held
    _end(held)
    return None


def discard() -> None:
    """End the early child if no connection took it."""
    global _held
    held, _held = _held, None
    if held is not None:
        _end(held)


def _end(held: EarlyChild) -> None:
    child_guard.end(held.popen.pid)
    for stream in (held.popen.stdin, held.popen.stdout):
        if stream is not None:
            stream.close()
    for fd in held.stderr_fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    with contextlib.suppress(subprocess.TimeoutExpired):
        held.popen.wait(timeout=1.0)  # SIGKILLed: reaped at once


def held() -> EarlyChild | None:
    """The early child not yet taken, or None (for tests)."""
    return _held
