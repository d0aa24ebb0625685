"""A big tool result kept aside is judged by its output schema whole, never by its cut copy
(core/spill_check.py, core/spill_whole.py), over a real streamable HTTP connection to the SDK
load server (tests/load_server.py), in both protocol eras.

``big_record``'s schema asks for at least 1,000,000 characters ending ``big-end``: the cut copy
fails it, the whole text meets it. ``big_capped``'s allows at most 2,000,000: the cut copy of 5 MB
passes it, the whole text breaks it. Past ``MCPTUI_WHOLE_MB`` the result is not judged, and says so.
"""

from __future__ import annotations

from typing import Any

import pytest

from mcptui.core import spill, spill_whole
from mcptui.core.connection import ServerConnection
from mcptui.core.errors import McpTuiError
from mcptui.core.server_config import ServerConfig
from mcptui.core.spill_check import CHECK_KEY
from tests.load_server import BIG_END, big_text, running_load

ERAS = [
    pytest.param((), "legacy", id="sse-2025-11-25"),
    pytest.param(("--json",), "auto", id="json-2026-07-28"),
]


async def call(flags: tuple[str, ...], protocol: str, tool: str, megabytes: float) -> dict[str, Any]:
    with running_load(*flags) as url:
        config = ServerConfig(name="load", url=url, protocol=protocol)  # type: ignore[arg-type]
        async with ServerConnection(config, keep_aside=True) as connection:
            return await connection.call_tool(tool, {"megabytes": megabytes})


def structured_text(result: dict[str, Any]) -> str:
    return str(result["structuredContent"]["text"])


@pytest.mark.parametrize(("flags", "protocol"), ERAS)
async def test_a_valid_spilled_result_is_not_failed_by_its_cut_copy(
    flags: tuple[str, ...], protocol: str
) -> None:
    result = await call(flags, protocol, "big_record", 5)
    text = structured_text(result)
    assert spill.find(text) is not None and not text.endswith(BIG_END)  # the cut copy came back
    assert result[CHECK_KEY]["checked"] is True and "whole result" in result[CHECK_KEY]["note"]
    assert spill_whole.whole(result["structuredContent"])["text"] == big_text(5)


@pytest.mark.parametrize(("flags", "protocol"), ERAS)
async def test_an_invalid_spilled_result_is_not_passed_by_its_cut_copy(
    flags: tuple[str, ...], protocol: str
) -> None:
    with pytest.raises(McpTuiError) as failure:
        await call(flags, protocol, "big_capped", 5)
    said = str(failure.value)
    assert "Invalid structured content" in said and "is too long" in said and "structuredContent/text" in said
    assert len(said) < 2_000  # the SDK's quote of the 5 MB value is cut to a readable size


async def test_a_result_too_large_to_read_back_is_reported_not_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MCPTUI_WHOLE_MB", "2")
    for tool in ("big_record", "big_capped"):  # whether the whole is valid or not: no verdict
        result = await call((), "legacy", tool, 5)
        assert result[CHECK_KEY]["checked"] is False
        assert result[CHECK_KEY]["note"].startswith("not checked: result too large")


def test_a_forged_marker_is_judged_as_text() -> None:
    forged = "x" * 100 + "\n… [mcptui: cut here, 9.0 MiB in all: mcptui-spill:0123456789abcdef:0]"
    assert not spill_whole.cut_texts({"text": forged})
    assert spill_whole.whole({"text": forged}) == {"text": forged}


def test_a_value_whose_spill_file_is_gone_is_not_made_whole() -> None:
    import json

    copy = json.loads(spill.stand_in(json.dumps({"jsonrpc": "2.0", "id": 1, "result": {"t": "y" * 100_000}})))
    value = copy["result"]
    assert spill_whole.cut_texts(value).count == 1
    for _ in range(spill.KEEP_SPILLS):  # newer spills push it out
        spill.stand_in(json.dumps({"jsonrpc": "2.0", "id": 2, "result": {"t": "z" * 100_000}}))
    assert spill_whole.cut_texts(value).missing == 1
    with pytest.raises(spill_whole.NoLongerKept):
        spill_whole.whole(value)


async def test_a_collection_judges_a_spilled_result_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """The TUI's Collections pane runs on the connection that keeps big results aside."""
    from mcptui.core.collection_run import run_saved_call
    from mcptui.core.collections import SavedCall
    from mcptui.core.expectations import Expectations, PathCheck

    ends = Expectations(jsonpath=(PathCheck("$.structuredContent.text", matches=f"{BIG_END}$"),))
    fits = Expectations(output_schema=True)
    with running_load() as url:
        config = ServerConfig(name="load", url=url, protocol="legacy")
        async with ServerConnection(config, keep_aside=True) as connection:
            catalog = connection.catalog

            async def run(tool: str, expect: Expectations) -> tuple[str, ...]:
                call = SavedCall("c", "tool", tool, {"megabytes": 3}, expect)
                return (await run_saved_call(connection, catalog, call, server="load")).reasons

            assert await run("big_record", ends) == ()  # the cut copy ends with its marker
            assert (
                await run("big", Expectations(jsonpath=(PathCheck("$.content[0].text", matches="big-end$"),)))
                == ()
            )
            monkeypatch.setenv("MCPTUI_WHOLE_MB", "1")
            reasons = await run("big_record", fits)
            assert len(reasons) == 1 and reasons[0].startswith("jsonpath / output_schema not checked")
