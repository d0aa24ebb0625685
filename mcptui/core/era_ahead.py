"""The newest era's wire models imported in a thread once the first list request is on its way.

A connection needs ``mcp_types._v2026_07_28`` (~150 pydantic classes, ~0.04 s of CPU to define)
only to check the server's answers: its first lookup is the first list page's check
(``mcp_types.methods`` maps every version to its classes lazily, :mod:`mcptui.core.lazy_eras`).
The TUI's lazy SDK import used to import it in its thread before the connection could open,
and the prefetch child (a one-shot connection) imported it on its event loop after the
answer came. Either way it stood between connect and the catalog.

:func:`want` (the TUI's live connection and the prefetch child, over HTTP) leaves it out of
the SDK import; the HTTP client's request hook (:func:`on_request`) starts importing it in a
thread when the first request that is neither ``server/discover`` nor ``subscriptions/listen``
goes out (a list request, or a legacy session's first message after ``initialize``), so the
import runs while the server builds its answer (0.4 s for 50,000 tools). Whoever looks a row
up meanwhile waits on the import lock, as for any module import, and gets the same classes.
A connection whose requests never pass the hook (stdio) imports it on first lookup, as a
one-shot command does. Figures in :mod:`mcptui.core.speed`'s list.
"""

from __future__ import annotations

import importlib
import sys
import threading
from typing import Any

from mcptui.core.sdk_warmup import NEWEST_ERA

_NOT_YET = frozenset({"server/discover", "subscriptions/listen"})  # sent before the first list


class _Ahead:
    """Whether the era's import waits for a request, and its thread once started."""

    wanted = False
    thread: threading.Thread | None = None


def want() -> None:
    """The era is imported once the next request the hook sees is on its way (not at import)."""
    if NEWEST_ERA not in sys.modules and _Ahead.thread is None:
        _Ahead.wanted = True


def pending() -> bool:
    """True while the era's import waits for a request."""
    return _Ahead.wanted


def _import_era() -> None:
    # as load_sdk imports the SDK: collector paused meanwhile (a resume_collector meanwhile,
    # the TUI's panes mounted, takes effect at the end), then what it built is frozen
    with importlib.import_module("mcptui.core.speed").sdk_import_window():
        importlib.import_module(NEWEST_ERA)


def start() -> threading.Thread | None:
    """Start the era's import in a thread now, if it is still wanted; the thread started."""
    if not _Ahead.wanted:
        return None
    _Ahead.wanted = False
    if NEWEST_ERA in sys.modules:
        return None
    _Ahead.thread = threading.Thread(target=_import_era, name="mcptui-era")  # waited for at exit
    _Ahead.thread.start()
    return _Ahead.thread


async def on_request(request: Any) -> None:
    """httpx2 request hook: the first request past the handshake starts the era's import."""
    if _Ahead.wanted and request.headers.get("mcp-method") not in _NOT_YET:
        start()
