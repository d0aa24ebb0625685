"""Route the SDK's and httpx2's ``logging`` records to the connection's events, never the terminal.

The SDK logs through ``logging`` under several names (``mcp.*``, but also plain ``client`` and
``server``); with no handler Python's last-resort handler prints warnings with their traceback
to stderr. :func:`install` gives each of those loggers one :class:`EventHandler` (and stops
propagation), which turns a record into a :class:`Notice` on the sink of the connection whose
task logged it (a context variable set by the connection's owning task); a record logged
outside any connection is dropped. The traceback is never shown: only the exception's type.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from typing import Literal

from mcptui.core.events import EventSink, Notice

SDK_LOGGERS = ("mcp", "mcp_types", "client", "server", "httpx2", "httpcore2", "sse_starlette")
MAX_TEXT = 300

current: contextvars.ContextVar[tuple[EventSink, str] | None] = contextvars.ContextVar(
    "mcptui_sdk_log_sink", default=None
)


class EventHandler(logging.Handler):
    """One Notice per record, on the sink of the connection that logged it."""

    def emit(self, record: logging.LogRecord) -> None:
        target = current.get()
        if target is None:
            return
        sink, server = target
        try:
            text = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not raise here
            text = str(record.msg)
        if record.exc_info and record.exc_info[1] is not None:
            text += f" ({type(record.exc_info[1]).__name__})"
        level: Literal["debug", "warning"] = "warning" if record.levelno >= logging.WARNING else "debug"
        with contextlib.suppress(Exception):  # a broken sink must not break logging
            sink(Notice(server=server, level=level, text=f"sdk {record.name}: {text[:MAX_TEXT]}"))


_handler = EventHandler(logging.DEBUG)


def install() -> None:
    """Attach the handler to every SDK logger (idempotent); nothing reaches the root logger."""
    for name in SDK_LOGGERS:
        logger = logging.getLogger(name)
        if _handler not in logger.handlers:
            logger.addHandler(_handler)
        logger.propagate = False


def bind(sink: EventSink, server: str) -> None:
    """Send the records logged from this task (and the tasks it starts) to ``sink``."""
    current.set((sink, server))
