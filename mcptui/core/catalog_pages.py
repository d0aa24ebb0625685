"""Read one catalog list page as the server sent it, checked by the SDK's validators a chunk at a time.

The SDK's typed ``list_tools`` (prompts, resources, templates) validates a page twice (the
negotiated version's wire model, then the version-free ``mcp.types`` model) and hands back typed
items that the catalog then dumps back to dicts: on 50,000 tools, two typed copies of the page
beside the parsed reply, and ~0.4 s of dump. :func:`read_page` asks for the page without the
SDK's validation (:func:`catalog_items.send_unvalidated`) and runs the same two validations on
:data:`CHUNK` items at a time (the typed items of a chunk are dropped once checked; the event
loop runs between chunks). An item whose dump would differ from what the server sent in nothing
but key order (only string and free-form object fields, none null, no NaN/Infinity: see
:func:`plain_fields`) is kept as the server's own dict, re-keyed in the model's order; any other
item is kept as its typed dump, as before. So a catalog item is exactly what the typed path
kept, and :func:`typed` builds the SDK's model of one item when one is wanted.

On the demo's 50,000 tools (one 7.5 MB page; same VM, load 1-2): the typed path spent 0.9-1.4 s
in the wire-model check and its discarded dump, 0.2-0.5 s building the typed page and 0.3-0.5 s
dumping it back; here the wire check runs without its dump (:mod:`lean_messages`), the typed chunks are
dropped as they go and no item is dumped, and the SDK's tool bookkeeping is unchanged. The TUI's
peak RSS on that server went from 233 MB (with :mod:`lean_messages`'s lean parse alone) to 172 MB.

For a chunk of a proven page (:mod:`catalog_proof`) kept as sent (:func:`as_sent`), the
version-free model's check is left out when :mod:`catalog_model_check` proves from the model's
core schema and the values' types that it passes; and when it is, the negotiated version's wire
check is left out too where :mod:`catalog_wire_check` proves the same of the wire model (nested
models, literals, lists, unions of bare types).

An item that fails a check is left out and recorded (:mod:`catalog_items`), as is a page whose
own fields are wrong refused with the SDK's own error. A tools page is given to the SDK session's
bookkeeping (output schemas, 2026-07-28 ``x-mcp-header`` maps) as its ``list_tools`` does, with
light records pointing into the kept dicts (:class:`ToolRecord`); a tool in a chunk whose JSON
dump has no ``x-mcp-header`` text is given with no schema to walk, as the SDK's checks would
find nothing in it (:func:`chunk_facts.chunk_facts`: 0.28 s -> 0.07 s on 50,000 tools; for a page
of 64 KiB or more both facts are proven once from the reply's bytes instead, when they can be:
:mod:`catalog_proof`); a page
that is header-free all through is given to it only when a tool is first called
(:mod:`tool_bookkeeping`: ~0.25 s of 50,000 tools' time to the screen).
"""

from __future__ import annotations

import asyncio
import functools
import operator
import types as pytypes
import typing
from dataclasses import dataclass
from typing import Any

from mcptui.core import catalog_items, catalog_model_check, catalog_proof, chunk_facts, tool_bookkeeping
from mcptui.core.catalog_items import ListSpec

CHUNK = 1_000  # items validated at once: the typed copies alive at any time
# what catalog_proof proves of a whole page (no NaN/Infinity, no x-mcp-header); nulls unknown
PROVEN = chunk_facts.ChunkFacts(finite=True, header_free=True, null_free=False)


class ToolRecord:
    """What the SDK's tool bookkeeping reads of a tool (its dict's own values, not copies)."""

    __slots__ = ("input_schema", "name", "output_schema")

    def __init__(self, tool: dict[str, Any], header_free: bool = False) -> None:
        self.name: str = tool["name"]
        # None when no x-mcp-header can be in it: the SDK's checks then walk nothing (chunk_facts.py)
        self.input_schema: dict[str, Any] | None = chunk_facts.header_check_input(
            tool["inputSchema"], header_free
        )
        self.output_schema: dict[str, Any] | None = tool.get("outputSchema")


