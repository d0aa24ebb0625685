"""A big SSE event given whole goes past httpx2's SSE parser (core/sse_whole.py): the SDK's
handler gets the very event the parser would have made (checked against httpx2's own parser),
and wherever that is not certain the parser sees it as before; a forged stand-in is nothing."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace
from typing import Any

import httpx2
import pytest
from httpx2._sse import _SSEParser

from mcptui.core import sse_whole, wire_fast_path
from mcptui.core.sse_spill import SpillingStream

THRESHOLD = 50_000


def catalog(count: int = 3_000, **tool: Any) -> bytes:
    """A reply of many short strings: nothing in it can be cut, so it is given whole."""
    tools = [{"name": f"t{i}", "inputSchema": {"type": "object"}, **tool} for i in range(count)]
    return json.dumps({"jsonrpc": "2.0", "id": 3, "result": {"tools": tools}}).encode()


async def _events(raw: bytes, pass_whole: bool, chunk: int = 4096, limit: int = 10_000_000) -> list[Any]:
    """``raw`` through SpillingStream, then httpx2's parser, then the handler's swap."""

    class Inner(httpx2.AsyncByteStream):
        async def __aiter__(self):  # type: ignore[no-untyped-def]
            for at in range(0, len(raw), chunk):
                yield raw[at : at + chunk]

    stream = SpillingStream(Inner(), threshold=THRESHOLD, limit=limit, pass_whole=pass_whole)
    parser = _SSEParser(limit)
    swapped = []

    def handle(events: Any) -> None:  # as the SDK's loop does: each event as the parser yields it
        for event in events:
            whole = sse_whole.take(event.data)
            swapped.append(
                type(event)(event.event, whole, event.id, event.retry) if whole is not None else event
            )
            SWAPS[0] += whole is not None

    async for part in stream:
        handle(parser.decode(part.decode("utf-8", "replace")))
    handle(parser.flush())
    return swapped


SWAPS = [0]


def _both(raw: bytes, **options: Any) -> tuple[list[Any], list[Any], int]:
    """The events read as before, as read now, and how many of them went past the parser."""
    SWAPS[0] = 0
    before = asyncio.run(_events(raw, False, **options))
    assert SWAPS[0] == 0
    return before, asyncio.run(_events(raw, True, **options)), SWAPS[0]


@pytest.mark.parametrize("eol", [b"\n", b"\r\n"])
@pytest.mark.parametrize(
    "data_lines",
    [
        [catalog()],  # one line
        catalog().replace(b", ", b",\n").split(b"\n"),  # over several data: lines (JSON whitespace)
        [catalog().replace(b'"t1"', '"t\u00e9\U0001f600"'.encode())],  # UTF-8 beyond ASCII
        [b" " + catalog()],  # a second leading space is data
    ],
    ids=["one-line", "many-lines", "utf8", "leading-space"],
)
def test_the_handler_gets_the_event_the_parser_would_make(eol: bytes, data_lines: list[bytes]) -> None:
    lines = [b"event: message", b"id: 41", b"retry: 300", b": a comment"]
    raw = eol.join([*lines, *(b"data: " + line for line in data_lines), b"", b"data: small", b"", b""])
    before, after, past = _both(raw)
    assert after == before and past == 1
    assert len(after) == 2 and after[0].id == "41" and after[0].retry == 300
    assert json.loads(after[0].data)["id"] == 3
    assert sse_whole.waiting() == 0


def test_the_parser_sees_no_big_event_when_it_goes_past() -> None:
    seen: list[int] = []
    real = _SSEParser.decode

    def measuring(self: Any, text: str) -> Any:
        seen.append(len(text))
        return real(self, text)

    raw = b"data: " + catalog() + b"\n\n"
    parser_input = pytest.MonkeyPatch()
    parser_input.setattr(_SSEParser, "decode", measuring)
    try:
        (event,) = asyncio.run(_events(raw, True))
    finally:
        parser_input.undo()
    assert event.data == catalog().decode()
    assert max(seen) < 4096 + 100  # the raw event's own chunks never reach it; the stand-in is small


@pytest.mark.parametrize(
    "raw",
    [
        b"data: " + catalog()[:-1] + b'\r"}\n\n',  # a bare \r inside the data: a line end to the parser
        b"data: " + catalog().replace(b'"t1"', b'"t\xff1"') + b"\n\n",  # not UTF-8 (the parser replaces it)
    ],
    ids=["bare-cr", "not-utf8"],
)
def test_what_the_parser_reads_otherwise_is_left_to_it(raw: bytes) -> None:
    before, after, past = _both(raw)
    assert after == before and past == 0
    assert sse_whole.waiting() == 0


def test_the_parsers_size_limit_is_kept_to_the_byte() -> None:
    """At the parser's limit the event goes past it; one byte under, the parser refuses it as
    before (its own error), though the spill's count of the data alone is within it."""
    fields = [b"event: message", b": comment"]
    data = catalog()
    raw = b"\n".join([*fields, b"data: " + data, b"", b""])
    size = sse_whole.parser_size(fields, data)
    assert [e.data for e in _SSEParser(size).decode(raw.decode())] == [data.decode()]
    with pytest.raises(httpx2.SSEError):
        list(_SSEParser(size - 1).decode(raw.decode()))
    before, after, past = _both(raw, limit=size)
    assert after == before and past == 1
    for pass_whole in (False, True):
        with pytest.raises(httpx2.SSEError, match=f"exceeded the {size - 1} byte limit"):
            asyncio.run(_events(raw, pass_whole, limit=size - 1))
    assert sse_whole.waiting() == 0


