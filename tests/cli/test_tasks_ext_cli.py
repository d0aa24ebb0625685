"""``mcptui call`` and ``mcptui tasks`` in the 2026-07-28 era (the tasks extension), against the demo over HTTP.

Every command is a new session (and remembers the tasks it started in MCPTUI_HOME). Polls wait
through a waiter that only yields (``tasks_ext.wait_between_polls``), never a clock.
"""

from __future__ import annotations

import asyncio
import json

import pytest

ERA = ("--era", "2026-07-28")


@pytest.fixture(autouse=True)
def no_poll_clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    asked: list[float] = []

    async def wait(seconds: float) -> None:
        asked.append(seconds)
        await asyncio.sleep(0)

    monkeypatch.setattr("mcptui.core.tasks_ext.wait_between_polls", wait)
    return asked


def started(run_cli, url: str, *words: str) -> str:
    run = run_cli("--json", "call", url, "research", *words, "--no-wait", *ERA)
    assert run.code == 0, run.err
    task = json.loads(run.out)
    assert task["status"] == "working" and task["pollIntervalMs"] == 100 and task["ttlMs"] == 600_000
    return str(task["taskId"])


def test_a_plain_call_in_2026_follows_the_task_to_its_result(run_cli, demo_http_url, no_poll_clock):
    run = run_cli("call", demo_http_url, "research", "topic=owls", "steps=2", "delay=0")  # auto: 2026-07-28
    assert run.code == 0, run.err
    assert "Research on owls: 2 steps done." in run.out
    assert no_poll_clock and set(no_poll_clock) == {0.1}


def test_call_with_task_shows_the_status_lines(run_cli, demo_http_url):
    run = run_cli("call", demo_http_url, "research", "topic=owls", "steps=1", "delay=0", "--task", *ERA)
    assert run.code == 0, run.err
    assert "Research on owls: 1 steps done." in run.out
    lines = run.err.splitlines()
    assert ": working — started" in lines[0] and ": completed — done after 1 steps" in lines[-1]


def test_no_wait_then_result_get_and_list(run_cli, demo_http_url):
    task_id = started(run_cli, demo_http_url, "topic=y", "steps=1", "delay=0")
    result = run_cli("--json", "tasks", "result", demo_http_url, task_id, *ERA)
    assert result.code == 0, result.err
    assert json.loads(result.out)["content"][0]["text"] == "Research on y: 1 steps done."
    got = run_cli("tasks", "get", demo_http_url, task_id, *ERA)
    assert got.code == 0 and got.out.startswith(f"task {task_id}: completed — done after 1 steps")
    listed = run_cli("--json", "tasks", "list", demo_http_url, *ERA)
    assert listed.code == 0 and task_id in {t["taskId"] for t in json.loads(listed.out)["tasks"]}
    assert run_cli("--json", "tasks", "list", demo_http_url).code == 0  # the default era: tasks/list


def test_no_wait_prints_a_hint_with_the_era(run_cli, demo_http_url):
    run = run_cli("call", demo_http_url, "research", "topic=y", "steps=1", "delay=0", "--no-wait", *ERA)
    assert run.code == 0
    task_id = run.out.strip()
    assert f"hint: mcptui tasks result {demo_http_url} {task_id} --era 2026-07-28" in run.err


def test_cancel_then_the_result_is_an_error(run_cli, demo_http_url):
    task_id = started(run_cli, demo_http_url, "topic=z", "hold=true")
    assert "working" in run_cli("tasks", "get", demo_http_url, task_id, *ERA).out
    cancelled = run_cli("--json", "tasks", "cancel", demo_http_url, task_id, *ERA)
    assert cancelled.code == 0 and json.loads(cancelled.out)["status"] == "cancelled"
    result = run_cli("tasks", "result", demo_http_url, task_id, *ERA)
    assert result.code == 1 and "was cancelled: cancelled by the client" in result.err


def test_input_required_is_answered_by_the_cli_handlers(run_cli, demo_http_url):
    run = run_cli(
        "--accept-defaults", "call", demo_http_url, "research", "topic=m", "delay=0", "confirm=true", *ERA
    )
    assert run.code == 0, run.err
    assert "Research on m: 3 steps done." in run.out


def test_a_failed_task_exits_1_with_its_error(run_cli, demo_http_url):
    run = run_cli("--json", "call", demo_http_url, "research", "topic=x", "delay=0", "fail=true", *ERA)
    assert run.code == 1
    error = json.loads(run.err)["error"]
    assert "failed: the research failed" in error["message"]


def test_unknown_task_and_no_known_tasks(run_cli, demo_http_url):
    run = run_cli("tasks", "get", demo_http_url, "no-such-task", *ERA)
    assert run.code == 1 and "no task" in run.err
    listed = run_cli("tasks", "list", demo_http_url, *ERA)
    assert listed.code == 0 and "no tasks this client knows of" in listed.out


def test_era_2026_of_a_legacy_only_server_exits_4(run_cli, demo_legacy_url):
    run = run_cli("tasks", "list", demo_legacy_url, *ERA)
    assert run.code == 4 and "answered in protocol 2025-11-25, not 2026-07-28" in run.err


def test_unknown_era_is_a_usage_error(run_cli, demo_http_url):
    run = run_cli("tasks", "list", demo_http_url, "--era", "1999")
    assert run.code == 1 and "unknown era" in run.err


def test_a_server_without_the_extension_runs_plainly_and_refuses_task(run_cli):
    from tests.servers import running_demo

    with running_demo("--no-tasks-extension", transport="http") as demo:
        plain = run_cli("call", demo.url, "research", "topic=x", "steps=1", "delay=0", *ERA)
        asked = run_cli("call", demo.url, "research", "topic=x", "--task", *ERA)
    assert plain.code == 0 and "Research on x: 1 steps done." in plain.out and plain.err == ""
    assert asked.code == 1 and "no tasks extension on the server" in asked.err
