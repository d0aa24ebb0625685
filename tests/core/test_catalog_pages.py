"""Catalog pages read raw and checked a chunk at a time keep exactly what the SDK's typed path kept.

Against the real demo server: the catalog's items equal the dumps of the SDK's own typed lists,
and the typed model built later from an item equals the SDK's eager one; a listed tool is
called without a second listing. Unit checks: which items stay the server's own dicts, an
invalid item deep in a long page is flagged at its index, the 2026-07-28 ``x-mcp-header`` rule
still drops a tool. The memory bound is a figure of ``bench/tui_bench.py --section 4``.
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from mcp.client.client import Client
from mcp.client.session import ClientSession

from mcptui.core import catalog_pages, tool_bookkeeping, transports  # noqa: F401 - transports: the SDK tricks
from mcptui.core.catalog_fetch import fetch_catalog
from mcptui.core.catalog_pages import CHUNK, kept_items, read_page, typed

LISTS = [
    ("tools", "tool", "list_tools"),
    ("prompts", "prompt", "list_prompts"),
    ("resources", "resource", "list_resources"),
    ("resource_templates", "resourceTemplate", "list_resource_templates"),
]


async def sdk_typed(client: Client, method: str, field: str) -> list[Any]:
    items: list[Any] = []
    cursor = None
    while True:
        page = await getattr(client, method)(cursor=cursor, cache_mode="bypass")
        items += getattr(page, field)
        cursor = page.next_cursor
        if cursor is None:
            return items


async def test_items_equal_the_sdk_typed_dumps_and_their_lazy_models_the_eager_ones(demo_http_url):
    async with Client(demo_http_url) as client:
        catalog = await fetch_catalog(client, "http")
        for field, kind, method in LISTS:
            eager = await sdk_typed(client, method, field)
            kept = getattr(catalog, field)
            assert kept == [item.model_dump(by_alias=True, exclude_none=True, mode="json") for item in eager]
            assert [list(item) for item in kept] == [  # the same key order, so --json prints the same
                list(item.model_dump(by_alias=True, exclude_none=True, mode="json")) for item in eager
            ]
            assert [typed(kind, item) for item in kept] == eager
        assert len(catalog.tools) > 10 and catalog.invalid == []


async def test_a_listed_tool_with_an_output_schema_is_called_without_listing_again(demo_http_url):
    async with Client(demo_http_url) as client:
        catalog = await fetch_catalog(client, "http")
        tool = catalog.tool("echo")
        assert tool is not None and tool.get("outputSchema")

        async def no_listing(**_: Any) -> Any:
            raise AssertionError("the tools were listed again")

        client.session.list_tools = no_listing  # type: ignore[method-assign]
        result = await client.call_tool("echo", {"text": "hi"})
        assert not result.is_error
        assert result.structured_content == {"result": "hi"}


def test_a_plain_item_is_the_servers_own_dict_in_the_models_key_order():
    schema = {"type": "object", "properties": {"p": {"default": None}}}
    raw = {"inputSchema": schema, "description": "d", "name": "t"}
    [kept] = kept_items("tool", [raw], [typed("tool", raw)])
    assert list(kept) == ["name", "description", "inputSchema"]
    assert kept["inputSchema"] is schema  # shared, not copied
    in_order = {"name": "t", "description": "d", "inputSchema": schema}
    assert kept_items("tool", [in_order], [typed("tool", in_order)]) == [in_order]
    assert kept_items("tool", [in_order], [typed("tool", in_order)])[0] is in_order  # kept itself


@pytest.mark.parametrize(
    "raw",
    [
        {"name": "t", "inputSchema": {"type": "object"}, "title": None},  # a null the dump leaves out
        {"name": "t", "inputSchema": {"type": "object"}, "x-extra": 1},  # a field the model ignores
        {"name": "t", "inputSchema": {"type": "object"}, "annotations": {"readOnlyHint": "yes"}},  # coerced
        {"name": "t", "inputSchema": {"type": "object", "default": float("nan")}},  # NaN dumps as null
    ],
)
def test_any_other_item_is_kept_as_its_typed_dump(raw):
    model = typed("tool", raw)
    [kept] = kept_items("tool", [raw], [model])
    assert kept == model.model_dump(by_alias=True, exclude_none=True, mode="json")
    assert kept != raw or json.dumps(kept) != json.dumps(raw)


class RawClient:
    """A client whose session answers one raw tools page (for the chunked checks)."""

    def __init__(self, page: dict[str, Any], version: str = "2025-11-25") -> None:
        self.protocol_version = version
        self.read_timeout_seconds = None
        session_state = SimpleNamespace(
            _negotiated_version=version,
            _x_mcp_header_maps={},
            _tool_output_schemas={},
            _tool_output_validators={},
        )

        async def send_raw_request(method: str, params: Any, opts: dict[str, Any]) -> dict[str, Any]:
            assert method == "tools/list"
            return page

        def absorb(listing: Any, *, complete: bool) -> Any:  # the SDK's own bookkeeping
            return ClientSession._absorb_tool_listing(session_state, listing, complete=complete)  # type: ignore[arg-type]

        self.state = session_state
        self.session = SimpleNamespace(
            _stamp=lambda data, opts: None,
            _dispatcher=SimpleNamespace(send_raw_request=send_raw_request),
            _absorb_tool_listing=absorb,
        )


def tool(i: int) -> dict[str, Any]:
    return {"name": f"bulk_{i}", "inputSchema": {"type": "object"}}


async def test_an_invalid_item_deep_in_a_long_page_is_flagged_at_its_index_and_the_rest_kept():
    tools: list[Any] = [tool(i) for i in range(CHUNK * 2 + 500)]
    tools[CHUNK + 7] = {"name": "broken", "inputSchema": {"type": "array"}}
    tools[CHUNK * 2 + 1] = 5
    invalid: list[dict[str, Any]] = []
    page = await read_page(RawClient({"tools": tools}), "tool", None, 100, invalid)
    assert page.raw_count == len(tools) and page.next_cursor is None
    assert len(page.items) == len(tools) - 2
    assert [(r["index"], r["name"], r["field"]) for r in invalid] == [
        (100 + CHUNK + 7, "broken", "inputSchema.type"),
        (100 + CHUNK * 2 + 1, None, ""),
    ]


async def test_a_wrong_page_envelope_raises_the_sdks_own_error():
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        await read_page(RawClient({"tools": [tool(1)], "nextCursor": 3}), "tool", None, 0, [])


async def test_the_session_learns_the_output_schemas_and_2026_drops_a_bad_x_mcp_header():
    bad = {
        "name": "bad_header",
        "inputSchema": {"type": "object", "properties": {"a": {"type": "object", "x-mcp-header": "A"}}},
    }
    good = {**tool(1), "outputSchema": {"type": "object"}}
    modern = {"resultType": "complete", "cacheScope": "private", "ttlMs": 0}
    client = RawClient({**modern, "tools": [good, bad]}, version="2026-07-28")
    page = await read_page(client, "tool", None, 0, [])
    assert [t["name"] for t in page.items] == ["bulk_1"]
    assert client.state._tool_output_schemas == {"bulk_1": {"type": "object"}}
    assert client.state._tool_output_schemas["bulk_1"] is page.items[0]["outputSchema"]  # no copy


def test_plain_fields_are_the_string_and_free_form_object_fields():
    assert catalog_pages.plain_fields("tool") == (
        "name",
        "title",
        "description",
        "inputSchema",
        "outputSchema",
        "_meta",
    )
    assert "arguments" not in catalog_pages.plain_fields("prompt")
    assert "size" not in catalog_pages.plain_fields("resource")


def headed(name: str, token: Any, kind: str = "string") -> dict[str, Any]:
    """A tool whose property ``a`` carries ``x-mcp-header: token`` (valid for a string token)."""
    return {
        "name": name,
        "inputSchema": {"type": "object", "properties": {"a": {"type": kind, "x-mcp-header": token}}},
    }


def sdk_bookkeeping(page: dict[str, Any]) -> tuple[list[str], Any]:
    """What the SDK's own typed path keeps of a 2026-07-28 tools page: names, per-tool state."""
    import mcp.types as types

    state = SimpleNamespace(
        _negotiated_version="2026-07-28",
        _x_mcp_header_maps={},
        _tool_output_schemas={},
        _tool_output_validators={},
    )
    typed_page = types.ListToolsResult.model_validate(page, by_name=False)
    kept = ClientSession._absorb_tool_listing(state, typed_page, complete=True)  # type: ignore[arg-type]
    return [t.name for t in kept.tools], (state._x_mcp_header_maps, state._tool_output_schemas)


