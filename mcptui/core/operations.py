"""What a user does through a live connection: call tools, get prompts, read, complete, subscribe.

:class:`ConnectionOperations` is the request part a
:class:`mcptui.core.connection.ServerConnection` holds (composition; the connection owns the
session's life cycle and offers these same methods). Each operation goes through the
connection's ``_call``, which explains failures and rebuilds a forgotten session once; every
result comes back as an MCP wire-form dict.
"""

from __future__ import annotations

import asyncio
import math
import warnings
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from mcptui.core.events import EventSink, Progress, null_sink
from mcptui.core.request_clock import CallClocks
from mcptui.core.tasks import TaskInfo, prefers_task
from mcptui.core.tasks_ext_wire import TaskCreated

if TYPE_CHECKING:
    from mcptui.core.connection import ServerConnection

T = TypeVar("T")
LOG_LEVEL_META_KEY = "io.modelcontextprotocol/logLevel"
ProgressCallback = Callable[[float, float | None, str | None], Any]


def wire(result: Any) -> dict[str, Any]:
    """An SDK result model as an MCP wire-form dict."""
    data: dict[str, Any] = result.model_dump(by_alias=True, exclude_none=True, mode="json")
    return data


def _status_as_progress(on_progress: ProgressCallback | None) -> Any:
    """A task's status changes, told to the caller as progress messages with no count
    ("task working — step 2/3 · 1 s · polled every 100 ms"). The sink hears them as
    TaskUpdated events, not as Progress: no count went over the wire."""
    from mcptui.core.task_status import describe

    async def on_status(task: TaskInfo) -> None:
        if on_progress is not None and asyncio.iscoroutine(
            outcome := on_progress(0.0, None, f"task {describe(task)}")
        ):
            await outcome

    return on_status


def modern_versions() -> tuple[str, ...]:
    from mcp_types.version import MODERN_PROTOCOL_VERSIONS

    return tuple(MODERN_PROTOCOL_VERSIONS)


