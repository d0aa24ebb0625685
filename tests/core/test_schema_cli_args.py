"""``coerce_cli_args``: ``key=value`` command-line pairs typed by a tool's input schema."""

from __future__ import annotations

import pytest

from mcptui.core.errors import UsageError
from mcptui.core.schema_form import coerce_cli_args, validate
from tests.core.schema_samples import PYDANTIC

SCHEMA = {
    "type": "object",
    "properties": {
        "query": {"type": "string"},
        "count": {"type": "integer"},
        "ratio": {"type": "number"},
        "verbose": {"type": "boolean"},
        "mode": {"type": "string", "enum": ["fast", "slow"]},
        "color": {"oneOf": [{"const": "r", "title": "Red"}, {"const": "g", "title": "Green"}]},
        "limit": {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": None},
        "tags": {"type": "array", "items": {"type": "string"}},
        "ids": {"type": "array", "items": {"type": "integer"}},
        "people": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}},
        "address": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "zip": {"type": "integer"}},
            "additionalProperties": False,
        },
        "meta": {"type": "object", "additionalProperties": True},
        "file.name": {"type": "string"},
        "anything": {},
    },
    "required": ["query"],
    "additionalProperties": False,
}


def usage_error(pairs: list[str], json_args: str | None = None, schema: dict | None = SCHEMA) -> str:
    with pytest.raises(UsageError) as caught:
        coerce_cli_args(schema, pairs, json_args)
    assert caught.value.exit_code == 1
    return caught.value.message


def test_scalars_are_typed_by_the_schema():
    args = coerce_cli_args(
        SCHEMA, ["query=42", "count=7", "ratio=0.5", "verbose=yes", "mode=slow", "color=Green", "limit=null"]
    )
    assert args == {
        "query": "42",
        "count": 7,
        "ratio": 0.5,
        "verbose": True,
        "mode": "slow",
        "color": "g",
        "limit": None,
    }
    assert type(args["count"]) is int and type(args["query"]) is str


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("false", False), ("1", True), ("0", False), ("no", False), ("YES", True)],
)
def test_booleans(text, expected):
    assert coerce_cli_args(SCHEMA, [f"verbose={text}"]) == {"verbose": expected}


def test_arrays_and_objects_as_json():
    args = coerce_cli_args(SCHEMA, ["ids=[1, 2]", 'address={"city": "Oslo"}', 'people=[{"name": "a"}]'])
    assert args == {"ids": [1, 2], "address": {"city": "Oslo"}, "people": [{"name": "a"}]}


def test_repeated_keys_append_to_arrays():
    args = coerce_cli_args(
        SCHEMA, ["tags=a", "tags=b", "ids=1", "ids=[2, 3]", 'people={"name": "x"}', "people={}"]
    )
    assert args == {"tags": ["a", "b"], "ids": [1, 2, 3], "people": [{"name": "x"}, {}]}


def test_colon_equals_forces_json():
    args = coerce_cli_args(
        SCHEMA, ['query:="quoted"', "count:=3", 'meta:={"k": [1]}', 'tags:=["x"]', "tags=y"]
    )
    assert args == {"query": "quoted", "count": 3, "meta": {"k": [1]}, "tags": ["x", "y"]}
    assert "count: expected JSON, got invalid JSON" in usage_error(["count:=three"])


def test_dotted_keys_build_nested_objects():
    args = coerce_cli_args(SCHEMA, ["address.city=Paris", "address.zip=75001", "meta.deep.er=1", "meta.x=hi"])
    assert args == {"address": {"city": "Paris", "zip": 75001}, "meta": {"deep": {"er": 1}, "x": "hi"}}


def test_dotted_keys_walk_into_the_matching_union_alternative():
    schema = {
        "type": "object",
        "properties": {
            "pet": {
                "anyOf": [
                    {
                        "type": "object",
                        "properties": {"meow": {"type": "boolean"}},
                        "additionalProperties": False,
                    },
                    {
                        "type": "object",
                        "properties": {"bark": {"type": "integer"}},
                        "additionalProperties": False,
                    },
                    {"type": "string"},
                ]
            },
            "n": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
        },
    }
    assert coerce_cli_args(schema, ["pet.bark=3", "pet.meow=no"]) == {"pet": {"bark": 3, "meow": False}}
    assert usage_error(["n.x=1"], schema=schema) == "n.x: n is a union, not an object"


def test_pydantic_schema_round_trip_through_validate():
    args = coerce_cli_args(
        PYDANTIC,
        ["query=q", "home.city=Paris", "address.city=Oslo", "tree.value=1", "tree.children:=[]", "either=x"],
    )
    assert args == {
        "query": "q",
        "home": {"city": "Paris"},
        "address": {"city": "Oslo"},
        "tree": {"value": 1, "children": []},
        "either": "x",
    }
    assert validate(PYDANTIC, args) == []
    # pydantic does not forbid extra keys, so an undeclared nested key passes through as typed
    assert coerce_cli_args(PYDANTIC, ["home.country=x", "home.n=2"]) == {"home": {"country": "x", "n": 2}}


def test_a_declared_name_containing_a_dot_wins_over_nesting():
    assert coerce_cli_args(SCHEMA, ["file.name=a.txt"]) == {"file.name": "a.txt"}


