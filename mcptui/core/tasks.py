"""Tasks (the 2025-11-25 tasks utility) on a live connection: call as a task, poll, result, cancel, list.

The SDK (mcp 2.3) has the task types (`mcp_types.Task`, `CreateTaskResult`, `GetTaskRequest`...)
but serves none of the methods ("tasks/* deliberately absent" from its method tables), so:

- tasks/get, tasks/result, tasks/list and tasks/cancel go out as typed requests through the SDK
  session's public `send_request`;
- a task-augmented tools/call cannot: the session checks every tools/call result against
  `CallToolResult`, and a `CreateTaskResult` fails that check. It goes through the session's
  dispatcher (`send_raw_request`, the layer under `send_request`) and is validated here.

A tool whose ``execution.taskSupport`` is ``"required"`` always runs as a task (`run_tool`);
``"optional"`` ones are called plainly unless asked (`prefers_task`), ``"forbidden"`` (or absent)
never. The 2026-07-28 era moved tasks into an extension (``io.modelcontextprotocol/tasks``,
with tasks/update and no tasks/list): :mod:`mcptui.core.tasks_ext` speaks it, with this
module's :class:`TaskInfo` and events; ``ServerConnection.tasks`` is the one of the era.

Every change of a task is reported as a :class:`TaskUpdated` event on the connection's sink
(the SessionManager keeps them; the CLI shows them on stderr).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from mcptui.core.errors import RequestError
from mcptui.core.events import Event

if TYPE_CHECKING:
    from mcptui.core.connection import ServerConnection
    from mcptui.core.server_config import ServerConfig

TaskSupport = Literal["forbidden", "optional", "required"]
TERMINAL_STATUSES = frozenset({"completed", "failed", "cancelled"})
DEFAULT_POLL_MS = 1000
MIN_POLL_MS = 20
MAX_POLL_MS = 10_000
CANCEL_GRACE_S = 5.0
StatusCallback = Callable[["TaskInfo"], Any]


@dataclass(frozen=True)
class TaskInfo:
    """What the server last said about one task (wire fields, snake_case)."""

    task_id: str
    status: str
    status_message: str | None = None
    created_at: str = ""
    last_updated_at: str = ""
    ttl: int | None = None
    poll_interval: int | None = None
    tool: str | None = None  # the tool it runs, when this client started it
    extension: bool = False  # a 2026-07-28 extension task (wire names ttlMs, pollIntervalMs)
    server_request: str | None = None  # the request it runs, when the server opened it toward us

    @property
    def server_opened(self) -> bool:
        """The server opened this task toward us (a task-augmented elicitation or sampling)."""
        return self.server_request is not None

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES

    @classmethod
    def from_wire(
        cls, data: dict[str, Any], tool: str | None = None, server_request: str | None = None
    ) -> TaskInfo:
        ttl, poll = data.get("ttl"), data.get("pollInterval")
        message = data.get("statusMessage")
        return cls(
            task_id=str(data.get("taskId", "")),
            status=str(data.get("status", "")),
            status_message=message if isinstance(message, str) else None,
            created_at=str(data.get("createdAt", "")),
            last_updated_at=str(data.get("lastUpdatedAt", "")),
            ttl=ttl if isinstance(ttl, int) else None,
            poll_interval=poll if isinstance(poll, int) else None,
            tool=tool,
            server_request=server_request,
        )

    def wire(self) -> dict[str, Any]:
        """The MCP wire form (for ``--json``)."""
        data: dict[str, Any] = {
            "taskId": self.task_id,
            "status": self.status,
            "createdAt": self.created_at,
            "lastUpdatedAt": self.last_updated_at,
            ("ttlMs" if self.extension else "ttl"): self.ttl,
        }
        if self.status_message is not None:
            data["statusMessage"] = self.status_message
        if self.poll_interval is not None:
            data["pollIntervalMs" if self.extension else "pollInterval"] = self.poll_interval
        return data

    def poll_seconds(self) -> float:
        """How long to wait before the next tasks/get: the server's pollInterval, within bounds."""
        ms = self.poll_interval if self.poll_interval is not None else DEFAULT_POLL_MS
        return min(max(ms, MIN_POLL_MS), MAX_POLL_MS) / 1000


