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

A session of a handshake revision (2025-11-25 and older: requests without ``mcp-method``) needs
the newest era only for the SDK's later-revision field sets of its results, which
:mod:`mcptui.core.sdk_facts` keeps on disk after a first run. The hook waits for the first
request that names the session's version (``mcp-protocol-version``: the one after
``initialize``); when the table holds the answers for the catalog's four lists at that version,
the era is not imported ahead at all (a row looked up later is imported on first use, as ever).
Measured on a later launch of the TUI's live connection to a 2025-11-25 demo of 50,000 tools
(headless, ``bench/connect_to_wire.py``'s child with ``protocol="legacy"``): instructions from
start to the catalog 4,447 M -> 4,222 M (cachegrind); the era's ~0.04-0.05 s of CPU in its thread
had run beside the catalog's read (the legacy server answers in ~0.1 s), taking the GIL from it.
"""

from __future__ import annotations

import importlib
import sys
import threading
from typing import Any

from mcptui.core import sdk_facts
from mcptui.core.sdk_warmup import NEWEST_ERA

_NOT_YET = frozenset({"server/discover", "subscriptions/listen"})  # sent before the first list
CATALOG_LISTS = ("tools/list", "prompts/list", "resources/list", "resources/templates/list")


class _Ahead:
    """Whether the era's import waits for a request, and its thread once started."""

    wanted = False
    thread: threading.Thread | None = None
    waited = False  # a request named neither method nor version (initialize): the next one decides


def want() -> None:
    """The era is imported once the next request the hook sees is on its way (not at import)."""
    if NEWEST_ERA not in sys.modules and _Ahead.thread is None:
        _Ahead.wanted, _Ahead.waited = True, False


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
    """httpx2 request hook: the first request past the handshake starts the era's import
    (a handshake revision's session: unless its answers are kept on disk, see the module doc)."""
    if not _Ahead.wanted:
        return
    headers = request.headers
    method = headers.get("mcp-method")
    if method in _NOT_YET:
        return
    if method is None:
        version = headers.get("mcp-protocol-version")
        if version is None and not _Ahead.waited:  # initialize: no version agreed yet
            _Ahead.waited = True
            return
        if version is not None and _answered_without_it(version):
            _Ahead.wanted = False
            return
    start()


def _answered_without_it(version: str) -> bool:
    """A session of ``version`` reads its catalog without looking up a newest-era row."""
    from mcp_types.version import HANDSHAKE_PROTOCOL_VERSIONS

    return version in HANDSHAKE_PROTOCOL_VERSIONS and sdk_facts.kept(CATALOG_LISTS, version)
