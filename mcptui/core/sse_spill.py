"""Big SSE events and JSON bodies written to a spill file as they arrive, below httpx2 (measured).

httpx2's ``EventSource`` holds a whole event in memory and, when it ends, joins, encodes and
partitions its one 50 MB line on the event loop (~0.6 s under load, after the SDK's own costs
are gone: :mod:`mcptui.core.wire_fast_path`). :class:`SpillingStream` wraps the raw byte stream
of a ``text/event-stream`` response (set by the HTTP response hook): small events pass through
as they are (held only until their blank line, which the parser waits for anyway); once one
event's bytes pass :func:`mcptui.core.spill.spill_bytes`, its ``data`` goes to a spill file
chunk by chunk as it arrives, and when the event ends the parser is given a small event instead,
made in a worker thread (:func:`mcptui.core.spill.stand_in_file`), with the same other fields.
An event over ``MCPTUI_MAX_EVENT_MB`` fails as httpx2's own limit does (the same message); one
that cannot be cut small (a 50,000-tool list) is given whole, read back from its file in the
thread, and handed past the parser where that is exact (:mod:`mcptui.core.sse_whole`).

:class:`SpillingBody` does the same for a JSON body (one message): past the threshold it goes
to the file as it arrives instead of being joined in memory on the loop, and httpx2 reads the
small copy; past ``MCPTUI_MAX_BODY_MB`` it fails with :class:`~mcptui.core.body_limit.BodyTooLarge`.

An event's data still over the threshold once handled here (a small copy of many cut strings,
or a message given whole) is remembered (:func:`handled`), so that the SDK-level handler of
:mod:`mcptui.core.wire_fast_path` does not write it to a spill file again for nothing.

Not wrapped: a compressed stream (its bytes are not lines), and a stream using bare ``\\r`` line
ends (the filter steps aside at the first one it sees).
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from pathlib import Path
from typing import IO, Any

import httpx2

from mcptui.core import spill
from mcptui.core.private_files import open_private

HANDLED_KEPT = 32  # keys of big events already handled here, kept until the handler above sees them
_SAMPLE = 64  # characters of an event's data at each end in its key
_CONTINUATION = bytes(range(0x80, 0xC0))
_handled: OrderedDict[tuple[int, str, str], None] = OrderedDict()
_handled_lock = threading.Lock()


def _data_key(length: int, head: str, tail: str) -> tuple[int, str, str]:
    return (length, head[:_SAMPLE], tail[-_SAMPLE:] if tail else "")


def _remember(data: bytes) -> None:
    """Note that the event whose data is ``data`` (a small copy, or a message given whole) was
    handled here (in the worker thread), so that the handler above does not handle it again."""
    chars = len(data) if data.isascii() else len(data.translate(None, _CONTINUATION))
    head = data[: _SAMPLE * 4].decode("utf-8", "ignore")
    tail = data[-_SAMPLE * 4 :].decode("utf-8", "ignore")
    with _handled_lock:
        _handled[_data_key(chars, head, tail)] = None
        while len(_handled) > HANDLED_KEPT:
            _handled.popitem(last=False)


def handled(data: str) -> bool:
    """``data`` (a big SSE event's, as parsed) was already kept aside, or judged not worth
    cutting, by :class:`SpillingStream`: its small copy or its whole message (seen once)."""
    key = _data_key(len(data), data[:_SAMPLE], data[-_SAMPLE:])
    with _handled_lock:
        if key not in _handled:
            return False
        del _handled[key]
        return True


def _kept_copy(
    token: str, path: Path, whole_past: list[bytes] | None = None, limit: int = 0, issued: Any = None
) -> bytes:
    """:func:`spill.stand_in_file`, remembered as handled when still big (in a worker thread).

    ``whole_past`` (the event's other fields): a message given whole is handed past httpx2's
    parser where that is exact (:mod:`mcptui.core.sse_whole`): its stand-in data instead."""
    copy = spill.stand_in_file(token, path)
    if whole_past is not None and not spill.was_cut(token):
        from mcptui.core import sse_whole

        stand_in = sse_whole.hand_over(whole_past, copy, limit, issued)
        if stand_in is not None:
            return stand_in
    if len(copy) > spill.spill_bytes():
        _remember(copy)
    return copy


def _ends(buffer: bytes, start: int = 0) -> int:
    """The offset just past the last complete event in ``buffer`` whose end mark begins at
    ``start`` or later (0: none)."""
    plain = buffer.rfind(b"\n\n", start)
    crlf = buffer.rfind(b"\r\n\r\n", start)
    return max(plain + 2 if plain >= 0 else 0, crlf + 4 if crlf >= 0 else 0)


def _first_end(buffer: bytes, start: int = 0) -> int:
    """The offset just past the first complete event in ``buffer`` whose end mark begins at
    ``start`` or later (0: none)."""
    ends = [at + len(mark) for mark in (b"\n\n", b"\r\n\r\n") if (at := buffer.find(mark, start)) >= 0]
    return min(ends) if ends else 0


def _bare_cr(piece: bytes) -> bool:
    """``piece`` has a "\r" that is not part of a "\r\n" (one at its very end may be)."""
    piece = piece[:-1] if piece.endswith(b"\r") else piece
    return b"\r" in piece.replace(b"\r\n", b"")


class _BigEvent:
    """One event being written to its spill file: its data there, its other fields kept."""

    def __init__(self, limit: int, pass_whole: bool = False, issued: list[str] | None = None) -> None:
        self.pass_whole = pass_whole  # a message given whole goes past the parser (sse_whole)
        self.issued = issued  # the stream's stand-in tokens
        self.token, self.path = spill.new_file()
        self.file: IO[bytes] = open_private(self.path, "wb")
        self.limit = limit
        self.fields: list[bytes] = []  # event:, id:, retry: and comment lines
        self.line = b""  # a non-data line not ended yet
        self.in_data = False  # inside a data line
        self.data_lines = 0
        self.size = 0
        self.cr = False  # the last byte written was held back: a "\r" that may end the line

    def _write(self, piece: bytes) -> None:
        if self.cr:
            self.file.write(b"\r")
            self.cr = False
        if piece.endswith(b"\r"):
            piece, self.cr = piece[:-1], True
        self.size += len(piece)
        if self.size > self.limit:
            raise httpx2.SSEError(f"Server-sent event exceeded the {self.limit} byte limit.")
        self.file.write(piece)

    def _start_data(self, value: bytes) -> None:
        if self.data_lines:
            self._write(b"\n")
        self.data_lines += 1
        self._write(value[1:] if value.startswith(b" ") else value)

    def feed(self, chunk: bytes) -> bytes | None:
        """Take ``chunk``; at the event's end, what follows it in ``chunk`` (else None)."""
        pos = 0
        while pos < len(chunk):
            newline = chunk.find(b"\n", pos)
            if self.in_data:
                if newline < 0:
                    self._write(chunk[pos:])
                    return None
                if newline > pos:  # (a "\r" held back right before the newline is the line end)
                    self._write(chunk[pos:newline])
                self.cr, self.in_data, pos = False, False, newline + 1
                continue
            if newline < 0:
                rest = self.line + chunk[pos:]
                if rest.startswith(b"data:"):
                    self.line, self.in_data = b"", True
                    self._start_data(rest[5:])
                else:
                    self.line = rest
                    if len(rest) > self.limit:
                        raise httpx2.SSEError(f"Server-sent event exceeded the {self.limit} byte limit.")
                return None
            line, self.line = (self.line + chunk[pos:newline]).rstrip(b"\r"), b""
            pos = newline + 1
            if not line:
                return chunk[pos:]
            if line.startswith(b"data:"):
                self._start_data(line[5:])
                self.cr = False
            else:
                self.fields.append(line)
        return None

    async def small_event(self) -> bytes:
        """The event the parser gets instead: its fields and the spill's small copy as data."""
        import anyio

        if self.cr:
            self.file.write(b"\r")
        self.file.close()
        try:
            past = self.fields if self.pass_whole else None
            copy = await anyio.to_thread.run_sync(
                _kept_copy, self.token, self.path, past, self.limit, self.issued
            )
        except (OSError, ValueError):
            copy = b"{not JSON: the event's data was cut short or is not JSON}"
        # data written over several lines (JSON whitespace between them) stays on as many data lines
        return b"\n".join([*self.fields, b"data: " + copy.replace(b"\n", b"\ndata: ")]) + b"\n\n"

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
            Path(self.path).unlink()


class SpillingStream(httpx2.AsyncByteStream):
    """A response's raw byte stream, with its big events kept aside (see the module doc)."""

    def __init__(self, inner: Any, threshold: int, limit: int, pass_whole: bool = False) -> None:
        self.inner = inner
        self.threshold = threshold
        self.limit = limit
        self.pass_whole = pass_whole  # see sse_whole: only with the SDK-level handler installed
        self.issued: list[str] = []  # stand-ins given (sse_whole), forgotten at the end if not taken
        self.buffer = b""  # the start of an event not ended yet (never an event's end)
        self.big: _BigEvent | None = None
        self.aside = False  # stepped aside (bare "\r" line ends): everything passes as it is

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self.inner:
                for out in await self._feed(chunk):
                    yield out
            if self.buffer:
                yield self.buffer  # an event cut short: the parser sees what there was
        finally:
            if self.big is not None:
                self.big.discard()  # cut short: never shown
            if self.issued:
                from mcptui.core import sse_whole

                sse_whole.drop(self.issued)

    async def _feed(self, chunk: bytes) -> list[bytes]:
        out: list[bytes] = []
        while chunk:
            if self.aside:
                return [*out, chunk]
            if self.big is not None:
                rest = self.big.feed(chunk)
                if rest is None:
                    return out
                big, self.big = self.big, None
                out.append(await big.small_event())
                chunk = rest
                continue
            if b"\r" in chunk and _bare_cr(self.buffer[-1:] + chunk):
                self.aside = True
                held, self.buffer = self.buffer + chunk, b""
                return [*out, held]
            # the buffer never holds an event's end (it is given on as soon as one is there): an
            # end mark in ``held`` begins in its last 3 bytes or in the chunk. Searched from
            # there, not from the start again for every chunk (a 1 MiB event's start, held
            # 64 KiB at a time: 17 searches of ~0.6 MB each, 76 M instructions)
            searched = max(0, len(self.buffer) - 3)
            held = self.buffer + chunk
            end = _ends(held, searched)
            if end > self.threshold:  # a big event may be among them: one event at a time
                end = _first_end(held, searched)
            if 0 < end <= self.threshold:
                out.append(held[:end])
            elif end == 0 and len(held) <= self.threshold:
                self.buffer = held
                return out
            else:  # the next event is big: to its spill file
                self.big = _BigEvent(self.limit, self.pass_whole, self.issued)
                end = 0
            self.buffer, chunk = b"", held[end:]
        return out

    async def aclose(self) -> None:
        await self.inner.aclose()


class SpillingBody(httpx2.AsyncByteStream):
    """A JSON response body (one message) kept aside once it passes the threshold: written to
    a spill file as it arrives, and read by httpx2 as the spill's small copy."""

    def __init__(self, inner: Any, threshold: int, limit: int, facts: Any = None) -> None:
        self.inner = inner
        self.threshold = threshold
        self.limit = limit
        self.facts = facts

    async def __aiter__(self) -> AsyncIterator[bytes]:
        import anyio

        held: list[bytes] = []
        size = 0
        token, path, handle = "", Path(), None
        try:
            async for chunk in self.inner:
                size += len(chunk)
                if size > self.limit:
                    from mcptui.core.body_limit import BodyTooLarge

                    if self.facts is not None:
                        self.facts.body_too_large = self.limit
                    raise BodyTooLarge(self.limit)
                if handle is None:
                    held.append(chunk)
                    if size > self.threshold:
                        token, path = spill.new_file()
                        handle = open_private(path, "wb")
                        handle.write(b"".join(held))
                        held = []
                else:
                    handle.write(chunk)
        except BaseException:
            if handle is not None:
                handle.close()
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
        if handle is None:
            for chunk in held:
                yield chunk
            return
        handle.close()
        try:
            yield await anyio.to_thread.run_sync(spill.stand_in_file, token, path)
        except (OSError, ValueError):
            yield b"{not JSON: the body was cut short or is not JSON}"

    async def aclose(self) -> None:
        await self.inner.aclose()


def spill_big(response: Any, facts: Any = None) -> None:
    """Wrap ``response``'s stream when it is an uncompressed event stream or JSON body (a
    response hook)."""
    from mcptui.core.body_limit import max_body_bytes, max_event_bytes

    headers = response.headers
    if headers.get("content-encoding", "identity").lower() not in ("", "identity"):
        return
    kind = headers.get("content-type", "")
    if "text/event-stream" in kind:
        from mcptui.core import sse_whole

        whole = sse_whole.wanted(response)
        response.stream = SpillingStream(response.stream, spill.spill_bytes(), max_event_bytes(), whole)
    elif "json" in kind:
        response.stream = SpillingBody(response.stream, spill.spill_bytes(), max_body_bytes(), facts)
