"""Tasks in the 2026-07-28 era: the ``io.modelcontextprotocol/tasks`` extension (SEP-2663), client side.

The client declares the extension through the SDK's own ``ClientExtension`` (mcp 2.3; the wire
shapes are in :mod:`mcptui.core.tasks_ext_wire`), so it rides in every request's ``_meta``
clientCapabilities; a tools/call answered with ``resultType: "task"`` (a CreateTaskResult)
surfaces as ``TaskCreated``, which the caller turns into polling outside the call's timeout
(:meth:`ExtensionTaskOperations.follow`).

tasks/get, tasks/update and tasks/cancel go out through the session's public ``send_request``
with request types whose ``name_param`` is ``taskId`` (the SDK then sets ``Mcp-Name`` to the task
id over HTTP, as the extension requires). There is no tasks/list and no tasks/result:
:meth:`~ExtensionTaskOperations.result` polls tasks/get until the task ends and takes its inlined
``result`` (or raises its ``error``), and :meth:`~ExtensionTaskOperations.list` asks again about
the tasks this client remembers (:mod:`mcptui.core.task_memory`).

``input_required``: every ``inputRequests`` entry not answered yet (keys are deduplicated across
polls) goes through ``ClientSession.dispatch_input_request``, the same callbacks (and so the same
:class:`~mcptui.core.handlers.ClientHandlers` dialogs) as a server's own elicitation or sampling
request; the answers go back with tasks/update. Polls wait ``pollIntervalMs`` (within bounds)
through :attr:`ExtensionTaskOperations.sleep`, a seam tests replace. Everything the server sends
is clipped here and sanitized where it is shown; a status outside the spec's five is an error.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from mcptui.core.errors import RequestError
from mcptui.core.sanitize import sanitize_line
from mcptui.core.tasks import (
    CANCEL_GRACE_S,
    TERMINAL_STATUSES,
    StatusCallback,
    TaskInfo,
    TaskResultFetched,
    TaskUpdated,
    poll_until_settled,
    tell,
)
from mcptui.core.tasks_ext_wire import (
    TASKS_EXTENSION,
    TaskCreated,
    any_result,
    clipped,
    request_types,
    task_info,
)

if TYPE_CHECKING:
    from mcptui.core.connection import ServerConnection
    from mcptui.core.task_memory import KnownTasks
    from mcptui.core.tasks import TaskSupport

STATUSES = frozenset({"working", "input_required", *TERMINAL_STATUSES})
MAX_INPUT_ROUNDS = 100  # input requests answered in one follow before giving up


async def wait_between_polls(seconds: float) -> None:
    """The default poll waiter (tests replace it, or a connection's ``sleep``)."""
    await asyncio.sleep(seconds)


class ExtensionTaskOperations:
    """Task requests of the 2026 extension on an open connection (the 2025 TaskOperations' interface)."""

    remembers = True  # list() is what this client remembers, not what the server lists

    def __init__(self, connection: ServerConnection, memory: KnownTasks | None = None) -> None:
        self.connection = connection
        self._memory = memory
        self.sleep: Callable[[float], Awaitable[Any]] = wait_between_polls  # the poll waiter (a test seam)
        self._types: dict[str, Any] | None = None

    @property
    def memory(self) -> KnownTasks:
        """The task ids this client keeps (loaded on first use: a cold start does not pay for it)."""
        if self._memory is None:
            from mcptui.core.task_memory import KnownTasks

            self._memory = KnownTasks()
        return self._memory

    # ---------------------------------------------------------------- what the server offers
    def offered(self) -> bool:
        """Whether the server declared the extension (server/discover capabilities)."""
        client = self.connection._client
        capabilities = getattr(client, "server_capabilities", None) if client is not None else None
        extensions = getattr(capabilities, "extensions", None) or {}
        return isinstance(extensions, dict) and TASKS_EXTENSION in extensions

    def support(self, tool: dict[str, Any] | None) -> TaskSupport:
        """The server decides per call: "optional" for any tool of a server with the extension."""
        return "optional" if self.offered() else "forbidden"

    # ---------------------------------------------------------------- requests
    def _emit(self, task: TaskInfo) -> TaskInfo:
        if task.status not in STATUSES:
            raise RequestError(
                f"{self.connection.name} reported task {sanitize_line(task.task_id)!r} in an unknown status "
                f"{sanitize_line(task.status)!r}",
                hint="the server does not follow the tasks extension",
            )
        self.connection.sink(TaskUpdated(server=self.connection.name, task=task))
        self.memory.remember(self.connection.config, task)
        return task

    async def _send(self, method: str, task_id: str, **fields: Any) -> dict[str, Any]:
        from mcptui.core.operations import wire

        if self._types is None:
            self._types = {**request_types(), "result": any_result()}
        types = self._types
        params = types["params"].model_validate({"task_id": task_id, **fields})
        request = types[method](method=method, params=params)

        async def op() -> dict[str, Any]:
            session = self.connection._require().session
            return wire(await session.send_request(request, types["result"]))

        return await self.connection._call(op)

    async def _detailed(self, task_id: str) -> dict[str, Any]:
        return await self._send("tasks/get", task_id)

    async def start(self, name: str, arguments: dict[str, Any] | None, *, ttl: int | None = None) -> TaskInfo:
        """tools/call; the created task. A server that answers at once has made no task: an error.

        ``ttl`` is not asked for: in 2026 the server alone sets a task's ``ttlMs``.
        """
        outcome = await self.connection.operations.send_tool_call(name, arguments)
        if isinstance(outcome, TaskCreated):
            return self.created(outcome.detailed, name)
        raise RequestError(
            f"{self.connection.name} ran {name!r} at once instead of creating a task",
            hint="call it without --no-wait to see its result",
        )

    def created(self, detailed: dict[str, Any], tool: str | None) -> TaskInfo:
        """Record the task a tools/call created (its seed state)."""
        return self._emit(task_info(detailed, tool))

    async def get(self, task_id: str, *, tool: str | None = None) -> TaskInfo:
        detailed = await self._detailed(task_id)
        task = self._emit(task_info(detailed, tool))
        if task.status == "completed" and isinstance(detailed.get("result"), dict):
            self._fetched(task_id, detailed["result"])
        return task

    def _fetched(self, task_id: str, result: dict[str, Any]) -> None:
        self.connection.sink(TaskResultFetched(server=self.connection.name, task_id=task_id, result=result))

    async def cancel(self, task_id: str, *, tool: str | None = None) -> TaskInfo:
        """tasks/cancel (an empty ack), then what the server says of the task now."""
        await self._send("tasks/cancel", task_id)
        try:
            return await self.get(task_id, tool=tool)
        except RequestError:
            self.memory.forget(self.connection.config, task_id)
            return TaskInfo(task_id, "cancelled", "cancel requested", tool=tool, extension=True)

    async def list(self) -> list[TaskInfo]:
        """No tasks/list in 2026: the tasks this client remembers for the server, asked about again.

        A task the server no longer knows (expired, purged) is forgotten.
        """
        tasks: list[TaskInfo] = []
        for known in self.memory.tasks(self.connection.config):
            try:
                tasks.append(await self.get(known.task_id, tool=known.tool))
            except RequestError:
                self.memory.forget(self.connection.config, known.task_id)
        return tasks

    async def result(self, task_id: str) -> dict[str, Any]:
        """The task's CallToolResult once it ends (polling tasks/get, answering input requests)."""
        detailed = await self._detailed(task_id)
        task = self._emit(task_info(detailed))
        with self.connection.in_flight.running(f"the task {task_id}"):
            return await self._until_done(task, detailed, None)

    async def wait(self, task: TaskInfo, on_status: StatusCallback | None = None) -> TaskInfo:
        """Poll tasks/get until the task ends or needs input."""
        return await poll_until_settled(task, self.get, self.sleep, on_status)

    async def run_tool(
        self, name: str, arguments: dict[str, Any] | None, on_status: StatusCallback | None = None
    ) -> dict[str, Any]:
        """Call ``name`` and follow the task the server makes of it (or take its direct result)."""
        outcome = await self.connection.operations.send_tool_call(name, arguments)
        if isinstance(outcome, TaskCreated):
            return await self.follow(outcome.detailed, name, on_status)
        return outcome

    async def follow(
        self, detailed: dict[str, Any], tool: str | None, on_status: StatusCallback | None = None
    ) -> dict[str, Any]:
        """A task a tools/call created, followed to its end: its CallToolResult.

        Cancelling this coroutine cancels the task at the server (tasks/cancel).
        """
        task = self.created(detailed, tool)
        await tell(on_status, task)
        try:
            with self.connection.in_flight.running(f"the task of {tool or 'a tool'}"):
                result = await self._until_done(task, detailed, on_status)
            if tool is not None and not result.get("isError"):
                await self._check_output(tool, task.task_id, result)
            return result
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await asyncio.shield(
                    asyncio.wait_for(self._send("tasks/cancel", task.task_id), CANCEL_GRACE_S)
                )
            raise

    async def _until_done(
        self, task: TaskInfo, detailed: dict[str, Any], on_status: StatusCallback | None
    ) -> dict[str, Any]:
        answered: set[str] = set()
        rounds = 0
        while not task.terminal:
            pending = _pending(detailed, answered) if task.status == "input_required" else {}
            if pending:
                rounds += 1
                if rounds > MAX_INPUT_ROUNDS:
                    raise RequestError(f"task {sanitize_line(task.task_id)} asked for input too many times")
                responses = await self._answer(task, pending)
                answered.update(responses)
                await self._send("tasks/update", task.task_id, inputResponses=responses)
            else:
                await self.sleep(task.poll_seconds())
            detailed = await self._detailed(task.task_id)
            newer = self._emit(task_info(detailed, task.tool))
            if (newer.status, newer.status_message) != (task.status, task.status_message):
                await tell(on_status, newer)
            task = newer
        if task.status != "cancelled" and "result" not in detailed and "error" not in detailed:
            detailed = await self._detailed(task.task_id)  # a seed state that was already terminal
        return self._outcome(task, detailed)

    def _outcome(self, task: TaskInfo, detailed: dict[str, Any]) -> dict[str, Any]:
        """A terminal task's CallToolResult (completed), or the error it ended with."""
        label = sanitize_line(task.task_id)
        if task.status == "completed":
            result = detailed.get("result")
            if not isinstance(result, dict):
                raise RequestError(f"task {label} completed without a result", hint="the server is broken")
            self._fetched(task.task_id, _checked_result(result, label))
            return result
        if task.status == "failed":
            given = detailed.get("error")
            error: dict[str, Any] = given if isinstance(given, dict) else {}
            code = error.get("code") if isinstance(error.get("code"), int) else None
            message = sanitize_line(clipped(error.get("message")) or task.status_message or "no reason given")
            raise RequestError(f"task {label} failed: {message}", rpc_code=code)
        reason = f": {sanitize_line(task.status_message)}" if task.status_message else ""
        raise RequestError(
            f"task {label} was cancelled{reason}", hint="run the tool again to start a new task"
        )

    async def _check_output(self, tool: str, task_id: str, result: dict[str, Any]) -> None:
        """The result against the tool's output schema, as the SDK checks a direct result."""
        from mcp_types import CallToolResult

        async def op() -> None:
            session = self.connection._require().session
            try:
                await session.validate_tool_result(tool, CallToolResult.model_validate(result, by_name=False))
            except RuntimeError as error:
                raise RequestError(
                    f"the result of task {sanitize_line(task_id)} does not fit the output schema of "
                    f"{sanitize_line(tool)!r}: {sanitize_line(str(error))[:300]}"
                ) from None

        await self.connection._call(op)

    async def _answer(self, task: TaskInfo, pending: dict[str, Any]) -> dict[str, Any]:
        """Each input request through the client's own callbacks (the handlers' dialogs)."""
        from mcp.client.session import ClientRequestContext
        from mcp_types import ErrorData, InputRequest
        from pydantic import TypeAdapter, ValidationError

        session = self.connection._require().session
        adapter: Any = TypeAdapter(InputRequest)
        responses: dict[str, Any] = {}
        for key, raw in pending.items():
            try:
                request = adapter.validate_python(raw, by_name=False)
            except ValidationError:
                raise RequestError(
                    f"task {sanitize_line(task.task_id)} asked for input mcptui cannot read "
                    f"(key {sanitize_line(key[:80])!r})",
                    hint="the server's inputRequests entry is not an elicitation, sampling or roots request",
                ) from None
            meta = request.params.meta if getattr(request, "params", None) is not None else None
            context = ClientRequestContext(session=session, request_id=key, meta=meta)
            answer = await session.dispatch_input_request(context, request)
            if isinstance(answer, ErrorData):
                with contextlib.suppress(Exception):
                    await self._send("tasks/cancel", task.task_id)
                raise RequestError(
                    f"task {sanitize_line(task.task_id)} needed input that was refused: "
                    f"{sanitize_line(answer.message)}; the task was cancelled"
                )
            responses[key] = answer.model_dump(by_alias=True, mode="json", exclude_none=True)
        return responses


def _pending(detailed: dict[str, Any], answered: set[str]) -> dict[str, Any]:
    """The input requests not answered yet (the same key is never shown twice)."""
    requests = detailed.get("inputRequests")
    if not isinstance(requests, dict):
        return {}
    return {key: value for key, value in requests.items() if isinstance(key, str) and key not in answered}


def _checked_result(result: dict[str, Any], label: str) -> dict[str, Any]:
    from mcp_types import CallToolResult
    from pydantic import ValidationError

    try:
        CallToolResult.model_validate(result, by_name=False)
    except ValidationError:
        raise RequestError(f"task {label} completed with a result that is not a CallToolResult") from None
    return result
