"""From connect to ``tools/list`` on the wire, on the 50,000-tool demo (issue 13; section 4 of
``tui_bench.py`` has the figures): ``python bench/connect_to_wire.py [--runs 3] [--before DIR]``.

A child runs the TUI's live connection as the TUI makes it (the SDK import lazy, the
first-catalog gate held, big messages kept aside, :mod:`mcptui.core.era_ahead`), headless and
without Textual, against ``python -m mcptui.demo --bulk-tools 50000`` over streamable HTTP:

- **timeline**: one line per step, wall and the process's CPU from ``connect()``: the SDK import,
  each HTTP request handed to httpx2 (``server/discover``, ``subscriptions/listen``, the lists)
  and its answer's headers, the catalog returned;
- **instructions to the wire** (valgrind's cachegrind, deterministic, when installed): from
  the interpreter's start to the moment ``tools/list`` is handed to httpx2, where the child
  ends itself.

``--before DIR``: an older checkout (the folder holding its ``mcptui/``) on ``PYTHONPATH``, run
interleaved with this one. ``--legacy``: a 2025-11-25 session (``protocol="legacy"``: the
initialize handshake; the demo answers ``tools/list`` as an SSE stream). ``--later``: each side
keeps one home (``MCPTUI_HOME``) from a first run not shown, as a user's second launch does
(the code cache, era plans and SDK facts on disk); by default every run is a first-ever launch.
With ``--later`` the instructions are counted to the catalog, not to the wire (``--to-catalog``
does that alone).

Figures, branch legacy8 (2026-12-07, the 50,000-tool demo; cachegrind, start to catalog
returned; before = integ at d3f44a7, after = legacy8):

- 2025-11-25, later launch: 4,439-4,501 M -> 3,899 M (-13%); first-ever: 4,694 -> 4,375 M;
- 2026-07-28, later launch: 3,732-3,782 M -> 3,546-3,550 M (-5%); first-ever: 3,740 -> 3,555 M.

Wall and CPU of connect -> catalog, 10 interleaved pairs, medians (load 1.1-1.3):
2025-11-25 later launch 0.712 -> 0.649 s wall, 0.626 -> 0.550 s CPU; first-ever 0.830 -> 0.784 s,
0.732 -> 0.677 s CPU; 2026-07-28 later launch 1.004 -> 0.982 s (the server's own 0.5 s), CPU
0.592 -> 0.534 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import asyncio, os, sys, time
from mcptui.core import first_shown, wire_tap
from mcptui.core.connection import ServerConnection
from mcptui.core.server_config import ServerConfig
import mcptui.core.connection as connection_module

url, stop_at_wire = sys.argv[1], sys.argv[2] == "wire"
marks = []

def mark(what):
    marks.append((time.perf_counter(), time.process_time(), what))

hooks = wire_tap.HttpObserver.hooks

def marked_hooks(self):
    found = hooks(self)
    async def sent(request):
        method = request.headers.get("mcp-method") or request.method
        if stop_at_wire and method == "tools/list":
            os._exit(0)
        mark("out " + method)
    async def answered(response):
        mark("answer headers " + (response.request.headers.get("mcp-method") or response.request.method))
    found["request"].insert(0, sent)
    found["response"].insert(0, answered)
    return found

wire_tap.HttpObserver.hooks = marked_hooks
load_sdk = connection_module.load_sdk

async def marked_load(**options):
    await load_sdk(**options)
    mark("SDK imported")

connection_module.load_sdk = marked_load

async def main():
    first_shown.hold()  # the TUI before its first catalog is drawn: the lazy import
    options = {"era_ahead": True} if "era_ahead" in ServerConnection.__init__.__code__.co_varnames else {}
    connection = ServerConnection(ServerConfig(name="big", url=url), keep_aside=True, **options)
    mark("connect")
    catalog = await connection.connect()
    mark(f"catalog returned ({len(catalog.tools)} tools)")
    await connection.disconnect()

asyncio.run(main())
start_wall, start_cpu = marks[0][0], marks[0][1]
for wall, cpu, what in marks:
    print(f"{wall - start_wall:7.3f} s  CPU {cpu - start_cpu:6.3f} s  {what}")
"""


LEGACY = 'ServerConfig(name="big", url=url, protocol="legacy")'
HOMES: dict[str, str] = {}  # --later: one home per side, kept from its first run


def child_program(legacy: bool) -> str:
    """The child's text, for a 2025-11-25 session when ``legacy``."""
    if not legacy:
        return CHILD
    program = CHILD.replace('ServerConfig(name="big", url=url)', LEGACY)
    assert LEGACY in program
    return program


def child_env(before: Path | None, later: bool = False) -> dict[str, str]:
    """A fresh home (``later``: this side's kept one); the checkout to run first on the path
    (the child runs with ``-P``: the current folder, often this checkout, is not put before it)."""
    home = HOMES.setdefault(str(before), tempfile.mkdtemp()) if later else tempfile.mkdtemp()
    return {**os.environ, "MCPTUI_HOME": home, "PYTHONPATH": str(before or ROOT)}


def timeline(url: str, before: Path | None, legacy: bool = False, later: bool = False) -> str:
    argv = [sys.executable, "-P", "-c", child_program(legacy), url, "catalog"]
    env = child_env(before, later)
    return subprocess.run(argv, capture_output=True, text=True, env=env, check=True).stdout


def instructions_to_wire(
    url: str, before: Path | None, legacy: bool = False, later: bool = False, to: str = "wire"
) -> int | None:
    if shutil.which("valgrind") is None:
        return None
    argv = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    argv += [sys.executable, "-P", "-c", child_program(legacy), url, to]
    run = subprocess.run(argv, capture_output=True, text=True, env=child_env(before, later), check=False)
    found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    return int(found.group(1).replace(",", "")) if found else None


def main() -> None:
    from tests.servers import running_demo

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="an older checkout, run interleaved")
    parser.add_argument("--legacy", action="store_true", help="a 2025-11-25 session")
    parser.add_argument("--later", action="store_true", help="a home kept from a first run")
    parser.add_argument("--to-catalog", action="store_true", help="instructions to the catalog")
    args = parser.parse_args()
    sides: list[tuple[str, Path | None]] = [("this checkout", None)]
    if args.before is not None:
        sides.insert(0, (f"before ({args.before})", args.before))
    era, later = args.legacy, args.later
    to = "catalog" if args.to_catalog or later else "wire"
    with running_demo("--bulk-tools", "50000") as demo:
        print(f"load average: {os.getloadavg()[0]:.2f}")
        if later:
            for _, before in sides:
                timeline(demo.url, before, era, later)  # the first launch, not shown
        for run in range(args.runs):
            for name, before in sides if run % 2 == 0 else sides[::-1]:
                print(f"-- {name}, run {run + 1}")
                print(timeline(demo.url, before, era, later), end="")
        for name, before in sides:
            count = instructions_to_wire(demo.url, before, era, later, to)
            shown = f"{count / 1e6:,.0f} M" if count is not None else "(valgrind not installed)"
            where = "the catalog returned" if to == "catalog" else "tools/list on the wire"
            print(f"{name}: instructions from start to {where}: {shown}")
        print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
