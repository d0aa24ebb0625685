"""Big messages kept aside (core/spill.py, core/sse_spill.py) and log lines read under the SDK
(core/wire_fast_path.py): the small copy keeps the structure and cuts long strings at a safe
place, the whole text reads back page by page, SSE framing survives any chunking, and a log line
the SDK would refuse is left to the SDK."""

from __future__ import annotations

import asyncio
import json
import stat
from typing import Any

import httpx2
import pytest

from mcptui.core import spill
from mcptui.core.sse_spill import SpillingBody, SpillingStream
from mcptui.core.wire_fast_path import log_line


def message(text: str, **extra: Any) -> str:
    result = {"content": [{"type": "text", "text": text}], "isError": False, **extra}
    return json.dumps({"jsonrpc": "2.0", "id": 7, "result": result}, ensure_ascii=False)


def cut_text(copy: bytes) -> str:
    return str(json.loads(copy)["result"]["content"][0]["text"])


TRICKY = 'é "quoted" \\ back\tslash\n😀 emoji ' * 5_000  # escapes, non-ASCII, a surrogate pair


def test_a_long_string_is_cut_with_a_marker_and_reads_back_whole_page_by_page() -> None:
    original = message(TRICKY, structuredContent={"n": 1, "short": "kept"})
    copy = spill.stand_in(original)
    assert len(copy) < spill.HEAD_CHARS + 1_000
    parsed = json.loads(copy)  # still valid JSON-RPC: same id, same structure, short strings kept
    assert parsed["id"] == 7 and parsed["result"]["structuredContent"] == {"n": 1, "short": "kept"}
    text = cut_text(copy)
    assert "mcptui-spill:" in text and TRICKY.startswith(spill.head_of(text))
    spilled = spill.find(text)
    assert spilled is not None
    assert stat.S_IMODE(spilled.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(spilled.path.parent.stat().st_mode) == 0o700
    for page in (7, 100, 4_096):  # every page boundary falls somewhere awkward
        assert "".join(spill.read_pages(spilled, page_bytes=page)) == TRICKY


@pytest.mark.parametrize("at", range(spill.HEAD_CHARS - 14, spill.HEAD_CHARS + 2))
def test_the_cut_never_splits_an_escape_or_a_character(at: int) -> None:
    # put an escape, a \u escape and a surrogate pair across each position around the cut
    raw_prefix = "a" * (at - 77)  # 77: bytes of the message before the text
    text = raw_prefix + '\\"\u00e9\U0001f600\n' + "b" * 70_000
    copy = spill.stand_in(message(text))
    head = spill.head_of(cut_text(copy))
    assert text.startswith(head)
    head.encode("utf-8")  # no lone surrogate


def test_a_forged_marker_points_at_nothing() -> None:
    forged = "hello\n… [mcptui: cut here: mcptui-spill:0123456789abcdef:0]"
    assert spill.find(forged) is None and spill.head_of(forged) == forged


def test_a_message_that_cannot_be_cut_small_is_given_whole_and_not_kept() -> None:
    """A 50,000-tool list, or 400,000 small objects: nothing long to cut, or a structure alone
    over the limit. The SDK gets the message whole (as without the fast path); no file stays."""
    before = set(spill._registry.folder().iterdir())
    items = [{"k": i} for i in range(400_000)]  # ~4.4 MB of small objects
    many = json.dumps({"jsonrpc": "2.0", "id": 1, "result": {"items": items}})
    assert spill.stand_in(many) == many.encode()
    tools = [
        {"name": f"t{i}", "description": "x" * 100, "inputSchema": {"type": "object"}} for i in range(20_000)
    ]
    listing = json.dumps({"jsonrpc": "2.0", "id": 2, "result": {"tools": tools}})  # > 1 MiB, no long string
    assert spill.stand_in(listing) == listing.encode()
    assert set(spill._registry.folder().iterdir()) == before


@pytest.mark.parametrize(
    "strings",
    [
        ["short"] * 1_000,  # many short strings: nothing to cut
        ["a" * spill.STRING_LIMIT],  # exactly the limit: not cut
        ["a" * (spill.STRING_LIMIT + 1)],  # one byte over: cut
        ['x"' * (spill.STRING_LIMIT // 2)],  # long, but only through escaped quotes
        ["\\" * spill.STRING_LIMIT],  # long, all escaped backslashes
        ['\\"' * 10_000, "tail"],  # escaped backslashes before a quote that ends the string
        ["é" * (spill.STRING_LIMIT // 2 + 1)],  # long in UTF-8 bytes, not in characters
    ],
)
def test_the_quick_check_agrees_with_the_walk(strings: list[str]) -> None:
    data = json.dumps({"jsonrpc": "2.0", "id": 1, "result": {"items": strings}}, ensure_ascii=False).encode()
    try:
        spill._cut_long_strings(data, "0" * 16, len(data))
    except spill._NotSmaller:
        walk_cuts = False
    else:
        walk_cuts = True
    assert spill._nothing_to_cut(data) is not walk_cuts


def _filler(size: int) -> bytes:
    return (b'"k":"v",' * (size // 8 + 1))[:size]  # quotes every few bytes


@pytest.mark.parametrize("run", [-2, -1, 0, 1, 2, 3, 5_000, 70_000])  # bytes past STRING_LIMIT
def test_the_block_search_finds_what_the_pattern_finds(run: int) -> None:
    """:func:`spill._long_run` against the pattern it stands for: a quote-free run of every
    length around the limit, at every place against the blocks, after a quote or at the start."""
    length = spill.STRING_LIMIT + run
    block = spill._BLOCK
    places = [0, 1, 2, 3, 7, block - 2, block - 1, block, block + 1, 2 * block - 1, 2 * block + 5, 3 * block]
    for place in places:
        for quote in (b'"', b"{"):  # the run after a quote, or after another byte
            if place == 0 and quote == b"{":
                continue
            head = _filler(place) + quote if place else quote
            data = head + b"a" * length + b'"' + _filler(block)
            expected = spill._LONG_RUN.search(data) is not None
            assert spill._long_run(data) is expected, (place, quote)
            assert spill._long_run(data[:-block]) is (spill._LONG_RUN.search(data[:-block]) is not None)
    assert spill._long_run(b"a" * (3 * block)) is False  # no quote at all
    assert spill._long_run(b'"' + b"a" * (spill.STRING_LIMIT + 1)) is True  # the whole message


def test_a_catalog_reply_is_not_searched_at_every_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 50,000-tool reply has a quote in every block: the pattern (tried at each of its 1.1 M
    quotes: 15 ms) is never run, and nothing is found to cut."""
    searched: list[tuple[Any, ...]] = []

    class Counting:
        def search(self, *args: Any) -> Any:
            searched.append(args[1:])
            return real.search(*args)

    real = spill._LONG_RUN
    monkeypatch.setattr(spill, "_LONG_RUN", Counting())
    tools = [{"name": f"bulk_{i:05}", "inputSchema": {"type": "object"}} for i in range(20_000)]
    data = json.dumps({"jsonrpc": "2.0", "id": 3, "result": {"tools": tools}}).encode()
    assert len(data) > 20 * spill._BLOCK
    assert spill._nothing_to_cut(data)
    assert searched == []


def test_a_message_ending_inside_a_string_is_left_to_the_walk() -> None:
    data = b'{"jsonrpc":"2.0","id":1,"result":{"a":"open \\" ' + b"x" * 10
    assert not spill._nothing_to_cut(data)
    with pytest.raises(ValueError, match="inside a string"):
        spill._cut_long_strings(data, "0" * 16, len(data))


def test_only_the_newest_spills_are_kept() -> None:
    paths = []
    for _ in range(spill.KEEP_SPILLS + 2):
        copy = spill.stand_in(message("z" * 70_000))
        found = spill.find(cut_text(copy))
        assert found is not None
        paths.append(found.path)
    assert not paths[0].exists() and paths[-1].exists()


async def _stream(chunks: list[bytes]) -> Any:
    class Inner(httpx2.AsyncByteStream):
        async def __aiter__(self):  # type: ignore[no-untyped-def]
            for chunk in chunks:
                yield chunk

    return Inner()


def sse_events(raw: bytes) -> list[dict[str, str]]:
    events = []
    for block in raw.replace(b"\r\n", b"\n").split(b"\n\n"):
        if not block.strip():
            continue
        fields: dict[str, str] = {}
        for line in block.decode().split("\n"):
            name, _, value = line.partition(":")
            fields[name] = fields.get(name, "") + value.removeprefix(" ")
        events.append(fields)
    return events


@pytest.mark.parametrize("eol", [b"\n", b"\r\n"])
@pytest.mark.parametrize("chunk", [3, 4096, 10_000_000])
def test_sse_framing_survives_any_chunking_and_a_big_event_becomes_its_small_copy(
    eol: bytes, chunk: int
) -> None:
    small = b'{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"x"}}'
    big = message("y" * 200_000).encode()
    raw = eol.join([b"event: message", b"data: " + small, b"", b"id: 9", b"data: " + big, b"", b""])
    pieces = [raw[at : at + chunk] for at in range(0, len(raw), chunk)]

    async def run() -> bytes:
        stream = SpillingStream(await _stream(pieces), threshold=50_000, limit=10_000_000)
        return b"".join([part async for part in stream])

    out = asyncio.run(run())
    events = sse_events(out)
    assert [e.get("event") for e in events] == ["message", None]
    assert events[0]["data"] == small.decode()
    assert events[1]["id"] == "9"
    text = cut_text(events[1]["data"].encode())
    spilled = spill.find(text)
    assert spilled is not None and "".join(spill.read_pages(spilled)) == "y" * 200_000


@pytest.mark.parametrize("eol", [b"\n", b"\r\n"])
def test_every_cut_of_an_end_mark_between_chunks_gives_the_same_events(eol: bytes) -> None:
    """An event's end mark (a blank line) split between two chunks at any byte, events of
    every length around it, and a big event after them: the small events pass on byte for
    byte, the big one as its small copy, whatever the chunks."""
    events = b"".join(eol.join([b"id: %d" % n, b"data: " + b"z" * n, b"", b""]) for n in range(1, 9))
    big = eol.join([b"data: " + message("w" * 120_000).encode(), b"", b""])
    raw = events + big

    async def run(pieces: list[bytes]) -> tuple[bytes, str]:
        stream = SpillingStream(await _stream(pieces), threshold=50_000, limit=10_000_000)
        out = b"".join([part async for part in stream])
        (last,) = sse_events(out[len(events) :])  # the big one: its copy names this run's file
        spilled = spill.find(cut_text(last["data"].encode()))
        assert spilled is not None
        return out[: len(events)], "".join(spill.read_pages(spilled))

    assert asyncio.run(run([raw])) == (events, "w" * 120_000)
    for size in range(1, 6):
        for first in range(1, size + 1):  # every place of every chunk boundary
            cut = 400 - (400 - first) % size  # the small events and the big one's start, in pieces
            starts = [0, *range(first, cut, size)]
            pieces = [raw[at:end] for at, end in zip(starts, [*starts[1:], cut], strict=True)] + [raw[cut:]]
            assert b"".join(pieces) == raw
            assert asyncio.run(run(pieces)) == (events, "w" * 120_000)


def test_a_big_events_start_is_searched_for_an_end_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The start of an event held until it passes the threshold is not searched again for an
    end mark at every chunk (a 1 MiB threshold, 64 KiB chunks: 17 searches from the start)."""
    from mcptui.core import sse_spill

    searched: list[int] = []
    for name in ("_ends", "_first_end"):
        real = getattr(sse_spill, name)

        def counting(held: bytes, start: int = 0, real: Any = real) -> int:
            searched.append(len(held) - start)
            return int(real(held, start))

        monkeypatch.setattr(sse_spill, name, counting)
    raw = b"data: " + message("p" * 400_000).encode() + b"\n\n"
    chunk = 4096

    async def run() -> list[bytes]:
        pieces = [raw[at : at + chunk] for at in range(0, len(raw), chunk)]
        stream = SpillingStream(await _stream(pieces), threshold=100_000, limit=10_000_000)
        return [part async for part in stream]

    (event,) = sse_events(b"".join(asyncio.run(run())))
    assert json.loads(event["data"])["id"] == 7
    assert len(searched) >= 100_000 // chunk  # one search per chunk until it went to its file
    assert max(searched) <= chunk + 3


def test_a_big_event_whose_data_spans_several_lines_reaches_the_parser_as_json() -> None:
    """A server may send one JSON message over several ``data:`` lines (pretty-printed): its
    small copy keeps those line breaks, so each of them is given to the parser as a data line."""
    pretty = json.dumps(json.loads(message("v" * 200_000)), indent=1)
    raw = (
        b"event: message\n"
        + b"".join(b"data: " + line.encode() + b"\n" for line in pretty.split("\n"))
        + b"\n"
    )

    async def run() -> bytes:
        pieces = [raw[at : at + 4096] for at in range(0, len(raw), 4096)]
        stream = SpillingStream(await _stream(pieces), threshold=50_000, limit=10_000_000)
        return b"".join([part async for part in stream])

    (event,) = sse_events(asyncio.run(run()))
    text = cut_text(event["data"].encode())  # whole JSON, not its first line
    spilled = spill.find(text)
    assert spilled is not None and "".join(spill.read_pages(spilled)) == "v" * 200_000


def test_an_sse_event_over_the_hard_cap_fails_as_httpx2_does() -> None:
    raw = b"data: " + b"q" * 300_000 + b"\n\n"

    async def run() -> None:
        stream = SpillingStream(
            await _stream([raw[:100_000], raw[100_000:]]), threshold=50_000, limit=200_000
        )
        async for _ in stream:
            pass

    with pytest.raises(httpx2.SSEError, match="exceeded the 200000 byte limit"):
        asyncio.run(run())


def test_a_json_body_past_the_threshold_is_read_as_its_small_copy() -> None:
    body = message("w" * 300_000).encode()

    async def run(limit: int) -> bytes:
        pieces = [body[at : at + 65_536] for at in range(0, len(body), 65_536)]
        stream = SpillingBody(await _stream(pieces), threshold=100_000, limit=limit)
        return b"".join([part async for part in stream])

    copy = asyncio.run(run(10_000_000))
    assert len(copy) < 50_000 and spill.find(cut_text(copy)) is not None
    with pytest.raises(httpx2.DecodingError, match="larger than"):
        asyncio.run(run(200_000))


def test_a_body_that_cannot_be_cut_small_reaches_the_parser_whole() -> None:
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "result": {"items": [{"k": i} for i in range(400_000)]}})

    async def run() -> bytes:
        stream = SpillingBody(await _stream([body.encode()]), threshold=100_000, limit=100_000_000)
        return b"".join([part async for part in stream])

    assert asyncio.run(run()) == body.encode()


@pytest.mark.parametrize(
    ("params", "fast"),
    [
        ({"level": "info", "data": "x"}, True),
        ({"level": "info", "logger": "db", "data": {"a": 1}}, True),
        ({"level": "loud", "data": "x"}, False),  # not a level: the SDK warns and drops it
        ({"level": "info"}, False),  # no data
        ({"level": "info", "logger": 3, "data": "x"}, False),
    ],
)
def test_only_a_log_line_the_sdk_would_accept_takes_the_fast_path(params: dict[str, Any], fast: bool) -> None:
    line = json.dumps({"jsonrpc": "2.0", "method": "notifications/message", "params": params})
    assert (log_line(line) is not None) is fast
    with_id = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "notifications/message", "params": params})
    assert log_line(with_id) is None


def test_the_wire_tap_keeps_a_bounded_redacted_copy_of_a_huge_string() -> None:
    from mcp_types import JSONRPCResponse

    from mcptui.core.events import RpcMessage
    from mcptui.core.wire_tap import STRING_KEEP, MessageTap

    events: list[RpcMessage] = []
    text = "token=hunter2secret " + "s" * 1_000_000
    result = {"content": [{"type": "text", "text": text}]}
    MessageTap(events.append, "s").observe("in", JSONRPCResponse(jsonrpc="2.0", id=1, result=result))
    kept = events[0].payload["result"]["content"][0]["text"]
    assert len(kept) < STRING_KEEP + 100 and "more characters, not kept in the console" in kept
    assert "hunter2secret" not in kept  # still redacted
    assert result["content"][0]["text"] == text  # the result itself is untouched


def test_the_history_stores_a_note_for_a_huge_result_without_serializing_it_whole(tmp_path: Any) -> None:
    from mcptui.core.history import CallRecord, HistoryStore

    store = HistoryStore(tmp_path)
    store.load("s", "s")
    huge = {"content": [{"type": "text", "text": "h" * 5_000_000}]}
    store.add(CallRecord(server="s", kind="tool", name="big", result=huge))
    line = (tmp_path / "s.jsonl").read_text()
    stored = json.loads(line)["result"]
    assert len(line) < 10_000 and stored["_mcptuiTruncated"] > 5_000_000
    assert "not kept in the history" in stored["content"][0]["text"]


GONE_TEXT = "".join(f"{i:07d} " + "z" * 91 + "\n" for i in range(2_000))


def test_core_knows_a_cut_string_whose_file_is_gone() -> None:
    copy = json.loads(spill.stand_in(json.dumps({"jsonrpc": "2.0", "id": 1, "result": {"t": GONE_TEXT}})))
    cut = copy["result"]["t"]
    spilled = spill.find(cut)
    assert spilled is not None and not spill.lost(cut)
    spilled.path.unlink()
    assert spill.lost(cut) and spill.find(cut) is None
    assert spill.head_of(cut) == GONE_TEXT[: len(spill.head_of(cut))] and "mcptui-spill" not in spill.head_of(
        cut
    )
    try:
        next(iter(spill.read_pages(spilled)))
    except spill.SpillGone as gone:
        assert str(gone).startswith("the rest is no longer available")
    else:
        raise AssertionError("read_pages read a file that is gone")
    forged = "hello\n… [mcptui: cut here: mcptui-spill:0123456789abcdef:0]"
    assert not spill.lost(forged) and spill.head_of(forged) == forged
