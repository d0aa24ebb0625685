"""Big messages kept aside: a JSON-RPC message over :func:`spill_bytes` goes to a private file.

Validating a 50 MB message (pydantic, on the event loop) and printing it for the SDK's debug
log take seconds during which no key is handled. :func:`stand_in` (run in a worker thread by
:mod:`mcptui.core.wire_fast_path`) writes the whole message to a 0600 file in a 0700 folder of
its own and returns a small copy of it for the SDK: the same message with every string longer
than :data:`STRING_LIMIT` cut to its first :data:`HEAD_CHARS` characters and ended by an
explicit marker (``… [mcptui: … mcptui-spill:<token>:<n>]``). The structure, the ids and the
short strings are untouched, so the SDK validates and routes the copy as it would the original.

The copy is made without parsing the message (a JSON parser holds the GIL for the whole text):
a scan finds each string's ends with ``bytes.find`` (memory speed; only an escaped quote costs
a Python step, and the thread lets the loop run between steps). A message that cannot be made
small that way (nothing long to cut, or a structure alone over :data:`SKELETON_LIMIT`: a
50,000-tool ``tools/list``, 500,000 small objects) is given to the SDK whole, as without the
fast path (its file removed): only the hard caps of :mod:`mcptui.core.body_limit` refuse a message.

:func:`find` maps a cut string (its marker) back to a :class:`SpilledText`: where its whole body
lies in the file; :func:`read_pages` decodes it page by page (for "show all" and "save", in a
thread). A cut string whose file is gone (:func:`lost`) keeps only its head: the front ends say
:data:`GONE` rather than fail or show the cut copy as the whole. Tokens are random, so a server cannot point a marker at another file; at most
:data:`KEEP_SPILLS` files are kept (the oldest is deleted) and all of them at exit.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import mmap
import os
import re
import secrets
import shutil
import tempfile
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mcptui.core.private_files import open_private, private_dir

MIB = 1024 * 1024
DEFAULT_SPILL_MB = 1.0
STRING_LIMIT = 64_000  # bytes of one JSON string above which it is cut in the copy
HEAD_CHARS = 40_000  # bytes of a cut string's beginning kept in the copy (the view shows ~30,000)
SKELETON_LIMIT = 4 * MIB  # the copy may not be larger than this
WINDOW = 1 * MIB  # characters of a text message encoded per step
PAGE_BYTES = 1 * MIB  # bytes of a spilled string decoded per page
KEEP_SPILLS = 8

GONE = "the rest is no longer available"  # said of a cut string whose spill file is gone
GONE_WHY = "it was cut when it arrived, and its spill file is gone: only the newest are kept"

_MARKER = re.compile(r"mcptui-spill:([0-9a-f]{16}):(\d+)\]\Z")
_HEX = frozenset(b"0123456789abcdefABCDEF")


def spill_bytes() -> int:
    """Messages larger than this are kept aside (``MCPTUI_SPILL_MB``, default 1 MiB)."""
    try:
        value = float(os.environ.get("MCPTUI_SPILL_MB", "") or DEFAULT_SPILL_MB)
    except ValueError:
        value = DEFAULT_SPILL_MB
    return int((value if value > 0 else DEFAULT_SPILL_MB) * MIB)


class SpillGone(FileNotFoundError):
    """A cut string's spill file is gone (a newer spill replaced it, or it was deleted)."""

    def __init__(self) -> None:
        super().__init__(f"{GONE} ({GONE_WHY})")


class _NotSmaller(Exception):
    """Cutting the long strings would not make the message small (see the module docstring)."""


@dataclass(frozen=True)
class SpilledText:
    """One cut string: where its whole JSON body (still escaped) lies in the spill file."""

    path: Path
    start: int  # byte offset of the first byte after the opening quote
    end: int  # byte offset of the closing quote
    shown: int  # bytes of the body kept in the copy

    @property
    def size(self) -> int:
        """Bytes of the JSON body (about the text's size in UTF-8)."""
        return self.end - self.start


class _Registry:
    """The spills of this process, newest last; their files are removed at exit."""

    def __init__(self) -> None:
        self.spills: OrderedDict[str, tuple[SpilledText, ...]] = OrderedDict()
        self.evicted: set[str] = set()  # tokens whose file was removed (their strings stay cut)
        self._folder: Path | None = None

    def folder(self) -> Path:
        if self._folder is None or not self._folder.exists():
            self._folder = private_dir(Path(tempfile.mkdtemp(prefix="mcptui-spill-")))
            atexit.register(shutil.rmtree, self._folder, True)
        return self._folder

    def add(self, token: str, texts: tuple[SpilledText, ...]) -> None:
        self.spills[token] = texts
        while len(self.spills) > KEEP_SPILLS:
            gone, old = self.spills.popitem(last=False)
            self.evicted.add(gone)
            if old:
                with contextlib.suppress(OSError):
                    old[0].path.unlink()

    def get(self, token: str, index: int) -> SpilledText | None:
        texts = self.spills.get(token)
        if texts is None or index >= len(texts) or not texts[index].path.exists():
            return None
        return texts[index]


