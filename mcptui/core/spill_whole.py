"""A spilled value made whole again: every cut string of it read back from its spill file.

A message kept aside (:mod:`mcptui.core.spill`) reaches the SDK, the history and the view as a
small copy whose long strings end with a marker. Anything that must judge or hand over the real
value (the output-schema check, "copy JSON") asks :func:`cut_texts` whether a value holds cut
strings, and :func:`whole` for the value with each of them replaced by its whole text, read page
by page in a worker thread (:func:`whole_in_thread`). A whole value past :func:`whole_limit`
(``MCPTUI_WHOLE_MB``, default :data:`DEFAULT_WHOLE_MB` MiB of cut strings) is not built:
:class:`TooLarge` says how large it is; a spill file already removed (only the newest are kept)
raises :class:`NoLongerKept`. Callers say so rather than present the cut copy as the value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from mcptui.core import spill

DEFAULT_WHOLE_MB = 64.0
MAX_DEPTH = 64  # nesting walked looking for cut strings (the copy's structure is the server's)


def whole_limit() -> int:
    """Bytes of cut strings a whole value may hold (``MCPTUI_WHOLE_MB``, default 64 MiB)."""
    try:
        value = float(os.environ.get("MCPTUI_WHOLE_MB", "") or DEFAULT_WHOLE_MB)
    except ValueError:
        value = DEFAULT_WHOLE_MB
    return int((value if value > 0 else DEFAULT_WHOLE_MB) * spill.MIB)


class TooLarge(Exception):
    """The whole value is larger than the limit: it was not built."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size / spill.MIB:.1f} MiB, past the {limit / spill.MIB:.0f} MiB read back whole")
        self.size = size
        self.limit = limit


class NoLongerKept(Exception):
    """A cut string's spill file is gone (a newer spill replaced it, or the app restarted)."""


@dataclass(frozen=True)
class CutSummary:
    """What a value's cut strings add up to: how many there are and their whole size."""

    count: int
    size: int  # bytes of their whole JSON bodies
    missing: int  # cut strings whose spill file is gone

    def __bool__(self) -> bool:
        return self.count > 0


def _is_cut(text: str) -> bool:
    return spill.issued(text)  # a marker a server forged is text like any other


def _walk_strings(value: Any, depth: int = 0) -> Any:
    if isinstance(value, str):
        yield value
    elif depth < MAX_DEPTH and isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _walk_strings(item, depth + 1)


def cut_texts(value: Any) -> CutSummary:
    """The cut strings of ``value`` (a small copy's part: cheap to walk)."""
    count = size = missing = 0
    for text in _walk_strings(value):
        if not _is_cut(text):
            continue
        count += 1
        spilled = spill.find(text)
        if spilled is None:
            missing += 1
        else:
            size += spilled.size
    return CutSummary(count, size, missing)


def whole(value: Any, limit: int | None = None) -> Any:
    """``value`` with every cut string read back whole (copied only where cut; in a thread).

    Raises :class:`TooLarge` past ``limit`` (default :func:`whole_limit`), :class:`NoLongerKept`
    when a spill file is gone.
    """
    summary = cut_texts(value)
    cap = whole_limit() if limit is None else limit
    if summary.missing:
        raise NoLongerKept("the whole result is no longer kept (only the newest big results are)")
    if summary.size > cap:
        raise TooLarge(summary.size, cap)
    return _rebuilt(value, 0) if summary else value


def _rebuilt(value: Any, depth: int) -> Any:
    if isinstance(value, str):
        if not _is_cut(value):
            return value
        spilled = spill.find(value)
        if spilled is None:
            raise NoLongerKept("the whole result is no longer kept (only the newest big results are)")
        try:
            return "".join(spill.read_pages(spilled))
        except OSError as error:
            raise NoLongerKept(f"the whole result cannot be read back ({error.strerror or error})") from None
    if depth >= MAX_DEPTH or not isinstance(value, dict | list):
        return value
    if isinstance(value, dict):
        return {key: _rebuilt(item, depth + 1) for key, item in value.items()}
    return [_rebuilt(item, depth + 1) for item in value]


async def whole_in_thread(value: Any, limit: int | None = None) -> Any:
    """:func:`whole`, run in a worker thread (the event loop keeps handling keys)."""
    import anyio

    return await anyio.to_thread.run_sync(whole, value, limit)
