"""A large catalog page's facts proven once from the reply's bytes (core/catalog_proof.py).

A proven page is read without a dump of each chunk and keeps what the per-chunk way keeps; a
body the proof cannot vouch for (a ``\\u`` escape, the header key's text, a NaN or Infinity
token, a number that may overflow to infinity) goes the per-chunk way, and what is kept, and
what the SDK's bookkeeping learns, is what the SDK's own typed path gives. Over the demo with
bulk tools, the very list ``json.loads`` made reaches the read through the SDK.
"""

from __future__ import annotations

import functools
import json
from types import SimpleNamespace
from typing import Any

import mcp_types
import pytest
from mcp.client.client import Client
from mcp.client.session import ClientSession

from mcptui.core import catalog_pages, catalog_proof, chunk_facts, lean_messages, tool_bookkeeping, transports  # noqa: F401
from mcptui.core.catalog_fetch import fetch_catalog
from mcptui.core.catalog_pages import CHUNK, read_page, typed
from tests.core import test_catalog_pages
from tests.servers import running_demo

MODERN = {"resultType": "complete", "cacheScope": "private", "ttlMs": 0}
KEY = b"x-mcp-header"


def tool(i: int) -> dict[str, Any]:
    return {
        "name": f"bulk_{i}",
        "description": "Echo the text back.",
        "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}},
    }


def body(tools: list[Any], extra: str = "") -> bytes:
    """A JSON-RPC tools/list reply; ``extra`` is spliced in as the last tool, as raw JSON text."""
    text = json.dumps(
        {"jsonrpc": "2.0", "id": 2, "result": {**MODERN, "tools": tools}}, separators=(",", ":")
    )
    if extra:
        text = text.replace("]}}", f",{extra}]}}}}", 1)
    return text.encode("utf-8")


def parsed_page(raw: bytes | str) -> dict[str, Any]:
    """The reply as the SDK's (lean) message adapter hands its result on."""
    message = mcp_types.jsonrpc_message_adapter.validate_json(raw)
    return message.result


# a 2026-07-28 client whose session answers one raw tools page, with the SDK's bookkeeping
RawClient = functools.partial(test_catalog_pages.RawClient, version="2026-07-28")


def sdk_own(raw: bytes) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """What the SDK's typed path keeps of the page (the items' dumps) and its header maps."""
    import mcp.types as types

    state = SimpleNamespace(
        _negotiated_version="2026-07-28",
        _x_mcp_header_maps={},
        _tool_output_schemas={},
        _tool_output_validators={},
    )
    page = types.ListToolsResult.model_validate(json.loads(raw)["result"], by_name=False)
    kept = ClientSession._absorb_tool_listing(state, page, complete=True)  # type: ignore[arg-type]
    dumps = [t.model_dump(by_alias=True, exclude_none=True, mode="json") for t in kept.tools]
    return dumps, state._x_mcp_header_maps


