"""``mcptui call`` on a destructive tool: refused without a terminal unless --yes; asks on a terminal."""

from __future__ import annotations

import io

import pytest

from mcptui.cli.confirm import confirm_call
from mcptui.core.errors import UsageError

DESTRUCTIVE = {
    "name": "wipe",
    "annotations": {"destructiveHint": True},
    "inputSchema": {"properties": {"api_key": {"type": "string"}, "what": {"type": "string"}}},
}


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_without_a_terminal_the_call_needs_yes(run_cli, demo_http_url, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    run = run_cli("call", demo_http_url, "delete_everything", "confirm=true")
    assert run.code == 1
    assert "delete_everything needs confirmation" in run.err and "--yes" in run.err
    assert run.out == ""  # nothing was sent, so nothing came back
    run = run_cli("call", demo_http_url, "delete_everything", "confirm=true", "--yes")
    assert run.code == 0 and "Deleted nothing" in run.out


def test_other_tools_are_not_asked_about(run_cli, demo_http_url, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    run = run_cli("call", demo_http_url, "echo", "text=hi")
    assert run.code == 0 and "hi" in run.out


def test_on_a_terminal_it_asks_and_masks_secrets() -> None:
    err = io.StringIO()
    confirm_call(
        DESTRUCTIVE,
        {"api_key": "sk-1", "what": "all"},
        cautious=False,
        yes=False,
        stdin=Tty("y\n"),
        stderr=err,
    )
    assert (
        "Call wipe? [y/N]" in err.getvalue()
        and "sk-1" not in err.getvalue()
        and '"what": "all"' in err.getvalue()
    )
    with pytest.raises(UsageError, match="wipe was not called"):
        confirm_call(DESTRUCTIVE, {}, cautious=False, yes=False, stdin=Tty("\n"), stderr=io.StringIO())


def test_a_cautious_server_asks_for_tools_not_marked_read_only() -> None:
    with pytest.raises(UsageError, match="cautious"):
        confirm_call({"name": "x"}, {}, cautious=True, yes=False, stdin=io.StringIO(), stderr=io.StringIO())
    confirm_call({"name": "x"}, {}, cautious=False, yes=False, stdin=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize("answer, sent", [(b"y\n", True), (b"\n", False)])
def test_a_real_terminal_is_asked(demo_http_url, answer, sent) -> None:
    from tests.pty_client import mcptui_on_a_pty

    with mcptui_on_a_pty("call", demo_http_url, "delete_everything", "confirm=true") as client:
        client.read_until("Call delete_everything? [y/N] ")
        client.type(answer)
        out, _ = client.process.communicate(timeout=60)
        if not sent:
            client.read_until("was not called")
    assert "destructive" in client.shown
    assert (client.process.returncode, "Deleted nothing" in out) == ((0, True) if sent else (1, False))
