"""The SessionManager's calls: tool calls, prompt gets and resource reads, each with its ticket.

:class:`SessionCalls` is held by the manager (``manager.calls``; composition). A call runs as
one job of the manager's runner; its progress and its end reach the manager's listener as
:class:`~mcptui.core.session_state.CallProgressed` and
:class:`~mcptui.core.session_state.CallCompleted`, and its record goes to the call history.
A call still running can be cancelled by its ticket's id.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from mcptui.core.calls import run_call
from mcptui.core.history import CallKind
from mcptui.core.session_state import (
    CallCompleted,
    CallProgressed,
    CallTicket,
    Cancellable,
    ServerSnapshot,
)

if TYPE_CHECKING:
    from mcptui.core.session import SessionManager


class SessionCalls:
    """The calls of a SessionManager, running or not (see the module docstring)."""

    def __init__(self, manager: SessionManager) -> None:
        self.manager = manager
        self._calls: dict[int, Cancellable] = {}
        self._next_call = 0

    def call(self, name: str, kind: CallKind, target: str, arguments: dict[str, Any]) -> CallTicket | None:
        """Send a tool call, prompt get or resource read; the ticket its events carry."""
        snapshot = self.manager.snapshot(name)
        if snapshot is None:
            return None
        self._next_call += 1
        ticket = CallTicket(self._next_call, name, snapshot.generation, kind, target)
        self._calls[ticket.call_id] = self.manager.runner(
            self._call(ticket, snapshot, arguments),
            group="calls",
            exclusive=False,
            description=f"{kind} {target} on {name}",
        )
        return ticket

    def cancel(self, call_id: int) -> bool:
        """Cancel a running call (its CallCompleted says cancelled); False if it already ended."""
        job = self._calls.pop(call_id, None)
        if job is None:
            return False
        job.cancel()
        return True

    async def _call(self, ticket: CallTicket, sent: ServerSnapshot, arguments: dict[str, Any]) -> None:
        def on_progress(progress: float, total: float | None, message: str | None) -> None:
            self.manager.listener(CallProgressed(ticket.server, ticket, progress, total, message))

        snapshot = self.manager.snapshot(ticket.server) or sent
        connection = self.manager.connection(ticket.server) if snapshot.connected else None
        record = None
        try:
            record = await run_call(
                connection, ticket.server, ticket.kind, ticket.name, arguments, on_progress=on_progress
            )
        except asyncio.CancelledError:
            from mcptui.core.history import CallRecord

            record = CallRecord(
                server=ticket.server, kind=ticket.kind, name=ticket.name, arguments=dict(arguments)
            )
            record.cancelled = True
            raise
        finally:
            self._calls.pop(ticket.call_id, None)
            if record is not None:
                self._finished(ticket, sent, record)

    def _finished(self, ticket: CallTicket, sent: ServerSnapshot, record: Any) -> None:
        snapshot = self.manager.snapshot(ticket.server) or sent  # the server may be gone by now
        catalog = snapshot.catalog
        tool = catalog.tool(record.name) if record.kind == "tool" and catalog is not None else None
        self.manager.history.load(ticket.server, snapshot.config.cache_slug)
        self.manager.history.add(record, (tool or {}).get("inputSchema"))
        self.manager.listener(CallCompleted(ticket.server, ticket, record))

    @contextlib.contextmanager
    def waiting_on_person(self, name: str | None) -> Iterator[None]:
        """While a person answers for ``name`` (a sign-in during a call), its call clocks stop."""
        clocks = getattr(self.manager.connection(name or ""), "clocks", None)
        if clocks is None:
            yield
            return
        with clocks.waiting_on_person():
            yield
