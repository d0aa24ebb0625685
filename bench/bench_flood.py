"""Flood figures: 10,000 log notifications a second over a real connection, while keys are pressed.

Run from the repository root: ``python bench/bench_flood.py [--seconds 3] [--rate 10000]``.
The load server (``tests/load_server.py``, built with the SDK) runs on 127.0.0.1 over streamable
HTTP (and over stdio with ``--stdio``); the real app (``McpTuiApp``, headless through
``App.run_test``) connects to it and calls its ``flood`` tool through the session manager. While
the notifications arrive, a thread presses a key (j / k in the console: cursor down / up) 20 ms after the last one was answered the way
Textual's terminal driver does (posting the key from its own thread), and each key is timed from
that post to the first frame drawn after the app handled it. Printed:

* key latency median / p99 / max during the flood, and the same keys with no flood (the floor);
* catch-up: from the server sending its last notification (its wall clock, same machine) to the
  console holding it;
* RSS before, peak during, and after; how many console entries were kept and dropped;
* how long the server took to send them (its own clock: on a loaded machine the SDK server is
  often slower than the rate asked).

Each run is made twice, alternating, in one process: with the fast path for log lines
(:mod:`mcptui.core.wire_fast_path`, the default) and without it (``MCPTUI_FAST_PATH=0``: every
line through the SDK's own pipeline), so the two figures share the machine's load.
``--rounds N`` repeats the pair.

The choice it measures: a ``notifications/message`` line is read under the SDK
(``json.loads`` and a shape check, reported as the same RpcMessage and ServerLog events) instead
of the SDK's per-message validation, debug f-string, memory streams and dispatcher task.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MCPTUI_HOME", tempfile.mkdtemp())

from textual import events  # noqa: E402

from mcptui.core.events import ServerLog  # noqa: E402
from mcptui.core.server_config import ServerConfig  # noqa: E402
from mcptui.ui.app import McpTuiApp  # noqa: E402
from mcptui.ui.widgets.console import ConsoleView  # noqa: E402
from tests.load_server import END_MARK, running_load, stdio_command  # noqa: E402

KEY_EVERY = 0.02


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class TimedApp(McpTuiApp):
    """The real app, stamping each bench key when the first frame after its handling is drawn."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.key_times: list[float] = []
        self.answered = 0  # keys answered so far (key_times may be cleared between phases)
        self.answer = threading.Event()  # set at each answer: the presser blocks on it, never polls

    async def on_event(self, event: events.Event) -> None:
        posted = getattr(event, "bench_posted", None)
        if posted is not None and not self.screen_stack:
            return  # a bench key that arrived while the app shuts down
        await super().on_event(event)
        if posted is not None:
            self.call_after_refresh(self._answered, posted)

    def _answered(self, posted: float) -> None:
        self.key_times.append(time.perf_counter() - posted)
        self.answered += 1
        self.answer.set()


class KeyPresser(threading.Thread):
    """Posts a key to the app from another thread (as the terminal driver does), sampling RSS."""

    def __init__(self, app: TimedApp, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(daemon=True)
        self.app, self.loop = app, loop
        self.stop = threading.Event()
        self.peak_rss = 0.0

    def run(self) -> None:
        up = False
        while not self.stop.wait(KEY_EVERY):
            key = events.Key("k" if up else "j", "k" if up else "j")
            up = not up
            self.app.answer.clear()
            key.bench_posted = time.perf_counter()  # type: ignore[attr-defined]
            self.loop.call_soon_threadsafe(self.app.post_message, key)
            while not self.app.answer.wait(0.5) and not self.stop.is_set():
                pass  # a person waits for the screen before the next key
            self.peak_rss = max(self.peak_rss, rss_mb())


def figures(name: str, times: list[float]) -> str:
    if not times:
        return f"{name}: no keys answered"
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"{name}: {len(times)} keys, median {statistics.median(times) * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
    )


async def press_for(app: TimedApp, seconds: float) -> tuple[list[float], float]:
    app.key_times.clear()
    presser = KeyPresser(app, asyncio.get_running_loop())
    presser.start()
    await asyncio.sleep(seconds)
    presser.stop.set()
    presser.join()
    await asyncio.sleep(0.2)
    return list(app.key_times), presser.peak_rss


def last_end(view: ConsoleView) -> ServerLog | None:
    for entry in reversed(view.entries):
        event = entry.event
        if isinstance(event, ServerLog) and END_MARK in str(event.data):
            return event
    return None


