"""validate: human messages for schema violations; and the module's import cost."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mcptui.core.schema_form import Issue, validate
from tests.core.schema_samples import PYDANTIC, ZOD, Node, messages, obj


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


def test_validate_dependent_required_names_the_missing_field():
    schema = {"type": "object", "dependentRequired": {"card": ["expiry"]}}
    assert messages(schema, {"card": "1234"}) == {"expiry: required when card is set"}
    assert messages(schema, {"card": "1234", "expiry": "12/30"}) == set()


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
