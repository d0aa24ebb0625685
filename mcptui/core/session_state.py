"""What the session manager tells a front end: immutable snapshots and typed events.

A :class:`ServerSnapshot` is everything a front end shows about one server at one moment;
the manager replaces it (never changes it) and says so with :class:`SnapshotChanged`. Call
events carry the call id, the server and the connection's generation, so a result is tied to
the call, item and connection it answers.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Protocol

from mcptui.core.catalog import Catalog
from mcptui.core.catalog_diff import CatalogDiff
from mcptui.core.events import AuthStep, ConnectionState
from mcptui.core.history import CallKind, CallRecord
from mcptui.core.server_config import ServerConfig

AUTH_STEPS_KEPT = 200


@dataclass(frozen=True)
class ServerSnapshot:
    """One server as it is now: connection state, catalog, subscriptions, auth, last problem.

    ``generation`` counts connection attempts: events of an older attempt are dropped by the
    manager. ``catalog`` is never changed once in a snapshot (a stale copy replaces it).
    """

    name: str
    config: ServerConfig
    generation: int = 0
    state: ConnectionState = ConnectionState.DISCONNECTED
    detail: str = ""
    protocol_version: str | None = None
    transport: str | None = None
    auth_state: str = "-"
    auth_steps: tuple[AuthStep, ...] = ()
    catalog: Catalog | None = None
    subscriptions: frozenset[str] = frozenset()
    error: str | None = None
    hint: str = ""
    # the live catalog against the one cached at the last visit (None: no cached one, or same)
    catalog_changes: CatalogDiff | None = None

    @property
    def connected(self) -> bool:
        return self.state == ConnectionState.CONNECTED

    @property
    def offers_completions(self) -> bool:
        return self.catalog is not None and "completions" in (self.catalog.capabilities or {})


@dataclass(frozen=True)
class CallTicket:
    """A call sent through the manager: what a result belongs to."""

    call_id: int
    server: str
    generation: int
    kind: CallKind
    name: str


@dataclass(frozen=True)
class SessionEvent:
    """Base of what the manager reports to its listener."""

    server: str


@dataclass(frozen=True)
class SnapshotChanged(SessionEvent):
    """``snapshot`` replaces the server's previous one."""

    snapshot: ServerSnapshot


@dataclass(frozen=True)
class ServerRemoved(SessionEvent):
    """The server is no longer managed."""


@dataclass(frozen=True)
class ConnectProblem(SessionEvent):
    """Connecting (or resyncing) failed: one line and a hint, for a toast."""

    message: str
    hint: str = ""


@dataclass(frozen=True)
class CallProgressed(SessionEvent):
    """Progress of a running call."""

    ticket: CallTicket
    progress: float
    total: float | None
    message: str | None


@dataclass(frozen=True)
class CallCompleted(SessionEvent):
    """A call ended (result, error or cancelled); the record is already in the history."""

    ticket: CallTicket
    record: CallRecord


@dataclass(frozen=True)
class StoreProblem(SessionEvent):
    """A local store (the history file) could not be written; said once."""

    message: str


SessionListener = Callable[[SessionEvent], None]


class Cancellable(Protocol):
    """A running job (a Textual worker, an asyncio task)."""

    def cancel(self) -> Any: ...


class JobRunner(Protocol):
    """Runs a manager coroutine as a job of the front end (a Textual worker, an asyncio task).

    ``exclusive`` cancels the running job of the same ``group`` first.
    """

    def __call__(
        self, work: Coroutine[Any, Any, Any], *, group: str, exclusive: bool, description: str
    ) -> Cancellable: ...