@dataclass(frozen=True, slots=True)
class Page:
    """One page's kept items (wire dicts), its cursor, and how many items the server sent."""

    items: list[dict[str, Any]]
    next_cursor: str | None
    raw_count: int


def _model(spec: ListSpec) -> Any:
    import mcp.types as types

    return getattr(types, spec.result).model_fields[spec.sdk_field].annotation.__args__[0]


@functools.cache
def plain_fields(kind: str) -> tuple[str, ...]:
    """The wire names of ``kind``'s model fields whose dump is the value itself (in field order):
    strings and free-form objects (``dict[str, Any]``), optional or not. An item with only these,
    none null, dumps to itself; any other field (a nested model, a number, a list) may be coerced
    or reshaped by the dump, so an item holding one is kept as its dump."""
    same = {str, dict[str, Any]}
    fields = []
    for name, info in _model(catalog_items.SPECS[kind]).model_fields.items():
        annotation = info.annotation
        options = set(typing.get_args(annotation)) - {type(None)} if _is_union(annotation) else {annotation}
        if options and options <= same:
            fields.append(info.alias or name)
    return tuple(fields)


def _is_union(annotation: Any) -> bool:
    return isinstance(annotation, pytypes.UnionType) or typing.get_origin(annotation) is typing.Union


def kept_items(
    kind: str,
    raw_items: list[Any],
    typed_items: list[Any],
    finite: bool | None = None,
    null_free: bool | None = None,
) -> list[dict[str, Any]]:
    """The wire dicts the catalog keeps for validated ``raw_items`` (their typed models alongside).

    ``finite``: whether ``raw_items`` hold no NaN or Infinity (a JSON dump turns those into
    null), and ``null_free``: whether no field of theirs is None, when already known
    (:func:`chunk_facts.chunk_facts`; False: not known). A chunk proven finite whose items all have
    one shape, plain and in the model's order, and no field None (proven, or looked up at C
    speed: :func:`_no_none_field`), is kept as it is without the per-item loop
    (``set(map(tuple, ...))``: the loop's 0.031-0.035 s -> ~0.005 s on 50,000 tools, cProfile)."""
    order = plain_fields(kind)
    allowed = frozenset(order)
    if finite is None or null_free is None:
        facts = chunk_facts.chunk_facts(raw_items)
        finite, null_free = facts.finite, facts.null_free
    if finite and len(raw_items) == len(typed_items) and as_sent(kind, raw_items, null_free) is not None:
        return list(raw_items)  # each item plain, in order, no None field: kept itself (as below)
    shapes: dict[tuple[str, ...], bool | None] = {}  # an item's keys -> _shape (this chunk's)
    kept = []
    for raw, model in zip(raw_items, typed_items, strict=True):
        keys = tuple(raw)
        if keys not in shapes:
            shapes[keys] = _shape(keys, order, allowed)
        shape = shapes[keys]
        if finite and shape is not None and None not in raw.values():
            kept.append(raw if shape else {key: raw[key] for key in order if key in raw})
        else:
            kept.append(model.model_dump(by_alias=True, exclude_none=True, mode="json"))
    return kept


@functools.cache
def nullable_fields(kind: str) -> frozenset[str]:
    """The plain fields of ``kind`` that can hold None once the model's check has passed: those
    whose annotation admits None (``str`` or ``dict[str, Any]`` alone refuses it), or all of
    them when the model has validators of its own (none in mcp 2.3; they could let one in)."""
    model = _model(catalog_items.SPECS[kind])
    decorators = model.__pydantic_decorators__
    if decorators.field_validators or decorators.model_validators:
        return frozenset(plain_fields(kind))
    names = (info.alias or name for name, info in model.model_fields.items() if _admits_none(info.annotation))
    return frozenset(names) & frozenset(plain_fields(kind))


