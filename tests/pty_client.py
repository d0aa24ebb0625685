"""Run the real ``mcptui`` client on a pty, as a person's terminal: for prompts asked at a terminal.

:func:`mcptui_on_a_pty` starts ``python -m mcptui ARGV`` with stdin and stderr on a new pty and
stdout a pipe, and yields a :class:`PtyClient`: read the terminal until a marker appears
(select-based, no sleeps), type an answer. The process is killed, if still running, and the pty
closed afterwards. Skips where there is no ``pty`` module.
"""

from __future__ import annotations

import contextlib
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest


def read_until(fd: int, marker: str, seen: list[str], timeout: float = 30) -> None:
    """Read the pty ``fd`` into ``seen`` until ``marker`` has appeared in it."""
    deadline = time.monotonic() + timeout
    while marker not in "".join(seen):
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"never saw {marker!r} in {''.join(seen)!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                raise AssertionError(f"pty closed before {marker!r}: {''.join(seen)!r}")
            seen.append(chunk.decode(errors="replace"))


@dataclass
class PtyClient:
    """A running client: its process, the pty's master side, and what the terminal showed."""

    process: subprocess.Popen[str]
    master: int
    seen: list[str] = field(default_factory=list)

    def read_until(self, marker: str, timeout: float = 30) -> None:
        read_until(self.master, marker, self.seen, timeout)

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    @property
    def shown(self) -> str:
        return "".join(self.seen)


@contextlib.contextmanager
def mcptui_on_a_pty(*argv: str) -> Iterator[PtyClient]:
    """``python -m mcptui ARGV``, stdin and stderr on a new pty, stdout a pipe (see the module docstring)."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "mcptui", *argv],
        stdin=slave,
        stderr=slave,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "OTEL_SDK_DISABLED": "true"},
    )
    os.close(slave)
    try:
        yield PtyClient(process, master)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
