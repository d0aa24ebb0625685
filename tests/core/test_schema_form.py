"""build_form: JSON Schema → FormField tree (kinds, refs, allOf, unions, enums, weird schemas)."""

from __future__ import annotations

import pytest

from mcptui.core.schema_form import KINDS, FormField, build_form
from tests.core.schema_samples import PYDANTIC, ZOD, SearchArgs, obj


def test_pydantic_schema_builds_the_expected_tree():
    form = build_form(PYDANTIC)
    assert form.kind == "object" and form.path == () and form.name == ""
    assert [c.name for c in form.children] == list(SearchArgs.model_fields)
    query = form.child("query")
    assert (query.kind, query.required, query.title, query.description) == (
        "string",
        True,
        "Query",
        "what to look for",
    )
    assert query.label() == "Query *"
    limit = form.child("limit")
    assert limit.kind == "integer" and not limit.required
    assert (limit.default, limit.has_default) == (10, True)
    assert limit.constraints == {"minimum": 1, "maximum": 100}
    assert limit.summary() == "integer ≥ 1, ≤ 100"
    mode = form.child("mode")
    assert mode.kind == "enum" and mode.enum == ["fast", "slow"]
    home = form.child("home")
    assert home.kind == "object" and home.required and not home.nullable
    assert [(c.path, c.required) for c in home.children] == [
        (("home", "city"), True),
        (("home", "zip"), False),
    ]
    assert home.child("zip").nullable and home.child("zip").kind == "string"
    address = form.child("address")  # anyOf [$ref, null] → the object, nullable
    assert address.kind == "object" and address.nullable and address.has_default and address.default is None
    assert address.title == "Address"
    tags = form.child("tags")
    assert tags.kind == "array" and tags.item.kind == "string" and tags.item.path == ("tags", 0)
    either = form.child("either")
    assert either.kind == "union" and [v.kind for v in either.variants] == ["integer", "string"]
    assert [v.title for v in either.variants] == ["integer", "string"]


def test_recursive_ref_stops_at_the_cycle_as_json():
    form = build_form(PYDANTIC)
    tree = form.child("tree")
    assert tree.kind == "object" and tree.nullable
    children = tree.child("children")
    assert children.kind == "array"
    assert children.item.kind == "json" and children.item.title == "Node"
    assert form.find(("tree", "children", 3)) is children.item


def test_self_referencing_root_is_cycle_safe():
    schema = {
        "$ref": "#/$defs/T",
        "$defs": {"T": obj({"next": {"$ref": "#/$defs/T"}, "v": {"type": "integer"}})},
    }
    form = build_form(schema)
    assert form.kind == "object"
    assert form.child("next").kind == "json" and form.child("v").kind == "integer"


def test_mutually_recursive_defs_and_ref_to_ref():
    schema = {
        "definitions": {
            "A": obj({"b": {"$ref": "#/definitions/B"}}),
            "B": obj({"a": {"$ref": "#/definitions/A"}, "n": {"$ref": "#/definitions/N"}}),
            "N": {"$ref": "#/definitions/M"},
            "M": {"type": "number", "title": "Em"},
        },
        **obj({"start": {"$ref": "#/definitions/A"}}),
    }
    start = build_form(schema).child("start")
    assert start.child("b").child("a").kind == "json"
    n = start.child("b").child("n")
    assert n.kind == "number" and n.title == "Em"


def test_zod_schema_additional_properties_false_and_pointer_ref():
    form = build_form(ZOD)
    assert not form.allows_extra
    assert form.child("url").format == "uri" and form.child("url").required
    again = form.child("again")
    assert again.kind == "string" and again.format == "uri" and not again.required


def test_ref_siblings_override_target_annotations():
    schema = {
        "$defs": {"Color": {"type": "string", "enum": ["r", "g"], "title": "Color"}},
        **obj({"c": {"$ref": "#/$defs/Color", "description": "pick one", "default": "g"}}),
    }
    c = build_form(schema).child("c")
    assert (c.kind, c.enum, c.description, c.default) == ("enum", ["r", "g"], "pick one", "g")


@pytest.mark.parametrize(
    ("schema", "kind"),
    [
        ({"type": "string"}, "string"),
        ({"type": "number"}, "number"),
        ({"type": "integer"}, "integer"),
        ({"type": "boolean"}, "boolean"),
        ({"type": "null"}, "null"),
        ({"enum": [1, 2]}, "enum"),
        ({"const": "x"}, "enum"),
        (obj({"a": {"type": "string"}}), "object"),
        ({"type": "array", "items": {"type": "string"}}, "array"),
        ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, "union"),
        ({"type": "object", "additionalProperties": {"type": "string"}}, "json"),
        ({}, "json"),
    ],
)
def test_every_kind(schema, kind):
    form = build_form(obj({"x": schema}))
    assert form.child("x").kind == kind
    assert kind in KINDS


