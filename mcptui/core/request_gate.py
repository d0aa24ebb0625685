"""Server requests that need a person (elicitation, sampling): one at a time, bounded, rate-limited.

A server may send hundreds of requests during one call. :class:`RequestGate` lets one dialog
be open at a time (across all servers); per server, at most ``max_waiting`` more wait their
turn (the waiting count is reported), and at most ``rate`` are let in per ``per`` seconds.
Anything beyond is declined at once, without a dialog, and the reason is reported. A request
whose wait is cancelled (the server gave up) simply leaves the queue. No front-end code here.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")
DECLINED: Any = object()  # what :meth:`RequestGate.run` returns for a request it refused

MAX_WAITING = 8
RATE = 20
PER_SECONDS = 60.0


class RequestGate:
    """Admit, queue or decline server requests; see the module docstring."""

    def __init__(
        self,
        *,
        max_waiting: int = MAX_WAITING,
        rate: int = RATE,
        per: float = PER_SECONDS,
        on_decline: Callable[[str, str, str], None] | None = None,
        on_waiting: Callable[[str, int], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_waiting = max_waiting
        self.rate = rate
        self.per = per
        self.on_decline = on_decline or (lambda server, kind, why: None)
        self.on_waiting = on_waiting or (lambda server, count: None)
        self.clock = clock
        self._turn = asyncio.Lock()  # one dialog at a time
        self._waiting: dict[str, int] = {}
        self._admitted: dict[str, deque[float]] = {}
        self.declined = 0

    def waiting(self, server: str) -> int:
        """How many requests of ``server`` wait behind the open dialog."""
        return self._waiting.get(server, 0)

    def _refusal(self, server: str) -> str | None:
        now = self.clock()
        recent = self._admitted.setdefault(server, deque())
        while recent and now - recent[0] > self.per:
            recent.popleft()
        if len(recent) >= self.rate:
            return f"more than {self.rate} requests in {self.per:g} s"
        if self._waiting.get(server, 0) >= self.max_waiting:
            return f"{self.max_waiting} requests already waiting"
        recent.append(now)
        return None

    async def run(self, server: str, kind: str, ask: Callable[[], Awaitable[T]]) -> T | Any:
        """``await ask()`` when it is this request's turn, or DECLINED (reason reported)."""
        why = self._refusal(server)
        if why is not None:
            self.declined += 1
            self.on_decline(server, kind, why)
            return DECLINED
        self._waiting[server] = self._waiting.get(server, 0) + 1
        self.on_waiting(server, self._waiting[server])
        entered = False
        try:
            async with self._turn:
                entered = True
                self._leave(server)
                return await ask()
        finally:
            if not entered:  # cancelled while waiting: it leaves the queue
                self._leave(server)

    def _leave(self, server: str) -> None:
        self._waiting[server] = max(self._waiting.get(server, 0) - 1, 0)
        self.on_waiting(server, self._waiting[server])
