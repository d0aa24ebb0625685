"""plainly_fits never says "fits" where jsonschema finds an error (or, ``whole``, where the schema
itself fails the meta-schema): tables of the edges, then thousands of seeded random pairs."""

from __future__ import annotations

import random
from typing import Any

import jsonschema
import pytest

from mcptui.core.schema_form.plain_check import plainly_fits

Draft = jsonschema.Draft202012Validator

ECHO_OUT = {
    "properties": {"result": {"title": "Result", "type": "string"}},
    "required": ["result"],
    "title": "echoOutput",
    "type": "object",
}

# (schema, value, what plainly_fits must answer)
TABLE: list[tuple[Any, Any, bool]] = [
    (ECHO_OUT, {"result": "hi"}, True),
    (ECHO_OUT, {"result": "hi", "more": [1, {"a": None}]}, True),
    (ECHO_OUT, {}, False),  # missing required
    (ECHO_OUT, {"result": 1}, False),
    (ECHO_OUT, None, False),
    ({"type": "integer"}, 3, True),
    ({"type": "integer"}, True, False),  # a bool is no integer
    ({"type": "integer"}, 1.0, False),  # jsonschema says it fits: not known here, so it is asked
    ({"type": "number"}, False, False),
    ({"type": "number"}, 2.5, True),
    ({"type": ["string", "null"]}, None, True),
    ({"type": ["string", "string"]}, "a", False),  # ill-formed: the meta-schema wants them distinct
    ({"type": []}, "a", False),
    ({"type": "strin"}, "a", False),
    ({"enum": [1, 2]}, True, False),  # True is not 1 in JSON
    ({"enum": [True]}, 1, False),
    ({"enum": [1]}, 1.0, True),
    ({"enum": [[1], "a"]}, "a", True),
    ({"enum": [[1]]}, [1], False),  # lists: left to jsonschema
    ({"enum": "ab"}, "a", False),
    ({"const": None}, None, True),
    ({"const": 0}, False, False),
    ({"type": "array", "items": {"type": "string"}}, ["a", "b"], True),
    ({"type": "array", "items": {"type": "string"}}, ("a",), False),  # a tuple: no JSON type
    ({"items": [{"type": "string"}]}, ["a"], False),  # another draft's tuple form
    ({"type": "object", "additionalProperties": False}, {"a": 1}, False),
    ({"type": "object", "additionalProperties": False, "properties": {"a": {}}}, {"a": 1}, True),
    ({"type": "object", "additionalProperties": {"type": "integer"}}, {"a": "x"}, False),
    ({"type": "object"}, {1: "a"}, False),
    ({"required": ["a", "a"]}, {"a": 1}, False),
    ({"required": "a"}, {"a": 1}, False),
    ({"title": 3}, 1, False),
    ({"format": "email"}, "not an address", False),
    ({"$ref": "#/$defs/x", "$defs": {"x": {"type": "string"}}}, "a", False),
    ({"$schema": "http://json-schema.org/draft-04/schema#"}, 1, False),
    ({"minimum": 3}, 1, False),
    ({"type": "string", "pattern": "^a"}, "b", False),
    (True, {"any": "thing"}, True),
    (False, 1, False),
    ({"properties": {"a": False}}, {"b": 1}, True),
    ({"properties": {"a": False}}, {"a": 1}, False),
    ({"description": "x", "default": [1], "examples": [], "deprecated": False}, 1, True),
]


class Sub(list):  # type: ignore[type-arg]
    pass


@pytest.mark.parametrize(("schema", "value", "expected"), TABLE)
def test_table(schema: Any, value: Any, expected: bool) -> None:
    assert plainly_fits(schema, value) is expected
    if expected:
        assert Draft(schema).is_valid(value)


def test_a_list_subclass_is_not_judged_here() -> None:
    schema = {"type": "array", "items": {"type": "integer"}}
    assert not plainly_fits(schema, Sub(["x"]))
    assert not plainly_fits({"properties": {"a": {"type": "integer"}}}, {"a": Sub()})


def test_whole_wants_every_subschema_understood() -> None:
    unvisited_bad = {"type": "object", "properties": {"a": {"type": "strin"}}}
    assert plainly_fits(unvisited_bad, {})  # the value never reaches it
    assert not plainly_fits(unvisited_bad, {}, whole=True)
    with pytest.raises(jsonschema.SchemaError):
        Draft.check_schema(unvisited_bad)
    unvisited_unknown = {"properties": {"a": {"format": "date"}}, "items": {"minimum": 1}}
    assert plainly_fits(unvisited_unknown, {}) and not plainly_fits(unvisited_unknown, {}, whole=True)
    assert plainly_fits(ECHO_OUT, {"result": "x"}, whole=True)