@pytest.mark.parametrize(
    "extra",
    [
        [],  # no x-mcp-header anywhere: every chunk proven, the SDK walks no schema
        [headed("good_header", "Region")],  # a valid one: mapped, kept
        [headed("bad_header", "A", kind="object"), headed("bad_token", "not a token")],  # dropped
        [{**tool(9), "description": "mentions x-mcp-header in words"}],  # text only: the full walk
        [
            headed("dup", "X")
            | {
                "inputSchema": {
                    "type": "object",
                    "properties": {
                        "a": {"type": "string", "x-mcp-header": "X"},
                        "b": {"type": "string", "x-mcp-header": "x"},
                    },
                }
            }
        ],
    ],
)
async def test_header_free_chunks_skip_the_walk_and_the_result_is_the_sdks_own(extra, monkeypatch):
    import mcp.client.session as sdk_session

    tools = [tool(i) for i in range(CHUNK + 10)]
    tools[CHUNK + 3 : CHUNK + 3] = extra  # in the second chunk; the first one has no header text
    modern = {"resultType": "complete", "cacheScope": "private", "ttlMs": 0}
    page = {**modern, "tools": tools}
    expected_names, expected_state = sdk_bookkeeping(page)

    walked: list[Any] = []
    real = sdk_session.find_invalid_x_mcp_header
    monkeypatch.setattr(sdk_session, "find_invalid_x_mcp_header", lambda s: walked.append(s) or real(s))
    client = RawClient(page, version="2026-07-28")
    got = await read_page(client, "tool", None, 0, [])
    # header-free all through: the session's bookkeeping waits for a call (tool_bookkeeping)
    assert tool_bookkeeping.pending(client.session) == (0 if extra else 1)
    assert not walked or extra
    tool_bookkeeping.flush(client.session)

    assert [t["name"] for t in got.items] == expected_names
    assert (client.state._x_mcp_header_maps, client.state._tool_output_schemas) == expected_state
    schemas = [s for s in walked if s is not None]  # what the SDK walked for real
    assert len(walked) == len(tools)  # the SDK still ran its check on every tool
    assert len(schemas) == (0 if not extra else len(tools) - CHUNK)  # only the chunk with the text


