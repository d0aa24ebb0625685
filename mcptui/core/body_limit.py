"""Size limits on what an HTTP server sends: each decompressed body, and each SSE event.

A small gzip body can inflate to gigabytes; one SSE event can be as large as the server likes.
:func:`limit_body` (a response hook) wraps the response's content decoder so that inflating
more than :func:`max_body_bytes` raises :class:`BodyTooLarge` while reading, long before memory
runs out; an SSE stream is not capped as a whole (it may live for hours) but each of its events
is, at :func:`max_event_bytes` (the SDK's ``max_sse_event_size``, lifted from 1 MiB). Both are
set in MiB with ``MCPTUI_MAX_BODY_MB`` (default 256) and ``MCPTUI_MAX_EVENT_MB`` (default 64).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx2

if TYPE_CHECKING:
    from mcptui.core.wire_tap import HttpFacts

DEFAULT_BODY_MB = 256
DEFAULT_EVENT_MB = 64
MIB = 1024 * 1024


def _mib(name: str, default: int) -> int:
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        value = default
    return int((value if value > 0 else default) * MIB)


def max_body_bytes() -> int:
    return _mib("MCPTUI_MAX_BODY_MB", DEFAULT_BODY_MB)


def max_event_bytes() -> int:
    return _mib("MCPTUI_MAX_EVENT_MB", DEFAULT_EVENT_MB)


def size_words(limit: int) -> str:
    return f"{limit / MIB:g} MiB"


class BodyTooLarge(httpx2.DecodingError):
    """A response body inflated past the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the response body is larger than {size_words(limit)} once decompressed")
        self.limit = limit


class _Counting:
    """A content decoder that stops after ``limit`` decoded bytes (httpx2 decodes in pieces)."""

    def __init__(self, inner: Any, limit: int, seen: HttpFacts | None) -> None:
        self.inner = inner
        self.limit = limit
        self.total = 0
        self.seen = seen

    def _count(self, pieces: Iterator[bytes]) -> Iterator[bytes]:
        for piece in pieces:
            self.total += len(piece)
            if self.total > self.limit:
                if self.seen is not None:
                    self.seen.body_too_large = self.limit
                raise BodyTooLarge(self.limit)
            yield piece

    def decode(self, data: bytes) -> Iterator[bytes]:
        return self._count(iter(self.inner.decode(data)))

    def flush(self) -> Iterator[bytes]:
        return self._count(iter(self.inner.flush()))


def limit_body(response: Any, facts: HttpFacts | None = None) -> None:
    """Cap the decompressed size of ``response``'s body (not of an SSE stream: its events are)."""
    if "text/event-stream" in response.headers.get("content-type", ""):
        return
    decoder = response._get_content_decoder()  # httpx2 keeps it in ``_decoder``: wrap it in place
    response._decoder = _Counting(decoder, max_body_bytes(), facts)
