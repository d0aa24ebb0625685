"""The tasks extension's wire shapes (2026-07-28, ``io.modelcontextprotocol/tasks``), on the SDK.

- :func:`client_extension`: the SDK ``ClientExtension`` that declares the extension (the SDK puts
  it in every 2026 request's ``_meta`` clientCapabilities) and claims tools/call results with
  ``resultType: "task"``; its resolver raises :class:`TaskCreated` instead of following the
  task inside the SDK's call (the caller follows it, outside the call's timeout);
- :func:`request_types`: tasks/get, tasks/update and tasks/cancel as SDK request types whose
  ``name_param`` is ``taskId`` (so ``Mcp-Name`` carries the task id over HTTP), and a result
  type that keeps every field;
- :func:`task_info`: a Task / DetailedTask as a :class:`~mcptui.core.tasks.TaskInfo`, clipped.
"""

from __future__ import annotations

from typing import Any

from mcptui.core.tasks import TaskInfo

TASKS_EXTENSION = "io.modelcontextprotocol/tasks"
MAX_TEXT = 2000  # a status message or an id longer than this is cut


class TaskCreated(Exception):
    """A tools/call was answered with a task (raised by the claim's resolver, caught by the caller)."""

    def __init__(self, detailed: dict[str, Any]) -> None:
        super().__init__("the server created a task")
        self.detailed = detailed


def clipped(value: Any) -> str | None:
    """A server string cut to MAX_TEXT characters (None if it is not a string)."""
    return value[:MAX_TEXT] if isinstance(value, str) else None


def task_info(data: dict[str, Any], tool: str | None = None) -> TaskInfo:
    """A 2026 Task / DetailedTask (``ttlMs``, ``pollIntervalMs``) as a :class:`TaskInfo`."""
    ttl, poll = data.get("ttlMs"), data.get("pollIntervalMs")
    return TaskInfo(
        task_id=(clipped(data.get("taskId")) or ""),
        status=(clipped(data.get("status")) or ""),
        status_message=clipped(data.get("statusMessage")),
        created_at=clipped(data.get("createdAt")) or "",
        last_updated_at=clipped(data.get("lastUpdatedAt")) or "",
        ttl=ttl if isinstance(ttl, int) and not isinstance(ttl, bool) else None,
        poll_interval=poll if isinstance(poll, int) and not isinstance(poll, bool) else None,
        tool=tool,
        extension=True,
    )


def client_extension() -> Any:
    """The SDK ``ClientExtension`` that declares the tasks extension and claims ``resultType: "task"``."""
    from typing import Literal

    from mcp.client.extension import ClaimContext, ClientExtension, ResultClaim
    from mcp_types import Result
    from pydantic import ConfigDict, Field

    class CreatedTask(Result):
        model_config = ConfigDict(extra="allow", populate_by_name=True)
        result_type: Literal["task"] = Field(default="task", alias="resultType")
        task_id: str = Field(alias="taskId")
        status: str

    async def resolve(created: CreatedTask, _context: ClaimContext) -> Any:
        raise TaskCreated(created.model_dump(by_alias=True, mode="json", exclude_none=True))

    class TasksClientExtension(ClientExtension):
        identifier = TASKS_EXTENSION

        def claims(self) -> Any:
            return (ResultClaim(result_type="task", model=CreatedTask, resolve=resolve),)

    return TasksClientExtension()


def request_types() -> dict[str, Any]:
    from mcp_types import Request, RequestParams
    from pydantic import ConfigDict

    class TaskParams(RequestParams):
        model_config = ConfigDict(extra="allow", populate_by_name=True)
        task_id: str

    def request_type(method: str) -> Any:
        from typing import Literal

        class TaskRequest(Request[TaskParams, Literal[method]]):  # type: ignore[valid-type]
            name_param = "taskId"

        return TaskRequest

    return {
        "params": TaskParams,
        **{m: request_type(m) for m in ("tasks/get", "tasks/update", "tasks/cancel")},
    }


def any_result() -> Any:
    from mcp_types import Result
    from pydantic import ConfigDict

    class AnyResult(Result):
        model_config = ConfigDict(extra="allow")

    return AnyResult
