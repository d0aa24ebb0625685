"""The SDK's later-revision field sets kept on disk, so a 2025-11-25 session never imports the
2026-07-28 era's wire models (a one-shot command's share of :mod:`mcptui.core.lazy_eras`).

On a session of an older revision, ``ClientSession.send_request`` drops from every result the
keys that only a later revision defines (``_later_revision_fields(method, version)`` in
``mcp/client/session.py``: the field aliases of each newer revision's result model, minus the
negotiated one's). Computing it looks up the 2026-07-28 rows of the method maps, so with the
eras imported on first use a legacy ``list`` still imported the newer era (~190 M
instructions) for these few sets of names.

:func:`install` wraps that function: each answer, once computed by the SDK's own function, is
kept in a table on disk beside the code cache (:func:`mcptui.core.code_cache.write_payload`:
0600, CRC-checked, this user's only) and read back on later runs. The table is stamped with the
size and modification time of the four SDK files the answer derives from (both era modules,
``mcp_types/methods.py``, ``mcp/client/session.py``): another SDK, or an edited one, ignores
it and the answers are computed again. Only for a one-shot command (with the eras imported on
first use); ``MCPTUI_LAZY_ERAS=0`` or ``MCPTUI_CODE_CACHE=0`` turn it off.

Measured in instructions (valgrind, against the demo ``--legacy-only``): ``list URL --json``
1,741 M → 1,539 M, ``call URL echo text=hi`` 1,755 M → 1,550 M (-12%); a 2026-07-28 server:
unchanged (the newest revision has no later one).
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path
from typing import Any

FORMAT = "mcptui-sdk-facts-1"
_SOURCES = (
    ("mcp_types", "_v2025_11_25/__init__.py"),
    ("mcp_types", "_v2026_07_28/__init__.py"),
    ("mcp_types", "methods.py"),
    ("mcp", "client/session.py"),
)


class _Facts:
    """The table, its file and stamp, and whether this run added to it."""

    path: Path | None = None
    stamp: Any = None
    table: dict[tuple[str, str], tuple[str, ...]] = {}
    new = 0


def _stamp() -> tuple[tuple[str, int, int], ...] | None:
    """(file, size, mtime) of each SDK file the answers derive from; None when one is missing."""
    stamp = []
    for package, relative in _SOURCES:
        module = sys.modules.get(package)
        origin = getattr(module, "__file__", None)
        if not origin:
            return None
        source = os.path.join(os.path.dirname(origin), relative)
        try:
            info = os.stat(source)
        except OSError:
            return None
        stamp.append((source, info.st_size, info.st_mtime_ns))
    return tuple(stamp)


def _valid(table: Any) -> bool:
    return isinstance(table, dict) and all(
        type(key) is tuple
        and len(key) == 2
        and all(type(part) is str for part in key)
        and type(names) is tuple
        and all(type(name) is str for name in names)
        for key, names in table.items()
    )


def install() -> None:
    """Wrap the SDK's ``_later_revision_fields`` with the table on disk (once)."""
    session: Any = sys.modules.get("mcp.client.session")
    original = getattr(session, "_later_revision_fields", None)
    if not callable(original) or getattr(original, "mcptui_facts", False) or _Facts.path is not None:
        return
    if os.environ.get("MCPTUI_LAZY_ERAS", "") == "0" or os.environ.get("MCPTUI_CODE_CACHE", "") == "0":
        return
    stamp = _stamp()
    if stamp is None:  # pragma: no cover - an SDK laid out otherwise
        return
    from mcptui.core import code_cache

    path = code_cache.cache_file().with_name(f"{sys.implementation.cache_tag}.sdk-facts.marshal")
    table = code_cache.read_payload(path, FORMAT, stamp)
    _Facts.path, _Facts.stamp, _Facts.table = path, stamp, table if _valid(table) else {}
    answers: dict[tuple[str, str], frozenset[str]] = {}

    def later_revision_fields(method: str, version: str) -> frozenset[str]:
        key = (method, version)
        answer = answers.get(key)
        if answer is None:
            stored = _Facts.table.get(key)
            if stored is None:  # the SDK's own answer, kept for the next runs
                answer = frozenset(original(method, version))
                _Facts.table[key] = tuple(sorted(answer))
                _Facts.new += 1
            else:
                answer = frozenset(stored)
            answers[key] = answer
        return answer

    later_revision_fields.mcptui_facts = True  # type: ignore[attr-defined]
    later_revision_fields.__wrapped__ = original  # type: ignore[attr-defined]
    session._later_revision_fields = later_revision_fields
    atexit.register(save)


def kept(methods: tuple[str, ...], version: str) -> bool:
    """True when the table (installed) holds the SDK's answer for each ``(method, version)``:
    then answering them looks up no newer era's row (:mod:`mcptui.core.era_ahead` asks)."""
    return _Facts.path is not None and all((method, version) in _Facts.table for method in methods)


def save() -> None:
    """Write the table back when this run computed a new answer."""
    if _Facts.path is None or not _Facts.new:
        return
    from mcptui.core.code_cache import write_payload

    write_payload(_Facts.path, FORMAT, _Facts.stamp, _Facts.table)
    _Facts.new = 0
