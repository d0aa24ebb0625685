"""Big results over a gzip-compressed response (tests/load_server.py ``--gzip``), and big messages
handled once, over a real streamable HTTP connection to the SDK load server.

A compressed body or event stream is not wrapped below httpx2 (core/sse_spill.py steps aside: its
bytes are not lines); the handlers over the SDK transport (core/wire_fast_path.py) keep such a
big message aside themselves, on a connection made with ``keep_aside``: the result comes back as
its cut copy and reads back whole from its spill file. Without ``keep_aside`` (the CLI) it comes
back whole. A message the layer below already handled (an uncompressed one) is not written to a
spill file again by the handler above: one temp file per big message, or none kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mcptui.core import spill, spill_whole
from mcptui.core.connection import ServerConnection
from mcptui.core.server_config import ServerConfig
from mcptui.core.spill_check import CHECK_KEY
from tests.load_server import BIG_END, big_text, running_load

ERAS = [
    pytest.param((), "legacy", id="sse-2025-11-25"),
    pytest.param(("--json",), "auto", id="json-2026-07-28"),
]


async def call(
    flags: tuple[str, ...], protocol: str, tool: str, arguments: dict[str, Any], *, keep_aside: bool = True
) -> dict[str, Any]:
    with running_load(*flags) as url:
        config = ServerConfig(name="load", url=url, protocol=protocol)  # type: ignore[arg-type]
        async with ServerConnection(config, keep_aside=keep_aside) as connection:
            return await connection.call_tool(tool, arguments)


def first_text(result: dict[str, Any]) -> str:
    return str(result["content"][0]["text"])


@pytest.mark.parametrize(("flags", "protocol"), ERAS)
async def test_a_big_result_over_a_gzip_response_is_cut_and_reads_back_whole(
    flags: tuple[str, ...], protocol: str
) -> None:
    result = await call(("--gzip", *flags), protocol, "big", {"megabytes": 3})
    text = first_text(result)
    spilled = spill.find(text)
    assert spilled is not None, "the gzip-compressed result reached the SDK whole, not kept aside"
    assert not text.endswith(BIG_END) and big_text(3).startswith(spill.head_of(text))
    assert "".join(spill.read_pages(spilled)) == big_text(3)


@pytest.mark.parametrize(("flags", "protocol"), ERAS)
async def test_a_big_structured_result_over_a_gzip_response_is_judged_whole(
    flags: tuple[str, ...], protocol: str
) -> None:
    result = await call(("--gzip", *flags), protocol, "big_record", {"megabytes": 3})
    text = str(result["structuredContent"]["text"])
    assert spill.find(text) is not None  # its cut copy, judged on the whole
    assert result[CHECK_KEY]["checked"] is True and "whole result" in result[CHECK_KEY]["note"]
    assert spill_whole.whole(result["structuredContent"])["text"] == big_text(3)


async def test_without_keep_aside_a_big_result_over_gzip_comes_back_whole() -> None:
    result = await call(("--gzip",), "legacy", "big", {"megabytes": 3}, keep_aside=False)
    assert first_text(result) == big_text(3)


def count_spill_files(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every spill file asked for (a temp write), by core/spill.py or core/sse_spill.py."""
    made: list[Path] = []
    new_file = spill.new_file

    def counted() -> tuple[str, Path]:
        token, path = new_file()
        made.append(path)
        return token, path

    monkeypatch.setattr(spill, "new_file", counted)
    return made


@pytest.mark.parametrize(("flags", "protocol"), ERAS)
@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        pytest.param("big_blocks", {"blocks": 30, "kilobytes": 100}, id="cut-copy-still-big"),
        pytest.param("many_small", {"count": 30_000}, id="nothing-to-cut"),
    ],
)
async def test_a_big_message_handled_below_httpx2_is_not_written_again_above(
    monkeypatch: pytest.MonkeyPatch,
    flags: tuple[str, ...],
    protocol: str,
    tool: str,
    arguments: dict[str, Any],
) -> None:
    """Two kinds of big message stay over the threshold once handled by core/sse_spill.py: a cut
    copy of many long strings, and a message with nothing long to cut (given whole). The handler
    over the SDK transport leaves them as they are: one temp write, not two."""
    made = count_spill_files(monkeypatch)
    result = await call(flags, protocol, tool, arguments)
    assert len(made) == 1, f"{len(made)} spill files written for one message"
    content = result["content"]
    if tool == "many_small":
        assert len(content) == 30_000 and content[-1]["text"] == "item 029999"
        assert not made[0].exists()  # nothing cut: not kept
    else:
        assert len(content) == 30 and all(spill.find(block["text"]) is not None for block in content)
        whole = spill_whole.whole(content)
        assert [block["text"] for block in whole] == [f"{i}:{big_text(0.1)}" for i in range(30)]
