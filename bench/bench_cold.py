"""Cold one-shot runs against their floors, measured interleaved in one run. Prints; asserts nothing.

    python bench/bench_cold.py [--rounds 5] [--baseline /work/main/.venv/bin/python]

Each round runs, in this order, a fresh process for each of:

- floors: ``python -c pass``; a stdlib-only ``http.client`` script sending the same MCP requests
  (initialize, notifications/initialized, tools/list) to the same demo server over streamable
  HTTP; the same requests through the SDK's own pieces (``ClientSession`` over
  ``streamable_http_client``);
- mcptui one-shot: ``list URL --json``, ``call URL echo text=hi``, and stdio
  ``list --json -- python -m mcptui.demo`` against the demo's own start-up over stdio (spawn until
  it answers ``initialize``).

It prints the median wall time of each, and each mcptui figure as a ratio to its floor (HTTP:
the stdlib script; stdio: the server's start-up, as a difference). Targets: cold one-shot within
6x the stdlib floor; stdio one-shot within 0.3 s of the server's own start-up.

Figures on the 2-core VM shared by 8 sessions: heavily loaded (load average 5-7), so wall times
are noisy; CPU times move least. Before: b604c46 (``--baseline /work/main/.venv/bin/python``).

- first run, lighter load (3 rounds, wall): stdlib floor 0.057 s, ``python -c pass`` 0.024 s,
  raw SDK client 0.86 s; before: ``list URL --json`` 0.66 s (11.6x), ``call URL echo`` 0.72 s
  (12.5x), stdio list 1.54 s (+0.81 s past the server's 0.72 s start-up).
- one run, interleaved, load ~7 (5 rounds, wall): ``list`` 1.86 s (6.4x) against 2.75 s (9.4x)
  before; ``call`` 2.40 s (8.2x) against 3.35 s (11.5x); stdio list +0.69 s against +0.44 s past
  the start-up (the stdio figures swing by ~0.5 s between rounds at that load).
- CPU of ``list URL --json`` (``/usr/bin/time``, 6 alternated runs): 0.50-0.61 s after,
  0.72-0.84 s before (-30%); of the SDK import alone: 0.61-0.83 s against 0.90-1.12 s.

Not reached on this machine then: 6x (the version-free pydantic models of ``mcp_types``, pydantic,
httpx2 and the auth engine stay on a one-shot run's path) and +0.3 s for stdio under this load.

Every command runs from a neutral folder: ``python -m mcptui`` puts the working folder first on
``sys.path``, so run from a checkout, the baseline interpreter imported *that checkout's* code
(figures before 9e266e7 that were taken from a worktree compared the worktree with itself).

Issue 13 (branch cold), the import diet (see :mod:`mcptui.core.speed` for each trick):

- instructions (valgrind ``cachegrind``, deterministic whatever the load): ``list URL --json``
  2,541 M on main (e135c8b) → 2,084 M (-18%); ``call URL echo text=hi`` 2,717 M → 2,287 M
  (-16%); ``python -c pass`` 88 M. The SDK import is 1,767 M of the 2,084 M.
- interleaved A/B of ``list URL --json`` (12 rounds, load 3.3): CPU median 0.712 → 0.618 s,
  min 0.678 → 0.534 s; wall median 1.054 → 0.791 s.
- this bench (7 rounds, load 2.8-3.1, wall too noisy to read): ``list`` CPU 0.591 → 0.551 s,
  ``call`` 0.683 → 0.568 s; stdio ``list`` +0.98 → +0.67 s past the start-up (1.28 s at that
  load); the stdio gain is the 0.1 s one-shot grace after stdin EOF (was 0.5 s; the demo
  needs ~0.27 s to exit on its own).

Issue 13 (branch cold2), generated code cached on disk (:mod:`mcptui.core.code_cache`):
``list URL --json`` 2,153 M → 1,788 M instructions, ``call`` 2,328 M → 1,964 M. This bench
(3 rounds, load 0.5-0.8): floor 0.082 s; ``list`` 0.531 s (6.4x), CPU 0.501 s; ``call``
0.555 s (6.7x), CPU 0.545 s (at 08:26 on the same machine, quiet: 7.5x and 7.9x).

Issue 13 (branch cold, see :mod:`mcptui.core.speed` for each trick): no ``jsonschema`` for
arguments and structured results that plainly fit plain schemas, the two protocol eras' wire
models imported on first lookup (and the SDK's later-revision field sets kept on disk, so a
2025-11-25 session needs no 2026-07-28 model), regular expressions' programs cached beside the
code cache. Instructions (valgrind ``cachegrind``; each side with its own fresh
``MCPTUI_HOME`` warmed by two runs; before = ``git archive main`` run by the same
interpreter; ``python -c pass`` 88 M):

- demo (2026-07-28): ``list URL --json`` 1,798 M → 1,555 M (-13.5%); ``call URL echo
  text=hi`` 1,978 M → 1,558 M (-21%); ``call URL show_image`` 1,975 M → 1,555 M (-21%);
- demo ``--legacy-only`` (2025-11-25): ``list`` 1,799 M → 1,559 M (-13%); ``call echo``
  1,991 M → 1,571 M (-21%).

This bench (5 rounds, load 1.6-1.7, ``--baseline /work/main/.venv/bin/python``, each side its
own home): floor 0.054 s; ``list`` 0.318 s (5.9x), CPU 0.302 s, against 0.359 s (6.6x), CPU
0.347 s before; ``call`` 0.314 s (5.8x), CPU 0.304 s, against 0.394 s (7.2x), CPU 0.373 s;
stdio ``list`` +0.32 s past the server's start-up, as before (+0.31 s). A second run of it
(load 1.5-1.8): floor 0.060 s; ``list`` 0.368 s (6.1x) against 0.497 s (8.2x); ``call``
0.338 s (5.6x) against 0.443 s (7.3x); stdio +0.39 s against +0.34 s. An interleaved A/B at
load 3.5-3.8 (8 rounds, CPU medians): ``list`` 0.416 → 0.386 s, ``call`` 0.419 → 0.383 s,
earlier in the branch (before the regex cache and the legacy field sets).

Issue 13 (branch stdio), the stdio server spawned first thing by ``mcptui.__main__``
(:mod:`mcptui.core.early_child`), before the code cache, the command line, asyncio, anyio and
the connection's modules; before = ``git archive base2`` run by the same interpreter, each side
its own warmed home:

- the child runs its first line (a wrapper stamping the time, then the demo) 0.117 s → 0.073 s
  after launch (medians of 6 interleaved runs, load 1.4-1.8, no tracer);
- ``list --json -- python -m mcptui.demo`` past the server's start-up (10 interleaved rounds,
  medians, load 1.6-1.8): +0.227 s → +0.185 s, 9 of 10 rounds lower (start-up 0.67 s); at load
  ~3 the gain is lost in the noise (+0.40 → +0.20 s in one run, +0.39 → +0.38 s in the next;
  this bench then: +0.54 s past a 0.79 s start-up); this bench at load 1.1-1.5 (3 rounds):
  stdio ``list`` 0.924 s, +0.17 s past a 0.751 s start-up (target +0.30 s);
- the end, from the ``initialize`` answer to our exit (``strace -f --seccomp-bpf -ttt``):
  ~0.2 s either way: the lists, the output, the 0.1 s one-shot grace after stdin EOF, ~15 ms
  for the demo to die on SIGTERM, ~20-40 ms of our own exit;
- instructions of the mcptui process (valgrind ``cachegrind``, the child not traced):
  1,506 M → 1,500 M: the work moved before the child's start-up, none added.

Quiet figures, everything merged (2026-12-06, load 0.4-0.6), two runs (3 and 5 rounds):
stdlib floor 0.056 / 0.054 s; ``list URL --json`` 0.343 / 0.323 s = 6.1x / 6.0x; ``call URL
echo`` 0.326 / 0.330 s = 5.8x / 6.1x; raw SDK client 13.8x; stdio ``list`` +0.24 / +0.18 s past
the server's start-up (0.64 s). On 2026-12-03's code, same machine, quiet: 7.2x, 8.3x, +0.30 s.

Issue 13 (branch cold6): the era's wire models defined when first looked up
(:mod:`mcptui.core.era_slices`) and no collection before the SDK is in
(:func:`mcptui.core.speed.start_up_paused`). Before: main at 33416c5 from a copy run by the same
interpreter (``--baseline`` a two-line wrapper: ``PYTHONPATH=<copy> exec <venv python> "$@"``),
each side its own warmed home.

- instructions (valgrind ``cachegrind``, two interleaved runs each, within 0.3%): ``list URL
  --json`` 1,526 M → 1,367 M (-10.4%); ``call URL echo text=hi`` 1,510 M → 1,370 M (-9.3%);
  demo ``--legacy-only`` (2025-11-25): ``list`` 1,532 M → 1,377 M (-10.1%), ``call`` 1,523 M →
  1,361 M (-10.7%). Output byte-identical to before (``list``, ``list --json``, ``call echo``,
  ``call show_image``, ``read``, both eras). The figures below were taken at 1,380 M / 1,382 M.
- this bench, 5 rounds, load 1.8-2.1: floor 0.064 s; ``list`` 0.354 s (5.5x), CPU 0.352 s,
  against 0.411 s (6.4x), CPU 0.409 s; ``call`` 0.366 s (5.7x), CPU 0.360 s, against
  0.387 s (6.0x), CPU 0.362 s; stdio ``list`` +0.36 s against +0.32 s (within this load's swing).
- an interleaved A/B of the two commands alone (12 pairs each, alternating which side runs
  first, load 2.9-3.0; medians move with the load, minima least): ``list`` wall min 0.359 →
  0.317 s, CPU min 0.353 → 0.300 s; ``call`` wall min 0.351 → 0.323 s, CPU min 0.343 → 0.314 s.
- at the branch's end (1,367 M / 1,370 M): the same A/B, 14 pairs, load 1.4-1.5: ``list`` wall
  median 0.381 → 0.336 s (-12%), min 0.336 → 0.287 s; CPU median 0.378 → 0.333 s; ``call`` wall
  median 0.379 → 0.338 s (-11%), min 0.329 → 0.306 s; CPU median 0.375 → 0.335 s. This bench
  (3 rounds, load 1.5-1.6): floor 0.057 s; ``list`` 0.372 s (6.5x) against 0.410 s (7.1x);
  ``call`` 0.330 s (5.7x) against 0.377 s (6.6x); stdio ``list`` +0.03 s against -0.01 s past a
  0.93 s start-up (that load's swing is larger than the difference).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import running_demo  # noqa: E402

PY = sys.executable
NEUTRAL_CWD = tempfile.gettempdir()
VERSION = "2025-11-25"

STDLIB_CLIENT = r"""
import http.client, json, sys, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
conn = http.client.HTTPConnection(url.hostname, url.port)
base = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
def post(body, headers):
    conn.request("POST", url.path, json.dumps(body), headers)
    reply = conn.getresponse()
    data = reply.read().decode()
    for line in data.splitlines():  # an SSE-framed answer: its data line
        if line.startswith("data:"):
            data = line[5:]
    return reply, data
