"""The fast path under the SDK's message parsing, on the streamable HTTP transport (measured).

Two kinds of traffic cost the SDK far more than they need, all of it on the event loop
(figures in ``bench/bench_big_result.py`` and ``bench/bench_flood.py``):

* **A big message** (a 50 MB tool result): pydantic validates the whole text (~1.7 s under
  load) and the transport formats it for a debug line, ``logger.debug(f"SSE message:
  {message}")`` — an f-string is built before ``debug`` is even called, so no logger level or
  ``disabled`` flag avoids it (~1.2 s). Past :func:`mcptui.core.spill.spill_bytes` (1 MiB) the
  message is kept in a private spill file and the SDK gets a small copy, made in a worker thread
  (:func:`mcptui.core.spill.stand_in`): same ids and structure, long strings cut with a marker.
  Over streamable HTTP :mod:`mcptui.core.sse_spill` does it one step lower, as the bytes arrive
  (so httpx2 never joins 50 MB on the loop either): the wrappers here then see the small copy,
  and act themselves only when that layer stepped aside (a compressed response). Only for a
  connection made with ``keep_aside`` (the TUI's): the CLI prints whole results.
  The SDK validates and routes the copy as usual (a tool's output schema included); the view
  shows the cut text and reads the whole one from the spill ("show all" page by page, "save").
  A message that cannot be cut small (a 50,000-tool list) goes to the SDK whole, as without
  this path (its debug line then short all the same: :class:`mcptui.core.lean_messages.QuietPayload`); a larger one than ``MCPTUI_MAX_EVENT_MB`` / ``MCPTUI_MAX_BODY_MB`` is not read at
  all and fails its request saying so (:mod:`mcptui.core.body_limit`).
* **A flood of log lines** (``notifications/message``, 10,000 a second): per line the SDK
  validates, formats the debug f-string, passes it through two memory streams, spawns a task in
  its dispatcher and validates the params again, ~0.5 ms of loop time each. Here a line is read
  with ``json.loads``, checked to have the shape the SDK would accept (a known level, a string or
  no logger, data present; anything else goes the SDK's way and gets its treatment), and
  reported as the same two events the slow path emits: the wire tap's :class:`RpcMessage` and the
  :class:`ServerLog`. The SDK does nothing else with a log notification (its logging callback
  and message handler are ours, and ours does nothing with a log line), and a level is set by a
  request, which this does not touch: counts and levels stay what they were. Lines already
  buffered are read without the loop running anything else, so every :data:`YIELD_EVERY` the
  reader gives it a turn (without that, 10,000 lines kept a key waiting ~0.5 s).

Both wrap the SDK transport's per-message methods (``_handle_sse_event``,
``_handle_json_response``) once, for the whole process; they act only in a task where a
connection called :func:`bind` (a context variable, read when the transport is made: the SDK
handles a request in its caller's task), so anything else using the SDK in-process
gets its usual behaviour. Not covered: the legacy HTTP+SSE transport (2024-11-05) and stdio,
which parse their messages elsewhere; a log line can reach the console before a message that came
just before it on the wire but is still in the SDK's streams.
"""

from __future__ import annotations

import contextvars
import functools
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import anyio
import anyio.lowlevel

from mcptui.core import spill, sse_whole
from mcptui.core.events import EventSink, ServerLog

LOG_METHOD = "notifications/message"
LEVELS = frozenset(("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"))
FAST_LOG_MAX = 64_000  # characters: a longer log line goes the SDK's way
YIELD_EVERY = 0.004  # seconds of reading log lines before the loop gets a turn (keys, frames)


@dataclass(frozen=True)
class FastPath:
    """What one connection's fast path reports to: its sink, and the wire tap when it has one."""

    server: str
    sink: EventSink
    observe: Callable[[str, dict[str, Any]], None] | None = None  # the tap, for a wire-form message
    spill: bool = False  # big messages to a spill file, the SDK given a cut copy (a TUI connection)

    def log(self, message: dict[str, Any]) -> None:
        if self.observe is not None:
            self.observe("in", message)
        params = message["params"]
        self.sink(
            ServerLog(
                server=self.server, level=params["level"], logger=params.get("logger"), data=params["data"]
            )
        )


_ROUTE: contextvars.ContextVar[FastPath | None] = contextvars.ContextVar("mcptui_fast_path", default=None)


def enabled() -> bool:
    """Off with ``MCPTUI_FAST_PATH=0`` (the benches compare both ways in one run)."""
    return os.environ.get("MCPTUI_FAST_PATH", "") != "0"


def bind(route: FastPath) -> None:
    """Use the fast path in this task (a connection's owner) and the tasks it starts."""
    if not enabled():
        _ROUTE.set(None)
        return
    install()
    _ROUTE.set(route)


