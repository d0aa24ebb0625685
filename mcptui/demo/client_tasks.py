"""The demo's `ask_as_task` tool: a task the server opens toward the client (2025-11-25 tasks utility).

It sends a task-augmented ``elicitation/create`` (``params.task``) when the client declared
``tasks.requests.elicitation.create``; the client answers at once with a CreateTaskResult and
runs the question as its own task. The tool then asks tasks/get and tasks/list of the client,
waits on tasks/result (which the client holds until the person answered) and reports what came
back; ``cancel=true`` sends tasks/cancel instead, which withdraws the question.

The SDK's typed ``send_request`` checks an elicitation's answer against ``ElicitResult`` (a
CreateTaskResult fails that), so the requests go out through the request's raw channel, as the
demo's task middleware answers at the wire level. In 2026-07-28 tasks left the core protocol:
the tool says so.
"""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context, MCPServer
from mcp.shared.exceptions import MCPError
from mcp_types.version import MODERN_PROTOCOL_VERSIONS
from pydantic import Field

QUESTION_SCHEMA = {
    "type": "object",
    "properties": {"name": {"type": "string", "title": "Your name", "default": "Ada"}},
    "required": ["name"],
}


def _offers_elicitation_tasks(ctx: Context) -> bool:
    capabilities = ctx.session.client_capabilities
    tasks = getattr(capabilities, "tasks", None) if capabilities is not None else None
    dumped = tasks.model_dump(by_alias=True, exclude_none=True) if tasks is not None else {}
    return "create" in ((dumped.get("requests") or {}).get("elicitation") or {})


async def ask_as_task(ctx: Context, question: str, cancel: bool) -> str:
    """The tool's work (see the module docstring); every step is said in the returned text."""
    if ctx.protocol_version in MODERN_PROTOCOL_VERSIONS:
        return "tasks the server opens are a 2025-11-25 feature; connect in that era"
    if not _offers_elicitation_tasks(ctx):
        return "the client runs no elicitation as a task (no tasks.requests.elicitation.create)"
    channel: Any = ctx.session._request_outbound  # noqa: SLF001 - the raw channel (see the docstring)
    params = {"message": question, "requestedSchema": QUESTION_SCHEMA, "task": {"ttl": 60_000}}
    created = await channel.send_raw_request("elicitation/create", params)
    task_id = created["task"]["taskId"]
    steps = [f"task {task_id} {created['task']['status']}"]
    polled = await channel.send_raw_request("tasks/get", {"taskId": task_id})
    listed = await channel.send_raw_request("tasks/list", None)
    steps.append(f"polled: {polled['status']}; listed: {task_id in [t['taskId'] for t in listed['tasks']]}")
    if cancel:
        cancelled = await channel.send_raw_request("tasks/cancel", {"taskId": task_id})
        steps.append(f"cancel: {cancelled['status']}")
    try:
        answer = await channel.send_raw_request("tasks/result", {"taskId": task_id})
    except MCPError as error:
        steps.append(f"result: error {error.error.code}: {error.error.message}")
    else:
        content = answer.get("content") or {}
        related = (answer.get("_meta") or {}).get("io.modelcontextprotocol/related-task", {})
        steps.append(
            f"result: {answer.get('action')} name={content.get('name')} (task {related.get('taskId')})"
        )
    final = await channel.send_raw_request("tasks/get", {"taskId": task_id})
    steps.append(f"final: {final['status']}")
    return "\n".join(steps)


def register_client_task_tools(mcp: MCPServer) -> None:
    """Add `ask_as_task` to `mcp`."""

    @mcp.tool(name="ask_as_task")
    async def ask_as_task_tool(
        ctx: Context,
        question: Annotated[str, Field(description="What to ask")] = "What is your name?",
        cancel: Annotated[
            bool, Field(description="Cancel the task (tasks/cancel) instead of waiting")
        ] = False,
    ) -> str:
        """Ask the user as a task the client runs (task-augmented elicitation; 2025-11-25)."""
        return await ask_as_task(ctx, question, cancel)
