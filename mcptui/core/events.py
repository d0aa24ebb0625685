"""Typed events: everything the core observes, reported as plain dataclasses.

The core never prints. A connection, the auth engine and the config loader report what
happens through an :class:`EventSink` (any callable taking an :class:`Event`). The UI wraps
these in Textual messages; the CLI streams them to stderr with ``-v``; tests collect them.

Every payload here is already redacted (see :mod:`mcptui.core.redact`) by the code that
emits it, so a sink may show or store events as they are.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal


class ConnectionState(StrEnum):
    """Where a server connection is in its life."""

    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    AUTH_REQUIRED = "auth-required"
    FAILED = "failed"
    CLOSED = "closed"


@dataclass(frozen=True, kw_only=True)
class Event:
    """Base of every core event: which server it concerns and when it happened."""

    server: str = ""
    at: float = field(default_factory=time.time)

    @property
    def kind(self) -> str:
        """A short, stable name for filtering ("rpc", "http", "log", ...)."""
        return getattr(type(self), "KIND", "event")


@dataclass(frozen=True, kw_only=True)
class StateChanged(Event):
    """The connection moved to a new state; ``detail`` says why in one line."""

    KIND = "state"
    state: ConnectionState
    detail: str = ""
    protocol_version: str | None = None
    transport: str | None = None


@dataclass(frozen=True, kw_only=True)
class RpcMessage(Event):
    """One JSON-RPC message on the wire, in or out, already redacted.

    ``kind_of`` is request / response / notification / error; ``elapsed_ms`` is set on a
    response or error and measures from the matching request.
    """

    KIND = "rpc"
    direction: Literal["out", "in"]
    kind_of: Literal["request", "response", "notification", "error"]
    method: str | None = None
    id: str | int | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    elapsed_ms: float | None = None


@dataclass(frozen=True, kw_only=True)
class HttpExchange(Event):
    """One HTTP request and its response status line (headers redacted)."""

    KIND = "http"
    method: str
    url: str
    status: int | None = None
    reason: str = ""
    elapsed_ms: float | None = None
    request_headers: dict[str, str] = field(default_factory=dict)
    response_headers: dict[str, str] = field(default_factory=dict)
    body_excerpt: str = ""


@dataclass(frozen=True, kw_only=True)
class ServerLog(Event):
    """A ``notifications/message`` log line sent by the server."""

    KIND = "log"
    level: str
    logger: str | None = None
    data: Any = None


@dataclass(frozen=True, kw_only=True)
class Progress(Event):
    """Progress of a long-running request."""

    KIND = "progress"
    token: str | int | None = None
    progress: float = 0.0
    total: float | None = None
    message: str | None = None


@dataclass(frozen=True, kw_only=True)
class ListChanged(Event):
    """The server said a list changed; ``what`` is tools / prompts / resources."""

    KIND = "list-changed"
    what: Literal["tools", "prompts", "resources"]


@dataclass(frozen=True, kw_only=True)
class ResourceUpdated(Event):
    """A subscribed resource changed on the server."""

    KIND = "resource-updated"
    uri: str


@dataclass(frozen=True, kw_only=True)
class StderrLine(Event):
    """One line a stdio server wrote to its stderr."""

    KIND = "stderr"
    line: str


@dataclass(frozen=True, kw_only=True)
class Notice(Event):
    """Something the user should know that is not a message on the wire.

    E.g. "POST got 405: falling back to legacy HTTP+SSE", "catalog loaded from cache (stale)".
    """

    KIND = "notice"
    level: Literal["debug", "info", "warning", "error"] = "info"
    text: str


@dataclass(frozen=True, kw_only=True)
class AuthStep(Event):
    """One step of the authorization flow (discovery, registration, browser, token...).

    ``status`` is start / ok / failed / info. ``http`` holds the step's HTTP exchange
    when it made one; ``advice`` is set on failure and says what the user can do.
    """

    KIND = "auth"
    step: str
    status: Literal["start", "ok", "failed", "info"] = "info"
    detail: str = ""
    http: HttpExchange | None = None
    advice: str = ""
    data: dict[str, Any] = field(default_factory=dict)


EventSink = Callable[[Event], None]


def null_sink(event: Event) -> None:  # noqa: ARG001 - the do-nothing sink
    """Drop the event."""


class EventRecorder:
    """A sink that keeps every event (tests, the CLI's error reports)."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def __call__(self, event: Event) -> None:
        self.events.append(event)

    def of(self, kind: type[Event]) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]
