"""Server commands through the warm agent: the same output and exit code as the direct path, one connection."""

from __future__ import annotations

import json

import pytest

from tests.agent.conftest import agent_pid, mcptui

SAME = [
    ("list", "{url}", "--json"),
    ("call", "{url}", "echo", "text=hello"),
    ("call", "{url}", "add", "a=2", "b=3", "--json"),
    ("call", "{url}", "fail"),
    ("call", "{url}", "nope"),
    ("read", "{url}", "demo://readme"),
    ("prompt", "{url}", "summarize", "topic=cats", "--json"),
]


@pytest.mark.parametrize("argv", SAME, ids=lambda a: " ".join(a[:1] + a[2:]))
def test_http_same_output_via_agent_and_direct(agent_env, demo_http_url, argv):
    words = [w.format(url=demo_http_url) for w in argv]
    direct = mcptui(*words, "--no-agent")
    warm = mcptui(*words)
    again = mcptui(*words)
    assert agent_pid() is not None, "the agent was used"
    for run in (warm, again):
        assert (run.returncode, run.stdout, run.stderr) == (direct.returncode, direct.stdout, direct.stderr)


def test_stdio_same_output_and_one_child(agent_env, pid_server_command, demo_stdio_command):
    direct = mcptui("call", "add", "a=1", "b=4", "--no-agent", "--", *demo_stdio_command)
    warm = mcptui("call", "add", "a=1", "b=4", "--", *demo_stdio_command)
    assert (warm.returncode, warm.stdout, warm.stderr) == (0, direct.stdout, direct.stderr)
    first = mcptui("call", "pid", "--", *pid_server_command)
    second = mcptui("call", "pid", "--", *pid_server_command)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    pid_one, count_one = first.stdout.strip().split(":")
    pid_two, count_two = second.stdout.strip().split(":")
    assert pid_one == pid_two and (count_one, count_two) == ("1", "2")


def test_second_call_reuses_the_http_connection(agent_env, demo_http_url):
    first = mcptui("call", demo_http_url, "echo", "text=a", "-v")
    second = mcptui("call", demo_http_url, "echo", "text=b", "-v")
    assert first.returncode == second.returncode == 0
    assert "state connecting" in first.stderr
    assert "state connecting" not in second.stderr and "→ tools/call" in second.stderr
    sessions = json.loads(mcptui("sessions", "--json").stdout)["sessions"]
    assert [(s["target"], s["calls"]) for s in sessions] == [(demo_http_url, 2)]


def test_no_agent_env_bypasses_it(agent_env, demo_http_url):
    done = mcptui("list", demo_http_url, "--json", env={"MCPTUI_NO_AGENT": "1"})
    assert done.returncode == 0 and agent_pid() is None


def test_unreachable_agent_falls_back_silently(agent_env, demo_http_url):
    """A runtime folder the agent cannot use: the command runs directly, one line with -v."""
    blocked = agent_env / "file"
    blocked.write_text("")
    quiet = mcptui("call", demo_http_url, "echo", "text=x", env={"MCPTUI_RUNTIME_DIR": str(blocked)})
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "x\n", "")
    loud = mcptui("call", demo_http_url, "echo", "text=x", "-v", env={"MCPTUI_RUNTIME_DIR": str(blocked)})
    assert loud.returncode == 0 and loud.stderr.count("agent: not used") == 1
