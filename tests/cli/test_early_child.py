"""A stdio one-shot's server spawned at launch (mcptui/core/early_child.py) is the one used,
its stderr still reported, and a child that does not fit the command is ended.

Each server here is a real stdio MCP server (a few lines of stdlib JSON-RPC) that appends
``start PID`` to a record file when it starts, and writes one line on stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mcptui.core import early_child
from tests.tiny_stdio import answer_loop

SERVER = r"""
import json, os, sys
with open(sys.argv[1], "a") as record:
    record.write(f"start {os.getpid()}\n")
print("early-child-stderr-line", file=sys.stderr, flush=True)
""" + answer_loop("early")


def _starts(record: Path) -> list[int]:
    return [int(line.split()[1]) for line in record.read_text().splitlines()] if record.exists() else []


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # a zombie is gone too (its parent, this test process, reaps it later)
    return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"


@pytest.fixture
def server(tmp_path: Path) -> tuple[list[str], Path]:
    script, record = tmp_path / "server.py", tmp_path / "record"
    script.write_text(SERVER)
    return [sys.executable, str(script), str(record)], record


@pytest.fixture(autouse=True)
def _nothing_held():
    yield
    early_child.discard()


def test_wanted_only_for_a_stdio_one_shot_without_the_agent() -> None:
    no_agent = {"MCPTUI_NO_AGENT": "1"}
    assert early_child.wanted(["list", "--json", "--", "srv"], no_agent)
    assert early_child.wanted(["call", "--", "srv", "a"], no_agent)
    assert early_child.wanted(["list", "--no-agent", "--", "srv"], {})
    assert not early_child.wanted(["list", "--", "srv"], {})  # the warm agent runs it
    assert not early_child.wanted(["list", "--", "srv"], {"MCPTUI_NO_AGENT": "0"})
    assert not early_child.wanted(["tui", "--", "srv"], no_agent)
    assert not early_child.wanted(["list", "http://127.0.0.1:1/mcp"], no_agent)
    assert not early_child.wanted(["list", "--"], no_agent)
    assert not early_child.wanted(["list", "--help", "--", "srv"], no_agent)


def test_the_child_spawned_at_launch_is_the_one_used_and_ended(run_cli, server) -> None:
    command, record = server
    words = ["list", "--json", "-v", "--no-agent", "--", *command]
    early_child.start(words)
    launched = early_child.held()
    assert launched is not None and _starts(record) in ([], [launched.popen.pid])
    done = run_cli(*words)
    assert done.code == 0, done.err
    assert [t["name"] for t in json.loads(done.out)["tools"]] == ["echo"]
    assert early_child.held() is None  # taken
    assert _starts(record) == [launched.popen.pid]  # no second server was spawned
    assert "early-child-stderr-line" in done.err  # its stderr still reported (-v)
    launched.popen.wait(timeout=30)
    assert _gone(launched.popen.pid)


def test_a_child_that_does_not_fit_the_command_is_ended_and_the_right_one_spawned(
    run_cli, server, tmp_path
) -> None:
    command, record = server
    early_child.start(["list", "--", *command, "other-argument"])
    stray = early_child.held()
    assert stray is not None
    done = run_cli("list", "--json", "--no-agent", "--", *command)
    assert done.code == 0, done.err
    assert early_child.held() is None
    stray.popen.wait(timeout=30)  # ended (SIGKILL to its group), not left running
    assert stray.popen.returncode is not None
    assert [pid for pid in _starts(record) if pid != stray.popen.pid]  # the right one ran


def _program(*argv: str) -> subprocess.CompletedProcess[str]:
    """The real program (``python -m mcptui``), the agent ruled out: the early child's case."""
    env = {**os.environ, "MCPTUI_NO_AGENT": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mcptui", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_the_real_program_spawns_once_and_leaves_nothing_running(server) -> None:
    command, record = server
    done = _program("list", "--json", "--", *command)
    assert done.returncode == 0, done.stderr
    assert [t["name"] for t in json.loads(done.stdout)["tools"]] == ["echo"]
    starts = _starts(record)
    assert len(starts) == 1
    assert _gone(starts[0])


DIES = r"""
import os, sys
with open(sys.argv[1], "a") as record:
    record.write(f"start {os.getpid()}\n")
print("boom: cannot start", file=sys.stderr, flush=True)
sys.exit(3)
"""


def test_a_server_that_dies_at_start_runs_once_and_its_stderr_explains(tmp_path) -> None:
    script, record = tmp_path / "dies.py", tmp_path / "record"
    script.write_text(DIES)
    done = _program("list", "--json", "--", sys.executable, str(script), str(record))
    assert done.returncode == 4, done.stderr
    error = json.loads(done.stderr.strip().splitlines()[-1])["error"]
    assert error["hint"] == "its stderr said: boom: cannot start"
    assert len(_starts(record)) == 1  # the early child was taken dead, not spawned again


def test_a_usage_error_after_the_launch_spawn_leaves_no_server_running(server) -> None:
    command, record = server
    done = _program("list", "--no-such-flag", "--", *command)
    assert done.returncode != 0
    assert "--no-such-flag" in done.stderr
    # spawned at launch (it may have been killed before its first line): never left running
    assert all(_gone(pid) for pid in _starts(record))
