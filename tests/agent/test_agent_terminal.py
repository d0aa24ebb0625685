"""Questions from inside the agent reach the calling terminal: a destructive call's [y/N], an elicitation.

The client runs on a pty (stdin and stderr), stdout a pipe, as a person would; the agent
asks through it and the answers typed there decide.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.agent.conftest import calls_to, mcptui
from tests.cli.test_subprocess import _read_until

pty = pytest.importorskip("pty")


def _on_a_pty(*argv: str) -> tuple[subprocess.Popen[str], int]:
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "mcptui", *argv],
        stdin=slave,
        stderr=slave,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "OTEL_SDK_DISABLED": "true"},
    )
    os.close(slave)
    return process, master


@pytest.mark.parametrize("answer, code", [(b"y\n", 0), (b"n\n", 1)])
def test_destructive_call_is_confirmed_at_the_client_terminal(agent_env, demo_http_url, answer, code):
    assert mcptui("list", demo_http_url).returncode == 0  # the agent runs, the connection is warm
    process, master = _on_a_pty("call", demo_http_url, "delete_everything", "confirm=true")
    seen: list[str] = []
    try:
        _read_until(master, "Call delete_everything? [y/N] ", seen)
        os.write(master, answer)
        out, _ = process.communicate(timeout=60)
        if code:
            _read_until(master, "was not called", seen)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert process.returncode == code, "".join(seen)
    assert ("Deleted" in out) == (code == 0), out
    assert calls_to(demo_http_url) == 2, "the call went through the agent"


def test_elicitation_is_answered_at_the_client_terminal(agent_env, demo_legacy_url):
    assert mcptui("list", demo_legacy_url).returncode == 0
    process, master = _on_a_pty("call", demo_legacy_url, "ask_user")
    seen: list[str] = []
    try:
        _read_until(master, "Ctrl-D declines", seen)
        for _ in range(4):  # name, age, subscribe, color
            _read_until(master, "]: ", seen)
            prompt = "".join(seen)
            seen.clear()
            os.write(master, b"41\n" if "age" in prompt.lower() else b"\n")
        out, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert process.returncode == 0, "".join(seen)
    assert "accepted: name=Ada age=41" in out
    assert calls_to(demo_legacy_url) == 2, "the call went through the agent"


def test_piped_stdin_still_declines_elicitation(agent_env, demo_legacy_url):
    done = mcptui("call", demo_legacy_url, "ask_user", stdin="anything\n")
    direct = mcptui("call", demo_legacy_url, "ask_user", "--no-agent", stdin="anything\n")
    assert (done.returncode, done.stdout, done.stderr) == (direct.returncode, direct.stdout, direct.stderr)
    assert "decline" in done.stdout and calls_to(demo_legacy_url) == 1