class ConnectionOperations:
    """Requests on an open connection (held by ServerConnection, which forwards to it)."""

    def __init__(self, connection: ServerConnection) -> None:
        self.connection = connection

    @property
    def sink(self) -> EventSink:
        return self.connection.sink

    @property
    def name(self) -> str:
        return self.connection.name

    @property
    def protocol_version(self) -> str | None:
        return self.connection.protocol_version

    @property
    def log_level(self) -> str | None:
        return self.connection.log_level

    @property
    def clocks(self) -> CallClocks:
        return self.connection.clocks

    def _require(self) -> Any:
        return self.connection._require()

    async def _call(self, op: Callable[[], Awaitable[T]]) -> T:
        return await self.connection._call(op)

    def _meta(self) -> dict[str, Any] | None:
        """2026-07-28: the log level rides on each request's _meta (the SDK fixes its default at connect)."""
        if self.log_level and self.protocol_version in modern_versions():
            return {LOG_LEVEL_META_KEY: self.log_level}
        return None

    async def call_tool(
        self,
        name: str,
        arguments: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> dict[str, Any]:
        """Call a tool; returns the wire CallToolResult (``isError`` is not raised)."""

        async def progress(value: float, total: float | None, message: str | None) -> None:
            self.sink(Progress(server=self.name, progress=value, total=total, message=message))
            if on_progress is not None:
                outcome = on_progress(value, total, message)
                if asyncio.iscoroutine(outcome):
                    await outcome

        catalog = self.connection.catalog
        if prefers_task(catalog.tool(name) if catalog is not None else None):
            return await self.connection.legacy_tasks.run_tool(
                name, arguments, on_status=_status_as_progress(on_progress)
            )

        # a progress callback makes the SDK mint a token and route notifications: only when wanted
        wanted = on_progress is not None or self.sink is not null_sink
        outcome = await self.send_tool_call(
            name, arguments, timeout=timeout, progress=progress if wanted else None
        )
        if isinstance(outcome, TaskCreated):  # 2026-07-28: followed outside the call's timeout
            return await self.connection.extension_tasks.follow(
                outcome.detailed, name, on_status=_status_as_progress(on_progress)
            )
        return outcome

    async def send_tool_call(
        self,
        name: str,
        arguments: dict[str, Any] | None,
        *,
        timeout: float | None = None,
        progress: Any = None,
    ) -> dict[str, Any] | TaskCreated:
        """One tools/call: its wire CallToolResult, or (2026-07-28) the task the server created."""
        # our own clock, not the SDK's: it stops while a person answers the server's request
        budget = timeout if timeout is not None else self.connection.config.timeout

        async def op() -> dict[str, Any] | TaskCreated:
            with self.connection.in_flight.running(f"the call {name}"), self.clocks.deadline(budget):
                try:
                    result = await self._require().call_tool(
                        name,
                        arguments or {},
                        read_timeout_seconds=math.inf,
                        progress_callback=progress,
                        meta=self._meta(),
                    )
                except TaskCreated as created:
                    return created
                checked = await self._check_whole(name, result)
            return {**wire(result), **checked}

        return await self._call(op)

    async def _check_whole(self, name: str, result: Any) -> dict[str, Any]:
        """A result kept aside: its output-schema check, made on the whole (core/spill_check.py);
        the note the wire result carries about it (none for a result not cut)."""
        if not self.connection.keep_aside:
            return {}
        from mcptui.core import spill_check

        checked = await spill_check.check_whole(self._require().session, name, result)
        return {} if checked is None else {spill_check.CHECK_KEY: checked}

    async def get_prompt(self, name: str, arguments: dict[str, str] | None = None) -> dict[str, Any]:
        async def op() -> dict[str, Any]:
            with self.connection.in_flight.running(f"the prompt {name}"):
                return wire(await self._require().get_prompt(name, arguments or {}, meta=self._meta()))

        return await self._call(op)

    async def read_resource(self, uri: str) -> dict[str, Any]:
        async def op() -> dict[str, Any]:
            with self.connection.in_flight.running(f"the read of {uri}"):
                return wire(await self._require().read_resource(uri, meta=self._meta()))

        return await self._call(op)

    async def complete(
        self, ref: dict[str, Any], argument: str, value: str, context: dict[str, str] | None = None
    ) -> list[str]:
        import mcp.types as types

        if ref.get("type") == "ref/prompt":
            reference: Any = types.PromptReference(type="ref/prompt", name=ref["name"])
        else:
            reference = types.ResourceTemplateReference(type="ref/resource", uri=ref["uri"])

        async def op() -> list[str]:
            result = await self._require().complete(
                reference, {"name": argument, "value": value}, context_arguments=context
            )
            return list(result.completion.values)

        return await self._call(op)

    async def subscribe(self, uri: str) -> None:
        self.connection.notifications.subscriptions.add(uri)
        await self._resubscribe(uri, True)

    async def unsubscribe(self, uri: str) -> None:
        self.connection.notifications.subscriptions.discard(uri)
        await self._resubscribe(uri, False)

    async def _resubscribe(self, uri: str, on: bool) -> None:
        client = self._require()
        if self.protocol_version in modern_versions():
            await self.connection.notifications.start_listening(
                client
            )  # the listen stream carries the subscription set
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            method = client.subscribe_resource if on else client.unsubscribe_resource
            await self._call(lambda: method(uri))

    async def send_roots_list_changed(self) -> None:
        """Tell the server the roots changed (2025-11-25; in 2026-07-28 roots travel with each request)."""
        client = self._require()
        if self.protocol_version in modern_versions():
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            await self._call(lambda: client.send_roots_list_changed())

    async def set_log_level(self, level: str) -> None:
        """Ask for server log messages at ``level`` and above."""
        self.connection.log_level = level
        client = self._require()
        if self.protocol_version in modern_versions():
            return  # 2026-07-28: sent with each request from now on (see _meta)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            await self._call(lambda: client.set_logging_level(level))
