"""Human rendering: signatures, content blocks, the never-silent shortening footer."""

from __future__ import annotations

import base64

from mcptui.cli.render import (
    BinarySaver,
    human_size,
    render_catalog,
    render_prompt_result,
    render_tool_result,
    signature,
    type_label,
)
from mcptui.core.catalog import Catalog

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 1220).decode()


def test_type_labels():
    assert type_label({"type": "integer"}) == "int"
    assert type_label({"type": "array", "items": {"type": "string"}}) == "list[str]"
    assert type_label({"enum": ["a", "b"]}) == "a|b"
    assert type_label({"enum": list("abcdef")}) == "a|b|c|…6"
    assert type_label({"anyOf": [{"type": "string"}, {"type": "null"}]}) == "str|null"
    assert type_label({"type": ["number", "null"]}) == "float|null"
    root = {"$defs": {"Addr": {"type": "object", "properties": {}}}}
    assert type_label({"$ref": "#/$defs/Addr"}, root) == "obj"
    assert type_label({}) == "any"


def test_signature_marks_required():
    schema = {
        "type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"type": "string"}},
        "required": ["a"],
    }
    assert signature("f", schema) == "f(a: int*, b: str)"
    assert signature("g", None) == "g()"


def test_catalog_page_and_shortening_footer():
    catalog = Catalog(
        tools=[{"name": "t", "description": "First line.\nSecond line.", "inputSchema": {"type": "object"}}],
        server_info={"name": "srv", "version": "1"},
        protocol_version="2025-11-25",
        transport="stdio",
    )
    page = render_catalog(catalog, target="x")
    assert page.splitlines()[0] == "x — srv 1"
    assert "  t()  First line. …" in page
    assert "Prompts (0)\n  (none)" in page
    assert "1 description shortened to the first line; --json shows everything" in page
    catalog.stale = True
    assert "STALE" in render_catalog(catalog, target="x")


def test_tool_result_blocks(tmp_path):
    result = {
        "content": [
            {"type": "text", "text": "hello"},
            {"type": "image", "mimeType": "image/png", "data": PNG},
            {"type": "audio", "mimeType": "audio/wav", "data": base64.b64encode(b"RIFF").decode()},
            {"type": "resource_link", "uri": "file:///a.txt", "name": "a", "mimeType": "text/plain"},
            {"type": "resource", "resource": {"uri": "mem://b", "mimeType": "text/plain", "text": "body"}},
            {"type": "resource", "resource": {"uri": "mem://c", "mimeType": "image/png", "blob": PNG}},
        ],
        "structuredContent": {"k": [1, 2]},
    }
    text = render_tool_result(result, BinarySaver(None, "t"))
    assert text.splitlines()[0] == "hello"
    assert "[image image/png, 1.2 KB]" in text
    assert "[audio audio/wav, 4 B]" in text
    assert "[resource link] file:///a.txt a (text/plain)" in text
    assert "[resource mem://b (text/plain)]\nbody" in text
    assert "[blob image/png, 1.2 KB] mem://c" in text
    assert 'structuredContent:\n{\n  "k": [\n    1,\n    2\n  ]\n}' in text
    saved = render_tool_result(result, BinarySaver(str(tmp_path / "out"), "t"))
    assert f"saved to {tmp_path / 'out' / 't-1.png'}" in saved
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["t-1.png", "t-2.wav", "t-3.png"]


def test_structured_echo_is_shown_once():
    echoed = {"content": [{"type": "text", "text": '{"a": 1}'}], "structuredContent": {"a": 1}}
    assert render_tool_result(echoed, BinarySaver(None, "t")).count('"a": 1') == 1
    wrapped = {"content": [{"type": "text", "text": "42"}], "structuredContent": {"result": 42}}
    assert render_tool_result(wrapped, BinarySaver(None, "t")) == "42"
    different = {"content": [{"type": "text", "text": "summary"}], "structuredContent": {"a": 1}}
    out = render_tool_result(different, BinarySaver(None, "t"))
    assert "summary" in out and "structuredContent:" in out


def test_long_text_is_never_cut():
    long = "x" * 100_000
    assert render_tool_result({"content": [{"type": "text", "text": long}]}, BinarySaver(None, "t")) == long


def test_prompt_result():
    result = {
        "description": "d",
        "messages": [
            {"role": "user", "content": {"type": "text", "text": "hi"}},
            {"role": "assistant", "content": {"type": "image", "mimeType": "image/png", "data": PNG}},
        ],
    }
    assert (
        render_prompt_result(result, BinarySaver(None, "p"))
        == "# d\n[user] hi\n[assistant] [image image/png, 1.2 KB]"
    )


def test_human_size():
    assert human_size(10) == "10 B"
    assert human_size(1228) == "1.2 KB"
    assert human_size(3 * 1024 * 1024) == "3.0 MB"
