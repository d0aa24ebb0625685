"""Questions from inside the agent reach the calling terminal: a destructive call's [y/N], an elicitation.

The client runs on a pty (stdin and stderr), stdout a pipe, as a person would; the agent
asks through it and the answers typed there decide.
"""

from __future__ import annotations

import pytest

from tests.agent.conftest import calls_to, mcptui
from tests.pty_client import mcptui_on_a_pty


@pytest.mark.parametrize("answer, code", [(b"y\n", 0), (b"n\n", 1)])
def test_destructive_call_is_confirmed_at_the_client_terminal(agent_env, demo_http_url, answer, code):
    assert mcptui("list", demo_http_url).returncode == 0  # the agent runs, the connection is warm
    with mcptui_on_a_pty("call", demo_http_url, "delete_everything", "confirm=true") as client:
        client.read_until("Call delete_everything? [y/N] ")
        client.type(answer)
        out, _ = client.process.communicate(timeout=60)
        if code:
            client.read_until("was not called")
    assert client.process.returncode == code, client.shown
    assert ("Deleted" in out) == (code == 0), out
    assert calls_to(demo_http_url) == 2, "the call went through the agent"


def test_elicitation_is_answered_at_the_client_terminal(agent_env, demo_legacy_url):
    assert mcptui("list", demo_legacy_url).returncode == 0
    with mcptui_on_a_pty("call", demo_legacy_url, "ask_user") as client:
        client.read_until("Ctrl-D declines")
        for _ in range(4):  # name, age, subscribe, color
            client.read_until("]: ")
            prompt = client.shown
            client.seen.clear()
            client.type(b"41\n" if "age" in prompt.lower() else b"\n")
        out, _ = client.process.communicate(timeout=60)
    assert client.process.returncode == 0, client.shown
    assert "accepted: name=Ada age=41" in out
    assert calls_to(demo_legacy_url) == 2, "the call went through the agent"


def test_piped_stdin_still_declines_elicitation(agent_env, demo_legacy_url):
    done = mcptui("call", demo_legacy_url, "ask_user", stdin="anything\n")
    direct = mcptui("call", demo_legacy_url, "ask_user", "--no-agent", stdin="anything\n")
    assert (done.returncode, done.stdout, done.stderr) == (direct.returncode, direct.stdout, direct.stderr)
    assert "decline" in done.stdout and calls_to(demo_legacy_url) == 1
