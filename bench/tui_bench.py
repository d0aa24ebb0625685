"""TUI speed figures: first frame, filtering a 5,000-tool catalog, a 10,000-event console flood.

Run from the repository root: ``python bench/tui_bench.py``. Headless (Textual's test
driver), no network: the first-frame figure is the wall time of a fresh interpreter that
imports the app, draws the first frame and exits (the SDK is never imported on that path).
"""

from __future__ import annotations

import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

FIRST_FRAME_SCRIPT = """
from mcptui.ui.app import McpTuiApp, demo_server
app = McpTuiApp([demo_server()], auto_connect=False)
async def main():
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert 'mcp' not in __import__('sys').modules
import asyncio; asyncio.run(main())
"""


def first_frame_in_tmux(runs: int = 3) -> list[float] | None:
    """Launch the real ``mcptui`` in tmux and time until its header is on the pane."""
    import shutil
    import uuid
    from pathlib import Path

    tmux = shutil.which("tmux")
    binary = Path(sys.executable).parent / "mcptui"
    if tmux is None or not binary.exists():
        return None
    times = []
    home = tempfile.mkdtemp()
    for _ in range(runs):
        sock = f"mcptui-bench-{uuid.uuid4().hex[:6]}"
        start = time.perf_counter()
        subprocess.run(
            [
                tmux,
                "-L",
                sock,
                "new-session",
                "-d",
                "-x",
                "120",
                "-y",
                "36",
                "-e",
                f"MCPTUI_HOME={home}",
                f"{binary} -- {sys.executable} -m mcptui.demo",
            ],
            check=True,
        )
        try:
            while time.perf_counter() - start < 20:
                pane = subprocess.run(
                    [tmux, "-L", sock, "capture-pane", "-p"], capture_output=True, text=True
                ).stdout
                if "Catalog" in pane:  # the footer: the first frame is drawn
                    times.append(time.perf_counter() - start)
                    break
                time.sleep(0.005)
        finally:
            subprocess.run([tmux, "-L", sock, "kill-server"], capture_output=True)
    return times


CATALOG_SCRIPT = """
import sys, time
start = time.perf_counter()
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import CatalogTree
app = McpTuiApp([ServerConfig(name="demo", url=sys.argv[1], transport="http")])
def check():
    if len(app.main_screen.query_one(CatalogTree)._leaves()) >= 20:  # tools + prompts + resources
        print(time.perf_counter() - start)
        app.exit()
app.call_later(lambda: app.set_interval(0.005, check))
app.run(headless=True, size=(120, 36))
"""


def catalog_on_screen_over_http(runs: int = 5) -> list[float]:
    """Launch to the demo's full catalog in the tree, over streamable HTTP (fresh interpreter)."""
    sys.path.insert(0, str(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    from tests.servers import running_demo

    times = []
    with running_demo() as demo:
        for _ in range(runs):
            env = {**os.environ, "MCPTUI_HOME": tempfile.mkdtemp()}  # no cached catalog to show early
            out = subprocess.run(
                [sys.executable, "-c", CATALOG_SCRIPT, demo.url],
                check=True,
                env=env,
                capture_output=True,
                text=True,
            )
            times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def first_frame(runs: int = 5) -> list[float]:
    times = []
    env = {**os.environ, "MCPTUI_HOME": tempfile.mkdtemp()}
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", FIRST_FRAME_SCRIPT], check=True, env=env)
        times.append(time.perf_counter() - start)
    return times


async def type_filter(tree, pilot, digit: str) -> list[float]:
    """Type "tool_<digit><digit><digit>" into the filter, back off, clear: ms per keystroke."""
    texts = ["t", "to", "too", "tool", "tool_", f"tool_{digit}", f"tool_{digit * 2}", f"tool_{digit * 3}"]
    times = []
    for text in [*texts, f"tool_{digit}", "t", ""]:
        start = time.perf_counter()
        tree.set_filter(text)
        await pilot.pause()
        times.append((time.perf_counter() - start) * 1000)
    return times


async def filtering_and_flood() -> dict[str, float]:
    from mcptui.core.catalog import Catalog
    from mcptui.core.events import ServerLog
    from mcptui.ui.app import McpTuiApp
    from mcptui.ui.widgets.catalog_tree import CatalogTree
    from mcptui.ui.widgets.console import ConsoleView

    tools = [
        {"name": f"tool_{i:04d}", "description": f"Tool number {i}", "inputSchema": {"type": "object"}}
        for i in range(5_000)
    ]
    app = McpTuiApp([], auto_connect=False)
    figures: dict[str, float] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        tree = app.main_screen.query_one(CatalogTree)
        start = time.perf_counter()
        tree.show_catalog("big", Catalog(tools=tools))
        await pilot.pause()
        figures["show 5,000 tools (ms)"] = (time.perf_counter() - start) * 1000
        per_key = await type_filter(tree, pilot, "4")
        figures["filter keystroke, median (ms)"] = statistics.median(per_key)
        figures["filter keystroke, max (ms)"] = max(per_key)
        # the same keystrokes on a 10-tool catalog: what one refresh cycle of the driver costs
        tree.show_catalog("small", Catalog(tools=tools[:10]))
        await pilot.pause()
        floor = await type_filter(tree, pilot, "0")
        figures["same keystrokes on 10 tools, median (ms; the refresh floor)"] = statistics.median(floor)

        view = app.main_screen.query_one(ConsoleView)
        # 10,000 log events within one second, through the app's real router; meanwhile a probe
        # measures how long the event loop is held (what a keystroke would wait for)
        gaps: list[float] = []
        stop = asyncio.Event()

        async def probe() -> None:
            last = time.perf_counter()
            while not stop.is_set():
                await asyncio.sleep(0.002)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        probe_task = asyncio.create_task(probe())
        start = time.perf_counter()
        for burst in range(100):
            for i in range(100):
                app.router(ServerLog(server="flood", level="info", data=f"line {burst * 100 + i}"))
            await asyncio.sleep(0.01)
        while len(view.entries) < 10_000:
            await pilot.pause()
        figures["10,000 events (1 s) on screen after (ms)"] = (time.perf_counter() - start) * 1000
        stop.set()
        await probe_task
        figures["longest event-loop stall during the flood (ms)"] = max(gaps) * 1000
    figures["max RSS (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main() -> None:
    os.environ["MCPTUI_HOME"] = tempfile.mkdtemp()
    baseline = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import textual.app"], check=True)
        baseline.append(time.perf_counter() - start)
    print(f"baseline: python -c 'import textual.app': median {statistics.median(baseline):.3f} s")
    tmux_frames = first_frame_in_tmux()
    if tmux_frames:
        print(
            f"first frame of the real binary in tmux: median {statistics.median(tmux_frames):.3f} s, "
            f"min {min(tmux_frames):.3f} s"
        )
    frames = first_frame()
    print(
        f"first frame (fresh interpreter, headless): median {statistics.median(frames):.3f} s, min {min(frames):.3f} s"
    )
    loaded = catalog_on_screen_over_http()
    print(
        f"launch to full demo catalog on screen over HTTP: median {statistics.median(loaded):.3f} s, "
        f"min {min(loaded):.3f} s"
    )
    for name, value in asyncio.run(filtering_and_flood()).items():
        print(f"{name}: {value:.1f}")


if __name__ == "__main__":
    main()
