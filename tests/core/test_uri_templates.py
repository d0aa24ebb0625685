"""URI templates: variables and RFC 6570 expansion (on the SDK's UriTemplate, with its gaps filled)."""

from __future__ import annotations

import pytest

from mcptui.core.call_arguments import item_schema, prompt_arguments, template_uri
from mcptui.core.errors import UsageError
from mcptui.core.uri_templates import TemplateError, expand_template, template_variables

VALUES = {"var": "value", "hello": "Hello World!", "path": "/foo/bar", "x": "1024", "y": "768", "e": ""}


@pytest.mark.parametrize(
    ("template", "expected"),
    [  # RFC 6570 §3.2 examples, levels 1-3
        ("{var}", "value"),
        ("{hello}", "Hello%20World%21"),
        ("{+path}/here", "/foo/bar/here"),
        ("{#path}", "#/foo/bar"),
        ("map?{x,y}", "map?1024,768"),
        ("{+x,hello,y}", "1024,Hello%20World!,768"),
        ("X{.var}", "X.value"),
        ("{/var,x}/here", "/value/1024/here"),
        ("{;x,y}", ";x=1024;y=768"),
        ("{;x,y,e}", ";x=1024;y=768;e"),
        ("{?x,y}", "?x=1024&y=768"),
        ("{?x,y,e}", "?x=1024&y=768&e="),
        ("?fixed=yes{&x}", "?fixed=yes&x=1024"),
        ("{undef}x{?undef}", "x"),
    ],
)
def test_rfc_examples(template, expected):
    assert expand_template(template, VALUES) == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [  # valid to expand, refused by the SDK's matching-oriented parser
        ("{var:3}", "val"),
        ("{var:30}", "value"),
        ("{x}{y}", "1024768"),
        ("{#x,hello,y}", "#1024,Hello%20World!,768"),
        ("{+path}/{+var}", "/foo/bar/value"),
        ("{?x}{?y}", "?x=1024?y=768"),
        ("{?var*}", "?var=value"),
        ("{var}/{var}", "value/value"),
        ("{/var:2,x}", "/va/1024"),
    ],
)
def test_templates_the_sdk_parser_refuses_still_expand(template, expected):
    assert expand_template(template, VALUES) == expected


def test_values_none_numbers_and_lists():
    assert expand_template("a{/b}{?c}", {"b": None, "c": 7}) == "a?c=7"
    assert expand_template("a{?on}", {"on": True}) == "a?on=true"
    assert expand_template("/files{/path*}", {"path": ["a", "b"]}) == "/files/a/b"


@pytest.mark.parametrize("template", ["x{a", "x{}", "x{a b}", "{a:3}{a b}"])
def test_malformed_templates_raise_a_template_error(template):
    with pytest.raises(TemplateError, match="malformed|empty"):
        expand_template(template, {"a": "1", "b": "2"})


def test_variables_and_which_are_required():
    found = template_variables("x://{owner}/{+path}{/seg*}{;id}{.ext}{?q,page}{&more}{#frag}{owner:2}")
    assert [(v.name, v.operator, v.required) for v in found] == [
        ("owner", "", True),
        ("path", "+", True),
        ("seg", "/", True),
        ("id", ";", True),
        ("ext", ".", True),
        ("q", "?", False),
        ("page", "?", False),
        ("more", "&", False),
        ("frag", "#", False),
    ]
    assert found[2].explode and template_variables("{a:3}")[0].prefix == 3


def test_template_uri_needs_the_path_variables():
    assert template_uri("repo://{owner}/{repo}{?ref}", {"owner": "a", "repo": "b"}) == "repo://a/b"
    with pytest.raises(UsageError, match=r"needs repo\n  hint: repo=\.\.\.$"):
        template_uri("repo://{owner}/{repo}{?ref}", {"owner": "a"})


PROMPT = {"name": "p", "arguments": [{"name": "topic", "required": True}, {"name": "n"}]}


def test_prompt_arguments_are_checked_and_sent_as_strings():
    assert prompt_arguments(PROMPT, {"topic": "tea", "n": 3}) == {"topic": "tea", "n": "3"}
    with pytest.raises(UsageError, match="prompt 'p' has no argument 'x'\n  hint: its arguments: topic, n"):
        prompt_arguments(PROMPT, {"topic": "tea", "x": "1"})
    with pytest.raises(UsageError, match="prompt 'p' needs topic"):
        prompt_arguments(PROMPT, {"n": "1"})


def test_item_schemas():
    assert item_schema("prompt", PROMPT)["required"] == ["topic"]
    assert item_schema("template", {"uriTemplate": "a{/b}{?c}"})["required"] == ["b"]
    assert item_schema("tool", {"inputSchema": {"type": "object", "properties": {"a": {}}}})[
        "properties"
    ] == {"a": {}}
    assert item_schema("tool", {})["properties"] == {} == item_schema("resource", {})["properties"]


def test_an_empty_value_is_kept_where_the_sdk_parser_refuses_the_template():
    # {x}{.e} is refused by the SDK parser (adjacent variables): the fallback keeps RFC's "X."
    assert expand_template("{x}{.e}", VALUES) == expand_template("{x}-{.e}", VALUES).replace("-", "")
    assert expand_template("{x}{/e,var}", VALUES) == "1024//value"
