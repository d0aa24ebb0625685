"""Core speed figures on the demo server over HTTP (127.0.0.1 only). Prints figures; asserts nothing.

    python bench/bench_core.py [--calls 500]

1. import of ``mcptui.cli`` + argument parsing, in a fresh interpreter (target < 0.15 s);
2. wall time of a one-shot ``mcptui list URL --json`` (a new process each time);
3. time to open a session and load the full catalog (in-process, warm imports);
4. warm calls per second of a trivial tool over one session, against a bare keep-alive
   HTTP loop posting the very same JSON-RPC request (target: within 1.5x).
"""

from __future__ import annotations

import argparse
import asyncio
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
        "import time; t=time.perf_counter(); import mcptui.cli as c; "
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
    subprocess.run([sys.executable, "-m", "mcptui", "list", url, "--json"], capture_output=True, check=True)
    return time.perf_counter() - started


async def timed_rate(call, calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        await call()
    return calls / (time.perf_counter() - started)


async def session_figures(url: str, calls: int, rounds: int = 7) -> dict[str, float]:
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
        per_round = max(1, calls // rounds)
        for _ in range(rounds):
            for name, call in loops.items():
                rates[name].append(await timed_rate(call, per_round))
    await conn.disconnect()
    medians = {name: statistics.median(values) for name, values in rates.items()}
    return {"open_and_catalog": open_and_catalog, **medians}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    print(f"python {sys.version.split()[0]} on {sys.platform}")
    t_import = median_of(args.runs, import_and_parse)
    print(f"import mcptui.cli + parse args ....... {t_import * 1000:7.1f} ms  (target < 150 ms)")
    t_stall = median_of(args.runs, connect_stall)
    print(f"longest loop stall, cold connect ..... {t_stall * 1000:7.1f} ms  (the SDK loads in a thread)")
    with running_demo() as demo:
        t_list = median_of(args.runs, lambda: one_shot_list(demo.url))
        print(f"one-shot `mcptui list URL --json` .... {t_list * 1000:7.1f} ms  (median of {args.runs})")
        figures = asyncio.run(session_figures(demo.url, args.calls))
    print(
        f"open session + full catalog .......... {figures['open_and_catalog'] * 1000:7.1f} ms  (imports warm)"
    )
    ratio = figures["bare"] / figures["ours"]
    print(f"warm tools/call, one session ......... {figures['ours']:7.1f} calls/s")
    print(f"raw SDK Client, same server .......... {figures['sdk']:7.1f} calls/s")
    print(f"bare keep-alive HTTP loop, same body . {figures['bare']:7.1f} calls/s")
    print(f"bare / ours .......................... {ratio:7.2f}x  (target <= 1.5x)")
    print(
        f"bare / raw SDK ....................... {figures['bare'] / figures['sdk']:7.2f}x  (the protocol layer alone)"
    )


if __name__ == "__main__":
    main()
