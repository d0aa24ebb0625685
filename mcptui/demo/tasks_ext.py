"""The demo's 2026-07-28 tasks: the ``io.modelcontextprotocol/tasks`` extension (SEP-2663) for `research`.

Built on the SDK's server `Extension` (mcp 2.3): it is advertised under
``capabilities.extensions`` (server/discover), serves tasks/get, tasks/update and tasks/cancel
(2026-07-28 only) and intercepts tools/call of `research`: a client that declared the extension
in the request's ``_meta`` clientCapabilities gets a CreateTaskResult (``resultType: "task"``);
one that did not gets -32021 with ``data.requiredCapabilities`` (research runs only as a task, as
in 2025-11-25). tasks/* from a client that did not declare the extension get -32021 too.

`research` runs as in the 2025 store (steps, ``hold``, ``fail``), and ``confirm=true`` adds one
``input_required`` step: an elicitation (``inputRequests``) asking whether to finish, answered by
tasks/update. A failed task carries a JSON-RPC error, a declined confirmation ends it cancelled.
Tasks live per server process (not per session), so a new connection finds them by id.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.extension import Extension, MethodBinding
from mcp.shared.exceptions import MCPError
from mcp.types import INTERNAL_ERROR, INVALID_PARAMS, CallToolRequestParams, RequestParams
from mcp_types.jsonrpc import MISSING_REQUIRED_CLIENT_CAPABILITY
from mcp_types.version import MODERN_PROTOCOL_VERSIONS
from pydantic import ConfigDict, Field

from mcptui.demo.tasks import research_steps

TASKS_EXTENSION = "io.modelcontextprotocol/tasks"
TERMINAL = frozenset({"completed", "failed", "cancelled"})
TTL_MS = 10 * 60 * 1000
POLL_INTERVAL_MS = 100
TASK_TOOLS = frozenset({"research"})
CONFIRM_SCHEMA = {
    "type": "object",
    "properties": {"finish": {"type": "boolean", "title": "Finish the research?", "default": True}},
    "required": ["finish"],
}


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


class TaskIdParams(RequestParams):
    """tasks/get and tasks/cancel params."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    task_id: str = Field(alias="taskId")


class TaskUpdateParams(TaskIdParams):
    """tasks/update params: the answers to outstanding input requests, by key."""

    input_responses: dict[str, Any] = Field(default_factory=dict, alias="inputResponses")


@dataclass
class ExtensionTask:
    """One 2026 task: its status, what it needs from the client, and how it ended."""

    task_id: str
    status: str = "working"
    status_message: str | None = None
    created_at: str = field(default_factory=_now)
    last_updated_at: str = ""
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    input_requests: dict[str, dict[str, Any]] = field(default_factory=dict)
    answers: dict[str, asyncio.Future[dict[str, Any]]] = field(default_factory=dict)
    runner: asyncio.Task[None] | None = None

    def detailed(self) -> dict[str, Any]:
        """The DetailedTask wire form (tasks/get)."""
        data: dict[str, Any] = {
            "taskId": self.task_id,
            "status": self.status,
            "createdAt": self.created_at,
            "lastUpdatedAt": self.last_updated_at or self.created_at,
            "ttlMs": TTL_MS,
            "pollIntervalMs": POLL_INTERVAL_MS,
        }
        if self.status_message is not None:
            data["statusMessage"] = self.status_message
        if self.status == "input_required":
            data["inputRequests"] = dict(self.input_requests)
        elif self.status == "completed" and self.result is not None:
            data["result"] = self.result
        elif self.status == "failed" and self.error is not None:
            data["error"] = self.error
        return data

    def update(self, status: str, message: str | None) -> None:
        if self.status in TERMINAL:
            return
        self.status, self.status_message, self.last_updated_at = status, message, _now()

    async def ask(self, key: str, request: dict[str, Any], message: str) -> dict[str, Any]:
        """Put the task in input_required with ``request`` under ``key``; the client's answer."""
        answer: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.answers[key] = answer
        self.input_requests[key] = request
        self.update("input_required", message)
        try:
            return await answer
        finally:
            self.input_requests.pop(key, None)


