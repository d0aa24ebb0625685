"""Pilot tests of ResultView: every content kind, structured output, errors, large results, save/copy/progress."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from pathlib import Path

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Input, Markdown, ProgressBar, Static

from mcptui.ui.screens.save_dialog import SaveModal
from mcptui.ui.widgets.result_blocks import BinaryBlock, ResourceLinkBlock, TextBlock, TruncationNotice
from mcptui.ui.widgets.result_format import MAX_LINES, classify_text, image_dimensions
from mcptui.ui.widgets.result_view import MAX_BLOCKS, ResultView
from mcptui.ui.widgets.text_rows import TextRows

WIDGETS_TCSS = Path(__file__).resolve().parents[2] / "mcptui" / "ui" / "styles" / "widgets.tcss"


def png_bytes(width: int = 3, height: int = 2) -> bytes:
    """A real (tiny, grey) PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


class ResultHost(App[None]):
    CSS_PATH = str(WIDGETS_TCSS)

    def __init__(self, save_dir: Path | None = None) -> None:
        super().__init__()
        self.save_dir = save_dir
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield ResultView(save_dir=self.save_dir)

    def on_result_view_open_resource(self, event: ResultView.OpenResource) -> None:
        self.messages.append(event)

    def on_result_view_cancel_requested(self, event: ResultView.CancelRequested) -> None:
        self.messages.append(event)


def rendered(view: ResultView) -> str:
    """The text of every block: labels (Static) and bodies (TextRows, drawn a row at a time)."""
    labels = [str(w.render()) for w in view.query(Static)]
    return "\n".join(labels + [w.plain for w in view.query(TextRows)])


async def test_plain_json_and_markdown_text() -> None:
    app = ResultHost()
    async with app.run_test(size=(100, 40)) as pilot:
        view = app.query_one(ResultView)
        result = {
            "content": [
                {"type": "text", "text": "just [bold]words[/bold]"},
                {"type": "text", "text": '{"city": "Paris", "days": [1, 2]}'},
                {"type": "text", "text": "# Report\n\n- one\n- two\n\n**done**"},
            ]
        }
        await view.show_tool_result(result, elapsed_ms=42.4)
        await pilot.pause()
        blocks = list(view.query(TextBlock))
        assert [b.kind for b in blocks] == ["plain", "json", "markdown"]
        assert "just [bold]words[/bold]" in rendered(view)  # shown literally, never as markup
        pretty = blocks[1].query_one(".json-text", TextRows).plain
        assert pretty == json.dumps({"city": "Paris", "days": [1, 2]}, indent=2)
        assert blocks[2].query(Markdown)
        assert view.border_title == "Result" and view.border_subtitle == "42 ms"
        assert not view.has_class("-error")
        assert json.loads(view.copy_json()) == result
        view.focus()
        await pilot.press("y")
        assert app.clipboard == view.copy_json()


async def test_image_is_described_and_saved_as_a_real_png(tmp_path: Path) -> None:
    data = png_bytes(3, 2)
    app = ResultHost(save_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        view = app.query_one(ResultView)
        result = {
            "content": [{"type": "image", "mimeType": "image/png", "data": base64.b64encode(data).decode()}]
        }
        await view.show_tool_result(result)
        await pilot.pause()
        info = rendered(view)
        assert "image/png" in info and f"{len(data)} bytes" in info and "3×2 px" in info
        view.focus()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, SaveModal)  # asks where, prefilled with save_dir
        assert app.screen.query_one(Input).value.startswith(str(tmp_path))
        await pilot.press("enter")
        await pilot.pause()
        saved = list(tmp_path.iterdir())
        assert len(saved) == 1 and saved[0].suffix == ".png"
        assert saved[0].read_bytes() == data
        assert saved[0].stat().st_mode & 0o777 == 0o600
        assert any(str(saved[0]) in n.message for n in app._notifications)
        # the button saves too, never over the first file
        await pilot.click(".save-button")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert len(list(tmp_path.iterdir())) == 2
        # cancelled: nothing written
        await pilot.click(".save-button")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert len(list(tmp_path.iterdir())) == 2 and not isinstance(app.screen, SaveModal)


