"""The speed tricks for big catalogs (core/lean_messages.py, core/speed.py) change what it costs, never what is accepted.

A large JSON-RPC message parsed by ``json.loads`` then ``validate_python`` is the message the
SDK's ``validate_json`` builds, and what the SDK refuses is still refused with its error; a
result validated without the SDK's dump is refused exactly when the SDK refuses it; collections
pause while a catalog is read and come back as they were.
"""

from __future__ import annotations

import json

import mcp_types
import pytest
from mcp.client import streamable_http
from mcp_types import methods
from pydantic import ValidationError

from mcptui.core import transports  # noqa: F401 - importing transports installs the tricks
from mcptui.core.lean_messages import LEAN_PARSE_BYTES, LeanMessageAdapter

LEAN = mcp_types.jsonrpc_message_adapter
SDK = LEAN.adapter if isinstance(LEAN, LeanMessageAdapter) else LEAN  # the SDK's own adapter


def big_reply(extra: str = "") -> str:
    tools = [{"name": f"t{i}", "inputSchema": {"type": "object"}} for i in range(LEAN_PARSE_BYTES // 40)]
    text = json.dumps({"jsonrpc": "2.0", "id": 7, "result": {"tools": tools, "note": "x"}})
    return text[: -len('"x"}}')] + extra + '"x"}}'


def test_the_transports_read_through_the_lean_adapter():
    assert isinstance(mcp_types.jsonrpc_message_adapter, LeanMessageAdapter)
    assert not isinstance(SDK, LeanMessageAdapter)
    assert streamable_http.jsonrpc_message_adapter is mcp_types.jsonrpc_message_adapter
    assert getattr(methods.validate_server_result, "mcptui_lean", False)


@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_large_message_parses_to_what_the_sdk_builds(as_bytes):
    text = big_reply()
    assert len(text) >= LEAN_PARSE_BYTES
    data = text.encode() if as_bytes else text
    lean = mcp_types.jsonrpc_message_adapter.validate_json(data, by_name=False)
    sdk = SDK.validate_json(data, by_name=False)
    assert lean == sdk
    assert type(lean) is type(sdk)
    assert lean.model_dump() == sdk.model_dump()
    assert lean.model_dump_json() == sdk.model_dump_json()
    assert isinstance(lean.result, dict)
    assert json.loads(json.dumps(lean.result)) == sdk.result
    assert len(str(lean)) < 200 < len(str(sdk))  # not spelled out for a debug line (QuietPayload)


@pytest.mark.parametrize(
    "broken",
    [
        lambda text: text[:-1],  # cut short: not JSON
        lambda text: text.replace('"note"', '"bad \\ud800 surrogate", "note"'),  # refused by pydantic only
        lambda text: text.replace('"jsonrpc": "2.0"', '"jsonrpc": "1.0"'),  # JSON, not JSON-RPC
        lambda text: "\ufeff" + text,  # a byte-order mark
    ],
)
def test_what_the_sdk_refuses_is_refused_with_its_error(broken):
    text = broken(big_reply())
    with pytest.raises(ValidationError) as sdk_error:
        SDK.validate_json(text, by_name=False)
    with pytest.raises(ValidationError) as lean_error:
        mcp_types.jsonrpc_message_adapter.validate_json(text, by_name=False)
    assert lean_error.value.errors()[0]["type"] == sdk_error.value.errors()[0]["type"]


def test_latin1_bytes_are_refused_as_the_sdk_refuses_them():
    data = big_reply().replace('"note"', '"caf\u00e9", "note"').encode("latin-1")
    with pytest.raises(ValidationError):
        SDK.validate_json(data, by_name=False)
    with pytest.raises(ValidationError):
        mcp_types.jsonrpc_message_adapter.validate_json(data, by_name=False)


@pytest.mark.parametrize(
    ("result", "valid"),
    [
        ({"tools": [{"name": "t", "inputSchema": {"type": "object"}}]}, True),
        ({"tools": [{"name": "t", "inputSchema": {"type": "array"}}]}, False),
        ({"tools": [{"inputSchema": {"type": "object"}}]}, False),
        ({"tools": "nope"}, False),
    ],
)
def test_results_are_validated_as_the_sdk_validates_them(result, valid):
    def sdk_accepts() -> bool:
        try:
            methods.serialize_server_result("tools/list", "2025-11-25", result)
        except ValidationError:
            return False
        return True

    assert sdk_accepts() is valid
    if valid:
        methods.validate_server_result("tools/list", "2025-11-25", result)
    else:
        with pytest.raises(ValidationError):
            methods.validate_server_result("tools/list", "2025-11-25", result)
    with pytest.raises(ValueError):
        methods.validate_server_result("tools/list", "1999-01-01", result)  # an unknown version


def test_only_large_json_takes_the_plain_parse_path():
    calls: list[str] = []

    class Recorder:
        def validate_json(self, data: object, **options: object) -> None:
            calls.append("sdk parse")

        def validate_python(self, data: object, **options: object) -> None:
            calls.append("plain parse")

    lean = LeanMessageAdapter(Recorder())
    lean.validate_json(big_reply(), by_name=False)
    lean.validate_json('{"jsonrpc": "2.0", "id": 1, "result": {}}', by_name=False)
    lean.validate_json(big_reply()[:-1], by_name=False)
    assert calls == ["plain parse", "sdk parse", "sdk parse"]


def same_json_values(left: object, right: object) -> bool:
    """Equal and of the same types all through (1 == 1.0 == True would not do)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(same_json_values(left[k], right[k]) for k in left)  # type: ignore[index]
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same_json_values, left, right))  # type: ignore[arg-type]
    if isinstance(left, float) and left != left:
        return right != right
    return left == right


FINITE_DOCUMENTS = [
    '{"big": 123456789012345678901234567890123, "neg": -9223372036854775809, "two64": 18446744073709551616}',
    '{"floats": [0.1, 2.2250738585072011e-308, 4.9406564584124654e-324, 1e-400, 1.7976931348623157e308, 1E2]}',
    '{"zero": [-0, -0.0, 0, 0.0], "exp": 123.456e-10, "long": 0.1000000000000000055511151231257827}',
    '{"overflow": 1e400, "negative overflow": -1e999}',  # infinity, as json.loads makes it
    '{"a": 1, "a": 2, "b": {"c": [true, false, null]}}',  # a repeated key: its last value
    '{"escapes": "\\u00e9 \\ud83d\\ude00 \\/ \\n \\u0000 \\"", "raw": "caf\u00e9 \u2603 \u007f"}',
]


@pytest.mark.parametrize("document", FINITE_DOCUMENTS)
def test_the_fast_parse_gives_json_loads_values(document, monkeypatch):
    from mcptui.core import lean_messages

    expected = json.loads(document)

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("json.loads should not be needed for finite JSON")

    monkeypatch.setattr(lean_messages.json, "loads", refused)
    constants: list[str] = []
    assert same_json_values(lean_messages.json_value(document, constants), expected)
    assert constants == []


@pytest.mark.parametrize(
    ("document", "tokens"),
    [
        ('{"x": [NaN, Infinity, -Infinity]}', ["NaN", "Infinity", "-Infinity"]),
        ("[" * 300 + "1" + "]" * 300, []),  # deeper than the fast parser goes: json.loads takes it
    ],
)
def test_what_the_fast_parse_refuses_json_loads_still_takes(document, tokens):
    from mcptui.core import lean_messages

    constants: list[str] = []
    assert same_json_values(lean_messages.json_value(document, constants), json.loads(document))
    assert constants == tokens  # each NaN/Infinity noted, for catalog_proof


def test_a_refused_document_is_refused_by_both_parses():
    from mcptui.core import lean_messages

    # a leading zero, a trailing comma, a raw tab in a string, text after the value, a byte-order mark
    for broken in ['{"a": 01}', '{"a": [1,]}', '"a\tb"', '{"a": 1} x', "\ufeff[1]"]:
        with pytest.raises(ValueError):
            json.loads(broken)
        with pytest.raises(ValueError):
            lean_messages.json_value(broken, [])


def test_collections_pause_while_catalogs_are_read_and_the_thresholds_come_back():
    import gc

    from mcptui.core.speed import collections_paused

    before = gc.get_threshold()
    enabled = gc.isenabled()
    with collections_paused():
        assert gc.get_threshold()[0] == 0  # no automatic collection
        with collections_paused():  # a second server's catalog at the same time
            pass
        assert gc.get_threshold()[0] == 0  # still paused: the first read is not over
    assert gc.get_threshold() == before
    assert gc.isenabled() is enabled  # the collector's on/off is not this pause's business


async def test_a_catalog_read_runs_with_collections_paused(demo_http_url):
    import gc

    from mcp.client.client import Client

    from mcptui.core import catalog_pages
    from mcptui.core.catalog_fetch import fetch_catalog

    seen: list[int] = []
    read_page = catalog_pages.read_page

    async def noting(*args: object, **kwargs: object) -> catalog_pages.Page:
        seen.append(gc.get_threshold()[0])
        return await read_page(*args, **kwargs)  # type: ignore[arg-type]

    catalog_pages.read_page = noting  # type: ignore[assignment]
    try:
        async with Client(demo_http_url) as client:
            await fetch_catalog(client, "http")
    finally:
        catalog_pages.read_page = read_page
    assert seen and set(seen) == {0}
    assert gc.get_threshold()[0] > 0


def test_what_a_read_made_is_collected_when_it_ends_not_at_the_next_keystroke():
    import gc

    from mcptui.core.speed import collections_paused

    generations: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            generations.append(info["generation"])

    was_enabled = gc.isenabled()  # an earlier test in this process may have paused the collector
    gc.enable()
    gc.callbacks.append(note)
    try:
        with collections_paused():
            made = [[i] for i in range(20_000)]  # what a catalog read leaves young
            generations.clear()
        assert generations and max(generations) >= 1  # the young generations, at once
    finally:
        gc.callbacks.remove(note)
        if not was_enabled:
            gc.disable()
    assert len(made) == 20_000


def test_the_tuis_first_catalog_is_frozen_at_the_end_of_its_read_not_walked():
    """While the first-catalog gate is held (the TUI before its first catalog is drawn), what
    the read made is frozen: no collection walks it before the catalog can be drawn."""
    import gc

    from mcptui.core import first_shown
    from mcptui.core.speed import collections_paused

    generations: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            generations.append(info["generation"])

    was_enabled = gc.isenabled()
    gc.enable()
    gc.callbacks.append(note)
    first_shown.hold()
    try:
        frozen = gc.get_freeze_count()
        with collections_paused():
            made = [[i] for i in range(20_000)]
            generations.clear()
        assert generations == []  # nothing walked
        assert gc.get_freeze_count() - frozen >= 20_000  # kept out of every later collection
    finally:
        first_shown.release()
        gc.callbacks.remove(note)
        if not was_enabled:
            gc.disable()
    assert len(made) == 20_000


async def test_a_large_sse_message_is_not_spelled_out_for_the_sdks_debug_line(monkeypatch):
    """The SDK formats each SSE message for ``logger.debug`` before the call (an f-string): a
    2025-11-25 session's large tools page (SSE-framed) no longer becomes that long a string."""
    from mcp.client.client import Client

    from mcptui.core.catalog_fetch import fetch_catalog
    from tests.servers import running_demo

    lines: list[str] = []
    monkeypatch.setattr(
        streamable_http.logger, "debug", lambda text, *args, **kwargs: lines.append(str(text))
    )
    with running_demo("--bulk-tools", "2500", "--legacy-only") as demo:
        async with Client(demo.url) as client:
            catalog = await fetch_catalog(client, "http")
    assert catalog.protocol_version == "2025-11-25"
    assert len(catalog.tools) > 2500
    sse = [line for line in lines if line.startswith("SSE message:")]
    assert sse  # the SDK's own line was written, for every message
    assert max(map(len, sse)) < 5_000  # the 2,500 tools' page (~400 kB) among them, not spelled out
