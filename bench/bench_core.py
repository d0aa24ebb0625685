"""Core speed figures on the demo server over HTTP (127.0.0.1 only). Prints figures; asserts nothing.

    python bench/bench_core.py [--calls 1500] [--rounds 15]

1. import of ``mcptui.cli`` + argument parsing, in a fresh interpreter (target < 0.15 s);
2. wall time of a one-shot ``mcptui list URL --json`` (a new process each time; bytecode
   compiled first, as ``pip install`` does);
3. time to open a session and load the full catalog (in-process, warm imports);
4. warm calls per second of a trivial tool over one session, against a bare keep-alive
   HTTP loop posting the very same JSON-RPC request (target: within 1.5x). The loops run
   interleaved round by round; the script prints the median of the per-round ratios with
   their spread, the ratio of the best rounds, and the CPU time per call (client + server),
   which a shared VM's noise moves least.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import running_demo  # noqa: E402


def median_of(runs: int, fn) -> float:
    return statistics.median(fn() for _ in range(runs))


def import_and_parse() -> float:
    code = (
        "import time; t=time.perf_counter(); import mcptui.cli.parser as c; "
        "c.build_parser().parse_args(['list', 'http://127.0.0.1:1/mcp', '--json']); "
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


STALL_SCRIPT = """
import asyncio, sys, time
from mcptui.core.connection import ServerConnection
from mcptui.core.server_config import ServerConfig
async def main():
    gaps, stop = [], asyncio.Event()
    async def probe():
        last = time.perf_counter()
        while not stop.is_set():
            await asyncio.sleep(0.005)
            now = time.perf_counter(); gaps.append(now - last); last = now
    task = asyncio.create_task(probe())
    conn = ServerConnection(ServerConfig(name="d", transport="stdio", command=sys.executable, args=["-m", "mcptui.demo"]))
    await conn.connect(); await conn.disconnect(); stop.set(); await task
    print(max(gaps))
asyncio.run(main())
"""


def connect_stall() -> float:
    """Longest event-loop stall while a fresh interpreter connects (the SDK import included)."""
    out = subprocess.run([sys.executable, "-c", STALL_SCRIPT], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def one_shot_list(url: str) -> float:
    started = time.perf_counter()
    cold = dict(os.environ, MCPTUI_NO_AGENT="1")  # a one-shot run with no warm agent
    subprocess.run([sys.executable, "-m", "mcptui", "list", url, "--json"], capture_output=True, check=True, env=cold)
    return time.perf_counter() - started


async def timed_rate(call, calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        await call()
    return calls / (time.perf_counter() - started)


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) another process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU seconds per call, client (this process) and server, summed over every round of one loop.

    On a shared VM wall time swings with the neighbours; CPU time barely does. One call costs the
    client's CPU plus the server's, back to back, so their sum is the call's intrinsic cost.
    """

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.client = self.server = 0.0
        self.calls = 0

    async def run(self, call, calls: int) -> float:
        client0, server0 = time.process_time(), process_cpu(self.server_pid)
        rate = await timed_rate(call, calls)
        self.client += time.process_time() - client0
        self.server += process_cpu(self.server_pid) - server0
        self.calls += calls
        return rate

    def per_call_ms(self) -> tuple[float, float]:
        return self.client / self.calls * 1000, self.server / self.calls * 1000