@dataclass(frozen=True, kw_only=True)
class TaskUpdated(Event):
    """A task's status changed (created, polled, cancelled, ended)."""

    KIND: ClassVar[str] = "task"
    task: TaskInfo


@dataclass(frozen=True, kw_only=True)
class TaskResultFetched(Event):
    """tasks/result answered: the task's payload (a wire CallToolResult)."""

    KIND: ClassVar[str] = "task"
    task_id: str
    result: dict[str, Any]


def task_support(tool: dict[str, Any] | None) -> TaskSupport:
    """A tool's ``execution.taskSupport`` ("forbidden" when absent or unknown)."""
    execution = (tool or {}).get("execution")
    support = execution.get("taskSupport") if isinstance(execution, dict) else None
    if support in ("optional", "required"):
        return support  # type: ignore[no-any-return]
    return "forbidden"


def prefers_task(tool: dict[str, Any] | None, *, as_task: bool | None = None) -> bool:
    """Whether to call ``tool`` as a task: always when required, when asked and optional, else not."""
    support = task_support(tool)
    if support == "required":
        return True
    return support == "optional" and bool(as_task)


async def tell(on_status: StatusCallback | None, task: TaskInfo) -> None:
    """Report ``task`` to ``on_status`` (sync or async), if there is one."""
    if on_status is not None and asyncio.iscoroutine(outcome := on_status(task)):
        await outcome


async def poll_until_settled(
    task: TaskInfo,
    get: Callable[..., Awaitable[TaskInfo]],
    sleep: Callable[[float], Awaitable[None]],
    on_status: StatusCallback | None = None,
) -> TaskInfo:
    """Ask ``get`` (tasks/get) at the task's poll interval until it ends or needs input; each
    change of status or message is told to ``on_status``. Both eras' task operations use it."""
    while not task.terminal and task.status != "input_required":
        await sleep(task.poll_seconds())
        newer = await get(task.task_id, tool=task.tool)
        if (newer.status, newer.status_message) != (task.status, task.status_message):
            await tell(on_status, newer)
        task = newer
    return task


def in_tasks_era(config: ServerConfig) -> ServerConfig:
    """``config`` with the handshake era (2025-11-25, where tasks are) unless it names an era itself."""
    return dataclasses.replace(config, protocol="legacy") if config.protocol == "auto" else config


def _result_types() -> tuple[Any, ...]:
    import mcp_types as t

    return t.CreateTaskResult, t.GetTaskResult, t.ListTasksResult, t.CancelTaskResult, t.CallToolResult


