"""The SessionManager's task part: what it knows of each server's tasks, and the task intents.

:class:`SessionTasks` is held by the manager (``manager.tasks``; composition). Its
:class:`TaskBoard` is the one record (nothing else writes it): per server, the last
:class:`~mcptui.core.tasks.TaskInfo` of every task seen (started by a call, polled, listed or
cancelled) and the result once tasks/result answered. It learns from the connection's
``TaskUpdated`` / ``TaskResultFetched`` events (routed here by the manager, current connection
only) and reports every change to the manager's listener as one :class:`TaskChanged`.
Intents: ``refresh`` (tasks/list), ``cancel`` (tasks/cancel), ``fetch_result`` (tasks/result).
The connection's ``tasks`` is the one of its era: in 2026-07-28 (the tasks extension) the same
events and intents go through tasks/get and tasks/cancel, and ``refresh`` asks again about the
tasks this client remembers (there is no tasks/list).
Tasks the server opened toward us (``TaskInfo.server_opened``, :mod:`mcptui.core.client_tasks`)
are on the board too; the intents leave them alone (they are ours to run, not the server's).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mcptui.core.errors import McpTuiError
from mcptui.core.events import Event
from mcptui.core.session_state import Cancellable, ConnectProblem, SessionEvent
from mcptui.core.tasks import TaskInfo, TaskResultFetched, TaskUpdated

if TYPE_CHECKING:
    from mcptui.core.session import SessionManager


@dataclass(frozen=True)
class TaskChanged(SessionEvent):
    """A task of ``server`` changed; ``result`` is its payload once fetched (else None)."""

    task: TaskInfo
    result: dict[str, Any] | None = None


class TaskBoard:
    """Per server: tasks by id, in the order first seen, and their results."""

    def __init__(self) -> None:
        self._tasks: dict[str, dict[str, TaskInfo]] = {}
        self._results: dict[tuple[str, str], dict[str, Any]] = {}

    def tasks(self, server: str) -> list[TaskInfo]:
        return list(self._tasks.get(server, {}).values())

    def task(self, server: str, task_id: str) -> TaskInfo | None:
        return self._tasks.get(server, {}).get(task_id)

    def result(self, server: str, task_id: str) -> dict[str, Any] | None:
        return self._results.get((server, task_id))

    def update(self, server: str, task: TaskInfo) -> TaskChanged:
        """Record ``task``; it keeps the tool name an earlier sighting knew."""
        known = self._tasks.setdefault(server, {})
        earlier = known.get(task.task_id)
        if task.tool is None and earlier is not None and earlier.tool is not None:
            task = dataclasses.replace(task, tool=earlier.tool)
        known[task.task_id] = task
        return TaskChanged(server, task, self.result(server, task.task_id))

    def set_result(self, server: str, task_id: str, result: dict[str, Any]) -> TaskChanged:
        self._results[(server, task_id)] = result
        task = self.task(server, task_id) or TaskInfo(task_id, "completed")
        return self.update(server, task)

    def forget(self, server: str) -> None:
        self._tasks.pop(server, None)
        for key in [key for key in self._results if key[0] == server]:
            del self._results[key]


class SessionTasks:
    """Task state and intents of a SessionManager (see the module docstring)."""

    def __init__(self, manager: SessionManager) -> None:
        self.manager = manager
        self.board = TaskBoard()

    def tasks(self, server: str) -> list[TaskInfo]:
        return self.board.tasks(server)

    def result(self, server: str, task_id: str) -> dict[str, Any] | None:
        return self.board.result(server, task_id)

    def apply(self, server: str, event: Event) -> bool:
        """Take a task event of the current connection of ``server``; False if it is none."""
        if isinstance(event, TaskUpdated):
            self.manager.listener(self.board.update(server, event.task))
        elif isinstance(event, TaskResultFetched):
            self.manager.listener(self.board.set_result(server, event.task_id, event.result))
        else:
            return False
        return True

    def _job(self, server: str, work: Any, what: str) -> Cancellable | None:
        connection = self.manager.connection(server)
        snapshot = self.manager.snapshot(server)
        if connection is None or snapshot is None or not snapshot.connected:
            return None

        async def run() -> None:
            try:
                await work(connection)
            except McpTuiError as error:
                self.manager.listener(ConnectProblem(server, error.message, error.hint))

        return self.manager.runner(run(), group=f"tasks:{server}", exclusive=False, description=what)

    def refresh(self, server: str) -> Cancellable | None:
        """Ask the server for its tasks (tasks/list); each one is reported. None: not connected."""

        async def work(connection: Any) -> None:
            for task in await connection.tasks.list():
                self.manager.listener(self.board.update(server, task))

        return self._job(server, work, f"list the tasks of {server}")

    def cancel(self, server: str, task_id: str) -> Cancellable | None:
        """Cancel a task (tasks/cancel); its new status is reported. None: not connected, or
        a task the server opened toward us (its dialog answers or cancels it)."""
        known = self.board.task(server, task_id) or TaskInfo(task_id, "")
        if known.server_opened:
            return None
        tool = known.tool
        return self._job(
            server, lambda c: c.tasks.cancel(task_id, tool=tool), f"cancel task {task_id} on {server}"
        )

    def fetch_result(self, server: str, task_id: str) -> Cancellable | None:
        """Fetch a task's result (tasks/result, which waits for the task to end); reported.
        None for a task the server opened toward us: its result is known when it ends."""
        known = self.board.task(server, task_id)
        if known is not None and known.server_opened:
            return None
        return self._job(server, lambda c: c.tasks.result(task_id), f"result of task {task_id} on {server}")
