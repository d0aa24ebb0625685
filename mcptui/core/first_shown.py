"""Work the TUI leaves until its first catalog is on screen (no Textual).

A 50,000-tool catalog is drawn in ~0.1 s, but anything else running in the process then takes
the GIL from the drawing: the catalog cache's ``json.dumps`` of the 7.5 MB catalog (one C call,
~0.14-0.3 s, that never lets the event loop in), and the rest of the SDK's warm-up (validators
of models the listing does not use, the TLS roots, ``jsonschema``). While the gate is held
(:func:`hold`, by the TUI before its first connection) such work waits; :func:`release` (the UI,
once a first catalog is drawn or there is none to draw) lets it run, in a thread.

Open by default: a one-shot command, the agent or a test that never holds it waits for nothing.
A cache flush (:meth:`mcptui.core.catalog.CatalogCache.flush`, at exit or before reading the
cache back) releases it first, so nothing ever waits on a UI that never draws.

The queued work runs in a thread the interpreter waits for at exit (not a daemon): a daemon
thread loading the TLS roots (OpenSSL, outside the GIL) while the process exited crashed it
(SIGSEGV or "free(): invalid pointer" in ~3% of the headless runs of an app quit before its
first catalog, whose unmount released the gate). An app that ends releases it with
``start_work=False``: the warm-up is dropped, not started on the way out.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

_open = threading.Event()
_open.set()
_queued: list[Callable[[], None]] = []
_lock = threading.Lock()
releases = 0  # times the gate was released while held (tests count them)


def hold() -> None:
    """Hold background work until :func:`release` (the TUI, before its first connection)."""
    _open.clear()


def held() -> bool:
    return not _open.is_set()


def wait() -> None:
    """Return once the gate is open (at once when it was never held)."""
    _open.wait()


def after_shown(work: Callable[[], None]) -> None:
    """Run ``work`` in a thread once the gate is open (now, when it is)."""
    with _lock:
        if not _open.is_set():
            _queued.append(work)
            return
    threading.Thread(target=work, name="after-first-catalog").start()


def release(*, start_work: bool = True) -> None:
    """Open the gate: the waiting writes go on, the queued work starts in one thread
    (``start_work=False``, the app ending: it is dropped)."""
    global releases
    with _lock:
        if _open.is_set():
            return
        _open.set()
        releases += 1
        work, _queued[:] = list(_queued), []
    if work and start_work:
        threading.Thread(target=_run_all, args=(work,), name="after-first-catalog").start()


def _run_all(work: list[Callable[[], None]]) -> None:
    for item in work:
        item()
