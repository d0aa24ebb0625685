"""The demo's tasks (the 2025-11-25 tasks utility): the `research` tool and a server-wide task store.

The SDK (mcp 2.3) defines the task types but serves none of the task methods, and `MCPServer`
cannot mark a tool's ``execution.taskSupport``. So `TasksMiddleware` does it at the wire level
(as the demo's other middleware do): it advertises the ``tasks`` capability, adds
``execution.taskSupport`` to tools/list, answers a task-augmented tools/call with a
CreateTaskResult, and serves tasks/get, tasks/result, tasks/list and tasks/cancel. A required-task
tool called without ``task`` gets -32601, as the spec says.

The store is per server, not per session: a task outlives the connection that created it, so a
one-shot ``mcptui tasks get ID`` in a new process finds it (over HTTP; a stdio server dies with
its client). It is a demo: tasks are not bound to an auth context.

`research` is deterministic: it takes ``steps`` steps ``delay`` seconds apart (0 in tests),
updating the status message at each; ``hold=true`` keeps it working after the first step until
it is cancelled (so a test can cancel it without racing a clock); ``fail=true`` ends it failed.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any

from mcp.server.context import CallNext, ServerRequestContext
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, METHOD_NOT_FOUND
from mcp_types.version import MODERN_PROTOCOL_VERSIONS
from pydantic import Field

RELATED_TASK_META_KEY = "io.modelcontextprotocol/related-task"
TERMINAL = frozenset({"completed", "failed", "cancelled"})
DEFAULT_TTL_MS = 10 * 60 * 1000
POLL_INTERVAL_MS = 100
TASK_TOOLS: dict[str, str] = {"research": "required"}


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


@dataclass
class DemoTask:
    """One task the demo runs: its wire fields, its result once terminal, its runner."""

    task_id: str
    ttl: int
    status: str = "working"
    status_message: str | None = None
    created_at: str = field(default_factory=_now)
    last_updated_at: str = ""
    result: dict[str, Any] | None = None
    done: asyncio.Event = field(default_factory=asyncio.Event)
    runner: asyncio.Task[None] | None = None

    def wire(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "taskId": self.task_id,
            "status": self.status,
            "createdAt": self.created_at,
            "lastUpdatedAt": self.last_updated_at or self.created_at,
            "ttl": self.ttl,
            "pollInterval": POLL_INTERVAL_MS,
        }
        if self.status_message is not None:
            data["statusMessage"] = self.status_message
        return data

    def update(self, status: str, message: str | None) -> None:
        if self.status in TERMINAL:
            return
        self.status, self.status_message, self.last_updated_at = status, message, _now()
        if status in TERMINAL:
            self.done.set()


class TaskStore:
    """Every task of one demo server, in creation order."""

    def __init__(self) -> None:
        self.tasks: dict[str, DemoTask] = {}
        self._counter = itertools.count(1)

    def create(self, ttl: int | None) -> DemoTask:
        task_id = f"task-{next(self._counter)}-{secrets.token_hex(4)}"
        task = DemoTask(task_id=task_id, ttl=ttl if ttl is not None else DEFAULT_TTL_MS)
        self.tasks[task_id] = task
        return task

    def get(self, task_id: Any) -> DemoTask:
        task = self.tasks.get(str(task_id))
        if task is None:
            raise MCPError(code=INVALID_PARAMS, message=f"Failed to retrieve task: no task {task_id!r}")
        return task


async def research_steps(
    update: Callable[[str, str | None], None], arguments: dict[str, Any]
) -> tuple[str, int]:
    """The steps of `research` in either era: a status message each (``hold``: wait until
    cancelled at the first); its (topic, steps)."""
    topic = str(arguments.get("topic", ""))
    steps = max(1, min(int(arguments.get("steps", 3)), 100))
    delay = max(0.0, min(float(arguments.get("delay", 0.0)), 10.0))
    for step in range(1, steps + 1):
        update("working", f"step {step}/{steps}: researching {topic}")
        if arguments.get("hold") and step == 1:
            await asyncio.Event().wait()  # until cancelled
        await asyncio.sleep(delay)
    return topic, steps


async def run_research(task: DemoTask, arguments: dict[str, Any]) -> None:
    """The `research` tool's work as a task: steps, status messages, a result (or failure)."""
    try:
        topic, steps = await research_steps(task.update, arguments)
    except asyncio.CancelledError:
        return
    text = f"Research on {topic}: {steps} steps done."
    if arguments.get("fail"):
        task.result = _related(
            {"content": [{"type": "text", "text": "research failed"}], "isError": True}, task
        )
        task.update("failed", "the research failed")
        return
    task.result = _related(
        {"content": [{"type": "text", "text": text}], "structuredContent": {"topic": topic, "steps": steps}},
        task,
    )
    task.update("completed", f"done after {steps} steps")


