"""An early stdio child (:mod:`mcptui.core.early_child`) as the SDK's stdio client expects it.

The SDK's ``stdio_client`` works on an ``anyio.abc.Process``: byte streams for stdin and
stdout, ``returncode`` (polled while it waits out the exit grace), ``pid`` (the process group
it signals), ``wait``/``terminate``/``kill``. :class:`PopenProcess` gives that over a
``subprocess.Popen`` started with the standard library: its pipes are read and written through
the running asyncio loop's pipe transports, and its return code is ``Popen.poll()`` (the
asyncio child watcher never saw this child).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
from typing import Any

import anyio
import anyio.abc
import anyio.lowlevel


class _PipeReceive(anyio.abc.ByteReceiveStream):
    def __init__(self, reader: asyncio.StreamReader, transport: asyncio.BaseTransport) -> None:
        self._reader = reader
        self._transport = transport
        self._closed = False

    async def receive(self, max_bytes: int = 65536) -> bytes:
        if self._closed:
            raise anyio.ClosedResourceError
        data = await self._reader.read(max_bytes)
        if data:
            return data
        if self._closed:
            raise anyio.ClosedResourceError
        raise anyio.EndOfStream

    async def aclose(self) -> None:
        self._closed = True
        self._transport.close()
        await anyio.lowlevel.checkpoint()


class _PipeSend(anyio.abc.ByteSendStream):
    def __init__(self, writer: asyncio.StreamWriter) -> None:
        self._writer = writer

    async def send(self, item: bytes) -> None:
        if self._writer.is_closing():
            raise anyio.ClosedResourceError
        self._writer.write(item)
        try:
            await self._writer.drain()
        except ConnectionResetError as exc:
            raise anyio.BrokenResourceError from exc

    async def aclose(self) -> None:
        self._writer.close()  # EOF for the child (no wait_closed: a write pipe has no close waiter)
        await anyio.lowlevel.checkpoint()


class PopenProcess(anyio.abc.Process):
    """A running ``Popen`` with pipes on stdin and stdout, for the SDK's stdio client."""

    def __init__(self, popen: subprocess.Popen[bytes], stdin: _PipeSend, stdout: _PipeReceive) -> None:
        self._popen = popen
        self._stdin = stdin
        self._stdout = stdout

    async def aclose(self) -> None:
        with contextlib.suppress(Exception):
            await self._stdin.aclose()
        with contextlib.suppress(Exception):
            await self._stdout.aclose()
        await self.wait()

    async def wait(self) -> int:
        while (code := self._popen.poll()) is None:
            await anyio.sleep(0.01)
        return code

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def send_signal(self, sig: Any) -> None:
        if self._popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self._popen.send_signal(sig)

    @property
    def pid(self) -> int:
        return self._popen.pid

    @property
    def returncode(self) -> int | None:
        return self._popen.poll()

    @property
    def stdin(self) -> anyio.abc.ByteSendStream:
        return self._stdin

    @property
    def stdout(self) -> anyio.abc.ByteReceiveStream:
        return self._stdout

    @property
    def stderr(self) -> None:
        return None


async def wrap(popen: subprocess.Popen[bytes]) -> PopenProcess:
    """``popen`` (stdin and stdout pipes) wrapped on the running loop."""
    assert popen.stdin is not None and popen.stdout is not None
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=1 << 20)
    read_transport, _ = await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(reader), popen.stdout
    )
    write_transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin, popen.stdin)
    writer = asyncio.StreamWriter(write_transport, protocol, None, loop)
    return PopenProcess(popen, _PipeSend(writer), _PipeReceive(reader, read_transport))
