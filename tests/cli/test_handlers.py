"""The CLI's answers to server requests: the TTY prompt, --accept-defaults, declines, sampling."""

from __future__ import annotations

import io

from mcptui.cli.handlers import CliHandlers, schema_defaults
from mcptui.core.handlers import ClientHandlers

SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "title": "Name", "default": "Ada"},
        "age": {"type": "integer", "minimum": 0, "default": 36},
        "subscribe": {"type": "boolean", "default": False},
        "color": {"type": "string", "enum": ["red", "blue"], "default": "blue"},
        "note": {"type": "string"},
    },
    "required": ["name", "age"],
}


def handlers(stdin_text: str = "", **kw) -> tuple[CliHandlers, io.StringIO]:
    err = io.StringIO()
    return CliHandlers(stdin=io.StringIO(stdin_text), stderr=err, **kw), err


def test_is_a_client_handlers():
    assert isinstance(CliHandlers(interactive=False), ClientHandlers)


def test_schema_defaults():
    assert schema_defaults(SCHEMA) == ({"name": "Ada", "age": 36, "subscribe": False, "color": "blue"}, [])
    values, missing = schema_defaults({"properties": {"x": {"type": "string"}}, "required": ["x", "y"]})
    assert values == {} and missing == ["x", "y"]


async def test_no_tty_declines_with_a_note():
    h, err = handlers(interactive=False)
    assert await h.elicit("srv", "Who are you?", SCHEMA) == ("decline", None)
    assert "not a terminal" in err.getvalue() and "--accept-defaults" in err.getvalue()


async def test_accept_defaults_answers_with_the_defaults():
    h, err = handlers(interactive=False, accept_defaults=True)
    assert await h.elicit("srv", "Who?", SCHEMA) == (
        "accept",
        {"name": "Ada", "age": 36, "subscribe": False, "color": "blue"},
    )


async def test_accept_defaults_declines_when_a_required_field_has_no_default():
    h, err = handlers(interactive=False, accept_defaults=True)
    schema = {"properties": {"token": {"type": "string"}}, "required": ["token"]}
    assert await h.elicit("srv", "Token?", schema) == ("decline", None)
    assert "no default for required field(s) token" in err.getvalue()


async def test_tty_prompts_each_field_with_defaults_and_coerces():
    # name: keep default; age: bad then good; subscribe: yes; color: keep; note: typed
    h, err = handlers("\nold\n41\ntrue\n\nhi there\n", interactive=True)
    action, content = await h.elicit("srv", "Tell me", SCHEMA)
    assert action == "accept"
    assert content == {"name": "Ada", "age": 41, "subscribe": True, "color": "blue", "note": "hi there"}
    text = err.getvalue()
    assert "srv asks: Tell me" in text
    assert "Name (string, required) [Ada]: " in text
    assert "age (integer, required) [36]: " in text
    assert "color (red|blue) [blue]: " in text


async def test_tty_required_without_default_is_asked_again_and_eof_declines():
    schema = {"properties": {"token": {"type": "string"}}, "required": ["token"]}
    h, err = handlers("\n", interactive=True)
    assert await h.elicit("srv", "Token?", schema) == ("decline", None)
    assert "token is required" in err.getvalue()


async def test_tty_optional_field_left_empty_is_omitted():
    schema = {"properties": {"note": {"type": "string"}, "n": {"type": "integer"}}}
    h, _ = handlers("\n\n", interactive=True)
    assert await h.elicit("srv", "?", schema) == ("accept", {})


async def test_sampling_is_declined_with_a_note_and_no_roots():
    h, err = handlers(interactive=True)
    assert await h.sample("srv", {"messages": []}) is None
    assert "sampling/createMessage" in err.getvalue() and "declined" in err.getvalue()
    assert h.roots("srv") == []
