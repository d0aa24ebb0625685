"""The calling terminal, seen from inside the agent: its streams, relayed over the client's socket.

:class:`RemoteTerminal` is one client's terminal: ``stdout``/``stderr`` writes become ``out``/
``err`` frames, ``stdin.readline()`` becomes a ``readline`` frame answered by the client.
Writes are queued on the agent's loop in call order, from any thread; reads block the calling
thread (a command's worker thread, or a daemon reader thread) until the client answers, and
return "" when the client has gone.

The agent replaces ``sys.stdout``/``sys.stderr``/``sys.stdin`` once with :class:`RoutedStream`
objects that forward to the terminal of the command running in the current context
(:data:`CURRENT`), so the CLI's own ``print(..., file=sys.stdout)`` reaches the right client.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import io
import json
import threading
from typing import Any

CURRENT: contextvars.ContextVar[RemoteTerminal | None] = contextvars.ContextVar(
    "mcptui_terminal", default=None
)


class RemoteStream(io.TextIOBase):
    """One of the client's streams (``stdout``, ``stderr`` or ``stdin``)."""

    def __init__(self, terminal: RemoteTerminal, name: str, tty: bool) -> None:
        self._terminal = terminal
        self.name = name
        self._tty = tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def isatty(self) -> bool:
        return self._tty

    def fileno(self) -> int:
        raise OSError("a relayed stream has no file descriptor")

    def writable(self) -> bool:
        return self.name != "stdin"

    def readable(self) -> bool:
        return self.name == "stdin"

    def write(self, text: str) -> int:
        if text:
            self._terminal.send({"t": "out" if self.name == "stdout" else "err", "data": text})
        return len(text)

    def flush(self) -> None:
        pass

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        return self._terminal.readline()

    def read_secret(self, prompt: str) -> str:
        """A secret typed at the client without echo (its getpass); see ``auth_tty._secret``."""
        return self._terminal.readline(secret=True, prompt=prompt).rstrip("\r\n")


class RemoteTerminal:
    """One client's terminal: frames out through the agent's loop, answers back from the client."""

    def __init__(self, loop: asyncio.AbstractEventLoop, writer: asyncio.StreamWriter, tty: dict[str, bool]):
        self.loop = loop
        self.writer = writer
        self.tty = {name: bool(tty.get(name)) for name in ("stdin", "stdout", "stderr")}
        self.stdout = RemoteStream(self, "stdout", self.tty["stdout"])
        self.stderr = RemoteStream(self, "stderr", self.tty["stderr"])
        self.stdin = RemoteStream(self, "stdin", self.tty["stdin"])
        self.gone = False
        self._answers: list[concurrent.futures.Future[str]] = []
        self._opened: list[asyncio.Future[bool]] = []
        self._lock = threading.Lock()
        self.on_gone: list[Any] = []  # callables run (on the loop) when the client leaves

    @property
    def interactive(self) -> bool:
        return self.tty["stdin"] and self.tty["stderr"]

    def send(self, frame: dict[str, Any]) -> None:
        """Queue ``frame`` for the client (thread-safe; frames keep their order)."""
        if self.gone:
            return
        data = json.dumps(frame).encode("utf-8") + b"\n"
        try:
            self.loop.call_soon_threadsafe(self._write, data)
        except RuntimeError:  # the loop is closed: the agent is stopping
            self.gone = True

    def _write(self, data: bytes) -> None:
        if not self.gone and not self.writer.is_closing():
            self.writer.write(data)

    def readline(self, *, secret: bool = False, prompt: str = "") -> str:
        """One line typed at the client's terminal ("" at its end of input, or when it has gone)."""
        if _on_loop(self.loop):
            raise RuntimeError("RemoteTerminal.readline would block the agent's loop")
        answer: concurrent.futures.Future[str] = concurrent.futures.Future()
        with self._lock:
            if self.gone:
                return ""
            self._answers.append(answer)
        frame: dict[str, Any] = {"t": "readline"}
        if secret:
            frame.update(secret=True, prompt=prompt)
        self.send(frame)
        return answer.result()

    def answer(self, text: str) -> None:
        """The client's answer to the oldest pending readline."""
        with self._lock:
            pending = self._answers.pop(0) if self._answers else None
        if pending is not None and not pending.done():
            pending.set_result(text)

    async def open_url(self, url: str) -> bool:
        """Ask the client to open ``url`` in its browser (on the agent's loop); its answer."""
        if self.gone:
            return False
        future: asyncio.Future[bool] = self.loop.create_future()
        self._opened.append(future)
        self.send({"t": "open-url", "url": url})
        return await future

    def opened(self, ok: bool) -> None:
        """The client's answer to the oldest ``open-url`` (on the agent's loop)."""
        if self._opened:
            future = self._opened.pop(0)
            if not future.done():
                future.set_result(ok)

    def release(self) -> None:
        """No more answers will come: every pending read gets "" and every open-url False.

        Called when the command has ended, too: a reader it left behind (the sign-in starts a
        new paste reader after a pasted answer, then sees the callback done and cancels it; a
        thread in ``readline`` cannot be cancelled) must not keep a thread, and so the agent's
        exit, waiting for ever.
        """
        with self._lock:
            self.gone = True
            pending, self._answers = self._answers, []
        for future in pending:
            if not future.done():
                future.set_result("")
        while self._opened:
            self.opened(False)

    def client_gone(self) -> None:
        """The client left: release what waits for it and cancel the command."""
        self.release()
        for callback in self.on_gone:
            callback()


def _on_loop(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


class RoutedStream(io.TextIOBase):
    """``sys.stdout`` (or stderr, stdin) in the agent: the current command's stream, else ``fallback``."""

    def __init__(self, name: str, fallback: Any) -> None:
        self.name = name
        self._fallback = fallback

    def _target(self) -> Any:
        terminal = CURRENT.get()
        return getattr(terminal, self.name) if terminal is not None else self._fallback

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def isatty(self) -> bool:
        return bool(self._target().isatty())

    def fileno(self) -> int:
        raise OSError("the agent's routed streams have no file descriptor")

    def write(self, text: str) -> int:
        return self._target().write(text)

    def flush(self) -> None:
        self._target().flush()

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        return self._target().readline()

    def read_secret(self, prompt: str) -> str:
        reader = getattr(self._target(), "read_secret", None)
        return reader(prompt) if reader is not None else ""

    def writable(self) -> bool:
        return self.name != "stdin"

    def readable(self) -> bool:
        return self.name == "stdin"
