"""Mutable per-server state of the demo (legacy log level, resource subscriptions)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

LOG_LEVEL_ORDER: dict[str, int] = {
    "debug": 0,
    "info": 1,
    "notice": 2,
    "warning": 3,
    "error": 4,
    "critical": 5,
    "alert": 6,
    "emergency": 7,
}


@dataclass
class DemoState:
    """What a demo server remembers between requests.

    The legacy log level is kept per connection (one client's logging/setLevel must not change what
    another receives); subscriptions and counters are server-wide (it is a demo).
    """

    log_levels: weakref.WeakKeyDictionary[Any, str] = field(default_factory=weakref.WeakKeyDictionary)
    subscriptions: set[str] = field(default_factory=set)
    slow_count_running: int = 0
    slow_count_cancelled: int = 0
    slow_count_finished: int = 0

    def status(self) -> dict[str, object]:
        """What the demo://status resource shows."""
        return {
            "connections_with_log_level": len(self.log_levels),
            "subscriptions": sorted(self.subscriptions),
            "slow_count": {
                "running": self.slow_count_running,
                "cancelled": self.slow_count_cancelled,
                "finished": self.slow_count_finished,
            },
        }

    def log_level(self, session: Any) -> str:
        """The level a legacy connection asked for with logging/setLevel ("debug" until it does)."""
        return self.log_levels.get(connection_of(session), "debug")

    def set_log_level(self, session: Any, level: str) -> None:
        self.log_levels[connection_of(session)] = level


def connection_of(session: Any) -> Any:
    """The per-client connection behind a ServerSession (a new ServerSession wraps every request)."""
    return getattr(session, "_connection", session)
