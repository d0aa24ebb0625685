"""Every rule of mcptui.core.catalog_diff (see its docstring), on small hand-made snapshots."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from mcptui.core.catalog import Catalog
from mcptui.core.catalog_diff import EXIT_BREAKING, EXIT_DIFFERENT, EXIT_SAME, diff_snapshots
from mcptui.core.catalog_snapshot import from_catalog


def tool(name: str = "t", **fields: Any) -> dict[str, Any]:
    return {"name": name, "inputSchema": {"type": "object", "properties": {}}, **fields}


def snap(**lists: Any) -> dict[str, Any]:
    return from_catalog(
        Catalog(
            tools=lists.get("tools", []),
            prompts=lists.get("prompts", []),
            resources=lists.get("resources", []),
            resource_templates=lists.get("templates", []),
            capabilities=lists.get("capabilities", {}),
            instructions=lists.get("instructions"),
            server_info=lists.get("server_info", {"name": "s", "version": "1"}),
            protocol_version=lists.get("protocol_version", "2026-07-28"),
            transport=lists.get("transport", "http"),
        )
    )


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    return [(c.what, c.name, c.path, c.breaking) for c in diff_snapshots(before, after).changes]


def schema_change(
    old: dict[str, Any], new: dict[str, Any], field: str = "inputSchema"
) -> list[tuple[str, str, bool]]:
    """(what, path, breaking) of the changes from a tool with schema ``old`` to one with ``new``."""
    found = changes(snap(tools=[tool(**{field: old})]), snap(tools=[tool(**{field: new})]))
    return [(what, path, breaking) for what, _name, path, breaking in found]


def obj(properties: dict[str, Any], required: list[str] | None = None, **more: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        **({"required": required} if required else {}),
        **more,
    }


# ------------------------------------------------------------------ items


def test_same_catalog_is_same_even_over_another_era_transport_or_time() -> None:
    a = snap(tools=[tool("x")], protocol_version="2025-11-25", transport="stdio")
    b = snap(
        tools=[tool("x")],
        protocol_version="2026-07-28",
        transport="http",
        server_info={"name": "s", "version": "2"},
    )
    diff = diff_snapshots(a, b)
    assert diff.changes == [] and diff.exit_code == EXIT_SAME
    assert diff.before["protocolVersion"] == "2025-11-25" and diff.after["transport"] == "http"


@pytest.mark.parametrize(
    ("listing", "item"),
    [
        ("tools", tool("x")),
        ("prompts", {"name": "x"}),
        ("resources", {"name": "r", "uri": "x"}),
        ("templates", {"name": "r", "uriTemplate": "x"}),
    ],
)
def test_item_removed_is_breaking_and_added_is_not(listing: str, item: dict[str, Any]) -> None:
    kind = {"tools": "tool", "prompts": "prompt", "resources": "resource", "templates": "resourceTemplate"}[
        listing
    ]
    removed = diff_snapshots(snap(**{listing: [item]}), snap())
    assert [(c.kind, c.name, c.what, c.breaking) for c in removed.changes] == [(kind, "x", "removed", True)]
    assert removed.exit_code == EXIT_BREAKING
    added = diff_snapshots(snap(), snap(**{listing: [item]}))
    assert [(c.kind, c.name, c.what, c.breaking) for c in added.changes] == [(kind, "x", "added", False)]
    assert added.exit_code == EXIT_DIFFERENT


def test_description_and_title_changes_are_not_breaking() -> None:
    assert changes(
        snap(tools=[tool(description="a", title="A")]), snap(tools=[tool(description="b", title="B")])
    ) == [
        ("changed", "t", "description", False),
        ("changed", "t", "title", False),
    ]


def test_snapshot_order_does_not_matter() -> None:
    a = snap(tools=[tool("a"), tool("b")])
    b = snap(tools=[tool("b"), tool("a")])
    assert a["tools"] == b["tools"] and diff_snapshots(a, b).changes == []


# ------------------------------------------------------------------ input schema


def test_input_property_added_optional_is_not_breaking_required_is() -> None:
    assert schema_change(obj({}), obj({"a": {"type": "string"}})) == [
        ("added", "inputSchema.properties.a", False)
    ]
    assert schema_change(obj({}), obj({"a": {"type": "string"}}, ["a"])) == [
        ("added", "inputSchema.properties.a", False),
        ("added", "inputSchema.required.a", True),
    ]


def test_input_required_removed_is_not_breaking_property_removed_is() -> None:
    assert schema_change(obj({"a": {}}, ["a"]), obj({"a": {}})) == [
        ("removed", "inputSchema.required.a", False)
    ]
    assert schema_change(obj({"a": {}}), obj({})) == [("removed", "inputSchema.properties.a", True)]


@pytest.mark.parametrize(
    ("old", "new", "what", "breaking"),
    [
        (["string", "null"], "string", "narrowed", True),
        ("number", "integer", "narrowed", True),
        ("string", ["string", "null"], "widened", False),
        ("integer", "number", "widened", False),
        ("string", "integer", "changed", True),
    ],
)
def test_input_type_rules(old: Any, new: Any, what: str, breaking: bool) -> None:
    assert schema_change(obj({"a": {"type": old}}), obj({"a": {"type": new}})) == [
        (what, "inputSchema.properties.a.type", breaking)
    ]


def test_input_enum_value_removed_is_breaking_added_is_not() -> None:
    old = obj({"c": {"type": "string", "enum": ["r", "g", "b"]}})
    assert schema_change(old, obj({"c": {"type": "string", "enum": ["r", "g"]}})) == [
        ("removed", "inputSchema.properties.c.enum", True)
    ]
    assert schema_change(old, obj({"c": {"type": "string", "enum": ["r", "g", "b", "y"]}})) == [
        ("added", "inputSchema.properties.c.enum", False)
    ]


def test_input_enum_introduced_is_breaking_dropped_is_not() -> None:
    plain, listed = obj({"c": {"type": "string"}}), obj({"c": {"type": "string", "enum": ["r"]}})
    assert schema_change(plain, listed) == [("narrowed", "inputSchema.properties.c.enum", True)]
    assert schema_change(listed, plain) == [("widened", "inputSchema.properties.c.enum", False)]


def test_default_changed_is_reported_not_breaking() -> None:
    assert schema_change(
        obj({"d": {"type": "integer", "default": 3}}), obj({"d": {"type": "integer", "default": 5}})
    ) == [("changed", "inputSchema.properties.d.default", False)]


def test_const_changed_is_breaking() -> None:
    assert schema_change(obj({"k": {"const": "a"}}), obj({"k": {"const": "b"}})) == [
        ("changed", "inputSchema.properties.k.const", True)
    ]


@pytest.mark.parametrize(
    ("key", "old", "new", "breaking"),
    [
        ("minimum", 1, 2, True),
        ("minimum", 2, 1, False),
        ("maximum", 7, 5, True),
        ("maximum", 5, 7, False),
        ("maxLength", None, 10, True),
        ("maxLength", 10, None, False),
    ],
)
def test_input_bounds_tightened_are_breaking(key: str, old: Any, new: Any, breaking: bool) -> None:
    def schema(value: Any) -> dict[str, Any]:
        return obj({"n": {"type": "integer", **({key: value} if value is not None else {})}})

    assert schema_change(schema(old), schema(new)) == [
        ("changed", f"inputSchema.properties.n.{key}", breaking)
    ]


def test_input_additional_properties_closed_is_breaking_opened_is_not() -> None:
    assert schema_change(obj({}), obj({}, additionalProperties=False)) == [
        ("narrowed", "inputSchema.additionalProperties", True)
    ]
    assert schema_change(obj({}, additionalProperties=False), obj({})) == [
        ("widened", "inputSchema.additionalProperties", False)
    ]


def test_composition_changes_are_assumed_breaking_and_notes_are_not() -> None:
    assert schema_change(
        obj({"u": {"anyOf": [{"type": "string"}]}}), obj({"u": {"anyOf": [{"type": "integer"}]}})
    ) == [("changed", "inputSchema.properties.u.anyOf", True)]
    assert schema_change(obj({"u": {"description": "a"}}), obj({"u": {"description": "b"}})) == [
        ("changed", "inputSchema.properties.u.description", False)
    ]


def test_nested_objects_arrays_and_local_refs_are_followed() -> None:
    def schema(city_type: str) -> dict[str, Any]:
        return {
            "type": "object",
            "$defs": {"Address": {"type": "object", "properties": {"city": {"type": city_type}}}},
            "properties": {"stops": {"type": "array", "items": {"$ref": "#/$defs/Address"}}},
        }

    assert schema_change(schema("string"), schema("integer")) == [
        ("changed", "inputSchema.properties.stops[].properties.city.type", True)
    ]


# ------------------------------------------------------------------ output schema


def test_output_schema_rules_are_the_mirror_of_input() -> None:
    out = "outputSchema"
    base = obj({"a": {"type": "string"}, "b": {"type": "string", "enum": ["x"]}}, ["a"])
    removed_field = obj({"b": {"type": "string", "enum": ["x"]}})
    assert ("removed", "outputSchema.properties.a", True) in schema_change(base, removed_field, out)
    assert ("removed", "outputSchema.required.a", True) in schema_change(base, removed_field, out)
    added_field = obj({**base["properties"], "c": {"type": "integer"}}, ["a", "c"])
    assert schema_change(base, added_field, out) == [
        ("added", "outputSchema.properties.c", False),
        ("added", "outputSchema.required.c", False),
    ]
    widened = obj({"a": {"type": ["string", "null"]}, "b": {"type": "string", "enum": ["x"]}}, ["a"])
    assert schema_change(base, widened, out) == [("widened", "outputSchema.properties.a.type", True)]
    more_values = obj({"a": {"type": "string"}, "b": {"type": "string", "enum": ["x", "y"]}}, ["a"])
    assert schema_change(base, more_values, out) == [("added", "outputSchema.properties.b.enum", True)]
    assert schema_change(more_values, base, out) == [("removed", "outputSchema.properties.b.enum", False)]


def test_output_schema_removed_is_breaking_added_is_not() -> None:
    schema = obj({"a": {"type": "string"}})
    assert changes(snap(tools=[tool(outputSchema=schema)]), snap(tools=[tool()])) == [
        ("removed", "t", "outputSchema", True)
    ]
    assert changes(snap(tools=[tool()]), snap(tools=[tool(outputSchema=schema)])) == [
        ("added", "t", "outputSchema", False)
    ]


# ------------------------------------------------------------------ annotations and tasks


@pytest.mark.parametrize(
    ("old", "new", "breaking"),
    [
        ({"readOnlyHint": True}, {"readOnlyHint": False}, True),
        ({"readOnlyHint": False}, {"readOnlyHint": True}, False),
        ({"readOnlyHint": True}, {}, True),  # the default is false
        ({"destructiveHint": False}, {"destructiveHint": True}, True),
        ({"destructiveHint": False}, {}, True),  # the default is true
        ({"destructiveHint": True}, {"destructiveHint": False}, False),
        ({"idempotentHint": True}, {"idempotentHint": False}, True),
        ({"idempotentHint": False}, {"idempotentHint": True}, False),
        ({"openWorldHint": False}, {"openWorldHint": True}, True),
        ({"openWorldHint": True}, {"openWorldHint": False}, False),
        ({"title": "A"}, {"title": "B"}, False),
    ],
)
def test_annotation_rules(old: dict[str, Any], new: dict[str, Any], breaking: bool) -> None:
    found = changes(snap(tools=[tool(annotations=old)]), snap(tools=[tool(annotations=new)]))
    assert [(path.split(".")[0], b) for _what, _n, path, b in found] == [("annotations", breaking)]


def test_destructive_hint_does_not_matter_for_a_read_only_tool() -> None:
    old = {"readOnlyHint": True, "destructiveHint": False}
    new = {"readOnlyHint": True, "destructiveHint": True}
    assert changes(snap(tools=[tool(annotations=old)]), snap(tools=[tool(annotations=new)])) == [
        ("changed", "t", "annotations.destructiveHint", False)
    ]


def test_annotation_made_explicit_with_its_default_is_not_breaking() -> None:
    found = changes(snap(tools=[tool()]), snap(tools=[tool(annotations={"readOnlyHint": False})]))
    assert found == [("changed", "t", "annotations.readOnlyHint", False)]


@pytest.mark.parametrize(
    ("old", "new", "breaking"),
    [
        (None, "optional", False),
        (None, "required", True),
        ("optional", "required", True),
        ("optional", "forbidden", True),
        ("required", "optional", False),
        ("required", None, True),
    ],
)
def test_task_support_rules(old: str | None, new: str | None, breaking: bool) -> None:
    def t(mode: str | None) -> dict[str, Any]:
        return tool(execution={"taskSupport": mode}) if mode else tool()

    assert changes(snap(tools=[t(old)]), snap(tools=[t(new)])) == [
        ("changed", "t", "execution.taskSupport", breaking)
    ]


# ------------------------------------------------------------------ prompts, resources, capabilities


def prompt(*arguments: dict[str, Any]) -> dict[str, Any]:
    return {"name": "p", "arguments": list(arguments)}


def test_prompt_argument_rules() -> None:
    a_opt, a_req = {"name": "a"}, {"name": "a", "required": True}
    assert changes(snap(prompts=[prompt()]), snap(prompts=[prompt(a_opt)])) == [
        ("added", "p", "arguments.a", False)
    ]
    assert changes(snap(prompts=[prompt()]), snap(prompts=[prompt(a_req)])) == [
        ("added", "p", "arguments.a", True)
    ]
    assert changes(snap(prompts=[prompt(a_opt)]), snap(prompts=[prompt()])) == [
        ("removed", "p", "arguments.a", True)
    ]
    assert changes(snap(prompts=[prompt(a_opt)]), snap(prompts=[prompt(a_req)])) == [
        ("changed", "p", "arguments.a.required", True)
    ]
    assert changes(snap(prompts=[prompt(a_req)]), snap(prompts=[prompt(a_opt)])) == [
        ("changed", "p", "arguments.a.required", False)
    ]
    described = {"name": "a", "description": "new words"}
    assert changes(snap(prompts=[prompt(a_opt)]), snap(prompts=[prompt(described)])) == [
        ("changed", "p", "arguments.a.description", False)
    ]


@pytest.mark.parametrize(("listing", "key"), [("resources", "uri"), ("templates", "uriTemplate")])
def test_resource_mime_type_change_is_breaking_description_is_not(listing: str, key: str) -> None:
    item = {"name": "r", key: "demo://x", "mimeType": "text/plain", "description": "a"}
    retyped = {**item, "mimeType": "application/json"}
    described = {**item, "description": "b"}
    assert changes(snap(**{listing: [item]}), snap(**{listing: [retyped]})) == [
        ("changed", "demo://x", "mimeType", True)
    ]
    assert changes(snap(**{listing: [item]}), snap(**{listing: [described]})) == [
        ("changed", "demo://x", "description", False)
    ]


def test_capability_removed_is_breaking_added_is_not() -> None:
    full = {"resources": {"subscribe": True, "listChanged": True}, "tools": {}}
    less = {"resources": {"listChanged": True}, "tools": {}}
    assert changes(snap(capabilities=full), snap(capabilities=less)) == [
        ("removed", "resources.subscribe", "", True)
    ]
    assert changes(snap(capabilities=less), snap(capabilities=full)) == [
        ("added", "resources.subscribe", "", False)
    ]
    assert changes(snap(capabilities=full), snap(capabilities={"tools": {}})) == [
        ("removed", "resources", "", True),
        ("removed", "resources.listChanged", "", True),
        ("removed", "resources.subscribe", "", True),
    ]


def test_instructions_change_counts_but_is_not_breaking() -> None:
    diff = diff_snapshots(snap(instructions="a"), snap(instructions="b"))
    assert [(c.kind, c.breaking) for c in diff.changes] == [("instructions", False)]
    assert diff.exit_code == EXIT_DIFFERENT


# ------------------------------------------------------------------ the diff object


def test_changed_items_marks_and_summary() -> None:
    before = snap(tools=[tool("gone"), tool("kept", description="a"), tool("tight", inputSchema=obj({}))])
    after = snap(
        tools=[tool("kept", description="b"), tool("new"), tool("tight", inputSchema=obj({"x": {}}, ["x"]))]
    )
    diff = diff_snapshots(before, after)
    assert diff.changed_items() == {
        ("tool", "gone"): "removed",
        ("tool", "kept"): "changed",
        ("tool", "new"): "added",
        ("tool", "tight"): "breaking",
    }
    assert diff.summary() == "5 change(s) in 4 item(s) (2 breaking)"
    data = diff.to_json()
    assert data["exitCode"] == EXIT_BREAKING and data["breaking"] is True and len(data["changes"]) == 5


def test_diff_does_not_modify_its_inputs() -> None:
    before = snap(tools=[tool(inputSchema=obj({"a": {"type": "string"}}))])
    after = snap(tools=[tool(inputSchema=obj({"a": {"type": "integer"}}))])
    kept = copy.deepcopy((before, after))
    diff_snapshots(before, after)
    assert (before, after) == kept


def test_diff_catalogs_equal_is_empty_and_different_is_diffed() -> None:
    from mcptui.core.catalog_diff import diff_catalogs

    one = Catalog(tools=[tool("a")], fetched_at=1.0)
    assert diff_catalogs(one, Catalog(tools=[tool("a")], fetched_at=2.0, transport="stdio")).changes == []
    assert [(c.what, c.name) for c in diff_catalogs(one, Catalog(tools=[tool("b")])).changes] == [
        ("removed", "a"),
        ("added", "b"),
    ]
