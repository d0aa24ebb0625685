"""The console's line for a task event: the task id and its status, not a bare class name."""

from __future__ import annotations

from mcptui.core.tasks import TaskResultFetched, TaskUpdated
from mcptui.ui.event_format import KINDS, summarize
from tests.core.test_task_status import running


def test_the_console_shows_the_task_id_and_status_not_a_bare_class_name():
    assert "task" in KINDS  # the kind filter offers it
    summary = summarize(TaskUpdated(server="s", task=running(status="completed", status_message="done")))
    assert summary == "task t1: completed — done · 5 s"
    fetched = summarize(TaskResultFetched(server="s", task_id="t1", result={"content": [], "isError": True}))
    assert fetched.startswith("task t1: result (isError) ")
