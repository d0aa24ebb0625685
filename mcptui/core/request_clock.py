"""Call timeouts that measure the server, not the person: the clock stops while a dialog is open.

A server may ask the user something (elicitation, sampling) while one of our calls waits on
it; the call's timeout must not run out because a person took a minute to answer. Each
:class:`ServerConnection` has one :class:`CallClocks`: every call runs under
:meth:`CallClocks.deadline`, and every server request answered by a person runs under
:meth:`CallClocks.waiting_on_person`, which stops the clocks of all calls in flight on that
connection (the protocol does not always say which call a request belongs to).

Code that runs *inside* a call, with no handle on its connection (the auth engine signing
in during a 401 or a step-up), uses :func:`person_time`: the call's :class:`CallClocks`
travel in a context variable set by :meth:`CallClocks.deadline` (the SDK's HTTP transports
send each request in its sender's context), and the SDK's own request clock is paused too.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar

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
            serving = _serving.set(self)
            try:
                yield
            finally:
                _serving.reset(serving)
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


_serving: ContextVar[CallClocks | None] = ContextVar("mcptui_call_clocks", default=None)


@contextmanager
def person_time() -> Iterator[None]:
    """Stop the clocks of the call this code runs in while a person acts (signs in, enters a code).

    Pauses the :class:`CallClocks` of the call in this context (if any) and the SDK's request
    clock (if any); a no-op outside a call. Nests with :meth:`CallClocks.waiting_on_person`.
    """
    with ExitStack() as stack:
        clocks = _serving.get()
        if clocks is not None:
            stack.enter_context(clocks.waiting_on_person())
        stack.enter_context(sdk_request_clock_paused())
        yield


@contextmanager
def sdk_request_clock_paused() -> Iterator[None]:
    """The one use of SDK internals here: pause the SDK's own request clock, if it is running.

    The SDK times each request it sends with a finite ``read_timeout_seconds`` (the
    connection's requests other than tool calls, which run on :class:`CallClocks`) with a
    clock kept in ``mcp.shared._request_clock``, which is not public API, and only its
    ``waiting_on_a_person()`` can stop it (the SDK's own OAuth provider does the same).
    Looked up in ``sys.modules`` so that ``mcp`` is never imported just for this; should the
    SDK move it, this does nothing and a sign-in inside such a request spends its timeout
    (``tests/auth/test_person_time.py`` notices).
    """
    module = sys.modules.get("mcp.shared._request_clock")
    pause = getattr(module, "waiting_on_a_person", None)
    if pause is None:
        yield
        return
    with pause():
        yield