async def session_figures(url: str, server_pid: int, calls: int, rounds: int) -> dict[str, float]:
    """Open/catalog time, then three call loops interleaved round by round (medians)."""
    import httpx2
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    from mcptui.core.connection import ServerConnection
    from mcptui.core.server_config import ServerConfig

    captured: dict[str, object] = {}

    async def grab(request: httpx2.Request) -> None:
        if request.headers.get("mcp-method") == "tools/call" and "body" not in captured:
            captured["body"] = request.content
            captured["headers"] = {
                k: v for k, v in request.headers.items() if k.lower() not in ("content-length", "host")
            }

    started = time.perf_counter()
    conn = ServerConnection(ServerConfig(name="bench", url=url, transport="http"), log_level=None)
    await conn.connect()
    open_and_catalog = time.perf_counter() - started
    async with (
        httpx2.AsyncClient(event_hooks={"request": [grab]}) as plain,
        Client(streamable_http_client(url, http_client=plain), cache=None) as client,
        httpx2.AsyncClient() as bare,
    ):
        await client.call_tool("add", {"a": 1, "b": 2})  # captures the exact request the SDK sends
        body, headers = captured["body"], captured["headers"]

        async def bare_call() -> None:
            (await bare.post(url, content=body, headers=headers)).raise_for_status()

        loops = {
            "ours": lambda: conn.call_tool("add", {"a": 1, "b": 2}),
            "sdk": lambda: client.call_tool("add", {"a": 1, "b": 2}),
            "bare": bare_call,
        }
        for call in loops.values():  # warm up
            await timed_rate(call, 20)
        rates: dict[str, list[float]] = {name: [] for name in loops}
        meters = {name: CpuMeter(server_pid) for name in loops}
        per_round = max(1, calls // rounds)
        for _ in range(rounds):
            for name, call in loops.items():
                rates[name].append(await meters[name].run(call, per_round))
    await conn.disconnect()
    figures: dict[str, float] = {"open_and_catalog": open_and_catalog}
    for name, values in rates.items():
        figures[name] = statistics.median(values)
        figures[f"{name}_best"] = max(values)
        figures[f"{name}_client_ms"], figures[f"{name}_server_ms"] = meters[name].per_call_ms()
    # Each round runs the loops back to back, so a round's ratio shares that moment's noise.
    round_ratios = sorted(bare / ours for bare, ours in zip(rates["bare"], rates["ours"], strict=True))
    figures["ratio_median"] = statistics.median(round_ratios)
    figures["ratio_low"], figures["ratio_high"] = round_ratios[0], round_ratios[-1]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    print(f"python {sys.version.split()[0]} on {sys.platform}")
    # as pip install does (this environment sets PYTHONDONTWRITEBYTECODE: an editable checkout
    # would otherwise recompile mcptui at every launch)
    compileall.compile_dir(ROOT / "mcptui", quiet=1)
    t_import = median_of(args.runs, import_and_parse)
    print(f"import mcptui.cli + parse args ....... {t_import * 1000:7.1f} ms  (target < 150 ms)")
    t_stall = median_of(args.runs, connect_stall)
    print(f"longest loop stall, cold connect ..... {t_stall * 1000:7.1f} ms  (the SDK loads in a thread)")
    with running_demo() as demo:
        t_list = median_of(args.runs, lambda: one_shot_list(demo.url))
        print(f"one-shot `mcptui list URL --json` .... {t_list * 1000:7.1f} ms  (median of {args.runs})")
        figures = asyncio.run(session_figures(demo.url, demo.process.pid, args.calls, args.rounds))
    print(
        f"open session + full catalog .......... {figures['open_and_catalog'] * 1000:7.1f} ms  (imports warm)"
    )
    for name, label in (
        ("ours", "warm tools/call, one session ........."),
        ("sdk", "raw SDK Client, same server .........."),
        ("bare", "bare keep-alive HTTP loop, same body ."),
    ):
        print(f"{label} {figures[name]:7.1f} calls/s  (best round {figures[name + '_best']:.1f})")
    print(
        f"bare / ours, per round ............... {figures['ratio_median']:7.2f}x  "
        f"(rounds {figures['ratio_low']:.2f}-{figures['ratio_high']:.2f}; target <= 1.5x)"
    )
    print(f"bare / ours, best rounds ............. {figures['bare_best'] / figures['ours_best']:7.2f}x")
    cpu = {
        name: figures[f"{name}_client_ms"] + figures[f"{name}_server_ms"] for name in ("ours", "sdk", "bare")
    }
    for name in ("ours", "sdk", "bare"):
        print(
            f"CPU per call, {name:<4} ................... {cpu[name]:7.3f} ms  "
            f"(client {figures[name + '_client_ms']:.3f} + server {figures[name + '_server_ms']:.3f})"
        )
    print(f"ours / bare, CPU per call ............ {cpu['ours'] / cpu['bare']:7.2f}x  (the steadiest figure)")
    print(
        f"bare / raw SDK, best rounds .......... {figures['bare_best'] / figures['sdk_best']:7.2f}x  "
        "(the protocol layer alone)"
    )


if __name__ == "__main__":
    main()
