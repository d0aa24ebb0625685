"""Real ``mcptui diff`` and ``mcptui run`` sessions against the demo, drawn as terminal screenshots.

Each transcript starts the demo servers it needs (127.0.0.1, free ports), runs the real CLI
(``python -m mcptui``, no warm agent, a throwaway ``MCPTUI_HOME``) and returns what a person
would see: the command lines, their output and exit codes. What changes from run to run is
masked (:func:`mask`): the free ports become the README's 8000 (the demo) and 8001 (its
changed variant), timings become ``··``. :func:`transcript_svg` draws a transcript as a
terminal with rich's SVG export; each line goes in as rich ``Text`` (control characters made
visible), never as markup.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

from mcptui.core.sanitize import sanitize_line
from tests.servers import running_demo

DEMO_URL = "http://127.0.0.1:8000/mcp"
VARIANT_URL = "http://127.0.0.1:8001/mcp"
WIDTH = 118

SMOKE = {
    "mcptui_collection": 1,
    "name": "smoke",
    "calls": [
        {
            "name": "echo hi",
            "kind": "tool",
            "item": "echo",
            "arguments": {"text": "hi"},
            "expect": {"jsonpath": [{"path": "$.content[0].text", "equals": "hi"}]},
        },
        {
            "name": "forecast",
            "kind": "tool",
            "item": "get_forecast",
            "arguments": {"city": "Lisbon"},
            "expect": {
                "output_schema": True,
                "jsonpath": [{"path": "$.structuredContent.city", "matches": "^Lis"}],
            },
        },
        {"name": "fail", "kind": "tool", "item": "fail", "arguments": {}},
    ],
}

_TIMING = re.compile(r"(?P<pad> *)(?P<number>\d+(?:\.\d+)?) (?P<unit>ms|s)\b")


def _masked_timing(match: re.Match[str]) -> str:
    if match["unit"] == "ms":  # a column of call times: "··" right-aligned in the same width
        return f"{'··':>{len(match['pad'] + match['number'])}} ms"
    return f"{match['pad']}·· s"


def mask(text: str, urls: dict[str, str]) -> str:
    """``text`` with each real URL replaced by its stand-in, and every timing by ``··``."""
    for real, shown in urls.items():
        text = text.replace(real, shown)
    return _TIMING.sub(_masked_timing, text)


def _mcptui(work: Path, *argv: str) -> tuple[str, int]:
    """Run the real CLI in ``work``; its stdout then stderr, and its exit code."""
    env = {
        **os.environ,
        "MCPTUI_HOME": str(work / "home"),
        "MCPTUI_NO_AGENT": "1",
        "OTEL_SDK_DISABLED": "true",
        "COLUMNS": str(WIDTH),
    }
    done = subprocess.run(
        [sys.executable, "-m", "mcptui", *argv],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.stdout + done.stderr, done.returncode


def _session(work: Path, commands: list[list[str]], urls: dict[str, str]) -> str:
    """Each command as typed (``$ mcptui ...``), its output, and ``echo $?`` after the last."""
    lines: list[str] = []
    code = 0
    for argv in commands:
        lines.append("$ mcptui " + " ".join(argv))
        output, code = _mcptui(work, *argv)
        lines += output.splitlines()
    lines += ["$ echo $?", str(code)]
    return mask("\n".join(lines), urls)


def diff_transcript(work: Path) -> str:
    """A snapshot of the demo, then ``mcptui diff`` against its changed variant (exit 2: breaking)."""
    with running_demo() as demo, running_demo("--variant", "changed") as variant:
        commands = [["snapshot", demo.url, "-o", "before.json"], ["diff", "before.json", variant.url]]
        return _session(work, commands, {demo.url: DEMO_URL, variant.url: VARIANT_URL})


def run_transcript(work: Path) -> str:
    """``mcptui run`` of a three-call collection on the demo: two pass, one fails (exit 1)."""
    (work / "smoke.json").write_text(json.dumps(SMOKE, indent=2))
    with running_demo() as demo:
        return _session(work, [["run", "smoke.json", demo.url]], {demo.url: DEMO_URL})


def transcript_svg(transcript: str, title: str) -> str:
    """``transcript`` as a terminal screenshot: commands bold, PASS green, FAIL and BREAKING red."""
    console = Console(record=True, width=WIDTH, file=io.StringIO(), color_system="truecolor")
    for line in transcript.splitlines():
        text = Text(sanitize_line(line))  # the CLI made it safe already; a second look costs nothing
        if line.startswith("$ "):
            text.stylize("bold", 0, len(line))
        text.highlight_regex(r"^PASS\b", "bold green")
        text.highlight_regex(r"^FAIL\b|BREAKING|\[breaking\]", "bold red")
        text.highlight_regex(r"^  \+ \S+", "green")
        text.highlight_regex(r"^  - \S+", "red")
        console.print(text)
    return console.export_svg(title=title)