def log_line(data: str) -> dict[str, Any] | None:
    """``data`` as a log notification the SDK would accept, else None (it goes the SDK's way)."""
    if len(data) > FAST_LOG_MAX or LOG_METHOD not in data:
        return None
    try:
        message = json.loads(data)
    except ValueError:
        return None
    if not isinstance(message, dict) or message.get("method") != LOG_METHOD or "id" in message:
        return None
    if message.get("jsonrpc") != "2.0":
        return None
    params = message.get("params")
    if not isinstance(params, dict) or params.get("level") not in LEVELS or "data" not in params:
        return None
    logger = params.get("logger")
    return message if logger is None or isinstance(logger, str) else None


async def _small_copy(data: bytes | str) -> bytes | None:
    """The spill's small copy of ``data`` (None: not JSON text, left to the SDK to report)."""
    try:
        return await anyio.to_thread.run_sync(spill.stand_in, data)
    except ValueError:
        return None


def _wrap_sse_event(original: Any) -> Any:
    @functools.wraps(original)
    async def handle_sse_event(
        self: Any,
        sse: Any,
        read_stream_writer: Any,
        original_request_id: Any = None,
        resumption_callback: Any = None,
    ) -> bool:
        route: FastPath | None = getattr(self, "_mcptui_route", None)
        data = sse.data
        if data.startswith(sse_whole.PREFIX) and (whole := sse_whole.take(data)) is not None:
            # a message given whole, handed past httpx2's parser below (sse_spill): its text
            sse = type(sse)(event=sse.event, data=whole, id=sse.id, retry=sse.retry)
            return bool(
                await original(self, sse, read_stream_writer, original_request_id, resumption_callback)
            )
        if route is None or sse.event != "message" or not data:
            return bool(
                await original(self, sse, read_stream_writer, original_request_id, resumption_callback)
            )
        if route.spill and len(data) > FAST_LOG_MAX and len(data) > spill.spill_bytes():
            from mcptui.core.sse_spill import handled

            copy = None if handled(data) else await _small_copy(data)  # done below (sse_spill)?
            if copy is not None:
                sse = type(sse)(
                    event=sse.event, data=copy.decode("utf-8", "surrogatepass"), id=sse.id, retry=sse.retry
                )
        elif (message := log_line(data)) is not None:
            route.log(message)
            if sse.id and resumption_callback:
                await resumption_callback(sse.id)
            now = time.perf_counter()
            if now - getattr(self, "_mcptui_yielded", 0.0) > YIELD_EVERY:
                # events already buffered are read without the loop running anything else: let it
                self._mcptui_yielded = now
                await anyio.lowlevel.checkpoint()
            return False
        return bool(await original(self, sse, read_stream_writer, original_request_id, resumption_callback))

    handle_sse_event._mcptui_fast = True  # type: ignore[attr-defined]
    return handle_sse_event


def _spilled_below(response: Any) -> bool:
    """``response``'s body went through :class:`~mcptui.core.sse_spill.SpillingBody`, which
    already kept it aside past the threshold (or gave it whole): nothing is left to do here."""
    from mcptui.core.sse_spill import SpillingBody

    return isinstance(response.stream, SpillingBody)


def _wrap_json_response(original: Any) -> Any:
    @functools.wraps(original)
    async def handle_json_response(
        self: Any, response: Any, read_stream_writer: Any, *, request_id: Any
    ) -> None:
        route: FastPath | None = getattr(self, "_mcptui_route", None)
        if route is not None and route.spill and not _spilled_below(response):
            content = await response.aread()  # kept by httpx2: the SDK's own aread returns it
            if len(content) > spill.spill_bytes():
                copy = await _small_copy(content)
                if copy is not None:
                    response._content = copy  # what the SDK's aread() returns from here on
        await original(self, response, read_stream_writer, request_id=request_id)

    handle_json_response._mcptui_fast = True  # type: ignore[attr-defined]
    return handle_json_response


def _wrap_init(original: Any) -> Any:
    @functools.wraps(original)
    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        # made in the connection's owner task; its requests are handled in their callers' tasks
        self._mcptui_route = _ROUTE.get()

    init._mcptui_fast = True  # type: ignore[attr-defined]
    return init


def install() -> None:
    """Wrap the SDK transport's per-message methods (once; idempotent)."""
    from mcp.client.streamable_http import StreamableHTTPTransport as transport

    if not getattr(transport.__init__, "_mcptui_fast", False):
        transport.__init__ = _wrap_init(transport.__init__)  # type: ignore[method-assign]

    if not getattr(transport._handle_sse_event, "_mcptui_fast", False):
        transport._handle_sse_event = _wrap_sse_event(transport._handle_sse_event)  # type: ignore[method-assign]
    if not getattr(transport._handle_json_response, "_mcptui_fast", False):
        transport._handle_json_response = _wrap_json_response(  # type: ignore[method-assign]
            transport._handle_json_response
        )
