"""Issue 9 point 7: the SDK's log records (a malformed notification) never print a traceback."""

from __future__ import annotations

from tests.hostile.conftest import hostile, mcptui


def test_malformed_progress_prints_nothing_without_verbose():
    run = mcptui("call", "echo", "x=1", "--", *hostile("bad-progress"))
    assert run.code == 0, run.err
    assert run.out.strip() == "ok"
    assert run.err == ""
    assert run.seconds < 20


def test_malformed_progress_is_one_event_line_with_verbose():
    run = mcptui("-v", "call", "echo", "x=1", "--", *hostile("bad-progress"))
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    lines = [line for line in run.err.splitlines() if "Failed to validate notification" in line]
    assert lines == [
        "· warning: sdk client: Failed to validate notification: notifications/progress (ValidationError)"
    ]