async def test_audio_and_embedded_resources(tmp_path: Path) -> None:
    app = ResultHost(save_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        view = app.query_one(ResultView)
        blob = base64.b64encode(b"\x00\x01\x02").decode()
        result = {
            "content": [
                {"type": "audio", "mimeType": "audio/wav", "data": base64.b64encode(b"RIFF....").decode()},
                {
                    "type": "resource",
                    "resource": {"uri": "file:///notes.txt", "mimeType": "text/plain", "text": "hello"},
                },
                {
                    "type": "resource",
                    "resource": {"uri": "file:///data.bin", "mimeType": "application/zip", "blob": blob},
                },
            ]
        }
        await view.show_tool_result(result)
        await pilot.pause()
        text = rendered(view)
        assert "audio · audio/wav · 8 bytes" in text
        assert "file:///notes.txt" in text and "hello" in text
        assert "blob · application/zip · 3 bytes · file:///data.bin" in text
        view.focus()
        await pilot.press("w")  # nothing focused inside: every binary block is saved
        await pilot.pause()
        assert isinstance(app.screen, SaveModal) and app.screen.folder  # one folder for all
        await pilot.press("enter")
        await pilot.pause()
        names = sorted(p.name for p in tmp_path.iterdir())
        assert names[0] == "data.bin" and names[1].endswith(".wav")
        assert (tmp_path / "data.bin").read_bytes() == b"\x00\x01\x02"


async def test_resource_link_posts_open_resource() -> None:
    app = ResultHost()
    async with app.run_test(size=(100, 40)) as pilot:
        view = app.query_one(ResultView)
        link = {
            "type": "resource_link",
            "uri": "demo://readme",
            "name": "README",
            "mimeType": "text/markdown",
        }
        await view.show_tool_result({"content": [link]})
        await pilot.pause()
        assert "README" in rendered(view) and "demo://readme" in rendered(view)
        view.query_one(ResourceLinkBlock).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert [m.uri for m in app.messages if isinstance(m, ResultView.OpenResource)] == ["demo://readme"]
        await pilot.click(ResourceLinkBlock)
        await pilot.pause()
        assert len(app.messages) == 2


async def test_structured_content_next_to_output_schema() -> None:
    schema = {
        "type": "object",
        "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
        "required": ["city", "days"],
    }
    app = ResultHost()
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(ResultView)
        result = {
            "content": [{"type": "text", "text": "ok"}],
            "structuredContent": {"city": "Oslo", "days": 2},
        }
        await view.show_tool_result(result, output_schema=schema)
        await pilot.pause()
        assert view.query(".structured") and view.query(".output-schema")
        assert "matches the outputSchema" in str(view.query_one(".schema-check", Static).render())
        await view.show_tool_result({"content": [], "structuredContent": {"city": 3}}, output_schema=schema)
        await pilot.pause()
        check = str(view.query_one(".schema-check", Static).render())
        assert "does not match" in check and "days: required" in check and "city: must be a string" in check


async def test_is_error_is_rendered_as_an_error_and_show_error() -> None:
    app = ResultHost()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result({"content": [{"type": "text", "text": "boom"}], "isError": True})
        await pilot.pause()
        assert view.has_class("-error") and view.border_title == "Tool error"
        assert "boom" in rendered(view)
        await view.show_error("Request timed out after 30 s")
        await pilot.pause()
        assert view.has_class("-error") and view.border_title == "Error"
        assert "timed out" in rendered(view)
        await view.clear()
        await pilot.pause()
        assert not view.has_class("-error") and not view.query(Static)


async def test_large_text_is_capped_with_a_notice_and_x_shows_all() -> None:
    app = ResultHost()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        lines = [f"line {i}" for i in range(1000)]
        await view.show_tool_result({"content": [{"type": "text", "text": "\n".join(lines)}]})
        await pilot.pause()
        notice = str(view.query_one(TruncationNotice).render())
        assert f"{1000 - MAX_LINES} more lines not shown — press x to show all" in notice
        assert "line 999" not in rendered(view)
        assert view.truncated
        view.focus()
        await pilot.press("x")
        await pilot.pause()
        assert not view.truncated
        assert "line 999" in rendered(view)


async def test_many_blocks_are_capped_too() -> None:
    app = ResultHost()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        content = [{"type": "text", "text": f"block {i}"} for i in range(MAX_BLOCKS + 20)]
        await view.show_tool_result({"content": content})
        await pilot.pause()
        assert len(view.query(TextBlock)) == MAX_BLOCKS
        assert "20 more content blocks" in str(view.query_one(TruncationNotice).render())
        view.action_show_all()
        await pilot.pause()
        assert len(view.query(TextBlock)) == MAX_BLOCKS + 20


async def test_prompt_messages_and_resource_contents(tmp_path: Path) -> None:
    app = ResultHost(save_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        view = app.query_one(ResultView)
        prompt = {
            "description": "A review prompt",
            "messages": [
                {"role": "user", "content": {"type": "text", "text": "Review this"}},
                {"role": "assistant", "content": {"type": "text", "text": "Sure"}},
            ],
        }
        await view.show_prompt_result(prompt)
        await pilot.pause()
        assert view.border_title == "Prompt"
        assert [str(w.render()) for w in view.query(".role")] == ["user", "assistant"]
        assert "A review prompt" in rendered(view)
        contents = {
            "contents": [
                {"uri": "demo://config", "mimeType": "application/json", "text": '{"a": 1}'},
                {
                    "uri": "demo://logo.png",
                    "mimeType": "image/png",
                    "blob": base64.b64encode(png_bytes()).decode(),
                },
            ]
        }
        await view.show_resource_contents(contents)
        await pilot.pause()
        assert view.border_title == "Resource"
        assert view.query_one(TextBlock).kind == "json"
        await pilot.click(".save-button")
        await pilot.pause()
        app.screen.query_one(Input).value = "renamed.png"  # relative: under the default folder
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "renamed.png").read_bytes() == png_bytes()


async def test_progress_updates_in_place_and_escape_asks_to_cancel() -> None:
    app = ResultHost()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        await view.show_progress(1, 10, "step 1")
        await pilot.pause()
        bar = view.query_one(ProgressBar)
        await view.show_progress(5, 10, "step 5")
        await pilot.pause()
        assert view.query_one(ProgressBar) is bar and bar.progress == 5 and bar.total == 10
        assert "step 5" in rendered(view) and "escape" in rendered(view)
        view.focus()
        await pilot.press("escape")
        await pilot.pause()
        assert any(isinstance(m, ResultView.CancelRequested) for m in app.messages)
        await view.show_tool_result({"content": [{"type": "text", "text": "done"}]})
        await pilot.pause()
        assert not view.query(ProgressBar)
        await pilot.press("escape")  # no call running: no cancel request
        await pilot.pause()
        assert len([m for m in app.messages if isinstance(m, ResultView.CancelRequested)]) == 1


async def test_invalid_base64_is_reported_not_crashing(tmp_path: Path) -> None:
    app = ResultHost(save_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result({"content": [{"type": "image", "mimeType": "image/png", "data": "%%%"}]})
        await pilot.pause()
        assert "not valid base64" in rendered(view)
        assert not view.query_one(BinaryBlock).query(".save-button")


def test_helpers_classify_and_measure() -> None:
    assert classify_text('{"a": 1}') == "json"
    assert classify_text("[1, 2]") == "json"
    assert classify_text("42") == "plain"
    assert classify_text("## Title\ntext") == "markdown"
    assert classify_text("a **bold** claim, see [docs](https://x.y)") == "markdown"
    assert classify_text("plain words - nothing else") == "plain"
    assert classify_text("# not markdown", "text/plain") == "plain"
    assert classify_text("x", "text/markdown") == "markdown"
    assert image_dimensions(png_bytes(7, 5)) == (7, 5)
    assert image_dimensions(b"nope") is None


async def test_huge_json_text_is_not_parsed_but_still_capped() -> None:
    from mcptui.ui.widgets.result_format import PRETTY_LIMIT

    huge = "[" + ",".join(["1"] * (PRETTY_LIMIT // 2 + 10)) + "]"
    assert classify_text(huge) == "plain"
    app = ResultHost()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result({"content": [{"type": "text", "text": huge}]})
        await pilot.pause()
        assert "more characters not shown" in str(view.query_one(TruncationNotice).render())


async def test_r_switches_between_rendered_and_raw_text() -> None:
    app = ResultHost()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result({"content": [{"type": "text", "text": "# Title\n\n- a\n- b"}]})
        await pilot.pause()
        assert view.query_one(TextBlock).kind == "markdown"
        view.focus()
        await pilot.press("r")
        await pilot.pause()
        assert view.query_one(TextBlock).kind == "plain"
        assert "# Title" in rendered(view)
        await pilot.press("r")
        await pilot.pause()
        assert view.query_one(TextBlock).kind == "markdown"


async def test_blocks_share_one_line_budget() -> None:
    from mcptui.ui.widgets.result_format import TOTAL_LINES

    app = ResultHost()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        text = "\n".join(f"row {i}" for i in range(200))
        await view.show_tool_result({"content": [{"type": "text", "text": text} for _ in range(20)]})
        await pilot.pause()
        blocks = list(view.query(TextBlock))
        assert len(blocks) == 20
        assert sum(block.shown_lines for block in blocks) == TOTAL_LINES
        assert not blocks[0].truncated and blocks[-1].truncated
        assert "200 more lines not shown" in str(blocks[-1].query_one(TruncationNotice).render())
        view.action_show_all()
        await pilot.pause()
        assert sum(block.shown_lines for block in view.query(TextBlock)) == 4000


async def test_malformed_results_are_shown_not_crashing() -> None:
    app = ResultHost()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ResultView)
        await view.show_tool_result({"content": {"type": "text", "text": "single block, not a list"}})
        await pilot.pause()
        assert "single block, not a list" in rendered(view)
        await view.show_prompt_result({"messages": None})
        await pilot.pause()
        assert "no messages" in rendered(view)
        await view.show_resource_contents(["not", "a", "dict"])  # type: ignore[arg-type]
        await pilot.pause()
        assert "not" in rendered(view)