def test_too_deep_is_not_known() -> None:
    schema: Any = {"type": "array"}
    value: Any = []
    for _ in range(40):
        schema, value = {"type": "array", "items": schema}, [value]
    assert not plainly_fits(schema, value)


# ---------------------------------------------------------------- seeded random pairs

_NAMES = ["null", "boolean", "integer", "number", "string", "array", "object", "strin"]
_KEYS = ["a", "b", "c"]


def _scalar(rng: random.Random) -> Any:
    return rng.choice([None, True, False, 0, 1, -1, 1.0, 2.5, float("nan"), "", "a", "b", "1"])


def _value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 3 or roll < 0.55:
        return _scalar(rng)
    if roll < 0.75:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if roll < 0.8:
        return tuple(_value(rng, depth + 1) for _ in range(rng.randrange(3)))
    return {rng.choice(_KEYS): _value(rng, depth + 1) for _ in range(rng.randrange(4))}


def _schema(rng: random.Random, depth: int = 0) -> Any:
    if rng.random() < 0.1:
        return rng.random() < 0.7
    schema: dict[str, Any] = {}
    if rng.random() < 0.6:
        names = rng.sample(_NAMES, rng.randrange(1, 4)) if rng.random() < 0.3 else [rng.choice(_NAMES)]
        if rng.random() < 0.05:
            names.append(names[0])  # ill-formed: repeated
        schema["type"] = names[0] if len(names) == 1 and rng.random() < 0.7 else names
    if rng.random() < 0.2:
        schema["enum"] = [
            _scalar(rng) if rng.random() < 0.85 else _value(rng, 2) for _ in range(rng.randrange(4))
        ]
    if rng.random() < 0.1:
        schema["const"] = _value(rng, 2)
    if rng.random() < 0.3:
        schema["required"] = rng.sample(_KEYS, rng.randrange(len(_KEYS) + 1))
        if rng.random() < 0.05:
            schema["required"] = schema["required"] * 2 or "a"
    if depth < 3 and rng.random() < 0.4:
        schema["properties"] = {key: _schema(rng, depth + 1) for key in rng.sample(_KEYS, rng.randrange(3))}
    if depth < 3 and rng.random() < 0.2:
        schema["additionalProperties"] = _schema(rng, depth + 1)
    if depth < 3 and rng.random() < 0.25:
        schema["items"] = _schema(rng, depth + 1) if rng.random() < 0.9 else [_schema(rng, depth + 1)]
    for key, rule in (("title", "T"), ("description", 3), ("default", [1]), ("deprecated", "no")):
        if rng.random() < 0.1:
            schema[key] = rule
    if rng.random() < 0.05:
        schema[rng.choice(["minimum", "format", "pattern", "$ref", "x-other"])] = rng.choice(
            [1, "date", "^a", "#"]
        )
    return schema


def _valid(schema: Any, value: Any) -> bool:
    try:
        return bool(Draft(schema).is_valid(value))
    except Exception:  # a schema jsonschema itself cannot use: nothing may claim it fits
        return False


def _schema_ok(schema: Any) -> bool:
    try:
        Draft.check_schema(schema)
    except jsonschema.SchemaError:
        return False
    return True


def test_random_pairs_never_fit_where_jsonschema_disagrees() -> None:
    rng = random.Random(13)
    claimed = claimed_whole = 0
    for _ in range(6000):
        schema, value = _schema(rng), _value(rng)
        if rng.random() < 0.3 and isinstance(schema, dict) and isinstance(value, dict):
            value = {**value, **{key: _value(rng) for key in schema.get("required", []) if type(key) is str}}
        if plainly_fits(schema, value):
            claimed += 1
            assert _valid(schema, value), (schema, value)
        if plainly_fits(schema, value, whole=True):
            claimed_whole += 1
            assert _schema_ok(schema) and _valid(schema, value), (schema, value)
    assert claimed > 1000 and claimed_whole > 500  # the generator reaches the interesting cases


VALIDATE_PROBE = """
import json, sys
from mcptui.core.schema_form import validate
schema = {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}
fine = validate(schema, {"text": "hi"})
loaded = "jsonschema" in sys.modules
wrong = [str(issue) for issue in validate(schema, {"text": 3})]
print(json.dumps([fine, loaded, wrong, "jsonschema" in sys.modules]))
"""


def test_plain_arguments_are_checked_without_jsonschema_and_wrong_ones_with_it() -> None:
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", VALIDATE_PROBE], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [[], False, ["text: must be a string"], True]
