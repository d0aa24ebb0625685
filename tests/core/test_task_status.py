"""How a task's status reads: status, message, elapsed, poll interval, direction."""

from __future__ import annotations

from datetime import UTC, datetime

from mcptui.core.task_status import describe, duration, elapsed_seconds, line
from mcptui.core.tasks import TaskInfo

NOW = datetime(2025, 11, 25, 10, 30, 42, tzinfo=UTC)


def running(**overrides) -> TaskInfo:
    fields = {
        "task_id": "t1",
        "status": "working",
        "status_message": "Gathering sources...",
        "created_at": "2025-11-25T10:30:00Z",
        "last_updated_at": "2025-11-25T10:30:05Z",
        "poll_interval": 1000,
    }
    return TaskInfo(**{**fields, **overrides})


def test_a_running_task_reads_status_message_elapsed_and_poll_interval():
    assert describe(running(), NOW) == "working — Gathering sources... · 42 s · polled every 1 s"
    assert (
        describe(running(poll_interval=250, status_message=None), NOW)
        == "working · 42 s · polled every 250 ms"
    )
    assert describe(running(status="input_required"), NOW).startswith("input required — ")


def test_an_ended_task_reads_how_long_it_ran_and_no_poll_interval():
    done = running(status="completed", status_message="done", last_updated_at="2025-11-25T10:32:05.5Z")
    assert describe(done, NOW) == "completed — done · 2 min 5 s"
    assert line(done, NOW) == "task t1: completed — done · 2 min 5 s"


def test_unreadable_or_missing_times_are_left_out():
    assert (
        describe(running(created_at="yesterday"), NOW) == "working — Gathering sources... · polled every 1 s"
    )
    assert elapsed_seconds(running(created_at=""), NOW) is None
    assert elapsed_seconds(running(created_at="2025-11-25T11:00:00Z"), NOW) is None  # after "now"
    assert describe(TaskInfo("t", "")) == "unknown"


def test_durations():
    assert [duration(s) for s in (0.2, 4.9, 60, 125, 3720)] == [
        "<1 s",
        "4 s",
        "1 min",
        "2 min 5 s",
        "1 h 2 min",
    ]


def test_a_task_the_server_opened_says_so():
    task = running(
        server_request="elicitation/create", poll_interval=None, status_message="waiting for your answer"
    )
    assert describe(task, NOW).endswith("· server → you (elicitation/create)")