def _admits_none(annotation: Any) -> bool:
    return (
        annotation is None
        or annotation is type(None)
        or (_is_union(annotation) and type(None) in typing.get_args(annotation))
    )


def as_sent(kind: str, raw_items: list[Any], null_free: bool | None = False) -> tuple[str, ...] | None:
    """The one key shape of ``raw_items`` when the loop below would keep each item as sent
    (finite items assumed): plain, in the model's order, no field None; else None."""
    order = plain_fields(kind)
    try:
        one_shape = set(map(tuple, raw_items))  # at C speed: most chunks have one shape
    except TypeError:  # an item that is no dict (not checked yet): not as sent
        return None
    keys = next(iter(one_shape), ())
    plain = len(one_shape) == 1 and _shape(keys, order, frozenset(order))
    return keys if plain and (null_free or _no_none_field(raw_items, keys, kind)) else None


def _no_none_field(raw_items: list[Any], keys: tuple[str, ...], kind: str) -> bool:
    """No item of a one-shape chunk (``keys``) has a field that is None: the loop's
    ``None not in raw.values()``, looked up only in the fields that can be None after the check
    (:func:`nullable_fields`), a field at a time at C speed (~3 ms a field on 50,000 tools). A
    null deeper down, in a free-form object, is in the typed dump too (only fields are left out)."""
    try:
        return not any(
            None in map(operator.itemgetter(key), raw_items) for key in nullable_fields(kind) & set(keys)
        )
    except (TypeError, KeyError):  # not all dicts of that shape: the loop decides
        return False


def _shape(keys: tuple[str, ...], order: tuple[str, ...], allowed: frozenset[str]) -> bool | None:
    """None: some key is not a plain field (the item is kept as its dump); True: the keys are
    already in the model's order (the item is kept as it is); False: plain, re-keyed.

    Most servers send their fields in one order, so a chunk has a shape or two: looked up once
    each, and an item in order is kept itself, not copied (0.125 -> ~0.05 s on 50,000 tools,
    under cProfile)."""
    if not allowed.issuperset(keys):
        return None
    return keys == tuple(key for key in order if key in keys)


def typed(kind: str, item: dict[str, Any]) -> Any:
    """The SDK's model (``mcp.types.Tool``...) of one catalog item, built when it is wanted."""
    return _model(catalog_items.SPECS[kind]).model_validate(item, by_name=False)


