"""One invalid item in a list: the others are shown, the bad one is named (kind, name, field, why).

The raw stdio server in ``bad-items`` mode sends good tools, prompts, resources and templates
with one invalid entry in each list (two in the tools list, one per page); ``bad-tool`` sends
one good tool and one whose input schema is not an object.
"""

from __future__ import annotations

import json

import pytest

from mcptui.core.catalog import Catalog
from mcptui.core.catalog_items import SPECS, describe, refusal, split_items

from .conftest import hostile, mcptui

BAD_TOOL = "invalid tool 'bro␛ken' (tools[1]) left out: inputSchema.type: Input should be 'object'"
WARNINGS = [
    f"warning: {BAD_TOOL}",
    "warning: invalid tool (tools[3]) left out: name: Field required",
    "warning: invalid prompt 'bad-prompt' (prompts[1]) left out: arguments: Input should be a valid list",
    "warning: invalid resource 'bad-resource' (resources[1]) left out: uri: Input should be a valid string",
    "warning: invalid resource template 'bad-template' (resourceTemplates[0]) left out: uriTemplate: Field required",
]


def test_list_shows_the_valid_items_and_warns_once_per_invalid_one():
    run = mcptui("list", "--", *hostile("bad-items"))
    assert run.code == 0, run.err
    assert run.err.splitlines() == WARNINGS
    for shown in ("echo", "typed", "greet", "file:///readme", "file:///{page}"):
        assert shown in run.out
    assert "\x1b" not in run.out + run.err


def test_list_json_carries_the_invalid_records():
    run = mcptui("list", "--json", "--", *hostile("bad-items"))
    assert run.code == 0, run.err
    wire = json.loads(run.out)
    assert [t["name"] for t in wire["tools"]] == ["echo", "typed"]
    assert [p["name"] for p in wire["prompts"]] == ["greet"]
    assert [r["uri"] for r in wire["resources"]] == ["file:///readme"]
    assert [t["uriTemplate"] for t in wire["resourceTemplates"]] == ["file:///{page}"]
    assert wire["invalid"] == [
        {
            "kind": "tool",
            "name": "bro␛ken",
            "index": 1,
            "field": "inputSchema.type",
            "message": "Input should be 'object'",
        },
        {"kind": "tool", "name": None, "index": 3, "field": "name", "message": "Field required"},
        {
            "kind": "prompt",
            "name": "bad-prompt",
            "index": 1,
            "field": "arguments",
            "message": "Input should be a valid list",
        },
        {
            "kind": "resource",
            "name": "bad-resource",
            "index": 1,
            "field": "uri",
            "message": "Input should be a valid string",
        },
        {
            "kind": "resourceTemplate",
            "name": "bad-template",
            "index": 0,
            "field": "uriTemplate",
            "message": "Field required",
        },
    ]


def test_list_strict_fails_naming_the_first_invalid_item():
    run = mcptui("list", "--strict", "--", *hostile("bad-items"))
    assert run.code == 1
    assert run.out == ""
    assert BAD_TOOL in run.err.splitlines()[0]


def test_a_good_tool_can_be_called_even_with_an_output_schema():
    # the SDK re-lists the tools to find an output schema: that listing holds the bad tool too
    run = mcptui("call", "--json", "typed", "--", *hostile("bad-items"))
    assert run.code == 0, run.err
    assert json.loads(run.out)["structuredContent"] == {"n": 7}
    assert mcptui("call", "echo", "x=1", "--", *hostile("bad-tool")).code == 0


def test_calling_the_invalid_tool_says_its_definition_is_invalid():
    run = mcptui("call", "broken", "--", *hostile("bad-tool"))
    assert run.code == 4
    assert run.err.splitlines()[0].endswith(
        "the server's definition of tool 'broken' is invalid (inputSchema.type: Input should be 'object');"
        " it cannot be called"
    )


def test_getting_the_invalid_prompt_says_its_definition_is_invalid():
    run = mcptui("prompt", "bad-prompt", "--", *hostile("bad-items"))
    assert run.code == 4
    assert run.err.splitlines()[0].endswith(
        "the server's definition of prompt 'bad-prompt' is invalid (arguments: Input should be a valid"
        " list); it cannot be used"
    )


def test_a_refused_page_envelope_is_not_an_item_problem():
    spec = SPECS["tool"]
    assert split_items(spec, "2025-11-25", {"tools": "nope"}, 0) is None
    assert split_items(spec, "2025-11-25", {"tools": [], "nextCursor": 3}, 0) is None


@pytest.mark.parametrize("version", ["2025-11-25", "2026-07-28"])
def test_items_are_checked_with_the_negotiated_versions_schema(version):
    modern = {"resultType": "complete", "cacheScope": "private", "ttlMs": -1}
    envelope = modern if version == "2026-07-28" else {}
    raw = {**envelope, "tools": [{"name": "ok", "inputSchema": {"type": "object"}}, 5, {"name": "x"}]}
    split = split_items(SPECS["tool"], version, raw, 10)
    assert split is not None
    good, bad = split
    assert [tool.name for tool in good] == ["ok"]
    assert [(record["index"], record["field"]) for record in bad] == [(11, ""), (12, "inputSchema")]
    assert describe(bad[0]) == "invalid tool (tools[11]) left out: not an object (int)"


def test_refusal_finds_a_sanitized_name_and_nothing_else():
    record = {"kind": "tool", "name": "bro␛ken", "index": 0, "field": "f", "message": "m"}
    catalog = Catalog(invalid=[record])
    assert refusal(catalog, "tool", "bro\x1bken") is not None
    assert refusal(catalog, "tool", "echo") is None
    assert refusal(catalog, "prompt", "bro\x1bken") is None


def test_the_cache_keeps_the_invalid_records(tmp_path):
    from mcptui.core.catalog import CatalogCache

    record = {"kind": "prompt", "name": "p", "index": 2, "field": "arguments", "message": "m"}
    cache = CatalogCache(tmp_path)
    cache.save("s", Catalog(tools=[{"name": "t"}], invalid=[record]))
    loaded = cache.load("s")
    assert loaded is not None and loaded.invalid == [record]
    (tmp_path / "s.catalog.json").write_text('{"format": 1, "catalog": {"invalid": [3]}}')
    assert cache.load("s") is None and cache.problem  # the wrong shape is set aside, not a crash
