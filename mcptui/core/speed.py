"""The speed layer: the cyclic collector's policy and the SDK preload, in one place (no Textual).

What each trick buys (figures from ``bench/``, on a 2-core VM):

- **The collector paused while the UI imports** (:func:`pause_collector` before the import,
  :func:`freeze_imports` after it, :func:`resume_collector` once the first frame is drawn).
  Importing Textual, Rich and our UI creates ~100k objects that live as long as the process;
  collecting cycles meanwhile only walks them again and again (~20 ms of the first frame), and
  once frozen no later full collection walks them.
- **The SDK imported in a thread** (:func:`load_sdk`, ~0.5 s, ~200k long-lived objects, pydantic
  models above all), so a UI's event loop keeps handling input meanwhile; the collector is paused
  during it (~60 ms of the import) and what it built is frozen afterwards. The freeze also pins
  what the UI holds at that moment: its first screen, which lives as long as the app anyway.

- **A cold one-shot command** (``mcptui list|call|read|prompt`` with no agent; issue 13).
  Measured in instructions (valgrind, deterministic on this loaded VM) of ``list URL --json``
  against the demo, main at e135c8b: 2,541 M; after: 2,084 M (-18%); ``call URL echo``:
  2,717 M → 2,287 M (-16%). ``python -c pass`` is 88 M. Each trick, in the order applied:

  - the OAuth flow imported on the first 401, not by every HTTP command (``auth/options.py``
    holds ``AuthOptions``; ``McpAuth.flow`` is built on first use): -64 M;
  - annotation strings compiled once during the SDK import
    (:func:`mcptui.core.sdk_import._cached_annotation_compiles`): -94 M;
  - the SDK's models and adapters built on first use (``load_sdk(one_shot=True)``,
    :func:`mcptui.core.sdk_import._models_built_on_first_use`): -84 M more;
  - no TLS roots for an ``http://`` server (:mod:`mcptui.core.lazy_tls`; the one-shot also skips
    the TLS prebuild): -242 M (~25-40 ms of wall time here);
  - no pydantic plugin discovery in a one-shot (``PYDANTIC_DISABLE_PLUGINS``): ~10 ms of file
    reads (74 distributions' metadata), 19 M.

  A stdio one-shot: no auth engine at all, and the child is sent SIGTERM 0.1 s after its stdin
  EOF (:func:`mcptui.core.child_guard.one_shot_graces`; a Python SDK server spends ~0.27 s of
  interpreter teardown after EOF, and ends in ~10 ms on SIGTERM): -0.15 s to -0.2 s of wall.
  Tried and dropped: deferring the models without the adapters (+140 M), a stand-in for the
  SDK's ``session_group`` (-9 M, 0.4%), the collector off for the whole run (-28 M, ~1%, but
  a long ``run`` of a collection would keep its cyclic garbage).

No raised gen0 threshold: ``gc.set_threshold(7000, 10, 10)`` after the imports measured no
better on ``bench/tui_bench.py`` (filter keystroke on 5,000 tools, settled: median 72 ms against
63 ms without it, within this VM's noise), so the defaults stay.

A freeze is done only after imports, never on a UI event: everything alive at a freeze leaves
the collector's reach for good, so freezing on each catalog repaint kept every replaced widget
(forms, tree nodes: objects in reference cycles) alive for the rest of the process.
"""

from __future__ import annotations

import gc
import importlib
import sys


class _SdkLoad:
    """How many imports of the SDK are under way, and whether the collector ran before them."""

    running = 0
    collector_was_on = True


def pause_collector() -> None:
    """Stop cyclic collections until :func:`resume_collector` (before a heavy import)."""
    gc.disable()


def freeze_imports() -> None:
    """Move everything alive now (what was just imported) out of the cyclic collector's reach."""
    gc.freeze()


def resume_collector() -> None:
    """Let cyclic collections run again (once the first frame is drawn)."""
    gc.enable()


def _import_sdk(one_shot: bool = False) -> None:
    # without its server stack; one_shot: validators built on first use
    importlib.import_module("mcptui.core.sdk_import").import_client(lazy_models=one_shot)
    transports = importlib.import_module("mcptui.core.transports")
    importlib.import_module("httpcore2")  # httpx2 imports it when its first client is built
    if not one_shot:  # a one-shot command builds it only if its server needs it (lazy_tls)
        transports.tls_context()


async def load_sdk(*, one_shot: bool = False) -> None:
    """Import the SDK in a thread with the collector paused, then freeze what it built.

    The collector is left as it was found (on or off), also when loads overlap.
    ``one_shot`` (one command, then exit): the models' validators are built on first use
    (:func:`mcptui.core.sdk_import.import_client`) and the TLS roots are not loaded ahead.
    """
    if "mcp.client.client" in sys.modules:
        return
    if _SdkLoad.running == 0:
        _SdkLoad.collector_was_on = gc.isenabled()
    _SdkLoad.running += 1
    gc.disable()
    try:
        import asyncio  # here, not at the top: the CLI imports this module at start-up

        await asyncio.to_thread(_import_sdk, one_shot)
    finally:
        _SdkLoad.running -= 1
        if _SdkLoad.running == 0:
            gc.freeze()
            if _SdkLoad.collector_was_on:
                gc.enable()
