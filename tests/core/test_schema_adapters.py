"""Prompt arguments and URI templates as object schemas, reusing the form and ``key=value`` code."""

from __future__ import annotations

import pytest

from mcptui.core.errors import UsageError
from mcptui.core.schema_form import (
    build_form,
    coerce_cli_args,
    prompt_schema,
    template_schema,
    validate,
)
from mcptui.core.uri_templates import template_variables

PROMPT_ARGS = [
    {"name": "topic", "description": "what to write about", "required": True},
    {"name": "tone", "title": "Tone"},
    {"name": "topic", "required": False},  # duplicate: ignored
    {"description": "no name"},
    "garbage",
]


def test_prompt_arguments_become_a_string_form():
    schema = prompt_schema(PROMPT_ARGS)
    form = build_form(schema)
    assert [(c.name, c.kind, c.required, c.label()) for c in form.children] == [
        ("topic", "string", True, "topic *"),
        ("tone", "string", False, "Tone"),
    ]
    assert form.child("topic").description == "what to write about"
    assert prompt_schema(None)["properties"] == {}


def test_prompt_cli_args_stay_strings_and_unknown_names_are_refused():
    schema = prompt_schema(PROMPT_ARGS)
    assert coerce_cli_args(schema, ["topic=42", "tone=true"]) == {"topic": "42", "tone": "true"}
    with pytest.raises(UsageError, match="^mood: unknown argument\n  hint: expected one of: topic, tone$"):
        coerce_cli_args(schema, ["mood=happy"])
    assert {i.message for i in validate(schema, {})} == {"topic: required"}


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("file:///{path}", [("path", True)]),
        ("repo://{owner}/{repo}/issues/{id}", [("owner", True), ("repo", True), ("id", True)]),
        ("file://{+path}", [("path", True)]),
        ("search://items{?q,page}", [("q", False), ("page", False)]),
        ("x://{/a,b*}{&c}{#frag}", [("a", True), ("b", True), ("c", False), ("frag", False)]),
        ("x://{name:3}/{name}", [("name", True)]),
        ("plain://no-variables", []),
        ("", []),
    ],
)
def test_template_variables(template, expected):
    assert [(v.name, v.required) for v in template_variables(template)] == expected


def test_template_schema_feeds_the_form():
    schema = template_schema("repo://{owner}/{repo}{?ref}")
    assert schema["required"] == ["owner", "repo"]
    assert coerce_cli_args(schema, ["owner=me", "repo=x", "ref=main"]) == {
        "owner": "me",
        "repo": "x",
        "ref": "main",
    }
    assert [c.label() for c in build_form(schema).children] == ["owner *", "repo *", "ref"]
