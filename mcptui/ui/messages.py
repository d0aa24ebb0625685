"""Core events as Textual messages: the one place where the core meets the message queue.

The core reports through an :class:`~mcptui.core.events.EventSink`; :class:`EventRouter` is
that sink for the whole app. It never touches a widget. It does two things:

* every event goes into a bounded buffer that the console drains in batches; the router
  posts at most one :class:`ConsoleEventsPending` until the console has drained
  (so 10,000 log lines in a second cost a handful of messages, not 10,000);
* the two that call for a toast (list_changed, resource updates) are also posted as their
  own messages.

What a server's state is comes from the session manager instead
(:mod:`mcptui.core.session`): its events arrive wrapped in :class:`SessionUpdate`.
High-frequency messages coalesce via ``can_replace``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message

from mcptui.core.events import Event, ListChanged, ResourceUpdated
from mcptui.core.session_state import CallProgressed, SessionEvent

CONSOLE_BUFFER_LIMIT = 50_000


class ConsoleEventsPending(Message):
    """New events wait in the router's buffer; the console should drain it."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ConsoleEventsPending)


@dataclass
class ServerListChanged(Message):
    """A server said one of its lists changed (the connection resyncs on its own)."""

    event: ListChanged

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ServerListChanged) and message.event.server == self.event.server


@dataclass
class ServerResourceUpdated(Message):
    """A subscribed resource changed."""

    event: ResourceUpdated


@dataclass
class SessionUpdate(Message):
    """What the session manager reported (a new snapshot, a call's progress or end, a problem).

    Progress of one call coalesces: only its latest is handled.
    """

    event: SessionEvent

    def can_replace(self, message: Message) -> bool:
        mine = self.event
        other = getattr(message, "event", None)
        return (
            isinstance(mine, CallProgressed)
            and isinstance(other, CallProgressed)
            and other.ticket.call_id == mine.ticket.call_id
        )


class EventRouter:
    """The app's event sink: buffer everything for the console, forward what changes the screen."""

    def __init__(self, post: Callable[[Message], Any], *, limit: int = CONSOLE_BUFFER_LIMIT) -> None:
        self._post = post
        self._buffer: deque[Event] = deque(maxlen=limit)
        self._signalled = False
        self.dropped = 0
        self._untold = 0  # dropped, not yet told to the console

    def __call__(self, event: Event) -> None:
        if len(self._buffer) == self._buffer.maxlen:
            self.dropped += 1
            self._untold += 1
        self._buffer.append(event)
        if not self._signalled:
            self._signalled = True
            self._post(ConsoleEventsPending())
        if isinstance(event, ListChanged):
            self._post(ServerListChanged(event))
        elif isinstance(event, ResourceUpdated):
            self._post(ServerResourceUpdated(event))

    def take_dropped(self) -> int:
        """How many events the full buffer pushed out since the last call."""
        dropped, self._untold = self._untold, 0
        return dropped

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
