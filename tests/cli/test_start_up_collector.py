"""A one-shot command's launch runs without cyclic collections until the SDK is in
(``speed.start_up_paused``); the SDK's load then resumes the collector, also when it was
imported already; other commands keep the collector on."""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys

from mcptui.core import speed

PROBE = """
import gc, sys
import mcptui.cli.main
cli = sys.modules["mcptui.cli.main"]
seen = []
real_run = cli.run
def run(*args, **kwargs):
    seen.append(gc.isenabled())
    try:
        return real_run(*args, **kwargs)
    finally:
        seen.append(gc.isenabled())
        print("collector:", *seen, file=sys.stderr)
cli.run = run
sys.argv = ["mcptui", *sys.argv[1:]]
from mcptui.__main__ import main
main()
"""


def _collector_around_the_command(*words: str) -> list[str]:
    env = {**os.environ, "MCPTUI_NO_AGENT": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *words], capture_output=True, text=True, env=env, timeout=120
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("collector:")]
    assert lines, done.stderr
    return lines[-1].split()[1:]


def test_a_one_shot_starts_without_collections_and_the_sdk_load_resumes_them() -> None:
    # nothing listens on port 9 of 127.0.0.1: the SDK is loaded, then the connect is refused
    assert _collector_around_the_command("list", "http://127.0.0.1:9/mcp", "--timeout", "5") == [
        "False",
        "True",
    ]


def test_other_commands_keep_the_collector() -> None:
    assert _collector_around_the_command("servers") == ["True", "True"]


def test_a_load_that_finds_the_sdk_imported_resumes_the_collector() -> None:
    was_on = gc.isenabled()
    try:
        speed.start_up_paused()
        assert not gc.isenabled()
        import mcp.client.client  # noqa: F401 - the SDK in already: load_sdk's early return

        asyncio.run(speed.load_sdk(one_shot=True))
        assert gc.isenabled()
    finally:
        speed._SdkLoad.start_up = False  # noqa: SLF001
        if was_on:
            gc.enable()
        else:
            gc.disable()