_registry = _Registry()


def find(text: str) -> SpilledText | None:
    """The spilled string ``text`` (a cut copy, ending with its marker) stands for, if any."""
    if not isinstance(text, str) or "mcptui-spill:" not in text[-120:]:
        return None
    match = _MARKER.search(text[-120:])
    return _registry.get(match.group(1), int(match.group(2))) if match else None


def issued(text: str) -> bool:
    """``text`` is a cut copy made by this process, its file kept or not (a forged marker is not)."""
    if not isinstance(text, str) or "mcptui-spill:" not in text[-120:]:
        return False
    match = _MARKER.search(text[-120:])
    return match is not None and (match.group(1) in _registry.spills or match.group(1) in _registry.evicted)


def lost(text: str) -> bool:
    """``text`` is a cut copy made by this process whose spill file is gone (evicted, or deleted):
    only its head is left."""
    return issued(text) and find(text) is None


def head_of(text: str) -> str:
    """``text`` without the marker line a cut string of this process ends with (its file kept or not)."""
    at = text.rfind("\n… [mcptui: ")
    return text[:at] if at >= 0 and issued(text) else text


def _string_end(data: Any, start: int) -> int:
    """The offset of the quote closing the JSON string whose body starts at ``start``.

    ``bytes.find`` runs at memory speed; only a quote that turns out escaped costs a step here.
    """
    pos = start
    while True:
        quote: int = data.find(b'"', pos)
        if quote < 0:
            raise ValueError("the message ends inside a string")
        run = quote
        while data[run - 1] == 0x5C:  # backslashes just before it: an odd number escapes it
            run -= 1
        if (quote - run) % 2 == 0:
            return quote
        pos = quote + 1


def _as_bytes(message: bytes | str) -> bytes:
    """UTF-8 bytes of ``message``, encoded a window at a time (one call on 50 MB holds the GIL)."""
    if isinstance(message, bytes):
        return message
    return b"".join(
        message[at : at + WINDOW].encode("utf-8", "surrogatepass") for at in range(0, len(message), WINDOW)
    )


def _safe_cut(data: Any, start: int, at: int) -> int:
    """``at`` moved back so that it cuts no escape (``\\n``, ``\\u00e9``, a surrogate pair)
    and no UTF-8 character."""
    low = max(start, at - 12)
    back = data.rfind(b"\\", low, at)
    while back >= 0:  # an escape starting in the last 12 bytes: cut before it if it is open
        run = back
        while run > start and data[run - 1] == 0x5C:
            run -= 1
        if (back - run) % 2 == 0:  # this backslash starts an escape
            width = 6 if data[back + 1 : back + 2] == b"u" else 2
            if back + width > at or (width == 6 and _high_surrogate(data, back) and back + 12 > at):
                at = back
            break
        back = data.rfind(b"\\", low, back)
    while at > start and (data[at] & 0xC0) == 0x80:  # a UTF-8 continuation byte
        at -= 1
    return at


def _high_surrogate(data: Any, back: int) -> bool:
    digits = data[back + 2 : back + 6]
    return (
        len(digits) == 4
        and all(c in _HEX for c in digits)
        and digits[:2].lower() in (b"d8", b"d9", b"da", b"db")
    )


def _marker(token: str, index: int, size: int) -> bytes:
    note = (
        f"\\n… [mcptui: cut here, {size / MIB:.1f} MiB in all, kept aside for show all and save: "
        f"mcptui-spill:{token}:{index}]"
    )
    return note.encode("utf-8")


def new_file() -> tuple[str, Path]:
    """A fresh token and the path of its (not yet written) 0600 spill file."""
    token = secrets.token_hex(8)
    return token, _registry.folder() / f"{token}.json"


def stand_in(message: bytes | str) -> bytes:
    """Keep ``message`` (a whole JSON-RPC message) in a spill file; its small copy for the SDK.

    Runs in a worker thread. Returns the message whole (its file removed) when it cannot be made
    small; raises ``ValueError`` when it is not JSON text.
    """
    data = _as_bytes(message)
    token, path = new_file()
    with open_private(path, "wb") as handle:
        handle.write(data)
    return _register(token, path, data)


def stand_in_file(token: str, path: Path) -> bytes:
    """:func:`stand_in` for a message already written to ``path`` (by :mod:`.sse_spill`)."""
    try:
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _register(token, path, data)
    except (OSError, ValueError):  # an empty file cannot be mapped
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def was_cut(token: str) -> bool:
    """The copy made under ``token`` (just now) cut strings: it is not the message whole."""
    return token in _registry.spills


