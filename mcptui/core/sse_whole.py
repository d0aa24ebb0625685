"""A big SSE event given whole, handed past httpx2's SSE parser to the SDK's handler (measured).

:class:`mcptui.core.sse_spill.SpillingStream` writes a big event's data to a spill file as it
arrives; one that cannot be cut small (a 50,000-tool list of a 2025-11-25 session, 7.5 MB) used
to be given back to httpx2's parser whole, as ``data:`` lines, where it was decoded, searched
twice for ``\\r``, split, measured, partitioned and joined (~100 M instructions, 0.02-0.03 s on
the event loop) to become the very text the spill file already held.

Instead, in the worker thread that read it back, :func:`hand_over` keeps the decoded text here
under a random token, and the parser is given a small event with the same other fields whose
data is ``mcptui-whole-event:<token>``; the SDK transport's event handler (wrapped by
:mod:`mcptui.core.wire_fast_path`) gives the SDK the event with the kept text as its data
(:func:`take`). The text is exactly what the parser would have made, so this is done only where
that is certain: the response's text is UTF-8 (httpx2's decoding), the data decodes as UTF-8,
holds no ``\\r`` (a line end to the parser), and the event is within the parser's size limit
as the parser counts it (else it would refuse it: it is given to the parser as before); and
only while the handler that takes it is installed (:func:`wanted`). A server cannot forge a
stand-in: an unknown token is left as it is (the SDK reads that text, as before), and each kept
text is taken once. Each is taken as soon as the parser yields its event, in the stream's own
task; the stream forgets those still kept when it ends (:func:`drop`: a read cut short), and
at most :data:`KEPT` wait at once (a bound far above the streams a connection reads at once).

Measured (cachegrind, ``bench/connect_to_wire.py``'s child with ``protocol="legacy"``: the TUI's
live connection to a 2025-11-25 demo of 50,000 tools, a later launch, start to catalog):
3,963-3,970 M -> 3,900 M instructions; httpx2's ``split`` (45 M) and ``replace`` (28 M) of the
event are gone; what is added is a ``\r`` search and the UTF-8 decode, in the worker thread.
"""

from __future__ import annotations

import codecs
import secrets
import threading
from collections import OrderedDict
from typing import Any

PREFIX = "mcptui-whole-event:"
KEPT = 64
_TOKEN_CHARS = 32
_waiting: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()


def wanted(response: Any) -> bool:
    """The SDK's SSE handler takes stand-ins here, and ``response``'s text is read as UTF-8."""
    from mcp.client.streamable_http import StreamableHTTPTransport

    if not getattr(StreamableHTTPTransport._handle_sse_event, "_mcptui_fast", False):  # noqa: SLF001
        return False
    try:  # what httpx2's aiter_text decodes with (worked out as it does: no body read yet)
        return codecs.lookup(response.encoding or "utf-8").name == "utf-8"
    except (LookupError, TypeError):
        return False


def parser_size(fields: list[bytes], data: bytes) -> int:
    """The bytes httpx2's parser counts against its limit for the event of ``fields`` (as they
    are) and ``data`` (as ``data: `` lines): every line but a comment, without its line end."""
    lines = data.count(b"\n") + 1 if b"\n" in data else 1  # (count: 4 ms on 7.5 MB; in: 0.1 ms)
    return (
        sum(len(field) for field in fields if not field.startswith(b":"))
        + len(data)
        - (lines - 1)
        + 6 * lines
    )


def hand_over(fields: list[bytes], data: bytes, limit: int, issued: list[str] | None = None) -> bytes | None:
    """The stand-in data for ``data`` (a message given whole), its text kept for :func:`take`
    and its token added to ``issued`` (the stream's, for :func:`drop`); None when the parser
    must see it (see the module doc). In the worker thread."""
    if b"\r" in data or parser_size(fields, data) > limit:
        return None
    try:
        for field in fields:
            field.decode("utf-8")  # as the parser would measure it
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    token = secrets.token_hex(_TOKEN_CHARS // 2)
    with _lock:
        _waiting[token] = text
        while len(_waiting) > KEPT:
            _waiting.popitem(last=False)
    if issued is not None:
        issued.append(token)
    return (PREFIX + token).encode()


def drop(tokens: list[str]) -> None:
    """Forget the texts of ``tokens`` not taken (a stream ended or cut short before its handler
    took them: nothing is left holding a message)."""
    with _lock:
        for token in tokens:
            _waiting.pop(token, None)


def take(data: str) -> str | None:
    """The text kept for the stand-in ``data`` (once); None for any other data."""
    if len(data) != len(PREFIX) + _TOKEN_CHARS or not data.startswith(PREFIX):
        return None
    with _lock:
        return _waiting.pop(data[len(PREFIX) :], None)


def waiting() -> int:
    """How many texts wait to be taken (tests)."""
    return len(_waiting)
