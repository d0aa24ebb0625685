"""Fixtures for the agent tests: the agent turned on, in a runtime folder of the test's own.

``agent_env`` removes ``MCPTUI_NO_AGENT`` and points ``MCPTUI_RUNTIME_DIR`` at a short fresh
folder (a unix socket path is limited to ~100 bytes); when the test ends, the agent it
started is stopped and waited for (a pidfd, no polling). ``mcptui(...)`` runs the real
program in a subprocess with that environment.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mcptui.cli import agent_client


def mcptui(*argv: str, stdin: str = "", timeout: float = 60, env: dict[str, str] | None = None):
    full = {**os.environ, "OTEL_SDK_DISABLED": "true", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mcptui", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full,
    )


def agent_pid() -> int | None:
    try:
        return int(agent_client.request({"t": "ping"})["pid"])
    except agent_client.AgentUnavailable:
        return None


def calls_to(target: str) -> int:
    """How many commands the agent ran on its warm connection to ``target`` (0: none)."""
    try:
        sessions = agent_client.request({"t": "sessions"})["sessions"]
    except agent_client.AgentUnavailable:
        return 0
    return sum(s["calls"] for s in sessions if s["target"] == target)


def wait_gone(pid: int, timeout: float = 30) -> bool:
    """Wait for process ``pid`` to end (pidfd readable); True when it did."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        ready, _, _ = select.select([fd], [], [], timeout)
        return bool(ready)
    finally:
        os.close(fd)


def stop_agent() -> None:
    pid = agent_pid()
    if pid is None:
        return
    with contextlib.suppress(agent_client.AgentUnavailable):
        agent_client.request({"t": "stop", "all": True})
    assert wait_gone(pid), f"agent {pid} did not stop"


@pytest.fixture
def agent_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="mta"))
    monkeypatch.delenv(agent_client.NO_AGENT_ENV, raising=False)
    monkeypatch.setenv(agent_client.RUNTIME_ENV, str(folder))
    try:
        yield folder
    finally:
        stop_agent()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pid_server_command() -> list[str]:
    return [sys.executable, str(Path(__file__).with_name("pid_server.py"))]
