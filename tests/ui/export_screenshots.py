"""Write the snapshot scenes as SVG screenshots to ``screenshots/`` (for the README).

Run from the repository root: ``python -m tests.ui.export_screenshots``. Uses a throwaway
``MCPTUI_HOME`` so nothing of the user's config, cache or history shows up.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"


async def export() -> list[Path]:
    from . import scenes

    work = Path(tempfile.mkdtemp(prefix="mcptui-shots-"))
    named = {
        "browse": scenes.browse,
        "tool-result": scenes.tool_result,
        "filter": scenes.filtered,
        "stale-catalog": lambda: scenes.stale(work / "catalogs"),
        "help": scenes.help_screen,
        "server-editor": scenes.server_editor,
        "goto-palette": scenes.goto_palette,
        "small-terminal": scenes.form_focused,  # 80×24, as over SSH
    }
    sizes = {"small-terminal": (80, 24)}
    OUT.mkdir(exist_ok=True)
    written: list[Path] = []
    for name, build in named.items():
        app, run_before = build()
        async with app.run_test(size=sizes.get(name, scenes.SIZE)) as pilot:
            await run_before(pilot)
            await pilot.pause()
            path = app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
            written.append(Path(path))
    return written


def main() -> None:
    os.environ["MCPTUI_HOME"] = tempfile.mkdtemp(prefix="mcptui-home-")
    for path in asyncio.run(export()):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
