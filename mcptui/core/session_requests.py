"""The SessionManager's requests to a connected server, other than calls.

:class:`SessionRequests` is held by the manager (``manager.requests``; composition): resync
(reload the catalog), the roots offered, the log level, argument completions and resource
subscriptions (recorded in the snapshot once the server took them). Each runs as a job of the
manager's runner, for the connection current when it was asked; what it changes is published
through the manager, and an answer for an older connection is dropped there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mcptui.core.errors import McpTuiError
from mcptui.core.session_state import Cancellable, ConnectProblem

if TYPE_CHECKING:
    from mcptui.core.session import SessionManager


class SessionRequests:
    """Requests of a SessionManager to its connected servers (see the module docstring)."""

    def __init__(self, manager: SessionManager) -> None:
        self.manager = manager

    def _connected(self, name: str) -> Any:
        """The connection of ``name`` when it is connected, else None."""
        snapshot = self.manager.snapshot(name)
        connection = self.manager.connection(name)
        return connection if snapshot is not None and snapshot.connected else None

    def set_roots(self, name: str, paths: list[str]) -> Any:
        """Offer the folders ``paths`` to ``name``; the job telling a connected server, or None."""
        snapshot = self.manager.snapshot(name)
        if snapshot is None:
            return None
        self.manager._publish(name, config=snapshot.config.with_overrides(roots=paths))
        connection = self._connected(name)
        if connection is None:
            return None
        return self.manager.runner(
            connection.send_roots_list_changed(),
            group=f"roots:{name}",
            exclusive=False,
            description=f"tell {name} its roots changed",
        )

    def resync(self, name: str) -> Cancellable | None:
        """Reload the catalog of ``name``."""
        snapshot = self.manager.snapshot(name)
        if snapshot is None:
            return None
        return self.manager.runner(
            self._resync(name, snapshot.generation),
            group=f"resync:{name}",
            exclusive=True,
            description=f"resync {name}",
        )

    async def _resync(self, name: str, generation: int) -> None:
        manager = self.manager
        connection = self._connected(name)
        if connection is None:
            manager.events.failed(name, generation, f"{name} is not connected", "press F7 to reconnect", None)
            return
        try:
            catalog = await connection.resync()
        except McpTuiError as error:
            manager.events.failed(name, generation, error.message, error.hint, connection.catalog)
            return
        if manager._current(name, generation):
            manager._publish(name, catalog=catalog, error=None, hint="")

    def set_log_level(self, level: str) -> None:
        """Ask every connected server for log messages at ``level`` and above."""
        for name in self.manager.names():
            connection = self._connected(name)
            if connection is not None:
                self.manager.runner(
                    connection.set_log_level(level),
                    group=f"log-level:{name}",
                    exclusive=True,
                    description=f"set the log level of {name}",
                )

    async def complete(
        self, name: str, ref: dict[str, Any], argument: str, value: str, context: dict[str, str] | None
    ) -> list[str]:
        """Completion values for an argument (none when the server does not offer completions)."""
        snapshot = self.manager.snapshot(name)
        connection = self._connected(name)
        if connection is None or snapshot is None or not snapshot.offers_completions:
            return []
        values: list[str] = await connection.complete(ref, argument, value, context or None)
        return values

    def toggle_subscription(self, name: str, uri: str) -> bool | None:
        """Subscribe to ``uri`` (or unsubscribe when subscribed); True: subscribing; None: not connected."""
        snapshot = self.manager.snapshot(name)
        connection = self._connected(name)
        if connection is None or snapshot is None:
            return None
        subscribing = uri not in snapshot.subscriptions
        self.manager.runner(
            self._subscribe(name, snapshot.generation, uri, subscribing),
            group=f"subscribe:{name}",
            exclusive=False,
            description=f"{'subscribe to' if subscribing else 'unsubscribe from'} {uri}",
        )
        return subscribing

    async def _subscribe(self, name: str, generation: int, uri: str, on: bool) -> None:
        manager = self.manager
        connection = manager.connection(name)
        if connection is None:
            return
        try:
            await (connection.subscribe(uri) if on else connection.unsubscribe(uri))
        except McpTuiError as error:
            if manager._current(name, generation):
                manager.listener(ConnectProblem(name, error.message, error.hint))
            return
        snapshot = manager.snapshot(name)
        if snapshot is not None and manager._current(name, generation):  # recorded once the server took it
            current = snapshot.subscriptions
            manager._publish(name, subscriptions=current | {uri} if on else current - {uri})
