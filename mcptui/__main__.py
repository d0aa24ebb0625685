"""The ``mcptui`` program: the command line, with the TUI plugged in (``mcptui``, ``mcptui tui``).

The console script and ``python -m mcptui`` both run :func:`main`. This is the one module
that knows both front ends; :mod:`mcptui.cli` and :mod:`mcptui.ui` never import each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mcptui.cli import main as run_cli

if TYPE_CHECKING:
    from mcptui.core.server_config import ServerConfig


def open_tui(servers_file: Path, target_config: ServerConfig | None, extra_roots: list[str] | None) -> int:
    """Run the TUI until it quits (Textual is imported here, only when the TUI opens).

    A TARGET's catalog prefetch starts first, so its child imports the SDK while Textual does.
    """
    from mcptui.core import prefetch

    early = prefetch.start_for([target_config]) if target_config is not None else None
    from mcptui.ui.app import run_tui

    return run_tui(servers_file, target_config=target_config, extra_roots=extra_roots, prefetch=early)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``mcptui`` script; returns the process exit code."""
    return run_cli(argv, open_tui=open_tui)


if __name__ == "__main__":
    raise SystemExit(main())
