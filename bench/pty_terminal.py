"""A program on a real pseudo-terminal, timed by what reaches the screen (Linux and macOS).

The bench's end-to-end figures come from here: the program runs with its own terminal, exactly
as in a user's shell, and every chunk it writes is stamped when it arrives. "First frame" is
when a piece of the first screen has arrived; a keystroke's reaction is the time from writing
the key to the last chunk of the redraw it caused (the program then stays quiet).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import threading
import time
from collections.abc import Sequence


class PtyProgram:
    """Run ``argv`` on a new pseudo-terminal of ``cols`` x ``rows``; collect what it draws."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], *, cols: int = 120, rows: int = 36) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal, then become the program
            fcntl.ioctl(pty.STDIN_FILENO, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            try:
                os.execvpe(argv[0], list(argv), env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.output = bytearray()
        self.stamps: list[tuple[float, int]] = []  # (arrival time, length of output after the chunk)
        self.changed = threading.Condition()
        self.closed = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.5)
                if not ready:
                    continue
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the program has gone
                data = b""
            now = time.perf_counter()
            with self.changed:
                if not data:
                    self.closed = True
                    self.changed.notify_all()
                    return
                self.output += data
                self.stamps.append((now, len(self.output)))
                self.changed.notify_all()

    def wait_for(self, text: str, *, start: int = 0, timeout: float = 20.0) -> float:
        """Arrival time of the chunk that completed the first ``text`` at or after offset ``start``."""
        needle = text.encode()
        deadline = time.perf_counter() + timeout
        with self.changed:
            while True:
                found = self.output.find(needle, start)
                if found >= 0:
                    end = found + len(needle)
                    return next(stamp for stamp, length in self.stamps if length >= end)
                left = deadline - time.perf_counter()
                if left <= 0 or self.closed:
                    tail = bytes(self.output[-400:]).decode(errors="replace")
                    raise TimeoutError(f"{text!r} never reached the terminal; last output: {tail!r}")
                self.changed.wait(left)

    def send(self, keys: str) -> tuple[float, int]:
        """Type ``keys``; returns when they were written and how much output there was before."""
        with self.changed:
            mark = len(self.output)
        sent = time.perf_counter()
        os.write(self.fd, keys.encode())
        return sent, mark

    def settle(self, *, after: int, quiet: float = 0.25, timeout: float = 10.0) -> float | None:
        """Once output past offset ``after`` has arrived, wait until nothing more arrives for
        ``quiet`` s; the arrival time of the last chunk past ``after`` (None: nothing came)."""
        deadline = time.perf_counter() + timeout
        with self.changed:
            while len(self.output) <= after and not self.closed:
                left = deadline - time.perf_counter()
                if left <= 0:
                    return None
                self.changed.wait(left)
            while time.perf_counter() < deadline:
                last_stamp = self.stamps[-1][0] if self.stamps else self.started
                idle_for = time.perf_counter() - last_stamp
                if idle_for >= quiet:
                    break
                self.changed.wait(quiet - idle_for)
            later = [stamp for stamp, length in self.stamps if length > after]
        return later[-1] if later else None

    def first_after(self, offset: int) -> float:
        """Arrival time of the first chunk that took the output past ``offset``."""
        with self.changed:
            return next(stamp for stamp, length in self.stamps if length > offset)

    def close(self) -> None:
        """Stop the program (SIGTERM, then SIGKILL) and release the terminal."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                break
            for _ in range(100):
                done, _status = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    break
                time.sleep(0.02)
            else:
                continue
            break
        self.reader.join(timeout=2)
        with contextlib.suppress(OSError):
            os.close(self.fd)