async def run(config: ServerConfig, seconds: float, rate: float) -> None:
    app = TimedApp([config], auto_connect=True)
    async with app.run_test(size=(120, 36)) as pilot:
        deadline = time.monotonic() + 60
        while not (app.sessions["load"].connected and app.main_screen.panes_ready):
            if time.monotonic() > deadline:
                raise SystemExit("the load server did not connect")
            await pilot.pause(0.05)
        app.main_screen.query_one(ConsoleView).focus()
        await pilot.pause(0.3)
        floor, _ = await press_for(app, 1.5)
        before = rss_mb()
        count = int(seconds * rate)
        arrivals: list[float] = []
        inner_sink = app.manager.sink

        def stamping(event):  # type: ignore[no-untyped-def]
            if isinstance(event, ServerLog):
                arrivals.append(time.perf_counter())
            inner_sink(event)

        app.manager.sink = stamping
        sent: list[str] = []
        inner_listener = app.manager.listener

        def listening(event):  # type: ignore[no-untyped-def]
            if type(event).__name__ == "CallCompleted":
                content = (event.record.result or {}).get("content") or [{}]
                sent.append(str(content[0].get("text", event.record.error)))
            inner_listener(event)

        app.manager.listener = listening
        app.manager.call("load", "tool", "flood", {"count": count, "rate": rate})
        flood, peak = await press_for(app, seconds + 0.5)
        view = app.main_screen.query_one(ConsoleView)
        deadline = time.monotonic() + 30
        while last_end(view) is None and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        end = last_end(view)
        shown_at = time.time()
        received = len(arrivals)
        mode = "fast path" if fast_path_on() else "SDK path (MCPTUI_FAST_PATH=0)"
        print(f"--- {config.transport or 'http'}, {mode}: {count} notifications asked at {rate:.0f}/s")
        print(f"server: {sent[0] if sent else 'the call had not ended'}; load {load()}")
        span = (arrivals[-1] - arrivals[0]) if received > 1 else 0.0
        print(f"received {received} in {span:.1f} s ({received / span if span else 0:.0f}/s over the wire)")
        print(figures("floor (no flood)", floor))
        print(figures("during the flood", flood))
        if end is None:
            print("catch-up: the last notification had not reached the console 30 s later")
        else:
            sent_at = float(str(end.data).split(" at ")[1].split()[0])
            print(f"catch-up: {(shown_at - sent_at) * 1000:.0f} ms from the server sending the last one")
            print(f"  (arrived {(end.at - sent_at) * 1000:.0f} ms after it was sent)")
        await pilot.pause(0.5)
        print(f"RSS: {before:.0f} MB before, {peak:.0f} MB peak, {rss_mb():.0f} MB after")
        dropped = getattr(view, "dropped", None)
        print(f"console: {len(view.entries)} kept" + (f", {dropped} dropped" if dropped is not None else ""))


def fast_path_on() -> bool:
    return os.environ.get("MCPTUI_FAST_PATH", "") != "0"


def load() -> str:
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


async def without_ui(config: ServerConfig, seconds: float, rate: float) -> None:
    """The floor for the wire: the same flood through the session manager with no UI at all."""
    from mcptui.core.session import SessionManager

    arrivals: list[float] = []
    done = asyncio.Event()

    def sink(event: object) -> None:
        if isinstance(event, ServerLog):
            arrivals.append(time.perf_counter())

    def listener(event: object) -> None:
        if type(event).__name__ == "CallCompleted":
            done.set()

    manager = SessionManager([config], sink=sink, listener=listener, cache=None)
    manager.connect("load")
    while not (manager.snapshot("load") and manager.snapshot("load").connected):  # type: ignore[union-attr]
        await asyncio.sleep(0.05)
    manager.call("load", "tool", "flood", {"count": int(seconds * rate), "rate": rate})
    await asyncio.wait_for(done.wait(), 120)
    span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else 0.0
    print(
        f"floor (no UI, {'fast path' if fast_path_on() else 'SDK path'}): received {len(arrivals)} in {span:.1f} s ({len(arrivals) / span if span else 0:.0f}/s)"
    )
    manager.disconnect_all()
    await asyncio.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rate", type=float, default=10_000.0)
    parser.add_argument("--stdio", action="store_true", help="also over stdio")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--no-floor", action="store_true", help="skip the runs without UI")
    args = parser.parse_args()
    with running_load() as url:
        for _ in range(args.rounds):
            for fast in ("1", "0"):
                os.environ["MCPTUI_FAST_PATH"] = fast
                config = ServerConfig(name="load", url=url, from_config=True)
                if not args.no_floor:
                    asyncio.run(without_ui(config, args.seconds, args.rate))
                asyncio.run(run(config, args.seconds, args.rate))
        os.environ.pop("MCPTUI_FAST_PATH")
    if args.stdio:
        command = stdio_command()
        config = ServerConfig(name="load", transport="stdio", command=command[0], args=command[1:])
        asyncio.run(run(config, args.seconds, args.rate))


if __name__ == "__main__":
    main()
