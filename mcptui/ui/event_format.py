"""How a core event reads in the console: one summary line, a level, and its full text.

Pure functions (no widgets) so the console stays a thin view and this is unit-testable.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, fields, is_dataclass
from datetime import datetime
from typing import Any

from mcptui.core.events import (
    AuthStep,
    Event,
    HttpExchange,
    ListChanged,
    Notice,
    Progress,
    ResourceUpdated,
    RpcMessage,
    ServerLog,
    StateChanged,
    StderrLine,
)
from mcptui.core.redact import redact_text
from mcptui.core.sanitize import json_safe
from mcptui.core.task_status import line as task_line
from mcptui.core.tasks import TaskResultFetched, TaskUpdated

#: Kinds the console filter offers, in display order.
KINDS = (
    "rpc",
    "http",
    "log",
    "stderr",
    "auth",
    "state",
    "notice",
    "progress",
    "list-changed",
    "resource-updated",
    "task",
)

#: Server log levels (RFC 5424 names, as MCP uses them), lowest first.
LOG_LEVELS = ("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency")


def level_rank(level: str) -> int:
    """Position of a log level (unknown levels rank as info)."""
    try:
        return LOG_LEVELS.index(level)
    except ValueError:
        return 1


def event_level(event: Event) -> str:
    """The log level an event counts as for the level selector."""
    if isinstance(event, ServerLog):
        return event.level
    if isinstance(event, Notice):
        return event.level
    if isinstance(event, AuthStep) and event.status == "failed":
        return "error"
    if isinstance(event, RpcMessage) and event.kind_of == "error":
        return "error"
    if isinstance(event, HttpExchange) and (event.status or 0) >= 400:
        return "warning"
    if isinstance(event, StateChanged) and event.state.value == "failed":
        return "error"
    return "info"


def has_level(event: Event) -> bool:
    """Does the level selector apply to ``event``? Only to what carries a level (logs, notices)
    or was given one by a failure; the rest (a state change, an RPC) is never hidden by it."""
    return isinstance(event, (ServerLog, Notice)) or event_level(event) != "info"


def _short(value: Any, limit: int = 160) -> str:
    text = value[: limit + 1] if isinstance(value, str) else _compact(value, limit + 1)
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _compact(value: Any, budget: int) -> str:
    """Compact JSON of ``value``, stopping once ``budget`` characters are written: a 50 MB
    result's console line costs its first characters, not a dump of the whole payload."""
    parts: list[str] = []
    left = budget

    def put(text: str) -> bool:
        nonlocal left
        parts.append(text[:left])
        left -= len(text)
        return left > 0

    def walk(item: Any) -> bool:
        if isinstance(item, dict):
            if not put("{"):
                return False
            for index, (key, inner) in enumerate(item.items()):
                if not put(("," if index else "") + json.dumps(str(key)) + ":") or not walk(inner):
                    return False
            return put("}")
        if isinstance(item, (list, tuple)):
            if not put("["):
                return False
            for index, inner in enumerate(item):
                if (index and not put(",")) or not walk(inner):
                    return False
            return put("]")
        if isinstance(item, str):
            return put(json.dumps(item[:left], ensure_ascii=True) if len(item) > left else json.dumps(item))
        return put(json.dumps(item, default=str))

    walk(value)
    return "".join(parts)


def summarize(event: Event, *, timings: bool = True) -> str:
    """One line describing the event (without time or server); ``timings`` adds elapsed times."""
    if isinstance(event, RpcMessage):
        arrow = "→" if event.direction == "out" else "←"
        what = event.method or event.kind_of
        ident = f" #{event.id}" if event.id is not None else ""
        timing = f" {event.elapsed_ms:.0f}ms" if timings and event.elapsed_ms is not None else ""
        body = event.payload.get("params") or event.payload.get("result") or event.payload.get("error")
        return f"{arrow} {what}{ident}{timing} {_short(body, 120) if body else ''}".rstrip()
    if isinstance(event, HttpExchange):
        status = f"{event.status} {event.reason}".strip() if event.status is not None else "…"
        timing = f" {event.elapsed_ms:.0f}ms" if timings and event.elapsed_ms is not None else ""
        return f"{event.method} {event.url} {status}{timing}"
    if isinstance(event, ServerLog):
        logger = f"[{event.logger}] " if event.logger else ""
        return f"{event.level.upper()} {logger}{_short(event.data)}"
    if isinstance(event, StderrLine):
        return event.line
    if isinstance(event, StateChanged):
        extra = f" ({event.detail})" if event.detail else ""
        version = f" protocol {event.protocol_version}" if event.protocol_version else ""
        return f"state {event.state.value}{version}{extra}"
    if isinstance(event, Notice):
        return event.text
    if isinstance(event, AuthStep):
        advice = f" — {event.advice}" if event.advice else ""
        return f"auth {event.step} {event.status} {event.detail}{advice}".rstrip()
    if isinstance(event, Progress):
        total = f"/{event.total:g}" if event.total is not None else ""
        message = f" {event.message}" if event.message else ""
        return f"progress {event.progress:g}{total}{message}"
    if isinstance(event, ListChanged):
        return f"{event.what} list changed"
    if isinstance(event, ResourceUpdated):
        return f"resource updated {event.uri}"
    if isinstance(event, TaskUpdated):
        return task_line(event.task)
    if isinstance(event, TaskResultFetched):
        failed = " (isError)" if event.result.get("isError") else ""
        return f"task {event.task_id}: result{failed} {_short(event.result, 120)}"
    return type(event).__name__


def clock(at: float) -> str:
    """HH:MM:SS.mmm of an event time (local time)."""
    return time.strftime("%H:%M:%S", time.localtime(at)) + f".{int((at % 1) * 1000):03d}"


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if hasattr(value, "value") and type(value).__module__.endswith("events"):
        return value.value
    return value


def full_text(event: Event) -> str:
    """The whole event as pretty JSON (what the console's detail view shows).

    Control characters stay escaped as JSON writes them (``\\u001b``), DEL, C1 and bidi
    controls too (:func:`~mcptui.core.sanitize.json_safe`), so raw server bytes never reach
    the screen; secrets in free text are redacted as on the ``-v`` lines.
    """
    try:
        data = asdict(event)
    except TypeError:
        data = {"event": repr(event)}
    data = {"kind": event.kind, **{k: _plain(v) for k, v in data.items()}}
    if isinstance(data.get("at"), (int, float)):  # a readable local time, not an epoch
        data["at"] = datetime.fromtimestamp(data["at"]).isoformat(sep=" ", timespec="milliseconds")
    return json_safe(redact_text(json.dumps(data, indent=2, default=str, ensure_ascii=False)))
