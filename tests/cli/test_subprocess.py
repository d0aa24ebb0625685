"""A few real ``python -m mcptui`` runs: exit codes, streams and no traceback in a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def mcptui(*argv: str, stdin: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OTEL_SDK_DISABLED": "true"}
    return subprocess.run(
        [sys.executable, "-m", "mcptui", *argv],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_list_json_over_http(demo_http_url):
    done = mcptui("list", demo_http_url, "--json")
    assert done.returncode == 0, done.stderr
    assert any(t["name"] == "add" for t in json.loads(done.stdout)["tools"])
    assert done.stderr == ""


def test_call_over_stdio_and_tool_error(demo_stdio_command):
    done = mcptui("call", "add", "a=2", "b=3", "--", *demo_stdio_command)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "5"
    done = mcptui("call", "fail", "--", *demo_stdio_command)
    assert done.returncode == 5
    assert "Traceback" not in done.stderr


def test_elicitation_with_piped_stdin_declines_unless_accept_defaults(demo_legacy_url):
    done = mcptui("call", demo_legacy_url, "ask_user", stdin="anything\n")
    assert done.returncode == 0, done.stderr
    assert "decline" in done.stdout and "not a terminal" in done.stderr
    done = mcptui("call", demo_legacy_url, "ask_user", "--accept-defaults")
    assert done.returncode == 0 and "accepted: name=Ada" in done.stdout


@pytest.mark.parametrize(
    "argv, code",
    [
        (["list"], 1),
        (["--transport", "bogus", "list", "x"], 1),
        (["list", "no-such-server"], 1),
        (["list", "--", "mcptui-no-such-command-xyz"], 4),
    ],
)
def test_exit_codes_in_a_real_process(argv, code):
    done = mcptui(*argv)
    assert done.returncode == code, done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr


def test_refused_port_in_a_real_process(refused_url):
    done = mcptui("--json", "list", refused_url)
    assert done.returncode == 4
    assert json.loads(done.stderr)["error"]["code"] in ("unreachable", "transport")


def test_console_script_entry_point_is_wired():
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "mcptui"]
    assert script.value == "mcptui.cli:main"
