"""The SessionManager owns per-server task state: calls, list, cancel and results through its intents."""

from __future__ import annotations

from mcptui.core.server_config import ServerConfig
from mcptui.core.session_state import CallCompleted
from mcptui.core.session_tasks import TaskChanged
from tests.core.test_session_manager import manager_for


def task_events(listener) -> list[TaskChanged]:
    return [e for e in listener.events if isinstance(e, TaskChanged)]


async def test_a_required_task_tool_call_is_tracked_with_its_result(demo_http_url) -> None:
    manager, listener, runner = manager_for(ServerConfig(name="demo", url=demo_http_url, protocol="legacy"))
    manager.connect("demo")
    await listener.until(lambda: manager.snapshot("demo").connected)
    manager.call("demo", "tool", "research", {"topic": "owls", "steps": 2, "delay": 0})
    await listener.until(lambda: any(isinstance(e, CallCompleted) for e in listener.events))
    done = next(e for e in listener.events if isinstance(e, CallCompleted))
    assert done.record.error is None and done.record.result["structuredContent"]["topic"] == "owls"
    [task] = manager.tasks.tasks("demo")
    assert task.status == "completed" and task.tool == "research"
    assert manager.tasks.result("demo", task.task_id) == done.record.result
    statuses = [e.task.status for e in task_events(listener)]
    assert statuses[0] == "working" and statuses[-1] == "completed"
    assert task_events(listener)[-1].result == done.record.result
    manager.disconnect_all()
    await runner.wait()


async def test_cancel_refresh_and_fetch_result_intents(demo_http_url) -> None:
    manager, listener, runner = manager_for(ServerConfig(name="demo", url=demo_http_url, protocol="legacy"))
    manager.connect("demo")
    await listener.until(lambda: manager.snapshot("demo").connected)
    connection = manager.connection("demo")
    held = await connection.tasks.start("research", {"topic": "held", "hold": True})
    quick = await connection.tasks.start("research", {"topic": "quick", "steps": 1, "delay": 0})
    await connection.tasks.wait(quick)
    assert manager.tasks.cancel("demo", held.task_id) is not None
    await listener.until(lambda: any(e.task.status == "cancelled" for e in task_events(listener)))
    assert manager.tasks.fetch_result("demo", quick.task_id) is not None
    await listener.until(lambda: manager.tasks.result("demo", quick.task_id) is not None)
    manager.tasks.board.forget("demo")
    manager.tasks.refresh("demo")
    await listener.until(lambda: len(manager.tasks.tasks("demo")) >= 2)
    known = {t.task_id: t.status for t in manager.tasks.tasks("demo")}
    assert known[held.task_id] == "cancelled" and known[quick.task_id] == "completed"
    manager.disconnect_all()
    await runner.wait()


async def test_task_intents_on_a_server_not_connected_do_nothing() -> None:
    manager, _listener, _runner = manager_for(ServerConfig(name="demo", url="http://127.0.0.1:9/mcp"))
    assert manager.tasks.refresh("demo") is None
    assert manager.tasks.cancel("demo", "t") is None
    assert manager.tasks.tasks("demo") == []
