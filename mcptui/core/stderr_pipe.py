"""A stdio server's stderr: a pipe whose lines are reported as :class:`StderrLine` events.

No SDK import: the connection opens it before the SDK is loaded, so that the child can be
spawned early (:func:`mcptui.core.child_guard.prespawn`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os

from mcptui.core.events import EventSink, StderrLine


class StderrPipe:
    """A pipe whose write end is the child's stderr; each line becomes a StderrLine event."""

    def __init__(self, sink: EventSink, server: str, fds: tuple[int, int] | None = None) -> None:
        """``fds``: the (read, write) ends of a pipe already made (an early child's stderr)."""
        self.sink = sink
        self.server = server
        read_fd, write_fd = fds if fds is not None else os.pipe()
        self.reader = os.fdopen(read_fd, "rb", buffering=0)
        self.writer = os.fdopen(write_fd, "w", encoding="utf-8", errors="replace")
        self.lines: list[str] = []  # the last lines, to explain a server that died at start
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        stream = asyncio.StreamReader(limit=1 << 20)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream), self.reader)
        self._task = asyncio.create_task(self._pump(stream))

    async def _pump(self, stream: asyncio.StreamReader) -> None:
        while True:
            try:
                raw = await stream.readline()
            except (ValueError, asyncio.LimitOverrunError):
                continue
            if not raw:
                return
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            self.lines = [*self.lines[-19:], line]
            self.sink(StderrLine(server=self.server, line=line))

    async def drain(self) -> None:
        """Wait (briefly) until what the child wrote so far has been reported."""
        self.writer.close()
        if self._task is not None:
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(self._task), 1.0)

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task
