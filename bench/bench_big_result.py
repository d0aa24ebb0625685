"""Big-result figures: a 5 MB and a 50 MB tool result over streamable HTTP, in the real app.

Run from the repository root: ``python bench/bench_big_result.py [--sizes 5 50]``. The load server
(``tests/load_server.py``, built with the SDK, on 127.0.0.1) answers its ``big`` tool with one text
block of that many MB, framed two ways: an SSE stream in the 2025-11-25 era and one JSON body in
the 2026-07-28 era (``--json``). The app (``McpTuiApp`` headless through ``App.run_test``) calls it
through the session manager while a thread presses keys as the terminal driver does (see
``bench_flood.py``). Printed per size and framing: time from the call to the result drawn (its
truncation line on screen), the longest key wait meanwhile, and the same keys' floor with nothing
running; with the load average. Before them, the same call with no UI: the longest stalls of
the event loop itself.

Each framing is run twice in one process, alternating: with the fast path (the default) and
without it (``MCPTUI_FAST_PATH=0``: the SDK reads the whole message), so both share the load.

The choice it measures (:mod:`mcptui.core.sse_spill`, :mod:`mcptui.core.spill`,
:mod:`mcptui.core.wire_fast_path`): a message over 1 MiB is written to a 0600 spill file as its
bytes arrive, below httpx2; the SDK gets a small copy (same ids and structure, strings over 64 KB
cut to 40 KB with a marker) made in a worker thread, so neither pydantic nor the SDK's debug
f-string nor httpx2's event parser touch 50 MB on the event loop. The view shows the cut text;
"show all" and "save" read the spill file page by page in a worker.

The view (issue 13): a text body is drawn with the line API (:mod:`mcptui.ui.widgets.text_rows`):
only the rows on screen are styled and drawn, instead of a 300-line ``Static`` converted, wrapped
and rendered whole at every layout and paint; one layout per swap of blocks; the footer is told
only when it shows the view's keys. A warm-up call comes first (the first call's form check
imports jsonschema); "loop CPU" is the CPU time of event-loop callbacks (steadier than wall time
on a shared machine), with any full collection of the cyclic collector. Interleaved runs, load
2-3 on 2 cores: worst key wait SSE 5 MB 52-91 ms (before 150-417), SSE 50 MB 74-118 (before
126-337), JSON 5 MB 85-129 (before 150-184), JSON 50 MB 101-177 (before 156-612); longest loop
callback CPU after 24-47 ms, before 51-85 ms, plus a 450 ms full collection in JSON 50 MB before.

The collector (issue 13, branch bigjson). JSON 50 MB's 250 ms (a 459-533 ms full collection
inside the call) came from this bench's process, not from the call: the SDK it had imported
itself was never frozen (``load_sdk`` found it loaded) and the earlier runs' apps lay there as
garbage: 430k objects walked. The call makes no more tracked objects over a JSON body than over
SSE: 31-36 gen0 and 2-4 gen1 collections in each, never a full one (counted here). Now the SDK is
loaded and frozen as the app does, each run starts collected, each call's heap is printed with
what a full collection would cost if one landed there, and the app freezes what it holds once
settled (:func:`mcptui.core.speed.freeze_settled`): that heap went from 133-143k objects and
59-95 ms to 80-92k and 19-61 ms (interleaved, JSON 50 MB, load 2.5-3.5). Worst key wait, fast
path, one run at load 1.7-2.4: SSE 5 MB 125 ms, SSE 50 MB 235 ms, JSON 5 MB 78 ms, JSON 50 MB
84 ms; another at 2.3-2.9: 185, 157, 134, 238 ms; a third at 2.6-3.7: 111, 137, 279, 277 ms.
The longest loop callback stayed at 14-31 ms of CPU and no full collection ran in a call: the
rest is this shared machine (the same run, repeated in one process at load 3.2-3.6, gave 82
and 373 ms; the slowest keys at load 4.4 waited 30-210 ms to be handled, with no callback
longer than 25 ms of CPU ahead of them). With no UI, receiving 50 MB costs the loop 89-120 ms
of CPU in ~1,000 callbacks, none over 6 ms (load 4.4); with the UI most of the loop's CPU in a
call is the keys' own frames (the warm-up call, 1 s of keys: 206-285 ms).

Quiet figures, everything merged (2026-12-06, load 0.6-0.7; ``--sizes 5 50``), fast path (the
default): SSE-framed 5 MB on screen 0.17 s, key wait max 32.6 ms; 50 MB 1.04 s, max 49.0 ms
(longest loop callback 27 ms); JSON body 5 MB 0.12 s, max 48.5 ms; 50 MB 0.63 s, max 36.0 ms
(longest callback 21 ms); no full collection in any call. SDK path (``MCPTUI_FAST_PATH=0``) for
comparison: SSE 50 MB max 454 ms (one 439 ms callback), JSON 50 MB max 176 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_flood import KeyPresser, TimedApp, fast_path_on, figures, load, rss_mb  # noqa: E402

from mcptui.core import speed  # noqa: E402
from mcptui.core.server_config import ServerConfig  # noqa: E402
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree  # noqa: E402
from mcptui.ui.widgets.console import ConsoleView  # noqa: E402
from mcptui.ui.widgets.result_blocks import TextBlock, TruncationNotice  # noqa: E402
from mcptui.ui.widgets.result_view import ResultView  # noqa: E402
from tests.load_server import running_load  # noqa: E402


class LoopMeter:
    """CPU time (``time.thread_time``) of each event-loop callback while :attr:`on`: unlike wall
    time, it hardly grows when the other processes of a shared machine take the cores."""

    def __init__(self) -> None:
        self.on = False
        self.costs: list[float] = []
        self._run = asyncio.events.Handle._run
        meter = self

        def timed_run(handle: asyncio.events.Handle) -> None:
            if not meter.on:
                meter._run(handle)
                return
            started = time.thread_time()
            meter._run(handle)
            meter.costs.append(time.thread_time() - started)

        asyncio.events.Handle._run = timed_run  # type: ignore[method-assign]
        self.full_collections: list[float] = []  # of the cyclic collector's oldest generation
        self.collections = [0, 0, 0]  # automatic collections per generation (a count, not a time)
        self._collecting = 0.0

        def collector(phase: str, info: dict[str, int]) -> None:
            if not self.on:
                return
            if phase == "start":
                self.collections[info["generation"]] += 1
            if info.get("generation") != 2:
                return
            if phase == "start":
                self._collecting = time.thread_time()
            else:
                self.full_collections.append(time.thread_time() - self._collecting)

        gc.callbacks.append(collector)

    def start(self) -> None:
        self.costs.clear()
        self.full_collections.clear()
        self.collections = [0, 0, 0]
        self.on = True

    def stop(self) -> str:
        self.on = False
        worst = ", ".join(f"{cost * 1000:.0f}" for cost in sorted(self.costs)[-3:])
        full = ", ".join(f"{cost * 1000:.0f}" for cost in self.full_collections) or "none"
        young, middle, _ = self.collections
        return (
            f"loop CPU {sum(self.costs) * 1000:.0f} ms in all, longest callbacks {worst} ms; "
            f"collections gen0 {young}, gen1 {middle}; full collections {full} ms"
        )


def heap() -> str:
    """The objects a full collection walks now (all tracked, not frozen), and one's CPU time: what
    an automatic one costs wherever it lands (when one lands in a measured call, it is printed
    as a full collection there). It clears the earlier calls' garbage, so the calls are measured
    alike."""
    tracked = sum(len(gc.get_objects(generation)) for generation in range(3))
    started = time.thread_time()
    gc.collect()
    took = time.thread_time() - started
    return f"heap: {tracked:,} tracked objects outside the frozen ones; a full collection now {took * 1000:.0f} ms"


METER = LoopMeter()
WARM_UP_MB = 0.001  # a first call in the app (form check, first result view) before the measured ones


def drawn(app: TimedApp) -> bool:
    view = app.main_screen.query_one(ResultView)
    return bool(view.query(TextBlock)) and bool(view.query(TruncationNotice))


async def run(config: ServerConfig, sizes: list[float], label: str) -> None:
    # each run stands for a process of its own: the earlier runs' apps are cyclic garbage (~200k
    # objects) that the first full collection walks, wherever it lands (it landed in JSON 50 MB)
    gc.collect()
    speed._Settled.done = False  # and the app's one freeze once settled (speed.freeze_settled) is its own
    app = TimedApp([config], auto_connect=True)
    async with app.run_test(size=(120, 36)) as pilot:
        deadline = time.monotonic() + 60

        def ready() -> bool:
            session = app.sessions["load"]
            catalog = session.catalog
            return (
                session.connected
                and app.main_screen.panes_ready
                and catalog is not None
                and bool(catalog.tool("big"))
            )

        while not ready():
            if time.monotonic() > deadline:
                raise SystemExit("the load server did not connect")
            await pilot.pause(0.05)
        app.main_screen.query_one(ConsoleView).focus()
        loop = asyncio.get_running_loop()
        presser = KeyPresser(app, loop)
        presser.start()
        try:
            await measure(app, pilot, sizes, label)
        finally:
            presser.stop.set()
            presser.join()


async def measure(app: TimedApp, pilot, sizes: list[float], label: str) -> None:  # type: ignore[no-untyped-def]
    await asyncio.sleep(1.0)  # the app settles after connecting (first frames, lazy imports)
    app.key_times.clear()
    await asyncio.sleep(1.0)
    floor = list(app.key_times)
    mode = "fast path" if fast_path_on() else "SDK path (MCPTUI_FAST_PATH=0)"
    print(f"--- {label} ({app.sessions['load'].protocol_version}), {mode}")
    print(figures("floor (no call)", floor))
    for size in [WARM_UP_MB, *sizes]:
        app.key_times.clear()
        session = app.sessions["load"]
        item = CatalogItem.of("load", "tool", session.catalog.tool("big"))  # type: ignore[union-attr]
        app.main_screen.query_one(CatalogTree).select_item(item)
        app.main_screen.show_item(item, values={"megabytes": size})
        await pilot.pause(0.2)
        view = app.main_screen.query_one(ResultView)
        app.main_screen.query_one(ConsoleView).focus()
        app.key_times.clear()
        METER.start()
        started = time.perf_counter()
        app.main_screen.action_send()
        while not (drawn(app) or size == WARM_UP_MB and view.mode == "tool"):
            if time.perf_counter() - started > 120:
                break
            await asyncio.sleep(0.005)
        shown = time.perf_counter() - started
        await asyncio.sleep(1.0)
        cpu = METER.stop()
        if size == WARM_UP_MB:
            print(f"warm-up call ({size:g} MB): " + figures("keys meanwhile", list(app.key_times)))
            print(f"  {cpu}")
            view.clear()
            await pilot.pause(0.2)
            continue
        notice = str(view.query_one(TruncationNotice).render()) if drawn(app) else "(not drawn)"
        print(f"{size:g} MB: on screen {shown:.2f} s after the call was sent (load {load()})")
        print("  " + figures("keys meanwhile", list(app.key_times)))
        print(f"  {cpu} (from the call to 1 s after the result is drawn)")
        print(f"  {notice[:160]}")
        print(f"  RSS {rss_mb():.0f} MB; {heap()}")
        view.clear()
        await pilot.pause(0.2)


async def loop_gaps(config: ServerConfig, size: float) -> None:
    """The same call with no UI: the longest stalls of the event loop itself (a 5 ms ticker)."""
    from mcptui.core.session import SessionManager

    done = asyncio.Event()
    manager = SessionManager(
        [config], listener=lambda e: type(e).__name__ == "CallCompleted" and done.set(), cache=None
    )
    manager.connect("load")
    while not (manager.snapshot("load") and manager.snapshot("load").connected):  # type: ignore[union-attr]
        await asyncio.sleep(0.05)
    gaps: list[float] = []

    async def tick() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last - 0.005)
            last = now

    ticker = asyncio.create_task(tick())
    started = time.perf_counter()
    manager.call("load", "tool", "big", {"megabytes": size})
    await asyncio.wait_for(done.wait(), 120)
    took = time.perf_counter() - started
    ticker.cancel()
    worst = ", ".join(f"{gap * 1000:.0f}" for gap in sorted(gaps)[-3:])
    mode = "fast path" if fast_path_on() else "SDK path"
    print(f"no UI, {mode}: {size:g} MB in {took:.2f} s, longest loop stalls {worst} ms (load {load()})")
    manager.disconnect_all()
    await asyncio.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[5.0, 50.0])
    parser.add_argument("--only-fast", action="store_true", help="skip the runs without the fast path")
    args = parser.parse_args()
    modes = ("1",) if args.only_fast else ("1", "0")
    # The app imports the SDK in a thread and freezes what it built (speed.load_sdk); here the
    # SDK came with the bench's own imports (the load server's module), so load_sdk found it
    # loaded and did neither: the rest of its work (httpcore2, TLS roots, jsonschema) came on the
    # loop, and ~64k long-lived objects stayed in the walk of every full collection (which then
    # took 459-533 ms in JSON 50 MB, with the earlier runs' garbage). Done here as the app does.
    speed._import_sdk()  # what load_sdk runs in its thread
    gc.collect()
    speed.freeze_imports()
    with running_load() as url:
        for fast in modes:
            os.environ["MCPTUI_FAST_PATH"] = fast
            config = ServerConfig(name="load", url=url, from_config=True, protocol="legacy")
            asyncio.run(loop_gaps(config, max(args.sizes)))
            asyncio.run(run(config, args.sizes, "SSE-framed, 2025-11-25"))
    with running_load("--json") as url:
        for fast in modes:
            os.environ["MCPTUI_FAST_PATH"] = fast
            # "auto" picks 2026-07-28 here; forcing it lists no tools (see the report of issue 13)
            config = ServerConfig(name="load", url=url, from_config=True)
            asyncio.run(loop_gaps(config, max(args.sizes)))
            asyncio.run(run(config, args.sizes, "JSON body, 2026-07-28"))
    os.environ.pop("MCPTUI_FAST_PATH")


if __name__ == "__main__":
    main()
