"""What a user does through a live connection: call tools, get prompts, read, complete, subscribe.

:class:`ConnectionOperations` is the public request half of
:class:`mcptui.core.connection.ServerConnection` (which owns the session's life cycle). Each
operation goes through ``_call``, which explains failures and rebuilds a forgotten session
once; every result comes back as an MCP wire-form dict.
"""

from __future__ import annotations

import asyncio
import math
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

from mcptui.core.events import Progress, null_sink
from mcptui.core.request_clock import CallClocks

LOG_LEVEL_META_KEY = "io.modelcontextprotocol/logLevel"
ProgressCallback = Callable[[float, float | None, str | None], Any]


def wire(result: Any) -> dict[str, Any]:
    """An SDK result model as an MCP wire-form dict."""
    return result.model_dump(by_alias=True, exclude_none=True, mode="json")


def modern_versions() -> tuple[str, ...]:
    from mcp_types.version import MODERN_PROTOCOL_VERSIONS

    return tuple(MODERN_PROTOCOL_VERSIONS)


class ConnectionOperations:
    """Requests on an open connection (mixed into ServerConnection)."""

    name: str
    sink: Any
    protocol_version: str | None
    log_level: str | None
    _subscriptions: set[str]
    _listen_task: asyncio.Task[None] | None
    clocks: CallClocks
    config: Any

    def _require(self) -> Any:  # provided by ServerConnection
        raise NotImplementedError

    async def _call(self, op: Callable[[], Awaitable[Any]]) -> Any:  # provided by ServerConnection
        raise NotImplementedError

    async def start_listening(self, client: Any) -> None:  # provided by ServerConnection
        raise NotImplementedError

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

        # a progress callback makes the SDK mint a token and route notifications: only when wanted
        wanted = on_progress is not None or self.sink is not null_sink

        # our own clock, not the SDK's: it stops while a person answers the server's request
        budget = timeout if timeout is not None else self.config.timeout

        async def op() -> Any:
            with self.clocks.deadline(budget):
                result = await self._require().call_tool(
                    name,
                    arguments or {},
                    read_timeout_seconds=math.inf,
                    progress_callback=progress if wanted else None,
                    meta=self._meta(),
                )
            return wire(result)

        return await self._call(op)

    async def get_prompt(self, name: str, arguments: dict[str, str] | None = None) -> dict[str, Any]:
        return await self._call(
            lambda: self._wired(self._require().get_prompt(name, arguments or {}, meta=self._meta()))
        )

    async def read_resource(self, uri: str) -> dict[str, Any]:
        return await self._call(lambda: self._wired(self._require().read_resource(uri, meta=self._meta())))

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
        self._subscriptions.add(uri)
        await self._resubscribe(uri, True)

    async def unsubscribe(self, uri: str) -> None:
        self._subscriptions.discard(uri)
        await self._resubscribe(uri, False)

    async def _resubscribe(self, uri: str, on: bool) -> None:
        client = self._require()
        if self.protocol_version in modern_versions():
            await self.start_listening(client)  # the listen stream carries the subscription set
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
        self.log_level = level
        client = self._require()
        if self.protocol_version in modern_versions():
            return  # 2026-07-28: sent with each request from now on (see _meta)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            await self._call(lambda: client.set_logging_level(level))

    @staticmethod
    async def _wired(awaitable: Awaitable[Any]) -> dict[str, Any]:
        return wire(await awaitable)