@pytest.fixture
def dumps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the chunks :func:`chunk_facts.chunk_facts` was asked about."""
    catalog_proof.forget()
    sizes: list[int] = []
    real = chunk_facts.chunk_facts
    monkeypatch.setattr(chunk_facts, "chunk_facts", lambda items: sizes.append(len(items)) or real(items))
    return sizes


async def read_all(raw: bytes | str) -> tuple[list[dict[str, Any]], RawClient]:
    client = RawClient(parsed_page(raw))
    page = await read_page(client, "tool", None, 0, [])
    tool_bookkeeping.flush(client.session)
    return page.items, client


async def test_a_plain_page_is_proven_once_and_kept_as_the_per_chunk_way_keeps_it(dumps):
    tools = [tool(i) for i in range(CHUNK * 2 + 10)]
    tools[0]["inputSchema"]["properties"]["text"]["default"] = None  # a deep null, as the demo has
    raw = body(tools)
    assert len(raw) >= lean_messages.LEAN_PARSE_BYTES
    items, client = await read_all(raw)
    assert dumps == []  # no chunk dumped
    assert items == sdk_own(raw)[0] == tools
    from_text, _ = await read_all(raw.decode("utf-8") + " ")  # the same page as text: proven too
    assert dumps == [] and from_text == items
    catalog_proof.forget()  # proven pages forgotten: each chunk is dumped again, same items
    page = await read_page(RawClient(json.loads(raw)["result"]), "tool", None, 0, [])
    assert dumps == [CHUNK, CHUNK, 10] and page.items == items


ESCAPED_HEADER = (
    '{"name":"spelled","inputSchema":{"type":"object","properties":'
    '{"region":{"type":"string","x-mcp-h\\u0065ader":"Region"}}}}'
)


@pytest.mark.parametrize(
    "extra",
    [
        ESCAPED_HEADER,  # the key spelled with an escape: the SDK maps it
        '{"name":"plain","description":"se\\u00f1or","inputSchema":{"type":"object"}}',  # any \u
        '{"name":"headed","inputSchema":{"type":"object","properties":'
        '{"a":{"type":"string","x-mcp-header":"A"}}}}',
        '{"name":"nan","inputSchema":{"type":"object","default":NaN}}',
        '{"name":"inf","inputSchema":{"type":"object","default":-Infinity}}',
        '{"name":"big","inputSchema":{"type":"object","default":1e400}}',
        '{"name":"long","inputSchema":{"type":"object","default":' + "9" * 309 + ".5}}",
    ],
)
async def test_a_body_the_proof_cannot_vouch_for_is_read_a_chunk_at_a_time(dumps, extra):
    tools = [tool(i) for i in range(CHUNK + 5)]
    raw = body(tools, extra)
    items, client = await read_all(raw)
    assert dumps == [CHUNK, 6]  # the per-chunk way
    expected, maps = sdk_own(raw)
    assert items == expected  # NaN / infinity as the typed dump writes them (null)
    assert client.state._x_mcp_header_maps == maps
    if extra is ESCAPED_HEADER:
        assert "spelled" in maps  # what the proof must not have hidden


def test_the_proof_itself():
    catalog_proof.forget()
    clean = body([tool(1)])
    page = json.loads(clean)
    items = page["result"]["tools"]
    assert catalog_proof.remember(clean, page, False, KEY)
    assert catalog_proof.proven([*items]) is False  # an equal list is not the list proven
    assert catalog_proof.proven(items) is True
    assert catalog_proof.proven(items) is False  # once
    assert catalog_proof.remember(clean, page, False, KEY)
    items.append(tool(2))
    assert catalog_proof.proven(items) is False  # changed since
    assert not catalog_proof.remember(clean, page, True, KEY)  # a NaN/Infinity token was parsed
    assert not catalog_proof.remember(clean, {"result": {"content": []}}, False, KEY)  # no catalog list
    assert not catalog_proof.remember(clean, {"result": {"tools": [], "prompts": []}}, False, KEY)
    assert not catalog_proof.remember(clean, [1], False, KEY)
    assert catalog_proof.remember(clean.replace(b"Echo", rb"E\n\"cho"), page, False, KEY)  # no \u: fine
    kept = [json.loads(clean) for _ in range(catalog_proof.KEPT + 2)]
    for one in kept:
        assert catalog_proof.remember(clean, one, False, KEY)
    assert catalog_proof.proven(kept[0]["result"]["tools"]) is False  # the oldest were let go
    assert catalog_proof.proven(kept[-1]["result"]["tools"]) is True
    catalog_proof.forget()


async def test_a_none_field_in_a_one_shape_proven_chunk_is_left_out_as_the_typed_dump_does(dumps):
    tools = [{"name": f"t{i}", "title": f"T{i}", **tool(i)} for i in range(CHUNK + 5)]  # model order
    tools[7]["title"] = None
    raw = body(tools)
    items, _ = await read_all(raw)
    assert dumps == []  # proven: no dump, yet the None field was found
    assert items == sdk_own(raw)[0]
    assert "title" not in items[7] and items[8]["title"] == "T8"


def test_nullable_fields_are_the_plain_fields_that_admit_none():
    assert catalog_pages.nullable_fields("tool") == {"title", "description", "outputSchema", "_meta"}
    assert "name" not in catalog_pages.nullable_fields("resource")
    assert "uri" not in catalog_pages.nullable_fields("resource")


async def test_over_the_demo_the_parsed_list_itself_reaches_the_read(dumps):
    with running_demo("--bulk-tools", "2500") as demo:
        async with Client(demo.url) as client:
            catalog = await fetch_catalog(client, "http")
            expected = []
            cursor = None
            while True:
                listed = await client.list_tools(cursor=cursor, cache_mode="bypass")
                expected += [
                    t.model_dump(by_alias=True, exclude_none=True, mode="json") for t in listed.tools
                ]
                if (cursor := listed.next_cursor) is None:
                    break
    assert len(catalog.tools) > 2500
    assert sum(dumps) < 100  # the tools page was proven (the small lists are dumped as before)
    assert catalog.tools == expected
    assert typed("tool", catalog.tools[-1]) == listed.tools[-1]


@pytest.mark.parametrize("text", [b"1e400", b"x-mcp-header", b"\\u0041", b"7" * 309 + b".5"])
@pytest.mark.parametrize("as_text", [False, True])
def test_a_pattern_across_two_slices_is_still_seen(monkeypatch, text, as_text):
    monkeypatch.setattr(catalog_proof, "SLICE", 64)
    page = {"result": {"tools": []}}
    for offset in range(0, 140, 3):  # the pattern before, across and after each slice boundary
        raw = b" " * offset + text + b" " * 100
        assert not catalog_proof.remember(raw.decode() if as_text else raw, page, False, KEY), offset
    assert catalog_proof.remember(b" " * 300, page, False, KEY)
    catalog_proof.forget()


async def test_invalid_items_in_a_proven_page_are_flagged_and_the_rest_kept(dumps):
    tools: list[Any] = [tool(i) for i in range(CHUNK * 2 + 5)]
    tools[3] = 5  # no object at all
    tools[CHUNK + 7] = {"name": "broken", "inputSchema": {"type": "array"}}  # the wire check refuses it
    tools[CHUNK + 9] = {
        "name": 7,
        "description": "d",
        "inputSchema": {"type": "object"},
    }  # one shape, bad name
    client = RawClient(parsed_page(body(tools)))
    invalid: list[dict[str, Any]] = []
    page = await read_page(client, "tool", None, 0, invalid)
    assert [(r["index"], r["name"]) for r in invalid] == [(3, None), (CHUNK + 7, "broken"), (CHUNK + 9, None)]
    assert page.items == [t for i, t in enumerate(tools) if i not in (3, CHUNK + 7, CHUNK + 9)]
    assert dumps == []
