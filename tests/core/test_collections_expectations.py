"""Expectations, each passing and failing, the JSONPath subset, and the reports' escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from mcptui.core.collection_report import junit_xml, summary_lines
from mcptui.core.collection_run import CallOutcome, RunResult
from mcptui.core.collections import SavedCall
from mcptui.core.expectations import Expectations, JsonPathError, PathCheck, lookup, parse_path

RESULT = {
    "content": [{"type": "text", "text": "hello world"}],
    "structuredContent": {"temperature": 21.5, "a.b": [1, 2, 3], "city": "Paris"},
    "isError": False,
}
SCHEMA = {
    "type": "object",
    "properties": {"temperature": {"type": "number"}, "city": {"type": "string"}},
    "required": ["temperature"],
}


def failures(expect: Expectations, result=RESULT, *, error=None, elapsed=10.0, schema=SCHEMA) -> list[str]:
    return expect.failures(result=result, error=error, elapsed_ms=elapsed, output_schema=schema)


def test_jsonpath_subset() -> None:
    assert parse_path("$.content[0].text") == ["content", 0, "text"]
    assert lookup(RESULT, "$.content[0].text") == "hello world"
    assert lookup(RESULT, "$.structuredContent.temperature") == 21.5
    assert lookup(RESULT, "$.structuredContent['a.b'][-1]") == 3
    assert lookup(RESULT, '$["structuredContent"]["city"]') == "Paris"
    assert lookup(RESULT, "$") is RESULT
    for missing in ("$.nope", "$.content[5]", "$.content.text", "$.structuredContent[0]"):
        with pytest.raises(KeyError):
            lookup(RESULT, missing)
    for unsupported in ("content", "$..text", "$.content[*]", "$.content[0:1]", "$[?(@.a)]"):
        with pytest.raises(JsonPathError):
            parse_path(unsupported)


def test_not_error_passes_and_fails() -> None:
    assert failures(Expectations()) == []
    bad = {"content": [{"type": "text", "text": "boom"}], "isError": True}
    assert failures(Expectations(), bad) == ["the tool returned isError: true (boom)"]
    assert failures(Expectations(not_error=False), bad) == []
    assert failures(Expectations(not_error=False), error="RequestError: nope") == [
        "error: RequestError: nope"
    ]


def test_equals_passes_and_fails() -> None:
    assert failures(Expectations(jsonpath=(PathCheck("$.structuredContent.temperature", equals=21.5),))) == []
    [reason] = failures(Expectations(jsonpath=(PathCheck("$.structuredContent.city", equals="Rome"),)))
    assert reason == '$.structuredContent.city: expected "Rome", got "Paris"'
    [reason] = failures(Expectations(jsonpath=(PathCheck("$.nothing", equals=1),)))
    assert "no value there" in reason


def test_matches_passes_and_fails() -> None:
    assert failures(Expectations(jsonpath=(PathCheck("$.content[0].text", matches=r"^hello\s"),))) == []
    assert (
        failures(Expectations(jsonpath=(PathCheck("$.structuredContent.temperature", matches=r"^21\."),)))
        == []
    )
    [reason] = failures(Expectations(jsonpath=(PathCheck("$.content[0].text", matches="^bye"),)))
    assert "does not match /^bye/" in reason


def test_output_schema_passes_and_fails() -> None:
    assert failures(Expectations(output_schema=True)) == []
    wrong = {**RESULT, "structuredContent": {"temperature": "warm"}}
    [reason] = failures(Expectations(output_schema=True), wrong)
    assert (
        reason.startswith("structuredContent $.temperature:") and "'warm' is not of type 'number'" in reason
    )
    assert failures(Expectations(output_schema=True), {"content": []}) == [
        "output_schema: the result has no structuredContent"
    ]
    assert failures(Expectations(output_schema=True), schema=None) == [
        "output_schema: the tool declares no outputSchema"
    ]


def test_under_ms_passes_and_fails() -> None:
    assert failures(Expectations(under_ms=100), elapsed=99.0) == []
    assert failures(Expectations(under_ms=100), elapsed=150.0) == ["took 150 ms, expected under 100 ms"]


def test_expectations_round_trip() -> None:
    expect = Expectations(False, (PathCheck("$.a", equals=None), PathCheck("$.b", matches="x")), True, 5)
    assert Expectations.from_dict(expect.to_dict(), "here") == expect
    assert Expectations.from_dict(None, "here") == Expectations()


def test_a_hostile_string_lands_escaped_in_the_junit_report() -> None:
    hostile = "<x>&\"'\x1b[2J\x00\ufffe]]>"
    call = SavedCall(f"call {hostile}", "tool", "echo")
    result = RunResult(
        f"suite {hostile}",
        "demo",
        (CallOutcome(call, (f"got {hostile}", "second"), 3.0), CallOutcome(SavedCall("ok", "tool", "echo"))),
        12.0,
    )
    text = junit_xml(result)
    assert "\x1b" not in text and "\x00" not in text and "\ufffe" not in text
    suite = ET.fromstring(text)
    assert suite.tag == "testsuite" and suite.get("tests") == "2" and suite.get("failures") == "1"
    failing, passing = suite.findall("testcase")
    assert failing.get("name").startswith("call <x>&\"'") and passing.find("failure") is None
    failure = failing.find("failure")
    assert failure.get("message").startswith("got <x>&\"'␛[2J")
    assert failure.text.endswith("second")
    assert all("\x1b" not in line for line in summary_lines(result))
