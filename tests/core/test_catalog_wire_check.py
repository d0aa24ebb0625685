"""The SDK's wire check left out only where it certainly passes (core/catalog_wire_check.py).

Soundness, on the SDK's own wire models of both eras and all four catalog lists: random items
and chunks built from valid and wrong parts are proven only when the SDK's check passes them,
and the plain valid ones are proven (or the proof would be for nothing). Unit: forms outside the
whitelist keep the check. Read: a proven page runs the wire check on no plain chunk, and an item
only the wire model refuses (``inputSchema`` of type ``array``) is still left out and recorded.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from mcp_types import methods
from pydantic import BaseModel, ConfigDict

from mcptui.core import catalog_proof
from mcptui.core.catalog_pages import CHUNK, read_page
from mcptui.core.catalog_wire_check import implied, item_shape
from tests.core.test_catalog_model_check import (
    Checked,
    Factory,
    Posted,
    Short,
    Strict,
    Stripped,
    Validated,
    Whole,
)
from tests.core.test_catalog_proof import RawClient, body, parsed_page, sdk_own, tool


class Forbidding(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str


ERAS = {"2025-11-25": {}, "2026-07-28": {"cacheScope": "public", "resultType": "complete", "ttlMs": 0}}

SCHEMAS: list[Any] = [
    {"type": "object"},
    {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"], "title": "t"},
    {"type": "object", "$schema": "https://json-schema.org/draft/2020-12/schema"},
    {"type": "object", "properties": {"a": True}},
    {"type": "array"},
    {},
    {"type": "object", "$schema": 3},
    {"type": "object", "schema_": "x"},
    {"type": "object", "properties": {"a": 1}},
    {"type": "object", "properties": []},
    {"type": "object", "required": [1]},
    {"type": "object", "required": "a"},
    {"type": ["object"]},
    "object",
    None,
    [],
]
TEXTS: list[Any] = ["text", "", None, 2, True, [], {"a": 1}]
EXTRAS: dict[str, list[Any]] = {
    "_meta": [{}, {"k": 1}, None, "m", {"io.modelcontextprotocol/serverInfo": 1}],
    "icons": [[], [{"src": "https://x.test/i.png"}], [{"src": 1}], [{}], None, {}],
    "annotations": [{"readOnlyHint": True}, {"readOnlyHint": "yes"}, {"title": 1}, None],
    "arguments": [[], [{"name": "a", "required": True}], [{"name": 1}], [{"description": "x"}], None, {}],
    "size": [3, "3", None, -1, 1.5],
}
KEYS = {
    "tools/list": ("tools", {"name": TEXTS, "title": TEXTS, "description": TEXTS, "inputSchema": SCHEMAS,
                             "outputSchema": SCHEMAS, "_meta": EXTRAS["_meta"], "icons": EXTRAS["icons"],
                             "annotations": EXTRAS["annotations"]}),
    "prompts/list": ("prompts", {"name": TEXTS, "title": TEXTS, "description": TEXTS,
                                 "arguments": EXTRAS["arguments"], "_meta": EXTRAS["_meta"]}),
    "resources/list": ("resources", {"uri": ["file:///a", "x", 1, None], "name": TEXTS, "title": TEXTS,
                                     "description": TEXTS, "mimeType": TEXTS, "size": EXTRAS["size"],
                                     "_meta": EXTRAS["_meta"]}),
    "resources/templates/list": ("resourceTemplates", {"uriTemplate": ["file:///{a}", 1, None],
                                                       "name": TEXTS, "description": TEXTS,
                                                       "mimeType": TEXTS, "_meta": EXTRAS["_meta"]}),
}  # fmt: skip
VALID = {
    "tools/list": {"name": "t", "description": "d", "inputSchema": SCHEMAS[1], "outputSchema": SCHEMAS[0]},
    "prompts/list": {"name": "p", "description": "d"},
    "resources/list": {"uri": "file:///a", "name": "a", "mimeType": "text/plain"},
    "resources/templates/list": {"uriTemplate": "file:///{a}", "name": "a", "description": "d"},
}


def passes(method: str, version: str, items: list[Any]) -> bool:
    wire_field = KEYS[method][0]
    try:
        methods.validate_server_result(method, version, {**ERAS[version], wire_field: items})
    except Exception:  # noqa: BLE001 - pydantic's ValidationError
        return False
    return True


def random_item(rng: random.Random, method: str) -> dict[str, Any]:
    pools = KEYS[method][1]
    item = dict(VALID[method]) if rng.random() < 0.8 else {}
    for key in rng.sample(sorted(pools), rng.randint(1, 3)):
        item[key] = json.loads(json.dumps(rng.choice(pools[key])))  # a fresh copy, as parsed
    return item


@pytest.mark.parametrize("version", sorted(ERAS))
@pytest.mark.parametrize("method", sorted(KEYS))
def test_an_item_or_chunk_is_proven_only_when_the_sdks_wire_check_passes_it(method, version):
    assert passes(method, version, [])  # the envelope checked (and the adapter built), as a read does
    wire_field = KEYS[method][0]
    rng = random.Random(f"{method} {version}")
    outcomes = {(True, True): 0, (False, True): 0, (False, False): 0}
    for _ in range(2000):
        items = [random_item(rng, method) for _ in range(rng.choice((1, 1, 3)))]
        proven, passed = implied(method, version, wire_field, items), passes(method, version, items)
        assert passed or not proven, items  # never proven where the check fails
        outcomes[proven, passed] += 1
    assert outcomes[True, True] > 100  # the plain valid ones are proven
    assert outcomes[False, False] > 100  # and the fuzz makes wrong ones
    assert implied(method, version, wire_field, [VALID[method]] * 5)


def test_the_demos_tools_are_proven_in_both_eras():
    raw = json.loads(body([tool(i) for i in range(10)]))["result"]
    for version in ERAS:
        assert passes("tools/list", version, [])
        assert implied("tools/list", version, "tools", raw["tools"])


class Item(BaseModel):
    name: str
    note: str | None = None


class Page(BaseModel):
    items: list[Item]


class Nesting(BaseModel):
    name: str
    inner: Validated | None = None  # a nested model with a validator


def proven(model: type[BaseModel], items: list[Any]) -> bool:
    page = type(f"PageOf{model.__name__}", (BaseModel,), {"__annotations__": {"items": list[model]}})  # type: ignore[valid-type]
    page.model_validate({"items": []})
    shape = item_shape(page, "items", page.__pydantic_core_schema__)
    return shape is not None and shape.accepts(items)


def test_a_plain_model_is_proven_and_a_wrong_value_or_a_missing_field_is_not():
    Page.model_validate({"items": []})
    shape = item_shape(Page, "items", Page.__pydantic_core_schema__)
    assert shape is not None
    assert shape.accepts([{"name": "a", "note": None}, {"name": "b"}, {"name": "c", "other": 1}])
    assert not shape.accepts([{"name": 1}])
    assert not shape.accepts([{"note": "n"}])  # name is required
    assert not shape.accepts([{"name": "a"}, "b"])  # not a dict


@pytest.mark.parametrize(
    "model", [Strict, Stripped, Forbidding, Factory, Short, Checked, Validated, Whole, Posted]
)
def test_anything_beyond_a_plain_model_keeps_the_check(model):
    assert not proven(model, [{"name": "abc"}])


def test_a_nested_model_with_a_validator_keeps_the_check_only_where_it_is_present():
    assert proven(Nesting, [{"name": "a"}])  # the field is absent: nothing of it to check
    assert not proven(Nesting, [{"name": "a", "inner": {"name": "b"}}])
    assert proven(Nesting, [{"name": "a", "inner": None}])


async def test_a_proven_page_runs_the_wire_check_only_where_it_is_not_proven(monkeypatch):
    catalog_proof.forget()
    checked: list[int] = []
    real = methods.validate_server_result

    def counting(method: str, version: str, data: Any, **kwargs: Any) -> None:
        checked.append(len(data.get("tools", ())))
        real(method, version, data, **kwargs)

    monkeypatch.setattr(methods, "validate_server_result", counting)
    tools: list[Any] = [tool(i) for i in range(CHUNK * 3)]
    tools[CHUNK + 2] = {**tool(-1), "annotations": {"readOnlyHint": True}}  # not as sent: checked
    raw = body(tools)
    page = await read_page(RawClient(parsed_page(raw)), "tool", None, 0, [])
    assert checked == [0, CHUNK]  # the envelope (page_checker), then the second chunk only
    assert page.items == sdk_own(raw)[0]


async def test_an_item_only_the_wire_model_refuses_is_still_left_out_and_recorded():
    catalog_proof.forget()
    tools: list[Any] = [tool(i) for i in range(CHUNK * 2)]
    tools[5] = {**tool(5), "inputSchema": {"type": "array"}}  # a dict: the version-free model takes it
    invalid: list[dict[str, Any]] = []
    page = await read_page(RawClient(parsed_page(body(tools))), "tool", None, 0, invalid)
    assert [record["index"] for record in invalid] == [5]
    assert len(page.items) == CHUNK * 2 - 1
    assert "bulk_5" not in {item["name"] for item in page.items}
