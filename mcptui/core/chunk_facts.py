"""What one JSON dump of a chunk of catalog items proves about them, at C speed (no Textual).

No NaN or Infinity, no ``x-mcp-header`` key, no null (:class:`ChunkFacts`, :func:`chunk_facts`),
and what the SDK's ``x-mcp-header`` checks walk for a tool once the chunk is proven free of the key
(:func:`header_check_input`). Used by :mod:`mcptui.core.catalog_pages` (a proof from the reply's
bytes, when there is one, is :mod:`mcptui.core.catalog_proof`'s). Figures: the docstrings below
and :mod:`mcptui.core.speed`'s list. pydantic and the SDK are imported on first use.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ChunkFacts:
    """What one dump of a chunk of catalog items (as the server sent them) proves about them."""

    finite: bool  # no NaN or Infinity: JSON all through (a JSON dump of the model writes null)
    header_free: bool  # no ``x-mcp-header`` anywhere: the SDK's 2026 header checks find nothing
    null_free: bool = False  # no null anywhere (no item field is None): the dump leaves none out


def chunk_facts(items: list[Any]) -> ChunkFacts:
    """One JSON dump of ``items`` (pydantic's serializer, NaN written as ``"NaN"``), read for
    both facts of :class:`ChunkFacts`. Text that merely looks like one (a description saying
    "NaN", or "x-mcp-header") only sends the chunk the slower, always right, way.

    **No null**: ``None`` dumps as ``null`` (and only a string could hold the word otherwise, in
    quotes), so a dump without it has no field that is None, and :func:`catalog_pages.kept_items`
    need not look at each item's values.

    **No NaN or Infinity**: an item holding one is kept as its typed dump (:mod:`catalog_pages`).
    A float NaN or infinity dumps as ``NaN``/``Infinity``/``-Infinity``, so a dump without those
    words has none. Pydantic's ``dump_json`` of a list of plain JSON values takes 0.03 s on the
    demo's 50,000 tools against 0.07-0.12 s for ``json.dumps`` (the check before; same runs,
    CPU time, load 3.9-5.7); a value it refuses (a lone surrogate) falls back to ``json.dumps``.

    **The SDK's ``x-mcp-header`` checks, when vacuous** (:func:`header_check_input`). On a
    2026-07-28 connection the SDK's tool bookkeeping (``ClientSession._absorb_tool_listing``)
    runs two walks over every tool's ``inputSchema``: ``find_invalid_x_mcp_header`` (a reason
    when some schema position holds an ``x-mcp-header`` key that breaks the rule, else None)
    and ``x_mcp_header_map`` (the valid annotations). Both only ever act at a dict holding the
    key ``"x-mcp-header"`` (case-sensitive, ``X_MCP_HEADER_KEY in schema`` /
    ``schema.get(X_MCP_HEADER_KEY)``). Such a key, anywhere in an item, is the text
    ``"x-mcp-header"`` in the item's JSON dump (all printable ASCII: written as is), so a chunk
    whose dump lacks that text has no tool the checks could drop or map: their answers are None
    and ``{}``, which are also what they answer for ``None`` (no schema position: the SDK's
    documented case, pinned by a test). Such a tool is given to the SDK with ``None`` for its
    schema; the SDK still runs both checks, and all its bookkeeping, on nothing. Measured on
    the demo's 50,000 tools (load 3.0): the two walks 0.28 s, on ``None`` 0.07 s.
    """
    try:
        text = _json_writer().dump_json(items)
    except ValueError:  # pydantic's serialization error (a lone surrogate): the json module's way
        text = json.dumps(items).encode("utf-8")
    finite = b"NaN" not in text and b"Infinity" not in text
    return ChunkFacts(finite=finite, header_free=header_key() not in text, null_free=b"null" not in text)


@functools.cache
def _json_writer() -> Any:
    from pydantic import ConfigDict, TypeAdapter

    return TypeAdapter(list[Any], config=ConfigDict(ser_json_inf_nan="strings"))


@functools.cache
def header_key() -> bytes:
    """The SDK's ``x-mcp-header`` key as JSON text writes it (printable ASCII), for a search."""
    from mcp.shared.inbound import X_MCP_HEADER_KEY

    return str(X_MCP_HEADER_KEY).encode("ascii")


def header_check_input(input_schema: Any, header_free: bool) -> Any:
    """What the SDK's ``x-mcp-header`` checks walk for a tool: None once proven vacuous
    (:func:`chunk_facts`), else its ``inputSchema``."""
    return None if header_free else input_schema