async def read_page(
    client: Any, kind: str, cursor: str | None, start: int, invalid: list[dict[str, Any]]
) -> Page:
    """The page at ``cursor``: its valid items kept, the others recorded in ``invalid``.

    ``start`` is the index of the page's first item in the server's whole list. Raises the SDK's
    own error (a pydantic ValidationError) when the page itself, not an item, is wrong.
    """
    import mcp.types as types

    spec = catalog_items.SPECS[kind]
    request = getattr(types, spec.request)(params=types.PaginatedRequestParams(cursor=cursor))
    raw = await catalog_items.send_unvalidated(client, request)
    version = client.protocol_version or "2025-11-25"  # the SDK's own fallback
    checker = catalog_items.page_checker(spec, version, raw) if isinstance(raw, dict) else None
    if checker is None:
        catalog_items.refuse_page(spec, version, raw)  # raises the SDK's error for this page
        raise AssertionError("unreachable")  # pragma: no cover - refuse_page always raises
    raw_items: list[Any] = raw[spec.wire_field]
    next_cursor: str | None = raw.get("nextCursor")
    del raw  # the page's envelope is no longer needed; its items are held by raw_items
    items: list[dict[str, Any]] = []
    header_free: list[bool] = []  # per kept item: no x-mcp-header in its chunk's text
    # proven from the reply's bytes once (catalog_proof), else a dump of each chunk (chunk_facts.py)
    proven = PROVEN if catalog_proof.proven(raw_items) else None
    result_model = getattr(types, spec.result)
    for first in range(0, len(raw_items), CHUNK):
        chunk = raw_items[first : first + CHUNK]
        keys = as_sent(kind, chunk) if proven is not None else None  # kept as sent, if valid
        # the model's check proven to pass for such a chunk (catalog_model_check): the wire check alone
        model_proven = keys is not None and catalog_model_check.implied(
            result_model, spec.wire_field, keys, chunk
        )
        # and the wire check too (catalog_wire_check): neither runs
        wire_proven = False
        if model_proven:  # imported on a first proven chunk (a page of 64 KiB or more), not before
            from mcptui.core import catalog_wire_check

            wire_proven = catalog_wire_check.implied(spec.method, version, spec.wire_field, chunk)
        whole = len(chunk)
        try:
            typed_chunk: Any = None if wire_proven else checker(chunk, typed=not model_proven)
        except Exception:  # noqa: BLE001 - some item is invalid: check each one on its own
            typed_chunk = []
            good_raw = []
            for offset, item in enumerate(chunk):
                try:
                    typed_chunk.extend(checker([item]))
                except Exception as exc:  # noqa: BLE001 - pydantic's ValidationError
                    invalid.append(catalog_items.invalid_record(spec, item, start + first + offset, exc))
                else:
                    good_raw.append(item)
            chunk = good_raw
        facts = proven if proven is not None else chunk_facts.chunk_facts(chunk)
        if keys is not None and len(chunk) == whole:  # proven finite, as sent, all valid: kept
            items.extend(chunk)  # as sent, as kept_items would (its as_sent would run again)
        else:
            items.extend(kept_items(kind, chunk, typed_chunk, facts.finite, facts.null_free))
        header_free.extend([facts.header_free] * len(chunk))
        del typed_chunk
        if first + CHUNK < len(raw_items):
            await asyncio.sleep(0)  # a long page does not hold the event loop from start to end
    if kind == "tool":
        complete = cursor is None and next_cursor is None
        if all(header_free):  # nothing can be dropped: the session's bookkeeping waits for a call
            tool_bookkeeping.defer(client.session, items, complete=complete)
        else:
            items = absorb_tools(client, items, complete=complete, header_free=header_free)
    return Page(items=items, next_cursor=next_cursor, raw_count=len(raw_items))


def absorb_tools(
    client: Any, tools: list[dict[str, Any]], *, complete: bool, header_free: list[bool] | None = None
) -> list[dict[str, Any]]:
    """Give the SDK session the page's tools, as its own ``list_tools`` does; the tools it keeps.

    Without this, ``call_tool`` finds no output schema for the tool and re-lists every tool to
    get one. 2026-07-28 drops the tools whose ``x-mcp-header`` annotations are invalid; a tool
    flagged in ``header_free`` holds no such annotation at all (:func:`chunk_facts.chunk_facts`).
    """
    tool_bookkeeping.flush(client.session)  # pages deferred before this one come first
    flags = header_free if header_free is not None else [False] * len(tools)
    records = [ToolRecord(tool, free) for tool, free in zip(tools, flags, strict=True)]
    page = pytypes.SimpleNamespace(tools=records)
    kept = client.session._absorb_tool_listing(page, complete=complete).tools  # noqa: SLF001
    if len(kept) == len(records):
        return tools
    kept_ids = {id(record) for record in kept}
    return [tool for tool, record in zip(tools, records, strict=True) if id(record) in kept_ids]


def give_tools(client: Any, tools: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give the SDK session a whole tool list listed elsewhere (the launch's prefetch child), as
    if its own single-page listing had brought it (see :func:`read_page`); the tools it keeps."""
    if chunk_facts.chunk_facts(tools).header_free:  # one dump of the list: 0.03 s on 50,000 tools
        tool_bookkeeping.defer(client.session, tools, complete=True)
        return tools
    return absorb_tools(client, tools, complete=True)