def test_only_a_utf8_response_with_the_handler_installed_goes_past(monkeypatch: pytest.MonkeyPatch) -> None:
    from mcp.client.streamable_http import StreamableHTTPTransport

    wire_fast_path.install()
    assert sse_whole.wanted(SimpleNamespace(encoding="utf-8"))
    assert sse_whole.wanted(SimpleNamespace(encoding="UTF8"))
    assert not sse_whole.wanted(SimpleNamespace(encoding="iso-8859-1"))
    assert not sse_whole.wanted(SimpleNamespace(encoding="no-such-codec"))
    monkeypatch.setattr(StreamableHTTPTransport, "_handle_sse_event", lambda *args: None)
    assert not sse_whole.wanted(SimpleNamespace(encoding="utf-8"))


def test_a_read_cut_short_forgets_the_text_it_kept() -> None:
    raw = b"data: " + catalog() + b"\n\ndata: more\n\n"

    async def run() -> bytes:
        class Inner(httpx2.AsyncByteStream):
            async def __aiter__(self):  # type: ignore[no-untyped-def]
                yield raw

        stream = SpillingStream(Inner(), threshold=THRESHOLD, limit=10_000_000, pass_whole=True)
        parts = stream.__aiter__()
        first = await parts.__anext__()  # the stand-in, never handled
        assert sse_whole.waiting() == 1
        await parts.aclose()  # the request cancelled
        return first

    assert asyncio.run(run()).startswith(b"data: " + sse_whole.PREFIX.encode())
    assert sse_whole.waiting() == 0


def test_a_stand_in_is_taken_once_and_a_forged_one_is_nothing() -> None:
    stand_in = sse_whole.hand_over([], b'{"a": 1}', 1_000)
    assert stand_in is not None
    text = stand_in.decode()
    forged = sse_whole.PREFIX + "0" * 32
    assert sse_whole.take(forged) is None
    assert sse_whole.take(text + "x") is None
    assert sse_whole.take(text) == '{"a": 1}'
    assert sse_whole.take(text) is None


def test_the_sdk_handler_is_given_the_whole_text_and_a_forged_stand_in_as_it_is() -> None:
    given: list[Any] = []

    async def original(self: Any, sse: Any, *rest: Any) -> bool:
        given.append(sse)
        return True

    handler = wire_fast_path._wrap_sse_event(original)
    stand_in = sse_whole.hand_over([b"id: 5"], b'{"jsonrpc": "2.0", "id": 5, "result": {}}', 1_000)
    assert stand_in is not None
    event = httpx2.ServerSentEvent(event="message", data=stand_in.decode(), id="5")
    forged = httpx2.ServerSentEvent(event="message", data=sse_whole.PREFIX + "f" * 32)
    transport = SimpleNamespace(_mcptui_route=None)
    asyncio.run(handler(transport, event, None))
    asyncio.run(handler(transport, forged, None))
    assert given[0] == httpx2.ServerSentEvent(
        event="message", data='{"jsonrpc": "2.0", "id": 5, "result": {}}', id="5"
    )
    assert given[1] == forged


LIVE = """
import asyncio, json, sys
from mcptui.core import first_shown, sse_whole
from mcptui.core.connection import ServerConnection
from mcptui.core.server_config import ServerConfig

taken = []
real_take = sse_whole.take

def counting_take(data):
    text = real_take(data)
    if text is not None:
        taken.append(len(text))
    return text

sse_whole.take = counting_take

async def main():
    first_shown.hold()  # the TUI's live connection
    config = ServerConfig(name="big", url=sys.argv[1], protocol="legacy")
    connection = ServerConnection(config, keep_aside=True, era_ahead=True)
    catalog = await connection.connect()
    names = sorted(tool["name"] for tool in catalog.tools if tool["name"].startswith("bulk_"))
    print(json.dumps({"version": connection.protocol_version, "bulk": len(names), "first": names[0],
                      "last": names[-1], "taken": taken, "waiting": sse_whole.waiting()}))
    await connection.disconnect()

asyncio.run(main())
"""


def test_a_legacy_sessions_big_catalog_reaches_the_sdk_past_the_parser(tmp_path: Any) -> None:
    """The TUI's live connection to a 2025-11-25 server whose tools/list (an SSE stream) is one
    event of ~1.5 MB: every tool is in the catalog, and the event went past httpx2's parser."""
    import os
    import subprocess
    import sys

    from tests.servers import running_demo

    with running_demo("--bulk-tools", "10000") as demo:
        env = {**os.environ, "MCPTUI_HOME": str(tmp_path)}
        done = subprocess.run(
            [sys.executable, "-c", LIVE, demo.url], capture_output=True, text=True, env=env, timeout=120
        )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["version"] == "2025-11-25"
    assert (seen["bulk"], seen["first"], seen["last"]) == (10_000, "bulk_0000", "bulk_9999")
    assert len(seen["taken"]) == 1 and seen["taken"][0] > 1_000_000
    assert seen["waiting"] == 0
