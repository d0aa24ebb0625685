"""Facts about a large catalog page proven once from the reply's own bytes, not per chunk by a dump.

:func:`catalog_pages.read_page` needs two facts of each chunk it keeps (:class:`chunk_facts.ChunkFacts`):
no NaN or Infinity in it (a JSON dump of its model writes those as null), and no
``x-mcp-header`` key (the SDK's 2026 header walks then find nothing). :func:`chunk_facts.chunk_facts`
proves them from a pydantic dump of each chunk: ~0.038 s on the demo's 50,000 tools. A page of
64 KiB or more is parsed by :class:`lean_messages.LeanMessageAdapter` with ``json.loads``; there
:func:`remember` proves both for the page's item list once, from the body's bytes and the parse:

- **finite**: ``json.loads`` makes a NaN or an infinity only from the tokens ``NaN``,
  ``Infinity`` and ``-Infinity`` (seen by its ``parse_constant`` hook: ``constants_seen``) or
  from a number literal too large for a float, which has an exponent (a digit then ``e``/``E``)
  or 309 digits or more in a row (:func:`_may_overflow`, on the bytes with every digit mapped to
  ``0``; text that merely looks like one, in a string, only sends the page the per-chunk way);
- **header-free**: a decoded JSON string (a key too) holds ``x-mcp-header`` only if the body
  holds those very bytes, unless a ``\\u`` escape spells some of them (the other escapes,
  ``\\n`` ``\\t`` ``\\"`` ..., stand for no letter nor ``-``). So the proof needs a body with no
  ``\\u`` escape at all, and without the key's bytes; any other body goes the per-chunk way.

Both proven, the page's item list (the very list object ``json.loads`` made, which the SDK hands
on untouched: ``result`` is ``dict[str, Any]`` to it) is remembered with its length;
:func:`proven` gives the facts to the read that finds that same list (identity and length), once.
Both unproven, nothing changes: each chunk is dumped as before. At most :data:`KEPT` lists are
remembered (one per catalog list at once); an older one is dropped, so a read that never comes
(a cancelled connection) keeps one list alive only until later pages replace it.

On the demo's 50,000 tools (7.5 MB, no escapes): the proof ~0.014 s, against ~0.038 s of chunk
dumps (``speed.py`` lists the figures).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

LISTS = ("tools", "prompts", "resources", "resourceTemplates")  # a catalog page's item list keys
KEPT = 4
LONG_DIGITS = 309  # a float literal of this many integer digits can exceed the largest double
SLICE = 1 << 20  # the body is looked at this many bytes (or characters) at a time
OVERLAP = LONG_DIGITS  # each slice runs on into the next by this much (every pattern is shorter)

_DIGITS_AS_ZERO = bytes(
    ord("0") if byte in b"0123456789" else ord("e") if byte in b"eE" else ord(" ") for byte in range(256)
)

_EXPONENT = re.compile(rb"0e")  # re's literal search: ~2.6 ms on 7.5 MB, bytes.find ~7.3 ms


class _Remembered:
    """The item lists proven, by id (each held, so the id cannot be reused meanwhile)."""

    lists: OrderedDict[int, tuple[list[Any], int]] = OrderedDict()


def _may_overflow(body: bytes) -> bool:
    """True when some number literal in ``body`` might parse to an infinite float (or the text
    merely looks like one): a digit followed by an exponent, or :data:`LONG_DIGITS` digits in a row."""
    digits = body.translate(_DIGITS_AS_ZERO)
    return _EXPONENT.search(digits) is not None or b"0" * LONG_DIGITS in digits


def header_free(body: bytes, key: bytes) -> bool:
    """No decoded string of ``body`` (a JSON text) can hold ``key`` (printable ASCII, no ``\\``)."""
    if b"\\u" in body:
        return False  # an escape could spell it: no proof
    return key not in body


def _pieces(raw: str | bytes | bytearray) -> Iterator[bytes]:
    """``raw`` as UTF-8 bytes, :data:`SLICE` at a time, each overlapping the next by
    :data:`OVERLAP` bytes (so no sought pattern, at most that long, falls between two): a
    second whole copy of a 7.5 MB body would sit on the read's peak memory."""
    for start in range(0, max(len(raw), 1), SLICE):
        piece = raw[start : start + SLICE + OVERLAP]
        yield piece.encode("utf-8", "surrogatepass") if isinstance(piece, str) else bytes(piece)


def remember(raw: str | bytes | bytearray, parsed: Any, constants_seen: bool, key: bytes) -> bool:
    """Remember ``parsed``'s catalog item list when ``raw`` (its JSON text) proves it finite and
    free of ``key`` (``x-mcp-header``, at most :data:`OVERLAP` bytes); True when it did."""
    result = parsed.get("result") if isinstance(parsed, dict) else None
    if not isinstance(result, dict) or constants_seen or len(key) > OVERLAP:
        return False
    lists = [value for name in LISTS if isinstance(value := result.get(name), list)]
    if len(lists) != 1:
        return False
    for piece in _pieces(raw):
        if _may_overflow(piece) or not header_free(piece, key):
            return False
    items = lists[0]
    _Remembered.lists[id(items)] = (items, len(items))
    while len(_Remembered.lists) > KEPT:
        _Remembered.lists.popitem(last=False)
    return True


def proven(items: list[Any]) -> bool:
    """True (once) when ``items`` is a list :func:`remember` proved, unchanged in length."""
    entry = _Remembered.lists.get(id(items))
    if entry is None or entry[0] is not items:
        return False
    del _Remembered.lists[id(items)]
    return entry[1] == len(items)


def forget() -> None:
    """Drop every list remembered (tests)."""
    _Remembered.lists.clear()
