"""Collections: the file format round-trips, secrets are written as ${VAR}, saving from history."""

from __future__ import annotations

import json
import stat

import pytest

from mcptui.core.collections import (
    Collection,
    MissingVariable,
    SavedCall,
    collection_path,
    expand_arguments,
    list_collections,
    load_file,
    save_call,
)
from mcptui.core.errors import ConfigError
from mcptui.core.expectations import Expectations, PathCheck
from mcptui.core.history import CallRecord
from mcptui.core.secret_args import SECRET_MARKER


def sample() -> Collection:
    expect = Expectations(
        not_error=False,
        jsonpath=(PathCheck("$.content[0].text", equals="hi"), PathCheck("$.x", matches="^a+$")),
        output_schema=True,
        under_ms=250,
    )
    return Collection(
        "smoke",
        (
            SavedCall("echo", "tool", "echo", {"text": "hi", "b": [1, {"c": None}]}, expect),
            SavedCall("readme", "resource", "demo://readme"),
        ),
        target="demo",
    )


def test_a_collection_round_trips_through_its_text() -> None:
    collection = sample()
    text = collection.dumps()
    assert Collection.loads(text) == collection
    assert Collection.loads(text).dumps() == text  # stable: writing again changes nothing
    data = json.loads(text)
    assert list(data) == ["mcptui_collection", "name", "target", "calls"]
    assert list(data["calls"][0]["arguments"]) == ["b", "text"]  # sorted, for diffs
    assert "\n  " in text  # indented, one value a line


def test_secret_arguments_are_written_as_variables() -> None:
    call = SavedCall("login", "tool", "login", {"user": "ann", "api_key": "sk-123", "token": SECRET_MARKER})
    text = Collection("c", (call,)).dumps()
    assert "sk-123" not in text and SECRET_MARKER not in text
    arguments = json.loads(text)["calls"][0]["arguments"]
    assert arguments == {"api_key": "${MCPTUI_API_KEY}", "token": "${MCPTUI_TOKEN}", "user": "ann"}


def test_a_schema_marked_secret_is_a_variable_too(tmp_path) -> None:
    record = CallRecord("demo", "tool", "connect", {"pin": "1234", "host": "h"})
    schema = {"properties": {"pin": {"type": "string", "format": "password"}, "host": {"type": "string"}}}
    path, saved = save_call("c", record, schema=schema, directory=tmp_path)
    assert saved.arguments == {"pin": "${MCPTUI_PIN}", "host": "h"}
    assert "1234" not in path.read_text()


def test_variables_expand_from_the_environment() -> None:
    env = {"MCPTUI_TOKEN": "s3cret"}
    assert expand_arguments({"a": "Bearer ${MCPTUI_TOKEN}", "n": 1, "l": ["${MCPTUI_TOKEN}"]}, env) == {
        "a": "Bearer s3cret",
        "n": 1,
        "l": ["s3cret"],
    }
    with pytest.raises(MissingVariable, match="MCPTUI_OTHER is not set"):
        expand_arguments({"a": "${MCPTUI_OTHER}"}, env)


def test_saving_creates_then_appends_with_unique_names_as_0600(tmp_path) -> None:
    first = CallRecord("demo", "tool", "echo", {"text": "a"})
    path, saved = save_call("smoke", first, target="demo", directory=tmp_path)
    assert saved.name == "echo" and path == collection_path("smoke", tmp_path)
    _, again = save_call("smoke", CallRecord("demo", "tool", "echo", {"text": "b"}), directory=tmp_path)
    assert again.name == "echo 2"
    collection = load_file(path)
    assert [c.arguments["text"] for c in collection.calls] == ["a", "b"]
    assert collection.target == "demo"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p for p, _ in list_collections(tmp_path)] == [path]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[]", "not a collection"),
        ("{nope", "not valid JSON"),
        ('{"calls": [{"name": "x", "item": "y", "kind": "bogus"}]}', "tool, prompt or resource"),
        ('{"calls": [{"name": "x", "item": "y", "expect": {"equals": 1}}]}', "unknown expectation"),
        ('{"calls": [{"name": "x", "item": "y", "expect": {"under_ms": -1}}]}', "positive number"),
        (
            '{"calls": [{"name": "x", "item": "y", "expect": {"jsonpath": [{"path": "$.a"}]}}]}',
            "needs 'equals'",
        ),
        (
            '{"calls": [{"name": "x", "item": "y", "expect": {"jsonpath": [{"path": "$..a", "equals": 1}]}}]}',
            "cannot read",
        ),
        ('{"mcptui_collection": 9, "calls": []}', "not supported"),
        ('{"calls": [{"name": "x", "item": "y"}, {"name": "x", "item": "z"}]}', "two calls are named"),
    ],
)
def test_a_malformed_file_is_a_clear_config_error(text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        Collection.loads(text)


def test_a_bad_collection_name_is_refused(tmp_path) -> None:
    with pytest.raises(ConfigError, match="cannot name"):
        collection_path("../etc/passwd", tmp_path)