def _related(result: dict[str, Any], task: DemoTask) -> dict[str, Any]:
    return {**result, "_meta": {RELATED_TASK_META_KEY: {"taskId": task.task_id}}}


class TasksMiddleware:
    """Serve the 2025-11-25 tasks utility for the demo's task tools (see the module docstring)."""

    def __init__(self, store: TaskStore | None = None) -> None:
        self.store = store or TaskStore()

    async def __call__(self, ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> Any:
        params = dict(ctx.params or {})
        method = ctx.method
        if ctx.protocol_version in MODERN_PROTOCOL_VERSIONS:
            return await call_next(ctx)  # 2026-07-28: tasks are an extension the demo does not serve
        if method == "tools/call" and params.get("name") in TASK_TOOLS:
            return self._call(params)
        handler = {
            "tasks/get": self._get,
            "tasks/result": self._result,
            "tasks/list": self._list,
            "tasks/cancel": self._cancel,
        }.get(method)
        if handler is not None and ctx.request_id is not None:
            return await handler(params)
        result = await call_next(ctx)
        if method == "tools/list" and isinstance(result, dict) and isinstance(result.get("tools"), list):
            result = {**result, "tools": [_with_execution(tool) for tool in result["tools"]]}
        if method == "initialize" and isinstance(result, dict):
            capabilities = dict(result.get("capabilities") or {})
            capabilities["tasks"] = {"list": {}, "cancel": {}, "requests": {"tools": {"call": {}}}}
            result = {**result, "capabilities": capabilities}
        return result

    def _call(self, params: dict[str, Any]) -> dict[str, Any]:
        task_params = params.get("task")
        if not isinstance(task_params, dict):
            raise MCPError(
                code=METHOD_NOT_FOUND,
                message=f"Tool {params.get('name')!r} requires task augmentation (taskSupport: required)",
            )
        ttl = task_params.get("ttl")
        task = self.store.create(ttl if isinstance(ttl, int) else None)
        task.update("working", "started")
        task.runner = asyncio.create_task(run_research(task, dict(params.get("arguments") or {})))
        return {"task": task.wire()}

    async def _get(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.store.get(params.get("taskId")).wire()

    async def _result(self, params: dict[str, Any]) -> dict[str, Any]:
        task = self.store.get(params.get("taskId"))
        await task.done.wait()
        if task.result is None:
            raise MCPError(code=INVALID_PARAMS, message=f"Task {task.task_id!r} was {task.status}")
        return task.result

    async def _list(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"tasks": [task.wire() for task in self.store.tasks.values()]}

    async def _cancel(self, params: dict[str, Any]) -> dict[str, Any]:
        task = self.store.get(params.get("taskId"))
        if task.status in TERMINAL:
            raise MCPError(
                code=INVALID_PARAMS, message=f"Cannot cancel task: already in terminal status {task.status!r}"
            )
        task.update("cancelled", "cancelled by the client")
        if task.runner is not None:
            task.runner.cancel()
        return task.wire()


def _with_execution(tool: Any) -> Any:
    support = TASK_TOOLS.get(str(tool.get("name"))) if isinstance(tool, dict) else None
    return {**tool, "execution": {"taskSupport": support}} if support else tool


def register_task_tools(mcp: MCPServer) -> TasksMiddleware:
    """Add `research` and the tasks middleware to `mcp`; returns the middleware (its store for tests)."""

    @mcp.tool()
    async def research(
        ctx: Context,
        topic: Annotated[str, Field(description="What to research")],
        steps: Annotated[int, Field(ge=1, le=100, description="How many steps")] = 3,
        delay: Annotated[float, Field(ge=0, le=10, description="Seconds between steps")] = 0.5,
        hold: Annotated[bool, Field(description="Stay working after step 1 until cancelled")] = False,
        fail: Annotated[bool, Field(description="End the task failed")] = False,
        confirm: Annotated[
            bool, Field(description="2026-07-28: ask before finishing (input_required)")
        ] = False,
    ) -> str:
        """Research a topic step by step, only as a task (2025-11-25 utility, 2026-07-28 extension). Cancellable."""
        # Reached only in 2026-07-28 on a demo without the tasks extension: the work runs inline.
        for step in range(1, steps + 1):
            await ctx.report_progress(step, steps, f"step {step}/{steps}: researching {topic}")
            if hold and step == 1:
                await asyncio.Event().wait()
            await asyncio.sleep(delay)
        if fail:
            raise ToolError("research failed")
        return f"Research on {topic}: {steps} steps done."

    middleware = TasksMiddleware()
    mcp.middleware.append(middleware)
    return middleware
