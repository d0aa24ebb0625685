"""``mcptui tasks list|get|result|cancel`` and ``mcptui call`` of a task tool, against the demo over HTTP.

Every command is a new session, so these also show the demo keeping tasks across sessions.
"""

from __future__ import annotations

import json

import pytest


def started(run_cli, url: str, *words: str) -> str:
    run = run_cli("--json", "call", url, "research", *words, "--no-wait")
    assert run.code == 0, run.err
    task = json.loads(run.out)
    assert task["status"] == "working" and task["pollInterval"] == 100
    return str(task["taskId"])


def test_call_a_required_task_tool_shows_status_on_stderr_and_prints_the_result(run_cli, demo_legacy_url):
    run = run_cli("call", demo_legacy_url, "research", "topic=owls", "steps=2", "delay=0")
    assert run.code == 0, run.err
    assert "Research on owls: 2 steps done." in run.out
    lines = run.err.splitlines()
    # status — message · how long it has run (· the poll interval while it runs)
    assert ": working — started · " in lines[0] and lines[0].endswith(" · polled every 100 ms")
    assert ": completed — done after 2 steps · " in lines[-1] and "polled" not in lines[-1]


def test_call_as_a_task_with_json(run_cli, demo_http_url):
    # a dual-era server: --task picks the era that has tasks
    run = run_cli("--json", "call", demo_http_url, "research", "topic=x", "steps=1", "delay=0", "--task")
    assert run.code == 0, run.err
    result = json.loads(run.out)
    assert result["structuredContent"] == {"topic": "x", "steps": 1}
    assert "io.modelcontextprotocol/related-task" in result["_meta"]
    assert run.err == ""  # no status lines with --json


def test_a_failed_task_exits_5(run_cli, demo_legacy_url):
    run = run_cli("call", demo_legacy_url, "research", "topic=x", "delay=0", "fail=true")
    assert run.code == 5 and "research failed" in run.out
    assert "failed — the research failed · " in run.err


def test_no_wait_then_get_result_and_list(run_cli, demo_http_url):
    task_id = started(run_cli, demo_http_url, "topic=y", "steps=1", "delay=0")
    result = run_cli("--json", "tasks", "result", demo_http_url, task_id)
    assert result.code == 0 and json.loads(result.out)["content"][0]["text"] == "Research on y: 1 steps done."
    got = run_cli("tasks", "get", demo_http_url, task_id)
    assert got.code == 0 and got.out.startswith(f"task {task_id}: completed — done after 1 steps · ")
    listed = run_cli("--json", "tasks", "list", demo_http_url)
    assert listed.code == 0 and task_id in {t["taskId"] for t in json.loads(listed.out)["tasks"]}
    text = run_cli("tasks", "list", demo_http_url)
    assert f"task {task_id}: completed" in text.out


def test_cancel_and_cancel_again(run_cli, demo_http_url):
    task_id = started(run_cli, demo_http_url, "topic=z", "hold=true")
    assert "working" in run_cli("tasks", "get", demo_http_url, task_id).out
    cancelled = run_cli("--json", "tasks", "cancel", demo_http_url, task_id)
    assert cancelled.code == 0 and json.loads(cancelled.out)["status"] == "cancelled"
    again = run_cli("--json", "tasks", "cancel", demo_http_url, task_id)
    assert again.code == 1 and "terminal status" in json.loads(again.err)["error"]["message"]
    assert run_cli("tasks", "result", demo_http_url, task_id).code == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("tasks", "get"), "missing TARGET"),
        (("tasks", "get", "{url}"), "missing TASK_ID"),
        (("tasks", "list", "{url}", "extra"), "unexpected argument 'extra'"),
        (("tasks", "bogus", "{url}"), "invalid choice"),
        (("call", "{url}", "echo", "text=a", "--no-wait"), "does not run as a task"),
    ],
)
def test_usage_errors_exit_1(run_cli, demo_legacy_url, argv, message):
    run = run_cli(*(word.format(url=demo_legacy_url) for word in argv))
    assert run.code == 1 and message in run.err


def test_unknown_task_is_refused(run_cli, demo_legacy_url):
    run = run_cli("tasks", "get", demo_legacy_url, "no-such-task")
    assert run.code == 1 and "no task" in run.err
