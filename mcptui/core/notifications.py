"""What a server tells us unasked: log lines, list_changed, resource updates, the listen stream.

:class:`ConnectionNotifications` is a part a :class:`mcptui.core.connection.ServerConnection`
holds (composition): it turns SDK callbacks into core events,
schedules a catalog resync on list_changed (coalescing bursts), and in the 2026-07-28 era keeps
the ``subscriptions/listen`` stream open, reopening it when the resource subscriptions change.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

from mcptui.core.catalog_fetch import notification_kind
from mcptui.core.errors import McpTuiError
from mcptui.core.events import EventSink, ListChanged, ResourceUpdated, ServerLog

LISTEN_ACK_TIMEOUT = 5.0


class ConnectionNotifications:
    """Notification handling of one connection: the listen stream and the resync it triggers."""

    def __init__(
        self,
        name: str,
        sink: EventSink,
        *,
        notice: Callable[[str, str], None],
        resync: Callable[[], Awaitable[Any]],
        handlers: Any = None,
    ) -> None:
        self.name = name
        self.sink = sink
        self._notice = notice
        self._resync = resync
        self.handlers = handlers
        self.subscriptions: set[str] = set()  # resource URIs the listen stream carries
        self._listen_task: asyncio.Task[None] | None = None
        self._resync_task: asyncio.Task[None] | None = None

    async def close(self) -> None:
        """Stop the listen stream and any resync under way."""
        for task in (self._resync_task, self._listen_task):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
        self._resync_task = self._listen_task = None

    async def start_listening(self, client: Any) -> None:
        """(Re)open the 2026-07-28 listen stream; return once the server acknowledged it."""
        if self._listen_task is not None and not self._listen_task.done():
            self._listen_task.cancel()
            with contextlib.suppress(BaseException):
                await self._listen_task
        acknowledged = asyncio.Event()
        self._listen_task = asyncio.create_task(self._listen(client, acknowledged))
        with contextlib.suppress(TimeoutError):  # a server slow to acknowledge must not block us
            await asyncio.wait_for(acknowledged.wait(), LISTEN_ACK_TIMEOUT)

    async def _listen(self, client: Any, acknowledged: asyncio.Event) -> None:
        """2026-07-28: change notifications come only on a subscriptions/listen stream."""
        caps = client.server_capabilities
        try:
            async with client.listen(
                tools_list_changed=bool(caps.tools and caps.tools.list_changed),
                prompts_list_changed=bool(caps.prompts and caps.prompts.list_changed),
                resources_list_changed=bool(caps.resources and caps.resources.list_changed),
                resource_subscriptions=sorted(self.subscriptions),
            ) as subscription:
                acknowledged.set()
                async for _event in subscription:  # delivered to message_handler as well
                    pass
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - optional feature
            reason = str(exc).strip() or "the server gave no reason"
            self._notice(f"change notifications unavailable: {reason}", "debug")
        finally:
            acknowledged.set()

    async def on_log(self, params: Any) -> None:
        self.sink(
            ServerLog(server=self.name, level=str(params.level), logger=params.logger, data=params.data)
        )

    async def on_message(self, message: Any) -> None:
        if isinstance(message, Exception):
            self._notice(f"transport: {type(message).__name__}: {message}", "warning")
            return
        root = getattr(message, "root", message)
        kind = notification_kind(root)
        if kind in ("tools", "prompts", "resources"):
            self.sink(ListChanged(server=self.name, what=kind))  # type: ignore[arg-type]
            self._schedule_resync()
        elif kind == "updated":
            self.sink(ResourceUpdated(server=self.name, uri=str(root.params.uri)))
        elif getattr(root, "method", None) == "notifications/elicitation/complete":
            elicitation_id = str(getattr(root.params, "elicitation_id", ""))
            self._notice(f"elicitation {elicitation_id} complete", "info")
            done = getattr(self.handlers, "elicitation_complete", None)
            if done is not None:
                done(self.name, elicitation_id)

    def _schedule_resync(self) -> None:
        if self._resync_task is None or self._resync_task.done():
            self._resync_task = asyncio.create_task(self._resync_soon())

    async def _resync_soon(self) -> None:
        await asyncio.sleep(0)  # coalesce a burst of notifications into one reload
        with contextlib.suppress(McpTuiError):
            await self._resync()