class TaskOperations:
    """Task requests on an open connection (held by ServerConnection as ``tasks``)."""

    def __init__(self, connection: ServerConnection) -> None:
        self.connection = connection

    def _require_tasks_era(self) -> None:
        from mcptui.core.operations import modern_versions

        if self.connection.protocol_version in modern_versions():
            raise RequestError(
                f"{self.connection.name} speaks {self.connection.protocol_version}, where tasks left the "
                "core protocol (mcptui speaks the 2025-11-25 tasks utility)",
                hint='set "protocol": "legacy" for this server (mcptui tasks does so by itself)',
            )

    def support(self, tool: dict[str, Any] | None) -> TaskSupport:
        """The tool's own ``execution.taskSupport`` (the 2026 extension's answer differs)."""
        return task_support(tool)

    def _emit(self, task: TaskInfo) -> TaskInfo:
        self.connection.sink(TaskUpdated(server=self.connection.name, task=task))
        return task

    async def _request(self, request: Any, result_type: Any) -> dict[str, Any]:
        from mcptui.core.operations import wire

        self._require_tasks_era()

        async def op() -> dict[str, Any]:
            return wire(await self.connection._require().session.send_request(request, result_type))

        return await self.connection._call(op)

    async def start(self, name: str, arguments: dict[str, Any] | None, *, ttl: int | None = None) -> TaskInfo:
        """Send a task-augmented tools/call; the created task (status "working", usually)."""
        self._require_tasks_era()
        create_type = _result_types()[0]
        params: dict[str, Any] = {"name": name, "arguments": arguments or {}, "task": {}}
        if ttl is not None:
            params["task"]["ttl"] = ttl

        async def op() -> dict[str, Any]:
            session = self.connection._require().session
            # The SDK gap (see the module docstring): tools/call results are checked as CallToolResult.
            raw = await session._dispatcher.send_raw_request(  # noqa: SLF001
                "tools/call", params, {"timeout": self.connection.config.timeout}
            )
            data: dict[str, Any] = create_type.model_validate(raw, by_name=False).task.model_dump(
                by_alias=True, mode="json"
            )
            return data

        return self._emit(TaskInfo.from_wire(await self.connection._call(op), tool=name))

    async def get(self, task_id: str, *, tool: str | None = None) -> TaskInfo:
        import mcp_types as t

        data = await self._request(
            t.GetTaskRequest(params=t.GetTaskRequestParams(task_id=task_id)), t.GetTaskResult
        )
        return self._emit(TaskInfo.from_wire(data, tool=tool))

    async def result(self, task_id: str) -> dict[str, Any]:
        """tasks/result: the wire CallToolResult (the server holds the reply until the task ends)."""
        import mcp_types as t

        result = await self._request(
            t.GetTaskPayloadRequest(params=t.GetTaskPayloadRequestParams(task_id=task_id)), t.CallToolResult
        )
        self.connection.sink(TaskResultFetched(server=self.connection.name, task_id=task_id, result=result))
        return result

    async def cancel(self, task_id: str, *, tool: str | None = None) -> TaskInfo:
        import mcp_types as t

        data = await self._request(
            t.CancelTaskRequest(params=t.CancelTaskRequestParams(task_id=task_id)), t.CancelTaskResult
        )
        return self._emit(TaskInfo.from_wire(data, tool=tool))

    async def list(self) -> list[TaskInfo]:
        """tasks/list, every page."""
        import mcp_types as t

        tasks: list[TaskInfo] = []
        cursor: str | None = None
        for _ in range(1000):
            params = t.PaginatedRequestParams(cursor=cursor) if cursor else None
            data = await self._request(t.ListTasksRequest(params=params), t.ListTasksResult)
            tasks.extend(TaskInfo.from_wire(item) for item in data.get("tasks", []))
            cursor = data.get("nextCursor")
            if not cursor:
                break
        return tasks

    async def wait(self, task: TaskInfo, on_status: StatusCallback | None = None) -> TaskInfo:
        """Poll tasks/get (at the server's pollInterval) until the task ends or needs input."""
        return await poll_until_settled(task, self.get, asyncio.sleep, on_status)

    async def run_tool(
        self, name: str, arguments: dict[str, Any] | None, on_status: StatusCallback | None = None
    ) -> dict[str, Any]:
        """Call ``name`` as a task and wait for it: its wire CallToolResult.

        Cancelling this coroutine cancels the task at the server (tasks/cancel); a task that
        ends cancelled raises RequestError.
        """
        task = await self.start(name, arguments)
        await tell(on_status, task)
        try:
            task = await self.wait(task, on_status)
            if task.status == "cancelled":
                raise RequestError(
                    f"task {task.task_id} was cancelled", hint="run the tool again to start a new task"
                )
            # completed or failed: the payload; input_required: tasks/result carries the server's
            # requests (elicitation, sampling) to our handlers and returns once the task ends.
            return await self.result(task.task_id)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await asyncio.shield(asyncio.wait_for(self.cancel(task.task_id, tool=name), CANCEL_GRACE_S))
            raise