@pytest.mark.parametrize(
    "schema",
    [
        {"description": "no type at all"},
        {"type": "strnig"},
        {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]},
        {"type": "array", "items": [{"type": "string"}]},
        {"$ref": "#/$defs/Missing"},
        {"$ref": "https://example.com/remote.json"},
        {"$ref": 5},
        {"allOf": ["nonsense"]},
        {"type": 7, "properties": 3},
        {"anyOf": "oops"},
        True,
        5,
        None,
        [1, 2],
    ],
)
def test_weird_schemas_degrade_to_json_without_raising(schema):
    f = build_form(obj({"x": schema})).child("x")
    assert f.kind == "json"
    assert f.label() == "x"


def test_weird_root_schemas_never_raise():
    assert build_form(None).kind == "object" and build_form(None).children == []
    assert build_form({}).kind == "object"
    assert build_form({"type": "object"}).kind == "object"
    assert build_form({"type": "object", "properties": "bad"}).children == []
    assert build_form({"type": "string"}).kind == "string"
    assert build_form({"$ref": "#"}).kind == "json"  # the root refers to itself


def test_missing_type_with_properties_or_items_is_inferred():
    f = build_form(
        obj({"o": {"properties": {"a": {"type": "integer"}}}, "l": {"items": {"type": "integer"}}})
    )
    assert f.child("o").kind == "object" and f.child("o").child("a").kind == "integer"
    assert f.child("l").kind == "array" and f.child("l").item.kind == "integer"


def test_array_without_items_has_a_json_item():
    arr = build_form(obj({"l": {"type": "array"}})).child("l")
    assert arr.kind == "array" and arr.item.kind == "json"


def test_nullable_forms():
    f = build_form(
        obj(
            {
                "a": {"type": ["string", "null"]},
                "b": {
                    "anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}],
                    "title": "B",
                    "default": None,
                },
                "c": {"type": "string", "nullable": True},
                "d": {"enum": ["x", None]},
                "e": {"oneOf": [{"type": "null"}, {"type": "boolean"}]},
                "f": {"type": ["null"]},
            }
        )
    )
    a, b, c, d, e, nul = f.children
    assert (a.kind, a.nullable) == ("string", True)
    assert (b.kind, b.nullable, b.title, b.constraints, b.has_default) == (
        "integer",
        True,
        "B",
        {"minimum": 0},
        True,
    )
    assert (c.kind, c.nullable) == ("string", True)
    assert (d.kind, d.nullable, d.enum) == ("enum", True, ["x"])
    assert (e.kind, e.nullable) == ("boolean", True)
    assert nul.kind == "null"
    assert a.summary() == "string or null"


def test_type_list_union_and_nullable_union():
    f = build_form(obj({"u": {"type": ["string", "integer", "null"]}})).child("u")
    assert f.kind == "union" and f.nullable
    assert [(v.kind, v.title, v.nullable) for v in f.variants] == [
        ("string", "string", False),
        ("integer", "integer", False),
    ]


def test_union_lifts_nullability_from_its_alternatives():
    f = build_form(obj({"u": {"anyOf": [{"type": ["string", "null"]}, {"type": "integer"}]}})).child("u")
    assert f.kind == "union" and f.nullable
    assert [(v.kind, v.nullable) for v in f.variants] == [("string", False), ("integer", False)]


def test_unresolvable_ref_inside_allof_keeps_the_fields_own_title():
    f = build_form(obj({"x": {"allOf": [{"$ref": "#/$defs/Gone"}], "title": "Ex"}})).child("x")
    assert (f.kind, f.title) == ("json", "Ex")


