"""Write the snapshot scenes as SVG screenshots to ``screenshots/`` (for the README).

Run from the repository root: ``python -m tests.ui.export_screenshots [NAME ...]`` (no name:
all of them). Uses a throwaway ``MCPTUI_HOME`` so nothing of the user's config, cache or
history shows up. Besides the TUI scenes, two are terminal transcripts of the real CLI
(``mcptui diff``, ``mcptui run``: :mod:`tests.ui.cli_transcripts`).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"
CLI = {"diff-cli": "mcptui diff", "run-cli": "mcptui run"}


async def export(only: list[str]) -> list[Path]:
    from mcptui.core.catalog import CatalogCache

    from . import cli_transcripts, scenes

    work = Path(tempfile.mkdtemp(prefix="mcptui-shots-"))
    visited = CatalogCache(work / "visited")
    named = {
        "browse": scenes.browse,
        "tool-result": scenes.tool_result,
        "filter": scenes.filtered,
        "stale-catalog": lambda: scenes.stale(work / "catalogs"),
        "help": scenes.help_screen,
        "server-editor": scenes.server_editor,
        "goto-palette": scenes.goto_palette,
        "small-terminal": scenes.form_focused,  # 80×24, as over SSH
        "catalog-changes": lambda: scenes.catalog_changes(visited),
        "collection-run": scenes.collection_run,
    }
    sizes = {"small-terminal": (80, 24)}
    unknown = set(only) - set(named) - set(CLI)
    if unknown:
        raise SystemExit(f"no such screenshot: {', '.join(sorted(unknown))}")
    OUT.mkdir(exist_ok=True)
    written: list[Path] = []
    for name, build in named.items():
        if only and name not in only:
            continue
        if name == "catalog-changes":
            await scenes.cache_demo_catalog(visited, scenes.changed_demo())
        app, run_before = build()
        async with app.run_test(size=sizes.get(name, scenes.SIZE)) as pilot:
            await run_before(pilot)
            await pilot.pause()
            path = app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
            written.append(Path(path))
    transcripts = {"diff-cli": cli_transcripts.diff_transcript, "run-cli": cli_transcripts.run_transcript}
    for name, title in CLI.items():
        if only and name not in only:
            continue
        transcript = await asyncio.to_thread(transcripts[name], work)
        path = OUT / f"{name}.svg"
        path.write_text(cli_transcripts.transcript_svg(transcript, title), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    os.environ["MCPTUI_HOME"] = tempfile.mkdtemp(prefix="mcptui-home-")
    for path in asyncio.run(export(sys.argv[1:])):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