reply, _ = post({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "VERSION", "capabilities": {},
    "clientInfo": {"name": "floor", "version": "0"}}}, base)
headers = dict(base, **{"mcp-protocol-version": "VERSION"})
sid = reply.getheader("mcp-session-id")
if sid:
    headers["mcp-session-id"] = sid
post({"jsonrpc": "2.0", "method": "notifications/initialized"}, headers)
_, tools = post({"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {}}, headers)
assert "echo" in tools, tools[:200]
""".replace("VERSION", VERSION)

SDK_CLIENT = r"""
import sys, anyio
from mcp.client.session import ClientSession
from mcp.client.streamable_http import streamable_http_client
async def main():
    async with streamable_http_client(sys.argv[1]) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            tools = await session.list_tools()
            assert any(t.name == "echo" for t in tools.tools)
anyio.run(main)
"""

STDIO_START = r"""
import json, subprocess, sys
child = subprocess.Popen([sys.executable, "-m", "mcptui.demo"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
child.stdin.write((json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "VERSION", "capabilities": {},
    "clientInfo": {"name": "floor", "version": "0"}}}) + "\n").encode())
child.stdin.flush()
assert b'"result"' in child.stdout.readline()
child.kill()
child.wait()
""".replace("VERSION", VERSION)


def timed(command: list[str], home: str | None = None) -> tuple[float, float]:
    """(wall time, CPU time of the process and the children it waited for); ``home``: the
    ``MCPTUI_HOME`` of this run, when not the shared one."""
    # a baseline checkout is only read; a cold run has no agent to lean on
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", MCPTUI_NO_AGENT="1")
    if home is not None:
        env["MCPTUI_HOME"] = home
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # a neutral folder: `python -m mcptui` puts the working folder first on sys.path, so run
    # from a checkout it would import that checkout's mcptui, whichever interpreter runs it
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=NEUTRAL_CWD)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode != 0:
        raise SystemExit(f"{command[:4]} failed ({done.returncode}): {done.stderr[-800:]}")
    return elapsed, cpu


def _warn_if_stale_bytecode(python: str) -> None:
    """A baseline checkout is only read: say so when its bytecode is missing or older than its
    sources (it would then compile them on every run, and look slower than it is)."""
    check = (
        "import importlib.util, os, pathlib, mcptui\n"
        "root = pathlib.Path(mcptui.__file__).parent\n"
        "stale = [str(p) for p in root.rglob('*.py') if not os.path.exists(c := importlib.util.cache_from_source(str(p)))"
        " or os.path.getmtime(c) < os.path.getmtime(p)]\n"
        "print(len(stale), root)\n"
    )
    done = subprocess.run([python, "-c", check], capture_output=True, text=True, check=False, cwd=NEUTRAL_CWD)
    count, _, root = done.stdout.strip().partition(" ")
    if done.returncode == 0 and count != "0":
        print(
            f"warning: {count} modules of {root} have no fresh bytecode: its figures include compiling them"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--baseline",
        metavar="PYTHON",
        help="also run the mcptui of another checkout's interpreter (e.g. /work/main/.venv/bin/python)",
    )
    options = parser.parse_args()
    rounds = options.rounds
    # PYTHONDONTWRITEBYTECODE is set here (and in timed()): compile first, as pip does on install
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "mcptui")], check=False)
    if options.baseline:
        _warn_if_stale_bytecode(options.baseline)
    with running_demo() as demo:
        url = demo.url
        mcptui = [PY, "-m", "mcptui"]
        runs = {
            "python -c pass": [PY, "-c", "pass"],
            "stdlib http.client": [PY, "-c", STDLIB_CLIENT, url],
            "raw SDK client": [PY, "-c", SDK_CLIENT, url],
            "list URL --json": [*mcptui, "list", url, "--json"],
            "call URL echo text=hi": [*mcptui, "call", url, "echo", "text=hi"],
            "stdio server start-up": [PY, "-c", STDIO_START],
            "stdio list --json": [*mcptui, "list", "--json", "--", PY, "-m", "mcptui.demo"],
        }
        if options.baseline:
            before = [options.baseline, "-m", "mcptui"]
            runs["before: list URL --json"] = [*before, "list", url, "--json"]
            runs["before: call URL echo"] = [*before, "call", url, "echo", "text=hi"]
            runs["before: stdio list --json"] = [
                *before,
                "list",
                "--json",
                "--",
                options.baseline,
                "-m",
                "mcptui.demo",
            ]
        os.environ.setdefault("MCPTUI_HOME", str(Path("/tmp") / f"bench-cold-{os.getpid()}"))
        times: dict[str, list[float]] = {name: [] for name in runs}
        cpus: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(rounds):
            for name, command in runs.items():  # interleaved: each round runs every command once
                # the baseline keeps its own home: its code cache file (another format, perhaps)
                # would otherwise be rejected and rewritten by each side in turn, every run
                home = os.environ["MCPTUI_HOME"] + "-baseline" if name.startswith("before:") else None
                wall, cpu = timed(command, home)
                times[name].append(wall)
                cpus[name].append(cpu)
    median = {name: statistics.median(values) for name, values in times.items()}
    cpu_median = {name: statistics.median(values) for name, values in cpus.items()}
    floor = median["stdlib http.client"]
    start_up = median["stdio server start-up"]
    print(f"{rounds} rounds, medians (wall, then CPU: the figure a loaded machine moves least):")
    for name, value in median.items():
        if name.endswith("stdio list --json"):
            note = f"{value - start_up:+.2f} s past the server's start-up (target +0.30 s)"
        elif name != "stdlib http.client" and name not in ("python -c pass", "stdio server start-up"):
            note = f"{value / floor:5.1f}x the stdlib floor (target 6x)"
        elif name == "python -c pass":
            note = f"{value / floor:5.2f}x the stdlib floor"
        else:
            note = ""
        print(f"  {name:26} {value:6.3f} s  cpu {cpu_median[name]:6.3f} s  {note}")


if __name__ == "__main__":
    main()
