"""Core events as Textual messages: the one place where the core meets the message queue.

The core reports through an :class:`~mcptui.core.events.EventSink`; :class:`EventRouter` is
that sink for the whole app. It never touches a widget. It does two things:

* every event goes into a bounded buffer that the console drains in batches; the router
  posts at most one :class:`ConsoleEventsPending` until the console has drained
  (so 10,000 log lines in a second cost a handful of messages, not 10,000);
* the few events that change what the screen shows (state, list_changed, auth steps,
  resource updates) are also posted as their own messages.

The other messages here are what the connection workers report (catalog loaded, connect
failed, call finished, call progress). High-frequency ones coalesce via ``can_replace``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message

from mcptui.core.catalog import Catalog
from mcptui.core.events import (
    AuthStep,
    Event,
    ListChanged,
    ResourceUpdated,
    StateChanged,
)

CONSOLE_BUFFER_LIMIT = 50_000


class ConsoleEventsPending(Message):
    """New events wait in the router's buffer; the console should drain it."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ConsoleEventsPending)


@dataclass
class ServerStateChanged(Message):
    """A connection changed state (connecting, connected, failed...)."""

    event: StateChanged


@dataclass
class ServerListChanged(Message):
    """A server said one of its lists changed (the connection resyncs on its own)."""

    event: ListChanged

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ServerListChanged) and message.event.server == self.event.server


@dataclass
class ServerAuthStep(Message):
    """A step of a server's authorization flow."""

    event: AuthStep


@dataclass
class ServerResourceUpdated(Message):
    """A subscribed resource changed."""

    event: ResourceUpdated


@dataclass
class CatalogLoaded(Message):
    """A server's catalog is (re)loaded; ``catalog.stale`` says it came from the cache."""

    server: str
    catalog: Catalog


@dataclass
class ConnectFailed(Message):
    """Connecting failed; ``catalog`` is the last cached one (stale) when there is one."""

    server: str
    message: str
    hint: str = ""
    catalog: Catalog | None = None


@dataclass
class CallProgress(Message):
    """Progress of a running call (coalesced per call)."""

    call_id: int
    progress: float
    total: float | None
    message: str | None

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CallProgress) and message.call_id == self.call_id


@dataclass
class CallFinished(Message):
    """A call finished: ``record`` is the history record (result or error inside)."""

    record: Any  # mcptui.core.history.CallRecord (kept loose to avoid an import cycle)


class EventRouter:
    """The app's event sink: buffer everything for the console, forward what changes the screen."""

    def __init__(self, post: Callable[[Message], Any], *, limit: int = CONSOLE_BUFFER_LIMIT) -> None:
        self._post = post
        self._buffer: deque[Event] = deque(maxlen=limit)
        self._signalled = False
        self.dropped = 0

    def __call__(self, event: Event) -> None:
        if len(self._buffer) == self._buffer.maxlen:
            self.dropped += 1
        self._buffer.append(event)
        if not self._signalled:
            self._signalled = True
            self._post(ConsoleEventsPending())
        if isinstance(event, StateChanged):
            self._post(ServerStateChanged(event))
        elif isinstance(event, ListChanged):
            self._post(ServerListChanged(event))
        elif isinstance(event, AuthStep):
            self._post(ServerAuthStep(event))
        elif isinstance(event, ResourceUpdated):
            self._post(ServerResourceUpdated(event))

    def drain(self, limit: int | None = None) -> list[Event]:
        """Take up to ``limit`` buffered events, oldest first (the console calls this on
        ConsoleEventsPending). When some are left, another ConsoleEventsPending is posted, so a
        flood is drawn in slices and input is handled between them."""
        if limit is None or limit >= len(self._buffer):
            events = list(self._buffer)
            self._buffer.clear()
            self._signalled = False
            return events
        events = [self._buffer.popleft() for _ in range(limit)]
        self._post(ConsoleEventsPending())
        return events
