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