async def run_research(task: ExtensionTask, arguments: dict[str, Any]) -> None:
    """`research` as a 2026 task: steps with status messages, an optional confirmation, a result."""
    try:
        topic, steps = await research_steps(task.update, arguments)
        if arguments.get("confirm"):
            request = {
                "method": "elicitation/create",
                "params": {
                    "mode": "form",
                    "message": f"Finish the research on {topic}?",
                    "requestedSchema": CONFIRM_SCHEMA,
                },
            }
            answer = await task.ask("confirm-1", request, "waiting for the user to confirm")
            given = answer.get("content")
            content: dict[str, Any] = given if isinstance(given, dict) else {}
            if answer.get("action") != "accept" or not content.get("finish", False):
                task.update("cancelled", "the user did not confirm")
                return
            task.update("working", "confirmed: writing up")
    except asyncio.CancelledError:
        return
    if arguments.get("fail"):
        task.error = {"code": INTERNAL_ERROR, "message": "the research failed"}
        task.update("failed", "the research failed")
        return
    text = f"Research on {topic}: {steps} steps done."
    task.result = {
        "content": [{"type": "text", "text": text}],
        "structuredContent": {"result": text},  # the tool's output schema (a str return)
        "isError": False,
    }
    task.update("completed", f"done after {steps} steps")


def _declared(ctx: ServerRequestContext[Any, Any]) -> bool:
    capabilities = ctx.session.client_capabilities
    return bool(capabilities is not None and TASKS_EXTENSION in (capabilities.extensions or {}))


def _missing_capability() -> MCPError:
    return MCPError(
        code=MISSING_REQUIRED_CLIENT_CAPABILITY,
        message="Missing required client capability",
        data={"requiredCapabilities": {"extensions": {TASKS_EXTENSION: {}}}},
    )


class DemoTasksExtension(Extension):
    """The tasks extension for the demo's task tools (see the module docstring)."""

    identifier = TASKS_EXTENSION

    def __init__(self) -> None:
        self.tasks: dict[str, ExtensionTask] = {}
        self._counter = itertools.count(1)

    def methods(self) -> Sequence[MethodBinding]:
        modern = frozenset(MODERN_PROTOCOL_VERSIONS)
        return (
            MethodBinding("tasks/get", TaskIdParams, self._get, protocol_versions=modern),
            MethodBinding("tasks/update", TaskUpdateParams, self._update, protocol_versions=modern),
            MethodBinding("tasks/cancel", TaskIdParams, self._cancel, protocol_versions=modern),
        )

    async def intercept_tool_call(
        self, params: CallToolRequestParams, ctx: ServerRequestContext[Any, Any], call_next: CallNext
    ) -> HandlerResult:
        if params.name not in TASK_TOOLS or ctx.protocol_version not in MODERN_PROTOCOL_VERSIONS:
            return await call_next(ctx)
        if not _declared(ctx):
            raise _missing_capability()
        task = ExtensionTask(task_id=f"task-{next(self._counter)}-{secrets.token_hex(8)}")
        self.tasks[task.task_id] = task
        task.update("working", "started")
        task.runner = asyncio.create_task(run_research(task, dict(params.arguments or {})))
        created = task.detailed()
        return {"resultType": "task", **created}

    def _find(self, ctx: ServerRequestContext[Any, Any], params: TaskIdParams) -> ExtensionTask:
        if not _declared(ctx):
            raise _missing_capability()
        task = self.tasks.get(params.task_id)
        if task is None:
            raise MCPError(
                code=INVALID_PARAMS, message=f"Failed to retrieve task: no task {params.task_id!r}"
            )
        return task

    async def _get(self, ctx: ServerRequestContext[Any, Any], params: TaskIdParams) -> dict[str, Any]:
        return {"resultType": "complete", **self._find(ctx, params).detailed()}

    async def _update(self, ctx: ServerRequestContext[Any, Any], params: TaskUpdateParams) -> dict[str, Any]:
        task = self._find(ctx, params)
        for key, response in params.input_responses.items():
            answer = task.answers.get(key)
            if answer is not None and not answer.done() and isinstance(response, dict):  # else ignored
                answer.set_result(response)
                task.update("working", "answer received")
        return {"resultType": "complete"}

    async def _cancel(self, ctx: ServerRequestContext[Any, Any], params: TaskIdParams) -> dict[str, Any]:
        task = self._find(ctx, params)
        if task.status not in TERMINAL:
            task.update("cancelled", "cancelled by the client")
            if task.runner is not None:
                task.runner.cancel()
        return {"resultType": "complete"}
