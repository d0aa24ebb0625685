"""Form values: initial_value, prune_empty, coerce_value, pick_variant."""

from __future__ import annotations

import pytest

from mcptui.core.schema_form import build_form, coerce_value, initial_value, pick_variant, prune_empty
from tests.core.schema_samples import PYDANTIC, field, obj


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
