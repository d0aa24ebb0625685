"""The JSON-Schema form model: build_form, initial_value, prune_empty, coerce_value, validate."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from mcptui.core.schema_form import (
    KINDS,
    FormField,
    Issue,
    build_form,
    coerce_value,
    initial_value,
    pick_variant,
    prune_empty,
    validate,
)


def obj(properties: dict, required: list[str] | None = None, **extra) -> dict:
    return {"type": "object", "properties": properties, "required": required or [], **extra}


def messages(schema: dict, value) -> set[str]:
    return {issue.message for issue in validate(schema, value)}


# --- real-world schemas ---------------------------------------------------------------


class Address(BaseModel):
    city: str
    zip: str | None = None


class Node(BaseModel):
    value: int
    children: list[Node] = []


class SearchArgs(BaseModel):
    query: str = Field(description="what to look for")
    limit: int = Field(10, ge=1, le=100)
    mode: Literal["fast", "slow"] = "fast"
    home: Address
    address: Address | None = None
    tags: list[str] = []
    tree: Node | None = None
    either: int | str = 3


PYDANTIC = SearchArgs.model_json_schema()

ZOD = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {
        "url": {"type": "string", "format": "uri"},
        "count": {"type": "number", "minimum": 0},
        "again": {"$ref": "#/properties/url"},
    },
    "required": ["url"],
    "additionalProperties": False,
}


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


def test_label_falls_back_to_name_and_marks_required():
    f = build_form(obj({"a": {"type": "string"}, "b": {"type": "string", "title": "Bee"}}, ["a"]))
    assert [c.label() for c in f.children] == ["a *", "Bee"]
    assert FormField(path=(), name="", kind="json").label() == "value"


# --- initial_value / prune_empty ----------------------------------------------------------


def test_initial_value_fills_defaults_recursively():
    form = build_form(PYDANTIC)
    assert initial_value(form) == {
        "query": None,
        "limit": 10,
        "mode": "fast",
        "home": {"city": None, "zip": None},
        "address": None,
        "tags": [],
        "tree": None,
        "either": 3,
    }


def test_initial_value_object_default_merges_with_property_defaults_and_is_a_copy():
    schema = obj(
        {
            "cfg": obj(
                {"a": {"type": "integer", "default": 1}, "b": {"type": "integer", "default": 2}},
                default={"b": 20},
            ),
            "kind": {"const": "search"},
            "opt_const": {"const": "x"},
            "flag": {"type": "boolean"},
            "list": {"type": "array", "default": [1]},
        },
        ["kind"],
    )
    form = build_form(schema)
    value = initial_value(form)
    assert value == {"cfg": {"b": 20, "a": 1}, "kind": "search", "opt_const": None, "flag": None, "list": [1]}
    value["list"].append(2)
    value["cfg"]["b"] = 0
    assert form.child("list").default == [1] and form.child("cfg").default == {"b": 20}


def test_prune_empty_drops_optional_empties_only():
    form = build_form(PYDANTIC)
    value = initial_value(form)
    value["query"] = ""
    value["home"]["city"] = "Paris"
    assert prune_empty(value, form) == {
        "query": "",  # required: kept (the user may mean the empty string)
        "limit": 10,
        "mode": "fast",
        "home": {"city": "Paris"},
        "either": 3,
    }


def test_prune_empty_keeps_required_nullable_none_and_falsy_values():
    schema = obj(
        {
            "n": {"type": ["integer", "null"]},
            "m": {"type": "integer"},
            "zero": {"type": "integer"},
            "off": {"type": "boolean"},
            "nested": obj({"x": {"type": "string"}}),
            "items": {"type": "array", "items": obj({"a": {"type": "string"}, "b": {"type": "string"}})},
        },
        ["n", "m"],
    )
    form = build_form(schema)
    value = {
        "n": None,
        "m": None,
        "zero": 0,
        "off": False,
        "nested": {"x": ""},
        "items": [{"a": "1", "b": ""}],
        "extra": None,
    }
    assert prune_empty(value, form) == {"n": None, "zero": 0, "off": False, "items": [{"a": "1"}]}


# --- coerce_value ---------------------------------------------------------------------------


def field(schema: dict, *, required: bool = True) -> FormField:
    return build_form(obj({"x": schema}, ["x"] if required else [])).child("x")


@pytest.mark.parametrize(
    ("schema", "text", "expected"),
    [
        ({"type": "string"}, "  hi ", "  hi "),
        ({"type": "string"}, "", ""),
        ({"type": "string"}, "42", "42"),
        ({"type": "integer"}, "42", 42),
        ({"type": "integer"}, " -7 ", -7),
        ({"type": "integer"}, "5.0", 5),
        ({"type": "integer"}, "1e3", 1000),
        ({"type": "integer"}, "", None),
        ({"type": "number"}, "3", 3),
        ({"type": "number"}, "2.5", 2.5),
        ({"type": "number"}, "-1e-3", -0.001),
        ({"type": "boolean"}, "true", True),
        ({"type": "boolean"}, "Yes", True),
        ({"type": "boolean"}, "1", True),
        ({"type": "boolean"}, "off", False),
        ({"type": "boolean"}, "NO", False),
        ({"type": "null"}, "null", None),
        ({"type": ["integer", "null"]}, "null", None),
        ({"enum": ["a", "b"]}, "b", "b"),
        ({"enum": [1, 2]}, "2", 2),
        ({"enum": [True, "x"]}, "true", True),
        ({"oneOf": [{"const": "r", "title": "Red"}, {"const": "g", "title": "Green"}]}, "Green", "g"),
        ({"oneOf": [{"const": "r", "title": "Red"}, {"const": "g", "title": "Green"}]}, "red", "r"),
        ({"enum": ["", "a"]}, "", ""),
        (obj({"a": {"type": "integer"}}), '{"a": 1}', {"a": 1}),
        ({"type": "array", "items": {"type": "integer"}}, "[1, 2]", [1, 2]),
        ({"type": "array", "items": {"type": "integer"}}, "7", [7]),
        ({"type": "array"}, "word", ["word"]),
        ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, "5", 5),
        ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, "five", "five"),
        ({"type": ["boolean", "string"]}, "true", True),
        ({"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]}, '["a"]', ["a"]),
        ({"anyOf": [obj({"a": {"type": "string"}}), {"type": "integer"}]}, "3", 3),
        ({}, '{"free": [1]}', {"free": [1]}),
        ({}, "12", 12),
        ({}, "plain words", "plain words"),
    ],
)
def test_coerce_value(schema, text, expected):
    value = coerce_value(field(schema), text)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    ("schema", "text", "message"),
    [
        ({"type": "integer"}, "abc", "expected an integer, got 'abc'"),
        ({"type": "integer"}, "1.5", "expected an integer, got '1.5'"),
        ({"type": "number"}, "nan", "expected a number, got 'nan'"),
        ({"type": "number"}, "1,5", "expected a number, got '1,5'"),
        ({"type": "boolean"}, "maybe", "expected true or false, got 'maybe'"),
        ({"type": "null"}, "x", "expected null, got 'x'"),
        ({"enum": ["a", "b"]}, "c", "expected one of: a, b; got 'c'"),
        (obj({"a": {"type": "integer"}}), "[1]", "expected a JSON object, got '[1]'"),
        (obj({"a": {"type": "integer"}}), "{bad", "expected a JSON object, got invalid JSON"),
        ({"type": "array", "items": {"type": "integer"}}, "[1,", "expected a JSON array, got invalid JSON"),
        ({"type": "array", "items": {"type": "integer"}}, "x", "expected an integer, got 'x'"),
        ({"anyOf": [{"type": "integer"}, {"type": "boolean"}]}, "x", "expected integer or boolean, got 'x'"),
    ],
)
def test_coerce_value_errors(schema, text, message):
    with pytest.raises(ValueError, match="^" + message.replace("[", r"\[").replace("(", r"\(")):
        coerce_value(field(schema), text)


def test_coerce_value_json_kind_from_a_cycle_requires_json():
    item = build_form(PYDANTIC).find(("tree", "children", 0))
    assert coerce_value(item, '{"value": 1}') == {"value": 1}
    with pytest.raises(ValueError, match="invalid JSON"):
        coerce_value(item, "not json")


def test_pick_variant_matches_an_existing_value_to_its_alternative():
    schema = {
        "$defs": {
            "Cat": obj({"meow": {"type": "boolean"}}, ["meow"], additionalProperties=False),
            "Dog": obj({"bark": {"type": "integer"}}, ["bark"], additionalProperties=False),
        },
        **obj(
            {
                "pet": {"oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}]},
                "v": {"type": ["integer", "number", "string", "boolean", "array"]},
                "choice": {"anyOf": [{"enum": [1, 2]}, {"type": "string"}]},
            }
        ),
    }
    form = build_form(schema)
    pet, v, choice = form.children
    assert pick_variant(pet, {"bark": 3}) == 1
    assert pick_variant(pet, {"meow": True}) == 0
    assert pick_variant(pet, {"other": 1}) is None
    assert [pick_variant(v, x) for x in (1, 1.5, "s", True, [1], {})] == [0, 1, 2, 3, 4, None]
    assert [pick_variant(choice, x) for x in (2, "2", True)] == [0, 1, None]


# --- validate --------------------------------------------------------------------------------


def test_validate_pydantic_messages():
    value = {
        "query": "q",
        "limit": 0,
        "mode": "medium",
        "home": {},
        "tags": ["a", 1],
        "either": [1],
        "tree": {"value": "x"},
        "address": 5,
    }
    assert messages(PYDANTIC, value) == {
        "limit: must be ≥ 1",
        "mode: must be one of: fast, slow",
        "home.city: required",
        "tags[1]: must be a string",
        "either: must be an integer or a string",
        "tree.value: must be an integer",
        "address: must be an object",
    }


def test_validate_issue_fields_and_root_messages():
    issues = validate(obj({"a": obj({"b": {"type": "string"}}, ["b"])}, ["a"]), {"a": {}})
    assert issues == [Issue(path=("a", "b"), message="a.b: required", detail="required")]
    assert str(issues[0]) == "a.b: required"
    assert messages({"type": "object"}, [1]) == {"must be an object"}
    assert validate(PYDANTIC, {"query": "q", "home": {"city": "Paris"}}) == []


@pytest.mark.parametrize(
    ("schema", "value", "message"),
    [
        ({"type": "integer", "maximum": 5}, 6, "x: must be ≤ 5"),
        ({"type": "integer", "exclusiveMinimum": 0}, 0, "x: must be > 0"),
        ({"type": "integer", "exclusiveMaximum": 3}, 3, "x: must be < 3"),
        ({"type": "integer", "multipleOf": 5}, 7, "x: must be a multiple of 5"),
        ({"type": "string", "minLength": 3}, "ab", "x: must be at least 3 characters"),
        ({"type": "string", "maxLength": 1}, "ab", "x: must be at most 1 character"),
        ({"type": "string", "pattern": "^a+$"}, "b", "x: must match ^a+$"),
        ({"const": "only"}, "other", "x: must be only"),
        ({"type": "array", "minItems": 1}, [], "x: must have at least 1 item"),
        ({"type": "array", "maxItems": 1}, [1, 2], "x: must have at most 1 item"),
        ({"type": "array", "uniqueItems": True}, [1, 1], "x: items must be unique"),
        ({"type": "string", "format": "email"}, "nope", "x: must be a valid email"),
        ({"type": "string", "format": "date-time"}, "yesterday", "x: must be a valid date-time"),
        ({"type": "string", "format": "uri"}, "not a uri", "x: must be a valid uri"),
        ({"type": ["integer", "null"]}, "1", "x: must be an integer or null"),
        ({"anyOf": [{"type": "integer"}, {"type": "null"}]}, "1", "x: must be an integer or null"),
        ({"oneOf": [{"const": "r", "title": "Red"}, {"const": "g"}]}, "b", "x: must be one of: r, g"),
        ({"type": "boolean"}, "yes", "x: must be true or false"),
        ({"not": {"type": "string"}}, "s", "x: is not allowed here"),
    ],
)
def test_validate_messages(schema, value, message):
    assert messages(obj({"x": schema}), {"x": value}) == {message}


def test_validate_good_formats_pass():
    schema = obj(
        {
            "w": {"type": "string", "format": "date-time"},
            "u": {"type": "string", "format": "uri"},
            "e": {"type": "string", "format": "email"},
        }
    )
    assert (
        validate(schema, {"w": "2025-01-02T03:04:05Z", "u": "https://example.com/a?b=c", "e": "a@b.org"})
        == []
    )


def test_validate_unknown_fields_with_additional_properties_false():
    assert messages(ZOD, {"url": "https://x.org", "extra": 1, "other": 2}) == {
        "extra: unknown field",
        "other: unknown field",
    }


def test_validate_recursive_and_draft7_schemas():
    bad_tree = {"value": 1, "children": [{"value": 2, "children": [{"value": "deep"}]}]}
    assert messages(Node.model_json_schema(), bad_tree) == {
        "children[0].children[0].value: must be an integer"
    }
    assert messages(ZOD, {"url": "https://x.org", "count": -1}) == {"count: must be ≥ 0"}


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "strnig"},
        {"$ref": "https://example.com/remote.json"},
        {"$schema": "urn:unknown", "type": 3},
        None,
        {},
    ],
)
def test_validate_never_raises_on_a_broken_schema(schema):
    assert validate(schema, {"a": 1}) == []


# --- import cost -----------------------------------------------------------------------------


def test_importing_the_form_model_loads_no_heavy_packages():
    code = (
        "import sys, json; import mcptui.core.schema_form as m; "
        "m.build_form({'type': 'object'}); m.coerce_cli_args(None, ['a=1']); "
        "print(json.dumps(sorted(k for k in sys.modules if k.split('.')[0] in "
        "('jsonschema', 'mcp', 'pydantic', 'textual', 'httpx2', 'referencing'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
