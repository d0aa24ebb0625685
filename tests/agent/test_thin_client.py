"""The CLI side of a warm call imports neither the SDK nor asyncio."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("asyncio", "mcp", "pydantic", "httpx2", "anyio", "jsonschema", "textual")

PROBE = f"""
import sys
from mcptui.__main__ import main
code = main(sys.argv[1:])
heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
raise SystemExit(code)
"""


def _probe(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OTEL_SDK_DISABLED": "true"}
    return subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=60, env=env
    )


def test_a_warm_call_imports_no_sdk_and_no_asyncio(agent_env, demo_http_url):
    assert _probe("list", demo_http_url).returncode == 0  # starts the agent, warms the connection
    done = _probe("call", demo_http_url, "echo", "text=hi")
    assert done.returncode == 0 and done.stdout == "hi\n"
    assert done.stderr.strip().endswith("HEAVY="), done.stderr


def test_the_direct_path_does_import_them(agent_env, demo_http_url):
    """The probe can fail: without the agent the same command needs the SDK."""
    done = _probe("call", demo_http_url, "echo", "text=hi", "--no-agent")
    assert done.returncode == 0 and "asyncio" in done.stderr and "mcp" in done.stderr


COLLECTOR_PROBE = """
import gc, sys
from mcptui.__main__ import main
sys.argv = ["mcptui", *sys.argv[1:]]  # as the program: main() applies the start-up pause
try:
    code = main()
finally:
    print("COLLECTOR=" + str(gc.isenabled()), file=sys.stderr)
raise SystemExit(code)
"""


def test_a_warm_call_turns_the_collector_back_on(agent_env, demo_http_url):
    """A one-shot's start-up pause (no collections until the SDK is in) is ended by the SDK's
    load; a warm call never loads the SDK, so it ends once the agent has taken the command."""
    assert _probe("list", demo_http_url).returncode == 0  # starts the agent, warms the connection
    env = {**os.environ, "OTEL_SDK_DISABLED": "true"}
    done = subprocess.run(
        [sys.executable, "-c", COLLECTOR_PROBE, "call", demo_http_url, "echo", "text=hi"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0 and done.stdout == "hi\n", done.stderr
    assert done.stderr.strip().endswith("COLLECTOR=True"), done.stderr