def test_the_sdks_header_checks_find_nothing_in_no_schema():
    """The trick's ground: what the SDK answers for None is what it answers for a header-free schema."""
    from mcp.shared.inbound import find_invalid_x_mcp_header, x_mcp_header_map

    free = {"type": "object", "properties": {"text": {"type": "string", "default": "x-mcp"}}}
    assert find_invalid_x_mcp_header(None) is None is find_invalid_x_mcp_header(free)
    assert x_mcp_header_map(None) == {} == x_mcp_header_map(free)


@pytest.mark.parametrize(
    ("items", "finite", "header_free", "null_free"),
    [
        ([tool(1)], True, True, True),
        ([headed("h", "A")], True, False, True),
        ([{"name": "t", "inputSchema": {"default": float("nan")}}], False, True, True),
        ([{"name": "t", "inputSchema": {"default": float("-inf")}}], False, True, True),
        ([{"name": "t", "description": "NaN", "inputSchema": {}}], False, True, True),  # words: the safe way
        ([{"name": "t\ud800", "inputSchema": {"x-mcp-header": 1}}], True, False, True),  # json module's way
        ([tool(1), {"name": "t", "title": None, "inputSchema": {}}], True, True, False),
        ([{"name": "t", "inputSchema": {"default": None}}], True, True, False),  # deep: still no proof
        ([{"name": "t", "description": "null", "inputSchema": {}}], True, True, False),  # words: the safe way
    ],
)
def test_chunk_facts(items, finite, header_free, null_free):
    from mcptui.core import chunk_facts

    facts = chunk_facts.ChunkFacts(finite=finite, header_free=header_free, null_free=null_free)
    assert chunk_facts.chunk_facts(items) == facts


@pytest.mark.parametrize(
    "odd",
    [
        {"name": "t", "title": None, "inputSchema": {"type": "object"}},  # a null the dump leaves out
        {"inputSchema": {"type": "object"}, "name": "t"},  # another key order: re-keyed
        {"name": "t", "inputSchema": {"type": "object"}, "annotations": {"readOnlyHint": True}},  # a model
        {"name": "t", "inputSchema": {"type": "object", "default": float("inf")}},  # dumps as null
    ],
)
def test_a_one_shape_chunk_is_kept_as_sent_and_one_odd_item_keeps_it_item_by_item(odd):
    plain = [{"name": f"t{i}", "description": "d", "inputSchema": {"type": "object"}} for i in range(50)]
    kept = kept_items("tool", plain, [typed("tool", raw) for raw in plain])
    assert kept == plain and all(a is b for a, b in zip(kept, plain, strict=True))
    chunk = [*plain[:25], odd, *plain[25:]]
    models = [typed("tool", raw) for raw in chunk]
    kept = kept_items("tool", chunk, models)
    dump = models[25].model_dump(by_alias=True, exclude_none=True, mode="json")
    assert kept[25] == dump and list(kept[25]) == list(dump)  # what the typed path kept, in its order
    assert kept[:25] == plain[:25] and kept[26:] == plain[25:]