def test_union_of_objects_keeps_variant_titles():
    schema = {
        "$defs": {
            "Cat": obj({"meow": {"type": "boolean"}}, title="Cat"),
            "Dog": obj({"bark": {"type": "boolean"}}, title="Dog"),
        },
        **obj({"pet": {"oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}]}}),
    }
    pet = build_form(schema).child("pet")
    assert pet.kind == "union"
    assert [(v.title, v.children[0].name) for v in pet.variants] == [("Cat", "meow"), ("Dog", "bark")]


def test_enum_labels_from_one_of_consts_and_enum_names():
    f = build_form(
        obj(
            {
                "color": {
                    "type": "string",
                    "oneOf": [{"const": "r", "title": "Red"}, {"const": "g", "title": "Green"}],
                },
                "size": {"type": "string", "enum": ["s", "l"], "enumNames": ["Small", "Large"]},
                "plain": {"enum": [1, 2]},
                "multi": {
                    "type": "array",
                    "items": {"anyOf": [{"const": "a", "title": "A"}, {"const": "b"}]},
                },
            }
        )
    )
    color, size, plain, multi = f.children
    assert color.kind == "enum" and color.options() == [("Red", "r"), ("Green", "g")]
    assert size.options() == [("Small", "s"), ("Large", "l")]
    assert plain.options() == [("1", 1), ("2", 2)] and plain.enum_labels is None
    assert multi.item.kind == "enum" and multi.item.options() == [("A", "a"), ("b", "b")]


def test_anyof_used_as_constraint_only_does_not_become_a_union():
    schema = obj(
        {"a": {"type": "string"}, "b": {"type": "string"}}, anyOf=[{"required": ["a"]}, {"required": ["b"]}]
    )
    form = build_form(schema)
    assert form.kind == "object" and [c.name for c in form.children] == ["a", "b"]


def test_allof_merges_properties_required_and_annotations():
    schema = {
        "$defs": {"Base": obj({"id": {"type": "integer"}}, ["id"])},
        **obj(
            {
                "thing": {
                    "allOf": [
                        {"$ref": "#/$defs/Base"},
                        obj({"name": {"type": "string"}, "id": {"minimum": 1}}, ["name"]),
                    ],
                    "title": "Thing",
                    "description": "merged",
                }
            }
        ),
    }
    thing = build_form(schema).child("thing")
    assert thing.kind == "object" and (thing.title, thing.description) == ("Thing", "merged")
    assert [(c.name, c.kind, c.required) for c in thing.children] == [
        ("id", "integer", True),
        ("name", "string", True),
    ]
    assert thing.child("id").constraints == {"minimum": 1}


def test_pydantic_v1_style_allof_single_ref_with_default():
    schema = {
        "definitions": {"Mode": {"title": "Mode", "enum": ["a", "b"], "type": "string"}},
        **obj({"mode": {"allOf": [{"$ref": "#/definitions/Mode"}], "default": "b"}}),
    }
    mode = build_form(schema).child("mode")
    assert (mode.kind, mode.enum, mode.default, mode.has_default) == ("enum", ["a", "b"], "b", True)


def test_arrays_of_objects_and_nested_objects():
    schema = obj(
        {
            "people": {
                "type": "array",
                "items": obj({"name": {"type": "string"}, "age": {"type": "integer"}}, ["name"]),
            }
        }
    )
    people = build_form(schema).child("people")
    assert people.item.kind == "object"
    assert [c.path for c in people.item.children] == [("people", 0, "name"), ("people", 0, "age")]
    assert people.item.child("name").required
    assert build_form(schema).find(("people", 5, "age")).kind == "integer"
    assert build_form(schema).find(("people", "x")) is None


def test_formats_and_constraints_are_recorded():
    f = build_form(
        obj(
            {
                "when": {"type": "string", "format": "date-time"},
                "mail": {"type": "string", "format": "email", "minLength": 3, "pattern": "@"},
                "list": {"type": "array", "items": {"type": "integer"}, "minItems": 1, "uniqueItems": True},
            }
        )
    )
    assert f.child("when").format == "date-time" and f.child("when").summary() == "string (date-time)"
    assert f.child("mail").constraints == {"minLength": 3, "pattern": "@"}
    assert f.child("list").constraints == {"minItems": 1, "uniqueItems": True}
    assert f.child("list").summary() == "array of integer"


def test_find_walks_through_union_alternatives():
    schema = obj({"pet": {"anyOf": [{"type": "string"}, obj({"name": {"type": "string"}})]}})
    form = build_form(schema)
    assert form.find(("pet", "name")).path == ("pet", "name")
    assert form.find(("pet", "nope")) is None
    assert form.find(()) is form


def test_very_deep_nesting_degrades_to_json_past_the_depth_limit():
    schema: dict = {"type": "integer"}
    for _ in range(40):
        schema = obj({"n": schema})
    node = build_form(schema)
    depth = 0
    while node.kind == "object":
        node, depth = node.child("n"), depth + 1
    assert node.kind == "json" and 20 <= depth < 40


def test_label_falls_back_to_name_and_marks_required():
    f = build_form(obj({"a": {"type": "string"}, "b": {"type": "string", "title": "Bee"}}, ["a"]))
    assert [c.label() for c in f.children] == ["a *", "Bee"]
    assert FormField(path=(), name="", kind="json").label() == "value"
