"""Which call a server request belongs to, so that a question ends when the call that caused it does.

A server asks the user something (elicitation, sampling) while one of our calls waits on it.
When that call ends (result, error, cancel, timeout) the question is moot: its dialog closes and
nothing is ever answered. :class:`CallsInFlight` (one per connection) records each call while it
runs (:meth:`CallsInFlight.running`); the call travels in a context variable, which reaches the
server's request where the SDK delivers it in the call's context (streamable HTTP and SSE deliver
a request on the call's own stream in the sender's context; the 2026-07-28 input requests are
answered inside the call itself).

Where the SDK gives no link (stdio, a request on the standalone stream) the request belongs to
the server: it ends when the last call in flight on that connection ends (none in flight: it
ends only when the server withdraws it or the connection closes). :class:`PendingRequest` is
one question being answered; a front end reads the one it serves with :func:`current_request`
to say why its dialog closed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import anyio


class CallInFlight:
    """One call running on a connection; ``reason`` says how it ended once ``ended`` is set."""

    def __init__(self, label: str) -> None:
        self.label = label  # "the call add"
        self.ended = anyio.Event()
        self.reason = ""

    def end(self, reason: str) -> None:
        if not self.ended.is_set():
            self.reason = reason
            self.ended.set()


def _how_it_ended(error: BaseException | None) -> str:
    if error is None:
        return "returned"
    if isinstance(error, anyio.get_cancelled_exc_class()):
        return "was cancelled"
    if isinstance(error, TimeoutError) or "Timeout" in type(error).__name__:
        return "timed out"
    return "failed"


_call: ContextVar[CallInFlight | None] = ContextVar("mcptui_call_in_flight", default=None)


class PendingRequest:
    """One server request a person is answering; ``reason`` says why it ended early, if it did.

    ``within``: the call this request was asked inside (2026-07-28 input requests): cancelled
    otherwise than through ``end``, it ended with that call (the server cannot withdraw it).
    """

    def __init__(self, server: str, kind: str, within: CallInFlight | None = None) -> None:
        self.server = server
        self.kind = kind
        self.within = within
        self.reason: str | None = None
        self.ended = anyio.Event()

    @property
    def why(self) -> str | None:
        """Why its wait was cancelled: ``reason``, or the call it was asked inside (None: withdrawn)."""
        if self.reason is None and self.within is not None:
            return f"{self.within.label} ended"
        return self.reason

    def end(self, reason: str) -> None:
        if not self.ended.is_set():
            self.reason = reason
            self.ended.set()


_request: ContextVar[PendingRequest | None] = ContextVar("mcptui_pending_request", default=None)


def current_call() -> CallInFlight | None:
    """The call the code running now serves, when the SDK runs it in that call's context."""
    return _call.get()


def current_request() -> PendingRequest | None:
    """The server request the code running now answers (None outside one)."""
    return _request.get()


class CallsInFlight:
    """The calls running on one connection, and the server requests waiting on a person."""

    def __init__(self) -> None:
        self.calls: set[CallInFlight] = set()
        self.requests: set[PendingRequest] = set()
        self._last_call_ended = anyio.Event()
        self._last_reason = ""

    @contextmanager
    def running(self, label: str) -> Iterator[CallInFlight]:
        """Run the block as the call ``label``; the requests tied to it end with it."""
        call = CallInFlight(label)
        self.calls.add(call)
        if len(self.calls) == 1:
            self._last_call_ended = anyio.Event()
        token = _call.set(call)
        error: BaseException | None = None
        try:
            yield call
        except BaseException as exc:
            error = exc
            raise
        finally:
            _call.reset(token)
            self.calls.discard(call)
            call.end(f"{label} {_how_it_ended(error)}")
            if not self.calls:
                self._last_reason = call.reason
                self._last_call_ended.set()

    def cause(self) -> Callable[[PendingRequest], Awaitable[None]]:
        """What the request being answered now waits on, taken when it arrives (see :meth:`wait_for_cause`).

        Taken at once, not when the wait starts: a call that ends just after its server's
        request came in still ends that request.
        """
        call = _call.get()
        if call is not None and (call in self.calls or call.ended.is_set()):

            async def with_call(request: PendingRequest) -> None:
                await call.ended.wait()
                request.end(call.reason)

            return with_call
        if self.calls:  # no link from the SDK: the request belongs to the server's calls in flight
            last = self._last_call_ended

            async def with_last_call(request: PendingRequest) -> None:
                await last.wait()
                request.end(f"{self._last_reason} (its last call in flight)")

            return with_last_call

        async def never(_request: PendingRequest) -> None:
            await anyio.sleep_forever()

        return never

    async def wait_for_cause(self, request: PendingRequest) -> None:
        """Return (with ``request.reason`` set) once what caused ``request`` has ended; else never."""
        await self.cause()(request)

    @contextmanager
    def asking(self, request: PendingRequest) -> Iterator[None]:
        """Mark the block as answering ``request`` (see :func:`current_request`)."""
        self.requests.add(request)
        token = _request.set(request)
        try:
            yield
        finally:
            _request.reset(token)
            self.requests.discard(request)

    def connection_closed(self, server: str) -> None:
        """The connection closes: every question still open ends, and says why."""
        for request in list(self.requests):
            request.end(f"the connection to {server} was closed")
