"""Tasks the server opens toward this client (2025-11-25): a task-augmented elicitation or sampling.

The SDK (mcp 2.3) cannot do this, at three places:

- ``ClientSession._build_capabilities`` (mcp/client/session.py) never fills the ``tasks`` field
  that ``ClientCapabilities`` has, and no argument of ``Client`` or ``ClientSession`` sets it;
- ``ClientSession._on_request`` parses every server request with
  ``mcp_types.methods.parse_server_request``, whose ``SERVER_REQUESTS`` table has no tasks/*
  row ("tasks/* deliberately absent"): a server's tasks/get is answered -32601;
- the same ``_on_request`` checks a callback's answer against ``CLIENT_RESULTS``
  (``ElicitResult`` / ``CreateMessageResult``), so a callback cannot answer ``CreateTaskResult``.

``Client`` builds its own ``JSONRPCDispatcher`` over the transport's streams (no dispatcher hook),
so this is done where mcptui already works on the wire (:mod:`mcptui.core.wire_guard`,
:mod:`mcptui.core.wire_tap`): :func:`serving` wraps the transport's streams, under the SDK.

- Going out: ``initialize`` gains ``capabilities.tasks`` (``list``, ``cancel``, and
  ``requests`` naming only the requests this client answers: elicitation, sampling).
- Coming in, a request carrying ``params.task``: a task is created and answered at once with a
  ``CreateTaskResult``; the request, without ``task``, goes on to the SDK under an id of ours
  (``mcptui-task-N``), so the usual dialog (core/handlers.py) answers it; that answer, caught on
  its way out, becomes the task's result (``completed``; a JSON-RPC error: ``failed``).
- tasks/get, tasks/list, tasks/result (held until the task ends) and tasks/cancel are answered
  here and never reach the SDK; tasks/cancel also withdraws the request from the SDK
  (``notifications/cancelled`` for our id), which closes its dialog.

Every change is a :class:`~mcptui.core.tasks.TaskUpdated` (``server_request`` set) and a
finished task's answer a :class:`~mcptui.core.tasks.TaskResultFetched`, so the SessionManager's
task board and the Tasks pane show these tasks with the others. Only in 2025-11-25: another
negotiated version turns it off.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from mcptui.core.events import EventSink
from mcptui.core.tasks import TaskInfo, TaskResultFetched, TaskUpdated
from mcptui.core.wire_tap import ReceivingProxy, StreamProxy

TASKS_VERSION = "2025-11-25"
TASK_METHODS = frozenset({"tasks/get", "tasks/result", "tasks/list", "tasks/cancel"})
AUGMENTABLE = {
    "elicitation/create": ("elicitation", "create"),
    "sampling/createMessage": ("sampling", "createMessage"),
}
RELATED_TASK = "io.modelcontextprotocol/related-task"
DEFAULT_TTL_MS = 10 * 60 * 1000
MAX_TTL_MS = 60 * 60 * 1000
POLL_INTERVAL_MS = 500
INVALID_PARAMS = -32602


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class ClientTask:
    """One task the server opened here: its wire fields, the request it runs, its outcome."""

    task_id: str
    method: str
    inner_id: str  # the id the request carries to the SDK
    ttl: int
    status: str = "working"
    status_message: str | None = "waiting for your answer"
    created_at: str = field(default_factory=_now)
    last_updated_at: str = ""
    born: float = field(default_factory=time.monotonic)
    outcome: dict[str, Any] | None = None  # {"result": ...} or {"error": ...}, once terminal
    done: asyncio.Event = field(default_factory=asyncio.Event)

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

    def info(self) -> TaskInfo:
        return TaskInfo.from_wire(self.wire(), server_request=self.method)


class _Refused(Exception):
    """A tasks/* request that gets a JSON-RPC error (unknown task, already ended)."""


class ClientTaskDesk:
    """The tasks one connection's server opened toward us, and the answers to its tasks/* requests."""

    def __init__(self, server: str, sink: EventSink) -> None:
        self.server, self.sink = server, sink
        self.tasks: dict[str, ClientTask] = {}
        self.by_inner: dict[str, ClientTask] = {}  # by the id its request carries to the SDK
        self.active = False  # the capability went out and the server speaks 2025-11-25
        self.offered: dict[str, Any] | None = None  # the tasks capability declared
        self._init_id: Any = None
        self._counter = itertools.count(1)

    # ------------------------------------------------------------ the handshake
    def declare(self, params: dict[str, Any]) -> dict[str, Any]:
        """``initialize`` params with the tasks capability for the requests this client answers."""
        capabilities = dict(params.get("capabilities") or {})
        requests: dict[str, Any] = {
            group: {name: {}} for group, name in AUGMENTABLE.values() if capabilities.get(group) is not None
        }
        if not requests:
            return params
        self.offered = {"list": {}, "cancel": {}, "requests": requests}
        return {**params, "capabilities": {**capabilities, "tasks": self.offered}}

    def handshake_answered(self, result: Any) -> None:
        self.active = (
            self.offered is not None
            and isinstance(result, dict)
            and (result.get("protocolVersion") == TASKS_VERSION)
        )

    # ------------------------------------------------------------ task life
    def open(self, method: str, task_params: dict[str, Any]) -> ClientTask:
        ttl = task_params.get("ttl")
        ttl = min(ttl, MAX_TTL_MS) if isinstance(ttl, int) and ttl > 0 else DEFAULT_TTL_MS
        number = next(self._counter)
        task = ClientTask(f"mcptui-{number}-{secrets.token_hex(4)}", method, f"mcptui-task-{number}", ttl)
        self.tasks[task.task_id] = task
        self.by_inner[task.inner_id] = task
        self._changed(task)
        return task

    def finish(self, task: ClientTask, outcome: dict[str, Any]) -> None:
        """The SDK answered the request: the task ends (unless it was cancelled meanwhile)."""
        if task.done.is_set():
            return
        failed = "error" in outcome
        error = outcome.get("error") or {}
        message = f"failed: {error.get('message', '')}" if failed else _answer_summary(outcome.get("result"))
        self._end(task, "failed" if failed else "completed", message, outcome)

    def cancel(self, task: ClientTask, why: str) -> None:
        error = {"code": -32800, "message": "Request cancelled"}
        self._end(task, "cancelled", why, {"error": error})

    def close(self) -> None:
        for task in list(self.tasks.values()):
            if not task.done.is_set():
                self.cancel(task, "the connection closed")

    def _end(self, task: ClientTask, status: str, message: str | None, outcome: dict[str, Any]) -> None:
        task.status, task.status_message, task.outcome = status, message, outcome
        task.last_updated_at = _now()
        task.done.set()
        self._changed(task)
        payload = outcome.get("result")
        if isinstance(payload, dict):
            self.sink(TaskResultFetched(server=self.server, task_id=task.task_id, result=payload))

    def _changed(self, task: ClientTask) -> None:
        self.sink(TaskUpdated(server=self.server, task=task.info()))

    def _find(self, params: Any) -> ClientTask:
        self._expire()
        task_id = params.get("taskId") if isinstance(params, dict) else None
        task = self.tasks.get(str(task_id))
        if task is None:
            raise _Refused(f"Failed to retrieve task: Task not found ({task_id!r})")
        return task

    def _expire(self) -> None:
        now = time.monotonic()
        for task_id, task in list(self.tasks.items()):
            if task.done.is_set() and now - task.born > task.ttl / 1000:
                del self.tasks[task_id]
                self.by_inner.pop(task.inner_id, None)

    # ------------------------------------------------------------ the server's tasks/* requests
    def answer_now(self, method: str, params: Any) -> dict[str, Any]:
        """The reply (``{"result": ...}`` or ``{"error": ...}``) to tasks/get, tasks/list or tasks/cancel."""
        try:
            if method == "tasks/list":
                self._expire()
                return {"result": {"tasks": [task.wire() for task in self.tasks.values()]}}
            task = self._find(params)
            if method == "tasks/cancel":
                if task.done.is_set():
                    raise _Refused(f"Cannot cancel task: already in terminal status {task.status!r}")
                self.cancel(task, "cancelled by the server")
            return {"result": task.wire()}
        except _Refused as refused:
            return {"error": {"code": INVALID_PARAMS, "message": str(refused)}}

    async def result(self, params: Any) -> dict[str, Any]:
        """The reply to tasks/result, once the task has ended: exactly what the request got."""
        try:
            task = self._find(params)
        except _Refused as refused:
            return {"error": {"code": INVALID_PARAMS, "message": str(refused)}}
        await task.done.wait()
        outcome = dict(task.outcome or {})
        if isinstance(outcome.get("result"), dict):
            result = outcome["result"]
            meta = {**(result.get("_meta") or {}), RELATED_TASK: {"taskId": task.task_id}}
            outcome["result"] = {**result, "_meta": meta}
        return outcome


def _answer_summary(result: Any) -> str | None:
    """The status message of a finished task: the elicitation's action, or "answered"."""
    action = result.get("action") if isinstance(result, dict) else None
    return f"answered: {action}" if isinstance(action, str) else "answered"


# ---------------------------------------------------------------- the streams


def _message(item: Any) -> Any:
    return getattr(item, "message", None)


class _Read(ReceivingProxy):
    def __init__(self, inner: Any, desk: ClientTaskDesk, write: Any) -> None:
        self._inner, self._desk, self._write = inner, desk, write
        self.replies: set[asyncio.Task[None]] = set()

    async def receive(self) -> Any:
        desk = self._desk
        while True:
            item = await self._inner.receive()
            if not desk.active and desk._init_id is None:  # not (or no longer) serving tasks
                return item
            taken = await self._take(item)
            if taken is not None:
                return taken

    async def _take(self, item: Any) -> Any:
        """``item`` for the SDK (maybe rewritten), or None when it was answered here."""
        desk, message = self._desk, _message(item)
        kind = type(message).__name__
        if kind == "JSONRPCResponse" and desk._init_id is not None and message.id == desk._init_id:
            desk._init_id = None
            desk.handshake_answered(message.result)
        if kind != "JSONRPCRequest" or not desk.active:
            return item
        params = message.params if isinstance(message.params, dict) else {}
        if message.method == "tasks/result":
            self._reply_later(message.id, desk.result(params))
            return None
        if message.method in TASK_METHODS:
            withdrawn = self._withdrawn(message.method, params)  # before the cancel below ends it
            await self._send(message.id, desk.answer_now(message.method, params))
            return withdrawn
        if message.method in AUGMENTABLE and isinstance(params.get("task"), dict):
            return await self._open(item, message, params)
        return item

    def _withdrawn(self, method: str, params: dict[str, Any]) -> Any:
        """For a valid tasks/cancel: the notifications/cancelled that withdraws our request from the SDK."""
        task = self._desk.tasks.get(str(params.get("taskId")))
        if method != "tasks/cancel" or task is None or task.done.is_set():
            return None
        import mcp.types as types
        from mcp.shared.message import SessionMessage

        cancelled = {"requestId": task.inner_id, "reason": "the server cancelled the task"}
        return SessionMessage(
            types.JSONRPCNotification(jsonrpc="2.0", method="notifications/cancelled", params=cancelled)
        )

    async def _open(self, item: Any, message: Any, params: dict[str, Any]) -> Any:
        import mcp.types as types
        from mcp.shared.message import SessionMessage

        task = self._desk.open(message.method, params["task"])
        await self._send(message.id, {"result": {"task": task.wire()}})
        inner = {key: value for key, value in params.items() if key != "task"}
        request = types.JSONRPCRequest(jsonrpc="2.0", id=task.inner_id, method=message.method, params=inner)
        return SessionMessage(request, metadata=getattr(item, "metadata", None))

    def _reply_later(self, request_id: Any, reply: Any) -> None:
        async def reply_when_ready() -> None:
            await self._send(request_id, await reply)

        runner = asyncio.ensure_future(reply_when_ready())
        self.replies.add(runner)
        runner.add_done_callback(self.replies.discard)

    async def _send(self, request_id: Any, reply: dict[str, Any]) -> None:
        import mcp.types as types
        from mcp.shared.message import SessionMessage

        if "error" in reply:
            error = types.ErrorData.model_validate(reply["error"])
            message: Any = types.JSONRPCError(jsonrpc="2.0", id=request_id, error=error)
        else:
            message = types.JSONRPCResponse(jsonrpc="2.0", id=request_id, result=reply["result"])
        await self._write.send(SessionMessage(message))


class _Write(StreamProxy):
    def __init__(self, inner: Any, desk: ClientTaskDesk) -> None:
        self._inner, self._desk = inner, desk

    async def send(self, item: Any, /) -> None:
        desk, message = self._desk, _message(item)
        kind = type(message).__name__
        if kind == "JSONRPCRequest" and message.method == "initialize" and isinstance(message.params, dict):
            desk._init_id = message.id
            item = type(item)(
                message.model_copy(update={"params": desk.declare(message.params)}), item.metadata
            )
        elif kind in ("JSONRPCResponse", "JSONRPCError") and isinstance(message.id, str):
            task = desk.by_inner.get(message.id)
            if task is not None:  # the SDK's answer to a request run as a task: the task's outcome
                outcome = message.model_dump(by_alias=True, mode="json", exclude_none=True)
                desk.finish(task, {key: outcome[key] for key in ("result", "error") if key in outcome})
                return
        await self._inner.send(item)


@asynccontextmanager
async def serving(transport: Any, desk: ClientTaskDesk) -> AsyncIterator[tuple[Any, Any]]:
    """Enter ``transport`` and yield its streams with ``desk`` serving the server's tasks."""
    async with transport as (read_stream, write_stream):
        read = _Read(read_stream, desk, write_stream)
        try:
            yield read, _Write(write_stream, desk)
        finally:
            desk.close()
            for reply in list(read.replies):
                reply.cancel()
