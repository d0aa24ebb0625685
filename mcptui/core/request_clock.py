"""Call timeouts that measure the server, not the person: the clock stops while a dialog is open.

A server may ask the user something (elicitation, sampling) while one of our calls waits on
it; the call's timeout must not run out because a person took a minute to answer. Each
:class:`ServerConnection` has one :class:`CallClocks`: every call runs under
:meth:`CallClocks.deadline`, and every server request answered by a person runs under
:meth:`CallClocks.waiting_on_person`, which stops the clocks of all calls in flight on that
connection (the protocol does not always say which call a request belongs to).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

import anyio


class _Clock:
    """One call's timeout as a budget of seconds, spent only while the clock runs."""

    def __init__(self, timeout: float | None, scope: anyio.CancelScope, paused: bool) -> None:
        self._budget = math.inf if timeout is None else timeout
        self._scope = scope
        self._paused = paused
        scope.deadline = math.inf if paused else anyio.current_time() + self._budget

    def pause(self) -> None:
        if not self._paused:
            self._budget = max(0.0, self._scope.deadline - anyio.current_time())
            self._scope.deadline = math.inf
            self._paused = True

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            self._scope.deadline = anyio.current_time() + self._budget


class CallClocks:
    """The timeouts of one connection's calls, and how many people the server is waiting on."""

    def __init__(self) -> None:
        self._clocks: set[_Clock] = set()
        self.people_waiting = 0

    @contextmanager
    def deadline(self, timeout: float | None) -> Iterator[None]:
        """Run the block with ``timeout`` seconds of server time; ``TimeoutError`` once spent."""
        with anyio.CancelScope() as scope:
            clock = _Clock(timeout, scope, paused=self.people_waiting > 0)
            self._clocks.add(clock)
            try:
                yield
            finally:
                self._clocks.discard(clock)
        if scope.cancelled_caught:
            raise TimeoutError

    @contextmanager
    def waiting_on_person(self) -> Iterator[None]:
        """Stop every call's clock while the block is open (nests: the last one out restarts them)."""
        self.people_waiting += 1
        for clock in list(self._clocks):
            clock.pause()
        try:
            yield
        finally:
            self.people_waiting -= 1
            if self.people_waiting == 0:
                for clock in list(self._clocks):
                    clock.resume()
