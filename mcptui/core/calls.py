"""One call by kind (tool, prompt, resource) on a live connection, as a history record.

:func:`run_call` is the dispatch the TUI's session manager uses: it sends the request, times
it, and always returns a :class:`~mcptui.core.history.CallRecord` (result, error or cancelled),
so a front end never sees an exception from a server. A cancelled call is recorded, then the
cancellation goes on.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any, Protocol

from mcptui.core.errors import McpTuiError
from mcptui.core.history import CallKind, CallRecord
from mcptui.core.redact import redact_text

ProgressSink = Callable[[float, float | None, str | None], None]


class CallTarget(Protocol):
    """What :func:`dispatch` needs of a connection (a ServerConnection)."""

    async def call_tool(
        self,
        name: str,
        arguments: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        on_progress: Any = None,
    ) -> dict[str, Any]: ...

    async def get_prompt(self, name: str, arguments: dict[str, str] | None = None) -> dict[str, Any]: ...

    async def read_resource(self, uri: str) -> dict[str, Any]: ...


def prompt_arguments(arguments: dict[str, Any]) -> dict[str, str]:
    """Prompt arguments are strings on the wire; an unset one is left out."""
    return {key: str(value) for key, value in arguments.items() if value is not None}


async def dispatch(
    connection: CallTarget,
    kind: CallKind,
    name: str,
    arguments: dict[str, Any],
    *,
    on_progress: ProgressSink | None = None,
) -> dict[str, Any]:
    """Send one call of ``kind`` (``name`` is the tool, prompt or resource URI); the wire result."""
    if kind == "tool":
        return await connection.call_tool(name, arguments, on_progress=on_progress)
    if kind == "prompt":
        return await connection.get_prompt(name, prompt_arguments(arguments))
    return await connection.read_resource(name)


async def run_call(
    connection: CallTarget | None,
    server: str,
    kind: CallKind,
    name: str,
    arguments: dict[str, Any],
    *,
    on_progress: ProgressSink | None = None,
) -> CallRecord:
    """Run one call; the record says how it ended (``connection`` None: not connected)."""
    record = CallRecord(server=server, kind=kind, name=name, arguments=dict(arguments))
    started = time.perf_counter()
    try:
        if connection is None:
            raise McpTuiError(f"{server} is not connected", hint="press F7 to reconnect")
        record.result = await dispatch(connection, kind, name, arguments, on_progress=on_progress)
    except asyncio.CancelledError:
        record.cancelled = True
        record.elapsed_ms = (time.perf_counter() - started) * 1000
        raise
    except McpTuiError as error:
        record.error = str(error)
    except Exception as error:  # noqa: BLE001 - shown to the user, never raised into a front end
        record.error = redact_text(f"{type(error).__name__}: {error}")
    record.elapsed_ms = (time.perf_counter() - started) * 1000
    return record
