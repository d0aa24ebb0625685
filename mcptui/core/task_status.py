"""How a task's status reads, the same in the Tasks pane, the console, the call's status line and the CLI.

``describe(task)`` gives ``working — Gathering sources… · 4 s · polled every 1 s``: the status,
the server's ``statusMessage``, how long it has run (from ``createdAt``: to now while it runs,
to ``lastUpdatedAt`` once it ended) and, while it runs, the server's ``pollInterval``. Parts
the server did not give (or gave unreadably: a timestamp that is no ISO 8601, an end before
the start) are left out. A task the server opened toward us says so (``server → you``).
The text is plain: a front end sanitizes it like any server string.
"""

from __future__ import annotations

from datetime import UTC, datetime

from mcptui.core.tasks import TaskInfo

SEPARATOR = " · "


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def elapsed_seconds(task: TaskInfo, now: datetime | None = None) -> float | None:
    """How long ``task`` has run (ended: how long it ran); None when its times do not tell."""
    start = _moment(task.created_at)
    end = _moment(task.last_updated_at) if task.terminal else (now or datetime.now(UTC))
    if start is None or end is None:
        return None
    seconds = (end - start).total_seconds()
    return seconds if seconds >= 0 else None


def duration(seconds: float) -> str:
    """``<1 s``, ``4 s``, ``2 min 5 s``, ``1 h 3 min``."""
    if seconds < 1:
        return "<1 s"
    whole = int(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60} s" if whole % 60 else f"{whole // 60} min"
    return f"{whole // 3600} h {whole % 3600 // 60} min"


def details(task: TaskInfo, now: datetime | None = None) -> list[str]:
    """What follows the status: elapsed, poll interval (while it runs), who opened it."""
    parts = []
    if (seconds := elapsed_seconds(task, now)) is not None:
        parts.append(duration(seconds))
    if not task.terminal and task.poll_interval is not None:
        every = task.poll_interval
        parts.append(f"polled every {every} ms" if every < 1000 else f"polled every {duration(every / 1000)}")
    if task.server_opened:
        parts.append(f"server → you ({task.server_request})")
    return parts


def describe(task: TaskInfo, now: datetime | None = None) -> str:
    """The task's status in one line (see the module docstring)."""
    head = task.status.replace("_", " ") or "unknown"
    if task.status_message:
        head += f" — {task.status_message}"
    return SEPARATOR.join([head, *details(task, now)])


def line(task: TaskInfo, now: datetime | None = None) -> str:
    """``task ID: <describe>`` (the console's and the CLI's line)."""
    return f"task {task.task_id}: {describe(task, now)}"
