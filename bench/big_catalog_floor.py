"""What of the 50,000-tool catalog time is the server's, and what is the client's (section 4 of
``tui_bench.py``; run alone: ``python bench/big_catalog_floor.py``).

- **The server's time to answer**: the same ``tools/list`` request the SDK client sends (2026-07-28,
  stateless), made with the standard library's ``http.client`` on a fresh connection: to the
  first byte of the reply, and to its whole body. Nothing on the client side is cheaper than
  that, so it is the floor under any client's figure. The same in a 2025-11-25 session (the
  list alone, after initialize): the demo (the SDK's server) answers the 50,000 tools there in
  ~0.11 s against ~0.53 s in 2026-07-28, whose HTTP path dumps the result to Python objects and
  then ``json.dumps`` them (issue 13, eighth session).
- **The client's own CPU for the catalog**: a headless core connection (no UI) connects and
  reads the catalog in a child; the child's CPU time (``time.process_time``) from the SDK
  imported to the catalog returned. Waiting for the server costs no CPU, and the CPU time of a
  process moves far less with the machine's load than its wall time, so this is the figure to
  compare across runs on a shared machine. The wall time of the same run is printed beside it.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LIST_REQUEST = {
    "jsonrpc": "2.0",
    "id": 2,
    "method": "tools/list",
    "params": {
        "_meta": {
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientInfo": {"name": "floor", "version": "0"},
            "io.modelcontextprotocol/clientCapabilities": {},
        }
    },
}
LIST_HEADERS = {
    "content-type": "application/json",
    "accept": "application/json, text/event-stream",
    "mcp-protocol-version": "2026-07-28",
    "mcp-method": "tools/list",
}


def server_answer(url: str, runs: int = 3) -> tuple[list[float], list[float], int]:
    """(first byte, whole body) times in s of ``runs`` stdlib requests, and the body's size."""
    parsed = urllib.parse.urlparse(url)
    body = json.dumps(LIST_REQUEST)
    first, whole, size = [], [], 0
    for _ in range(runs):
        connection = http.client.HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port)
        size = _timed_list(connection, parsed.path, body, LIST_HEADERS, first, whole)
    return first, whole, size


def _timed_list(
    connection: http.client.HTTPConnection,
    path: str,
    body: str,
    headers: dict[str, str],
    first: list[float],
    whole: list[float],
) -> int:
    """Send the list request on ``connection``, note its first byte and whole body times in
    ``first`` and ``whole``, close the connection; the body's size."""
    start = time.perf_counter()
    connection.request("POST", path, body, headers)
    response = connection.getresponse()
    first.append(time.perf_counter() - start)
    size = len(response.read())
    whole.append(time.perf_counter() - start)
    connection.close()
    return size


CLIENT_CPU = """
import asyncio, json, sys, time
from mcptui.core import connection, speed
from mcptui.core.server_config import ServerConfig

url, tools = sys.argv[1], int(sys.argv[2])

async def main():
    await speed.load_sdk()
    conn = connection.ServerConnection(ServerConfig(name="big", url=url), cache=None, keep_aside=True)
    cpu, wall = time.process_time(), time.perf_counter()
    catalog = await conn.connect()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    assert len(catalog.tools) >= tools, len(catalog.tools)
    await conn.disconnect()
    print(json.dumps({"cpu": cpu, "wall": wall}))

asyncio.run(main())
"""


def client_cpu(url: str, tools: int, runs: int = 3) -> tuple[list[float], list[float]]:
    """(CPU s, wall s) of a headless connect + catalog, one child per run."""
    cpu, wall = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", CLIENT_CPU, url, str(tools)],
            capture_output=True,
            text=True,
            env={**os.environ, "MCPTUI_HOME": tempfile.mkdtemp()},
            cwd=tempfile.gettempdir(),  # mcptui from the install (or PYTHONPATH), not the working folder
            check=True,
        ).stdout
        figures = json.loads(out.strip().splitlines()[-1])
        cpu.append(figures["cpu"])
        wall.append(figures["wall"])
    return cpu, wall


def legacy_answer(url: str, runs: int = 3) -> tuple[list[float], list[float], int]:
    """:func:`server_answer` in a 2025-11-25 session (initialize, then tools/list on its
    connection; the demo then answers as an SSE stream): the time of the tools/list alone."""
    parsed = urllib.parse.urlparse(url)
    base = {"content-type": "application/json", "accept": "application/json, text/event-stream"}
    hello = {
        "protocolVersion": "2025-11-25",
        "capabilities": {},
        "clientInfo": {"name": "floor", "version": "0"},
    }
    first, whole, size = [], [], 0
    for _ in range(runs):
        connection = http.client.HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port)
        connection.request(
            "POST",
            parsed.path,
            json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": hello}),
            base,
        )
        reply = connection.getresponse()
        headers = {
            **base,
            "mcp-protocol-version": "2025-11-25",
            "mcp-session-id": reply.getheader("mcp-session-id") or "",
        }
        reply.read()
        connection.request(
            "POST",
            parsed.path,
            json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}),
            headers,
        )
        connection.getresponse().read()
        listing = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
        size = _timed_list(connection, parsed.path, listing, headers, first, whole)
    return first, whole, size


def report(url: str, tools: int) -> None:
    """Print the server's answer time (both eras) and the client's CPU, with the load average."""
    for era, answer in (("2026-07-28", server_answer), ("2025-11-25", legacy_answer)):
        first, whole, size = answer(url)
        print(
            f"{tools:,}-tool server, its own time to answer tools/list in {era} (stdlib http.client, "
            f"{size / 1e6:.1f} MB): first byte median {statistics.median(first):.3f} s, whole body "
            f"{statistics.median(whole):.3f} s (min {min(whole):.3f}); load average {os.getloadavg()[0]:.1f}"
        )
    cpu, wall = client_cpu(url, tools)
    print(
        f"{tools:,}-tool server, the client's CPU to connect and read the catalog (headless core): "
        f"median {statistics.median(cpu):.3f} s (min {min(cpu):.3f}); its wall time {statistics.median(wall):.3f} s; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from tests.servers import running_demo

    with running_demo("--bulk-tools", "50000") as demo:
        report(demo.url, 50_000)
