"""The agent's life: started on first use, listed and stopped, gone when idle; its socket private."""

from __future__ import annotations

import json
import os
import socket
import stat

from mcptui.cli import agent_client
from tests.agent.conftest import agent_pid, mcptui, wait_gone


def test_socket_and_folder_are_private(agent_env, demo_http_url):
    assert mcptui("list", demo_http_url).returncode == 0
    path = agent_client.socket_path()
    assert path.parent == agent_env
    assert stat.S_ISSOCK(path.lstat().st_mode)
    assert stat.S_IMODE(path.lstat().st_mode) == 0o600
    assert stat.S_IMODE(agent_env.stat().st_mode) == 0o700


def test_idle_agent_exits_and_removes_its_socket(agent_env, demo_http_url):
    done = mcptui("call", demo_http_url, "echo", "text=x", env={agent_client.IDLE_ENV: "1"})
    assert done.returncode == 0
    pid = agent_pid()
    assert pid is not None
    assert wait_gone(pid), "the idle agent did not exit"
    assert not agent_client.socket_path().exists()


def test_sessions_list_and_stop(agent_env, demo_http_url, demo_stdio_command):
    nothing = mcptui("sessions", "--json")
    assert json.loads(nothing.stdout) == {"agent": None, "sessions": []}
    assert mcptui("sessions").stderr == "no agent running\n"
    assert mcptui("list", demo_http_url).returncode == 0
    assert mcptui("list", "--", *demo_stdio_command).returncode == 0
    listed = json.loads(mcptui("sessions", "--json").stdout)
    targets = {s["target"]: s for s in listed["sessions"]}
    assert set(targets) == {demo_http_url, " ".join(demo_stdio_command)}
    assert {s["transport"] for s in targets.values()} == {"http", "stdio"}
    table = mcptui("sessions").stdout
    assert table.splitlines()[0].split() == ["ID", "TARGET", "TRANSPORT", "AGE", "IDLE", "CALLS"]
    assert demo_http_url in table

    stopped = mcptui("sessions", "stop", demo_http_url)
    assert (stopped.returncode, stopped.stderr) == (0, "closed 1 connection\n")
    left = json.loads(mcptui("sessions", "--json").stdout)["sessions"]
    assert [s["target"] for s in left] == [" ".join(demo_stdio_command)]
    unknown = mcptui("sessions", "stop", "nowhere")
    assert unknown.returncode == 1 and "no warm connection" in unknown.stderr

    pid = listed["agent"]["pid"]
    everything = mcptui("sessions", "stop", "--all")
    assert everything.returncode == 0 and "the agent is stopping" in everything.stderr
    assert wait_gone(pid)


def test_stale_socket_of_a_dead_agent_is_replaced(agent_env, demo_http_url):
    path = agent_client.socket_path()
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()  # the file stays, nobody listens: what a killed agent leaves
    assert stat.S_ISSOCK(path.lstat().st_mode)
    done = mcptui("call", demo_http_url, "echo", "text=x")
    assert (done.returncode, done.stdout, done.stderr) == (0, "x\n", "")
    assert agent_pid() is not None


def test_a_file_that_is_not_a_socket_is_refused(agent_env, demo_http_url):
    path = agent_client.socket_path()
    path.write_text("not a socket")
    done = mcptui("call", demo_http_url, "echo", "text=x")
    assert done.returncode == 0 and done.stdout == "x\n"
    assert "is not an mcptui agent socket" in done.stderr and "MCPTUI_NO_AGENT" in done.stderr
    assert path.read_text() == "not a socket"
    assert agent_pid() is None


def test_peer_of_this_uid_is_recognised():
    from mcptui.agent.server import peer_uid

    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        assert peer_uid(left) in (os.getuid(), None)
