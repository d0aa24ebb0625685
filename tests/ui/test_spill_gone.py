"""A big result cut when it arrived whose spill file is gone (evicted, or the temp file deleted):
the view shows its head and says the rest is no longer available; "show all" and "save" say so
too, instead of failing on a missing file or passing the cut copy (with its marker) for the whole."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

from mcptui.core import spill
from mcptui.ui.widgets.paged_text import PagedText
from mcptui.ui.widgets.result_blocks import BinaryBlock, GoneNotice, TextBlock
from mcptui.ui.widgets.result_view import ResultView

from .conftest import wait_for
from .test_result_view import ResultHost, rendered

SIZE = (100, 30)
TEXT = "".join(f"{i:07d} " + "z" * 91 + "\n" for i in range(20_000))  # 2 MB of numbered lines


def cut_result(content: dict[str, Any]) -> dict[str, Any]:
    """The cut copy of a result the SDK gets (its whole kept in a spill file)."""
    message = {"jsonrpc": "2.0", "id": 1, "result": {"content": [content]}}
    result: dict[str, Any] = json.loads(spill.stand_in(json.dumps(message)))["result"]
    return result


def spill_file(text: str) -> Path:
    spilled = spill.find(text)
    assert spilled is not None
    return spilled.path


def notes_of(app: ResultHost) -> list[str]:
    notes: list[str] = []
    app.notify = lambda message, **_kw: notes.append(str(message))  # type: ignore[method-assign]
    return notes


async def test_a_cut_text_whose_spill_file_is_gone_says_the_rest_is_no_longer_available(
    tmp_path: Path,
) -> None:
    result = cut_result({"type": "text", "text": TEXT})
    cut = result["content"][0]["text"]
    spill_file(cut).unlink()  # the temp file deleted
    app = ResultHost(save_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result(result)
        await pilot.pause()
        block = view.query_one(TextBlock)
        assert block.lost and block.spilled is None
        shown = rendered(view)
        assert "the rest is no longer available" in str(view.query_one(GoneNotice).render())
        assert "mcptui-spill" not in shown and "0000000 " in shown  # its head, without the marker
        view.focus()
        await pilot.press("x")  # show all: the whole head, and the same word on the rest
        await pilot.pause()
        assert not view.query(PagedText) and not view.truncated
        shown = rendered(view)
        assert TEXT.startswith(spill.head_of(cut)) and spill.head_of(cut)[-30:] in shown
        assert "mcptui-spill" not in shown and view.query(GoneNotice)
        notes = notes_of(app)
        view.action_save()  # nothing whole to save: it says so, writes nothing
        await pilot.pause()
        assert notes and notes[-1].startswith("Not saved: the rest is no longer available")
        assert view.write_block(block, tmp_path / "result.txt") is None
        assert list(tmp_path.iterdir()) == []


async def test_a_spilled_text_whose_file_goes_away_while_shown_says_the_rest_is_no_longer_available(
    tmp_path: Path,
) -> None:
    result = cut_result({"type": "text", "text": TEXT})
    app = ResultHost(save_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result(result)
        await pilot.pause()
        block = view.query_one(TextBlock)
        assert block.spilled is not None and not view.query(GoneNotice)
        spilled = block.spilled
        spilled.path.unlink()  # deleted while shown
        # a page reader already started on it: its status says so (not "No such file")
        paged = PagedText(lambda: spill.read_pages(spilled), spilled.size)
        await view.mount(paged)
        await wait_for(pilot, lambda: paged.failure is not None, what="the failure")
        assert str(paged.status.render()).startswith("the rest is no longer available")
        assert not paged.body.lines
        notes = notes_of(app)
        assert view.write_block(block, tmp_path / "result.txt") is not None  # saving the block shown
        await wait_for(pilot, lambda: any("Could not save" in note for note in notes), what="the save")
        assert "the rest is no longer available" in notes[-1]
        view.focus()
        await pilot.press("x")  # shown again: its head, and the word on the rest
        await pilot.pause()
        assert view.query_one(TextBlock).lost and view.query(GoneNotice) and not view.query(PagedText)


async def test_a_cut_blob_whose_spill_file_is_gone_says_so_and_offers_no_save() -> None:
    data = base64.b64encode(b"\x89PNG\r\n\x1a\n" + os.urandom(1_500_000)).decode()
    result = cut_result({"type": "image", "mimeType": "image/png", "data": data})
    spill_file(result["content"][0]["data"]).unlink()
    app = ResultHost()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result(result)
        await pilot.pause()
        block = view.query_one(BinaryBlock)
        assert block.lost and block.attachment is None
        assert "cut when it arrived: the rest is no longer available" in block.describe()
        assert not view.check_action("save", ())
