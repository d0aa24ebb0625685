"""The speed layer: the cyclic collector's policy and the SDK preload, in one place (no Textual);
where the other measured tricks live.

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

- **Big messages and log floods below the SDK** (not here: in the modules that do it, each with
  its figures). A message over 1 MiB goes to a 0600 spill file as it arrives and the SDK gets a
  small copy (:mod:`mcptui.core.sse_spill`, :mod:`mcptui.core.spill`): a 50 MB result's longest
  event-loop stall went from ~1.7-3.2 s to ~30-80 ms without UI (bench/bench_big_result.py, and
  the loop-gap figures in the report of issue 13). A ``notifications/message`` line is read with
  ``json.loads`` under the SDK's pipeline (:mod:`mcptui.core.wire_fast_path`): the client keeps
  up with the load server instead of falling seconds behind (bench/bench_flood.py).
  ``MCPTUI_FAST_PATH=0`` turns both off, for same-run comparisons.

- **Full collections ten times rarer in the TUI** (:data:`FULL_EVERY`, set by
  :func:`resume_collector`). During a flood every log line leaves a few long-lived objects (its
  events, its console entries), so full collections came every ~10,000 lines, each walking the
  whole heap: 170-455 ms at load ~4 on this VM, the longest key waits of a flood. With 100 a
  30,000-line flood ran without one (bench/bench_flood.py, same runs: keys p99 109-113 ms and
  no gen2 collection, against 504-523 ms with one gen2 of 368-423 ms; load 3.7). A full collection
  still comes, later, as long; garbage in cycles lives a little longer (most is freed by
  reference counting anyway).

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


FULL_EVERY = 100  # collections of the middle generation between two full ones (default 10)


def resume_collector() -> None:
    """Let cyclic collections run again (once the first frame is drawn), full ones more rarely."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_EVERY)
    gc.enable()


def _import_sdk() -> None:
    importlib.import_module("mcptui.core.sdk_import").import_client()  # without its server stack
    transports = importlib.import_module("mcptui.core.transports")
    importlib.import_module("httpcore2")  # httpx2 imports it when its first client is built
    transports.tls_context()


async def load_sdk() -> None:
    """Import the SDK in a thread with the collector paused, then freeze what it built.

    The collector is left as it was found (on or off), also when loads overlap.
    """
    if "mcp.client.client" in sys.modules:
        return
    if _SdkLoad.running == 0:
        _SdkLoad.collector_was_on = gc.isenabled()
    _SdkLoad.running += 1
    gc.disable()
    try:
        import asyncio  # here, not at the top: the CLI imports this module at start-up

        await asyncio.to_thread(_import_sdk)
    finally:
        _SdkLoad.running -= 1
        if _SdkLoad.running == 0:
            gc.freeze()
            if _SdkLoad.collector_was_on:
                gc.enable()
