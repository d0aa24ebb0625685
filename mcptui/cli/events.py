"""``-v``: core events as one compact line each on stderr.

Examples: ``→ tools/call #3``, ``← result #3 12.4 ms``, ``HTTP POST /mcp 200 OK 8.1 ms``,
``log info demo: hello``, ``stderr: Listening...``, ``notice: falling back to legacy SSE``.
Events arrive already redacted; lines are passed through the redactor once more, as a last
guard. With ``-vv`` JSON-RPC payloads are shown too.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO
from urllib.parse import urlsplit

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
from mcptui.core.sanitize import sanitize_line


def _ms(value: float | None) -> str:
    return f" {value:.1f} ms" if value is not None else ""


def _compact(value: Any, limit: int = 400) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + f"… (+{len(text) - limit} chars)"


def _meta_last(params: Any) -> Any:
    """The request's own fields first: a long ``_meta`` (2026-07-28 carries capabilities on every
    request) must not push the arguments past the line's limit."""
    if isinstance(params, dict) and "_meta" in params:
        return {**{k: v for k, v in params.items() if k != "_meta"}, "_meta": params["_meta"]}
    return params


def _rpc_line(event: RpcMessage, detail: bool) -> str:
    arrow = "→" if event.direction == "out" else "←"
    ident = f" #{event.id}" if event.id is not None else ""
    if event.kind_of in ("request", "notification"):
        line = f"{arrow} {event.method or '?'}{ident}"
        params = event.payload.get("params") if isinstance(event.payload, dict) else None
        if detail and params:
            line += " " + _compact(_meta_last(params))
        return line
    if event.kind_of == "error":
        error = event.payload.get("error", {}) if isinstance(event.payload, dict) else {}
        code = error.get("code", "") if isinstance(error, dict) else ""
        message = error.get("message", "") if isinstance(error, dict) else ""
        return f"{arrow} error{ident} {code} {_compact(message, 200)}{_ms(event.elapsed_ms)}".replace(
            "  ", " "
        )
    line = f"{arrow} result{ident}{_ms(event.elapsed_ms)}"
    if detail and isinstance(event.payload, dict) and "result" in event.payload:
        line += " " + _compact(event.payload["result"])
    return line


def _http_line(event: HttpExchange) -> str:
    parts = urlsplit(event.url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    status = f" {event.status}" if event.status is not None else " (no response)"
    reason = f" {event.reason}" if event.reason else ""
    return f"HTTP {event.method} {target}{status}{reason}{_ms(event.elapsed_ms)}"


def format_event(event: Event, *, detail: bool = False) -> str | None:
    """One line for ``event``, or None for events not worth a line."""
    if isinstance(event, RpcMessage):
        return _rpc_line(event, detail)
    if isinstance(event, HttpExchange):
        return _http_line(event)
    if isinstance(event, ServerLog):
        logger = f" {event.logger}:" if event.logger else ""
        return f"log {event.level}{logger} {_compact(event.data)}"
    if isinstance(event, StderrLine):
        return f"stderr: {event.line.rstrip()}"
    if isinstance(event, Notice):
        label = "notice" if event.level in ("debug", "info") else event.level
        return f"{label}: {event.text}"
    if isinstance(event, StateChanged):
        extra = ", ".join(x for x in (event.protocol_version, event.transport) if x)
        line = f"state {event.state.value}" + (f" ({extra})" if extra else "")
        return line + (f": {event.detail}" if event.detail else "")
    if isinstance(event, Progress):
        total = f"/{event.total:g}" if event.total is not None else ""
        message = f" {event.message}" if event.message else ""
        return f"progress {event.progress:g}{total}{message}"
    if isinstance(event, ListChanged):
        return f"list changed: {event.what}"
    if isinstance(event, ResourceUpdated):
        return f"resource updated: {event.uri}"
    if isinstance(event, AuthStep):
        line = f"auth {event.step} {event.status}" + (f": {event.detail}" if event.detail else "")
        return line + (f" (advice: {event.advice})" if event.advice else "")
    return None


class StderrEventSink:
    """The ``-v`` sink: writes each event as one line to ``stream`` (stderr by default)."""

    def __init__(self, stream: TextIO | None = None, *, detail: bool = False) -> None:
        self._stream = stream
        self.detail = detail

    def __call__(self, event: Event) -> None:
        line = format_event(event, detail=self.detail)
        if line is None:
            return
        line = redact_text(line)
        stream = self._stream or sys.stderr
        print(f"· {sanitize_line(line)}", file=stream, flush=True)