def _register(token: str, path: Path, data: Any) -> bytes:
    try:
        if len(data) <= QUICK_CHECK_BYTES and _nothing_to_cut(whole := bytes(data)):
            with contextlib.suppress(OSError):
                path.unlink()
            return whole
        copy, spans = _cut_long_strings(data, token, len(data))
    except _NotSmaller:  # the SDK gets it whole, as without the fast path
        whole = bytes(data)
        with contextlib.suppress(OSError):
            path.unlink()
        return whole
    except ValueError:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    _registry.add(token, tuple(SpilledText(path, start, end, shown) for start, end, shown in spans))
    return copy


QUICK_CHECK_BYTES = 16 * MIB  # a message up to this long is first checked at C speed for a long string
_LONG_RUN = re.compile(rb'"[^"]{%d}' % (STRING_LIMIT + 1))  # a quote, then more than STRING_LIMIT others


def _nothing_to_cut(data: bytes) -> bool:
    """True when :func:`_cut_long_strings` would find nothing to cut (it would raise _NotSmaller).

    That walk steps from string to string in Python until its copy passes SKELETON_LIMIT: on a
    50,000-tool list (7.5 MB of short strings) 0.16-0.25 s of CPU before it gives up. Here, at C
    speed (0.02-0.03 s): every escaped backslash and escaped quote is overwritten by two bytes
    of filler (same length, left to right as JSON reads escapes), so the quotes left are exactly
    the strings' ends; with no run of more than STRING_LIMIT bytes after a quote, no string is
    long enough to cut, and an even count of them means no string is left open (the walk's
    ``ValueError``). Up to QUICK_CHECK_BYTES only (the filler copies are transient memory; the
    walk's own cost does not grow with the message past its skeleton limit).
    """
    flat = data.replace(b"\\\\", b"__").replace(b'\\"', b"__") if b"\\" in data else data
    return flat.count(b'"') % 2 == 0 and not _long_run(flat)


_BLOCK = (STRING_LIMIT + 1) // 2  # any STRING_LIMIT + 1 bytes in a row hold a whole block at a multiple of it


def _long_run(flat: bytes) -> bool:
    """``_LONG_RUN.search(flat) is not None``, the pattern tried only near a quote-free block.

    The pattern alone is tried at every quote: 15 ms on the 50,000-tool reply (7.5 MB, 1.1 M
    quotes), most of the kept copy's time. A match (a quote, then STRING_LIMIT + 1 other bytes)
    holds a whole block of ``_BLOCK`` bytes starting at a multiple of it (its run is at least
    ``2 * _BLOCK - 1`` bytes long), with no quote in it; so only around such a block (the
    match's quote before it, its end at most STRING_LIMIT + 1 bytes after the block's start)
    can a match be. Each block is tested by one ``bytes.find`` (235 on 7.5 MB), the pattern searched
    in the window around each quote-free one; a match there is one in ``flat`` (the pattern has
    no anchor): the same answer (tests), in ~0.1 ms on a catalog, whose blocks all hold quotes.
    """
    find, reach = flat.find, STRING_LIMIT + 1
    for start in range(0, len(flat) - _BLOCK + 1, _BLOCK):
        quote_free = find(b'"', start, start + _BLOCK) < 0
        if quote_free and _LONG_RUN.search(flat, max(0, start - reach), start + reach) is not None:
            return True
    return False


def _cut_long_strings(data: Any, token: str, size: int) -> tuple[bytes, list[tuple[int, int, int]]]:
    pieces: list[bytes] = []
    spans: list[tuple[int, int, int]] = []
    kept = 0  # bytes of the copy so far
    last = 0  # data[last:] is still to copy
    pos = 0
    find = data.find
    while (quote := find(b'"', pos)) >= 0:
        if kept + (quote - last) > SKELETON_LIMIT:
            raise _NotSmaller
        start = quote + 1
        end = _string_end(data, start)
        if end - start > STRING_LIMIT:
            cut = _safe_cut(data, start, start + HEAD_CHARS)
            marker = _marker(token, len(spans), end - start)
            pieces += [data[last:cut], marker]
            kept += cut - last + len(marker)
            spans.append((start, end, cut - start))
            last = end
        pos = end + 1
    if kept + (len(data) - last) > SKELETON_LIMIT:
        raise _NotSmaller
    if not spans:
        raise _NotSmaller
    pieces.append(data[last:])
    return b"".join(pieces), spans


def read_pages(text: SpilledText, page_bytes: int = PAGE_BYTES) -> Iterator[str]:
    """The whole text of ``text``, decoded a page at a time (in a worker thread); raises
    :class:`SpillGone` when its file is gone."""
    try:
        opened = text.path.open("rb")
    except FileNotFoundError:
        raise SpillGone from None
    with opened as handle:
        handle.seek(text.start)
        pos = text.start
        carry = b""
        while pos < text.end:
            raw = carry + handle.read(min(page_bytes, text.end - pos))
            pos += len(raw) - len(carry)
            cut = len(raw) if pos >= text.end else _safe_cut(raw, 0, len(raw) - 1)
            carry = raw[cut:]
            yield json.loads(b'"' + raw[:cut] + b'"', strict=False)
