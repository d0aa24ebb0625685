"""Mutable per-server state of the demo (legacy log level, resource subscriptions)."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    """What a demo server remembers between requests (shared by all its sessions: it is a demo)."""

    log_level: str = "debug"
    subscriptions: set[str] = field(default_factory=set)
    slow_count_running: int = 0
    slow_count_cancelled: int = 0
    slow_count_finished: int = 0

    def status(self) -> dict[str, object]:
        """What the demo://status resource shows."""
        return {
            "log_level": self.log_level,
            "subscriptions": sorted(self.subscriptions),
            "slow_count": {
                "running": self.slow_count_running,
                "cancelled": self.slow_count_cancelled,
                "finished": self.slow_count_finished,
            },
        }
