"""Warm one-shot commands through the agent, against a stdlib floor and the direct path. Prints; asserts nothing.

    python bench/bench_agent.py [--rounds 15]

On the demo server over HTTP (127.0.0.1), each figure the median wall time of a new
process, the three kinds interleaved round by round:

- floor: a stdlib ``http.client`` script (``python -c``) sending the same MCP requests
  (initialize, initialized, then the four lists for ``list``, or ``tools/call echo``);
- warm: ``mcptui list URL --json`` / ``mcptui call URL echo text=hi`` with the agent
  running and its connection warm (target: within 2x the floor);
- direct: the same with ``--no-agent`` (a cold run: SDK import, handshake, catalog).

The agent runs in a runtime folder of this run's own and is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import running_demo  # noqa: E402

FLOOR = r"""
import http.client, json, sys
from urllib.parse import urlsplit
url, what = sys.argv[1], sys.argv[2]
parts = urlsplit(url)
conn = http.client.HTTPConnection(parts.hostname, parts.port)
headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
           "MCP-Protocol-Version": "2025-11-25"}
def post(message):
    conn.request("POST", parts.path, json.dumps(message), headers)
    response = conn.getresponse()
    body = response.read().decode()
    session = response.getheader("Mcp-Session-Id")
    if session:
        headers["Mcp-Session-Id"] = session
    for line in body.splitlines():
        if line.startswith("data:"):
            return json.loads(line[5:])
    return json.loads(body) if body.strip() else None
post({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-11-25",
      "capabilities": {}, "clientInfo": {"name": "floor", "version": "0"}}})
post({"jsonrpc": "2.0", "method": "notifications/initialized"})
if what == "list":
    out = {m.split("/")[0]: post({"jsonrpc": "2.0", "id": i, "method": m})["result"]
           for i, m in enumerate(["tools/list", "prompts/list", "resources/list", "resources/templates/list"], 1)}
    print(json.dumps(out, indent=2))
else:
    reply = post({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                  "params": {"name": "echo", "arguments": {"text": "hi"}}})
    print(reply["result"]["content"][0]["text"])
"""


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    runtime = tempfile.mkdtemp(prefix="mcb")
    home = tempfile.mkdtemp(prefix="mcbh")
    env = {**os.environ, "MCPTUI_RUNTIME_DIR": runtime, "MCPTUI_HOME": home, "OTEL_SDK_DISABLED": "true"}
    env.pop("MCPTUI_NO_AGENT", None)
    mcptui = [sys.executable, "-m", "mcptui"]
    try:
        with running_demo(transport="http") as demo:
            url = demo.url
            cases = {
                "list --json": (["list", url, "--json"], "list"),
                "call echo": (["call", url, "echo", "text=hi"], "call"),
            }
            for words, _ in cases.values():  # start the agent, warm the connection, compile bytecode
                timed([*mcptui, *words], env)
            for name, (words, what) in cases.items():
                kinds: dict[str, list[float]] = {"floor": [], "warm": [], "direct": []}
                for _ in range(rounds):
                    kinds["floor"].append(timed([sys.executable, "-c", FLOOR, url, what], env))
                    kinds["warm"].append(timed([*mcptui, *words], env))
                    kinds["direct"].append(timed([*mcptui, *words, "--no-agent"], env))
                floor, warm, direct = (statistics.median(kinds[k]) for k in ("floor", "warm", "direct"))
                print(
                    f"{name:12}  floor {floor * 1000:6.1f} ms   warm {warm * 1000:6.1f} ms "
                    f"({warm / floor:.2f}x floor, target <= 2x)   --no-agent {direct * 1000:6.1f} ms "
                    f"({direct / floor:.2f}x floor; warm is {direct / warm:.1f}x faster)"
                )
    finally:
        subprocess.run([*mcptui, "sessions", "stop", "--all"], env=env, capture_output=True)
        shutil.rmtree(runtime, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
