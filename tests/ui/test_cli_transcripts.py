"""The README's terminal screenshots: real CLI runs on the demo, with ports and timings masked."""

from __future__ import annotations

import re

from tests.ui.cli_transcripts import (
    DEMO_URL,
    VARIANT_URL,
    diff_transcript,
    mask,
    run_transcript,
    transcript_svg,
)


def test_mask_shows_the_stand_in_urls_and_hides_timings_keeping_the_column() -> None:
    real = "http://127.0.0.1:45123/mcp"
    shown = mask(
        f"PASS  echo hi       610 ms\nPASS  forecast       23 ms\n3 calls in 0.76 s (smoke on {real})",
        {real: DEMO_URL},
    )
    assert shown.splitlines() == [
        "PASS  echo hi        ·· ms",
        "PASS  forecast       ·· ms",
        f"3 calls in ·· s (smoke on {DEMO_URL})",
    ]


def _no_port_or_timing(transcript: str) -> None:
    ports = set(re.findall(r"127\.0\.0\.1:(\d+)", transcript))
    assert ports <= {"8000", "8001"}, ports
    assert not re.search(r"\d+(\.\d+)? (ms|s)\b", transcript), transcript


def test_the_run_transcript_is_a_real_run_with_one_failure(tmp_path) -> None:
    transcript = run_transcript(tmp_path)
    _no_port_or_timing(transcript)
    lines = transcript.splitlines()
    assert lines[0] == f"$ mcptui run smoke.json {DEMO_URL}"
    assert [line[:4] for line in lines[1:5]] == ["PASS", "PASS", "FAIL", "    "]
    assert lines[-2:] == ["$ echo $?", "1"]


def test_the_diff_transcript_is_a_real_breaking_diff(tmp_path) -> None:
    transcript = diff_transcript(tmp_path)
    _no_port_or_timing(transcript)
    assert f"$ mcptui diff before.json {VARIANT_URL}" in transcript
    assert "  + translate" in transcript and "BREAKING" in transcript
    assert transcript.endswith("$ echo $?\n2")


def test_the_terminal_picture_never_reads_markup_or_passes_control_bytes() -> None:
    svg = transcript_svg("$ mcptui list\n[bold red]not markup[/] \x1b[31mred", "mcptui")
    shown = [text.replace("&#160;", " ") for text in re.findall(r">([^<]+)</text>", svg)]
    assert "[bold red]not markup[/] \u241b[31mred" in shown  # the ESC byte drawn as its picture
    assert "\x1b" not in svg