def test_args_json_is_the_base_that_pairs_override():
    args = coerce_cli_args(
        SCHEMA,
        ["count=2", "address.zip=1", "tags=c"],
        '{"count": 1, "query": "q", "address": {"city": "X"}, "tags": ["a"]}',
    )
    assert args == {"count": 2, "query": "q", "address": {"city": "X", "zip": 1}, "tags": ["c"]}


def test_no_pairs_and_no_schema():
    assert coerce_cli_args(SCHEMA, []) == {}
    assert coerce_cli_args(None, ["n=5", "s=hello", "b=true", 'o={"a": 1}', "zip=007"]) == {
        "n": 5,
        "s": "hello",
        "b": True,
        "o": {"a": 1},
        "zip": "007",
    }
    assert coerce_cli_args(SCHEMA, ["anything=[1]"]) == {"anything": [1]}
    assert coerce_cli_args(SCHEMA, ["anything.x=1"]) == {"anything": {"x": 1}}


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        (["count=abc"], "count: expected an integer, got 'abc'"),
        (["ratio=fast"], "ratio: expected a number, got 'fast'"),
        (["verbose=maybe"], "verbose: expected true or false, got 'maybe'"),
        (["mode=medium"], "mode: expected one of: fast, slow; got 'medium'"),
        (["color=blue"], "color: expected one of: r, g; got 'blue'"),
        (["ids=x"], "ids: expected an integer, got 'x'"),
        (["address=[1]"], "address: expected a JSON object, got '[1]'"),
        (["count="], "count: expected an integer, got an empty value"),
        (["count=1", "count=2"], "count: given more than once"),
        (["nope=1"], "nope: unknown argument"),
        (["address.country=NO"], "address.country: unknown argument in address"),
        (["count.x=1"], "count.x: count is an integer, not an object"),
        (["tags.x=1"], "tags.x: tags is an array, not an object"),
        (["justakey"], "'justakey': expected key=value"),
        (["=value"], "'=value': expected key=value"),
        (["a..b=1"], "a..b: empty name in dotted key"),
        (["meta=1", "meta.x=2"], "meta.x: meta is already set to a non-object value"),
    ],
)
def test_errors_name_the_key_and_what_was_expected(pairs, expected):
    assert usage_error(pairs) == expected


def test_unknown_key_hint_lists_the_arguments():
    with pytest.raises(UsageError) as caught:
        coerce_cli_args(SCHEMA, ["nope=1"])
    assert caught.value.hint.startswith("expected one of: query, count, ratio")
    with pytest.raises(UsageError) as caught:
        coerce_cli_args({"type": "object", "properties": {}, "additionalProperties": False}, ["x=1"])
    assert caught.value.hint == "it takes no arguments"


def test_a_non_object_or_broken_schema_accepts_any_key():
    for schema in ({"type": "string"}, {"$ref": "#/nowhere"}, {"type": "object", "properties": 7}, "junk"):
        assert coerce_cli_args(schema, ["a=1", "b.c=x"]) == {"a": 1, "b": {"c": "x"}}


def test_unknown_keys_are_allowed_when_additional_properties_says_so():
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}, "additionalProperties": True}
    assert coerce_cli_args(schema, ["n=1", "extra=2", "other=text"]) == {"n": 1, "extra": 2, "other": "text"}


def test_an_unknown_top_level_key_is_a_typo_when_the_schema_is_silent():
    # most servers (FastMCP among them) omit additionalProperties: bogus=1 must not pass silently
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}}
    with pytest.raises(UsageError) as caught:
        coerce_cli_args(schema, ["n=1", "bogus=1"])
    assert caught.value.message == "bogus: unknown argument"
    assert "expected one of: n" in caught.value.hint and "--args" in caught.value.hint
    # --args still sends anything, and a nested free-form object still takes any key
    assert coerce_cli_args(schema, [], '{"bogus": 1}') == {"bogus": 1}
    nested = {"type": "object", "properties": {"meta": {"type": "object", "properties": {"a": {}}}}}
    assert coerce_cli_args(nested, ["meta.b=1"]) == {"meta": {"b": 1}}


def test_dotted_keys_into_a_one_of_pick_the_branch_that_takes_the_value():
    schema = {
        "type": "object",
        "properties": {
            "pet": {
                "oneOf": [
                    {
                        "type": "object",
                        "title": "Cat",
                        "properties": {"kind": {"const": "cat"}, "meows": {"type": "boolean"}},
                        "required": ["kind"],
                    },
                    {
                        "type": "object",
                        "title": "Dog",
                        "properties": {"kind": {"const": "dog"}, "barks": {"type": "boolean"}},
                        "required": ["kind"],
                    },
                ]
            }
        },
    }
    assert coerce_cli_args(schema, ["pet.kind=dog", "pet.barks=true"]) == {
        "pet": {"kind": "dog", "barks": True}
    }
    assert coerce_cli_args(schema, ["pet.kind=cat"]) == {"pet": {"kind": "cat"}}


def test_bad_args_json():
    assert usage_error([], "{not json").startswith("--args: invalid JSON")
    assert usage_error([], "[1, 2]") == "--args: expected a JSON object"


def test_error_hint_says_the_expected_type():
    with pytest.raises(UsageError) as caught:
        coerce_cli_args(SCHEMA, ["limit=x"])
    assert caught.value.message == "limit: expected an integer, got 'x'"
    assert caught.value.hint == "limit is an integer or null"
