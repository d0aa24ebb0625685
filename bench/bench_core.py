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


def one_shot_list(url: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mcptui", "list", url, "--json"], capture_output=True, check=True)
    return time.perf_counter() - started


async def session_figures(url: str, calls: int) -> dict[str, float]:
    import httpx2

    from mcptui.core.connection import ServerConnection
    from mcptui.core.server_config import ServerConfig

    captured: dict[str, object] = {}

    async def grab(request: httpx2.Request) -> None:
        if request.headers.get("mcp-method") == "tools/call" and "body" not in captured:
            captured["body"] = request.content
            captured["headers"] = {
                k: v for k, v in request.headers.items() if k.lower() not in ("content-length", "host")
            }

    config = ServerConfig(name="bench", url=url, transport="http")
    started = time.perf_counter()
    conn = ServerConnection(config, log_level=None)
    await conn.connect()
    open_and_catalog = time.perf_counter() - started
    for _ in range(20):  # warm up
        await conn.call_tool("add", {"a": 1, "b": 2})
    started = time.perf_counter()
    for _ in range(calls):
        await conn.call_tool("add", {"a": 1, "b": 2})
    ours = calls / (time.perf_counter() - started)
    await conn.disconnect()

    # capture the exact request our client sends, then replay it with a bare keep-alive loop
    async with httpx2.AsyncClient(event_hooks={"request": [grab]}) as probe:
        from mcp import Client
        from mcp.client.streamable_http import streamable_http_client

        async with Client(streamable_http_client(url, http_client=probe), cache=None) as client:
            await client.call_tool("add", {"a": 1, "b": 2})
    body, headers = captured["body"], captured["headers"]
    async with httpx2.AsyncClient() as bare:
        for _ in range(20):
            (await bare.post(url, content=body, headers=headers)).raise_for_status()
        started = time.perf_counter()
        for _ in range(calls):
            response = await bare.post(url, content=body, headers=headers)
            response.raise_for_status()
        bare_rate = calls / (time.perf_counter() - started)
    return {"open_and_catalog": open_and_catalog, "ours": ours, "bare": bare_rate}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    print(f"python {sys.version.split()[0]} on {sys.platform}")
    t_import = median_of(args.runs, import_and_parse)
    print(f"import mcptui.cli + parse args ....... {t_import * 1000:7.1f} ms  (target < 150 ms)")
    with running_demo() as demo:
        t_list = median_of(args.runs, lambda: one_shot_list(demo.url))
        print(f"one-shot `mcptui list URL --json` .... {t_list * 1000:7.1f} ms  (median of {args.runs})")
        figures = asyncio.run(session_figures(demo.url, args.calls))
    print(f"open session + full catalog .......... {figures['open_and_catalog'] * 1000:7.1f} ms")
    ratio = figures["bare"] / figures["ours"]
    print(f"warm tools/call, one session ......... {figures['ours']:7.1f} calls/s")
    print(f"bare keep-alive HTTP loop, same body . {figures['bare']:7.1f} calls/s")
    print(f"bare / ours .......................... {ratio:7.2f}x  (target <= 1.5x)")


if __name__ == "__main__":
    main()
