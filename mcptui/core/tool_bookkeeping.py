"""The SDK session's tool bookkeeping for a listing that cannot drop a tool, done when first needed.

``ClientSession._absorb_tool_listing`` (which the SDK's ``list_tools`` runs, and
:func:`mcptui.core.catalog_pages.absorb_tools` runs for a raw page) does two things: on a
2026-07-28 session it drops the tools whose ``x-mcp-header`` annotations are invalid and keeps
each tool's header map, and it keeps every tool's output schema (what ``call_tool`` validates a
result with). For a page whose every chunk is proven free of ``x-mcp-header``
(:func:`mcptui.core.chunk_facts.chunk_facts`) the first part can drop nothing and maps nothing, so
only the state is left to build, and nothing reads it before a tool is called. On 50,000 tools
that bookkeeping is ~0.25 s of CPU (the SDK's loop over the tools, its dicts, our records):
between the reply's arrival and the catalog on screen, or in the prefetch child, which never
calls a tool at all.

So such a page is :func:`defer`-red: the tools are remembered on the session, and
:func:`flush` gives them to ``_absorb_tool_listing`` exactly as it would have been given them,
in the same order. It is flushed before anything of the session that reads or writes that
state runs: ``call_tool``, ``validate_tool_result`` and ``_absorb_tool_listing`` itself (a
later page or listing comes after it, as it would have), wrapped once on the SDK's class
(:func:`_install`); mcptui's own readers and writers (``ServerConnection.known_tool``, the
spill check) flush first too.
"""

from __future__ import annotations

import functools
import types as pytypes
from typing import Any

_PENDING = "_mcptui_pending_tools"  # on the session: [(tools, complete), ...] not yet absorbed


def defer(session: Any, tools: list[dict[str, Any]], *, complete: bool) -> None:
    """Remember a header-free tools page for the session's bookkeeping (see the module doc)."""
    _install()
    pending: list[tuple[list[dict[str, Any]], bool]] | None = getattr(session, _PENDING, None)
    if pending is None:
        pending = []
        setattr(session, _PENDING, pending)
    pending.append((tools, complete))


def pending(session: Any) -> int:
    """How many pages wait for the session's bookkeeping (0: it is up to date)."""
    return len(getattr(session, _PENDING, None) or ())


def flush(session: Any) -> None:
    """Give the session every deferred page, in order, as ``_absorb_tool_listing`` would have had them."""
    waiting = getattr(session, _PENDING, None)
    if not waiting:
        return
    setattr(session, _PENDING, [])
    from mcptui.core.catalog_pages import ToolRecord

    for tools, complete in waiting:
        records = [ToolRecord(tool, header_free=True) for tool in tools]
        # the (flushing) method itself: nothing is pending now, so it absorbs at once
        absorb = session._absorb_tool_listing  # noqa: SLF001
        kept = absorb(pytypes.SimpleNamespace(tools=records), complete=complete).tools
        assert len(kept) == len(records)  # a header-free page drops nothing (chunk_facts.chunk_facts)


def _flushing(function: Any) -> Any:
    if getattr(function, "mcptui_flushes", False):
        return function
    if _is_async(function):

        @functools.wraps(function)
        async def flushed_async(self: Any, *args: Any, **kwargs: Any) -> Any:
            flush(self)
            return await function(self, *args, **kwargs)

        flushed_async.mcptui_flushes = True  # type: ignore[attr-defined]
        return flushed_async

    @functools.wraps(function)
    def flushed(self: Any, *args: Any, **kwargs: Any) -> Any:
        flush(self)
        return function(self, *args, **kwargs)

    flushed.mcptui_flushes = True  # type: ignore[attr-defined]
    return flushed


def _is_async(function: Any) -> bool:
    import inspect

    return inspect.iscoroutinefunction(function)


@functools.cache
def _install() -> None:
    """Wrap the SDK session's readers and writers of the tool state so they flush first (once)."""
    from mcp.client.session import ClientSession

    for name in ("call_tool", "validate_tool_result", "_absorb_tool_listing"):
        setattr(ClientSession, name, _flushing(getattr(ClientSession, name)))
