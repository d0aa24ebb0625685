"""What the events of a server's connection change in its snapshot, for the session manager.

:class:`ConnectionEvents` is the part of :class:`~mcptui.core.session.SessionManager` (held as
``events``) between a connection attempt and the server's snapshot: each attempt gets its own
sink (:meth:`~ConnectionEvents.sink_for`), which passes every event on to the manager's sink (a
console sees them all) but changes the snapshot only while that attempt is the current one, so
an older attempt's events are dropped here. A state change, a task event or a sign-in step
updates the snapshot; a failed connect keeps the last catalog, marked stale, and tells the front end.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from mcptui.core.catalog import Catalog
from mcptui.core.events import AuthStep, ConnectionState, Event, EventSink, StateChanged
from mcptui.core.session_state import AUTH_STEPS_KEPT, ConnectProblem

if TYPE_CHECKING:
    from mcptui.core.session import SessionManager


class ConnectionEvents:
    """A server's connection events applied to its snapshot (held by SessionManager as ``events``)."""

    def __init__(self, manager: SessionManager) -> None:
        self.manager = manager

    def sink_for(self, name: str, generation: int) -> EventSink:
        """The sink of one connection attempt: every event to the manager's sink, and to the
        snapshot only while the attempt is the current one."""
        manager = self.manager

        def sink(event: Event) -> None:
            manager.sink(event)  # the console sees every attempt's events
            if manager._current(name, generation):
                self.apply(name, event)

        return sink

    def apply(self, name: str, event: Event) -> None:
        """What a core event of the current connection changes in the snapshot."""
        server = self.manager._servers[name]
        snapshot = server.snapshot
        if isinstance(event, StateChanged):
            changes: dict[str, Any] = {
                "state": event.state,
                "detail": event.detail,
                "protocol_version": event.protocol_version or snapshot.protocol_version,
                "transport": event.transport or snapshot.transport,
            }
            connection = server.connection
            catalog = getattr(connection, "catalog", None)
            if event.state == ConnectionState.CONNECTED and catalog is not None:
                changes.update(catalog=catalog, error=None, hint="")
            self.manager._publish(name, **changes)
        elif self.manager.tasks.apply(name, event):
            return
        elif isinstance(event, AuthStep):
            steps = (*snapshot.auth_steps, event)[-AUTH_STEPS_KEPT:]
            self.manager._publish(name, auth_state=f"{event.step} {event.status}", auth_steps=steps)

    def failed(self, name: str, generation: int, message: str, hint: str, catalog: Catalog | None) -> None:
        """A connect (or resync) of the current attempt failed: the error shown, the catalog
        kept (marked stale), and the front end told."""
        if not self.manager._current(name, generation):
            return
        snapshot = self.manager._servers[name].snapshot
        if catalog is None and snapshot.catalog is not None and not snapshot.catalog.stale:
            catalog = dataclasses.replace(snapshot.catalog, stale=True)
        self.manager._publish(name, error=message, hint=hint, catalog=catalog or snapshot.catalog)
        self.manager.listener(ConnectProblem(name, message, hint))
