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
    from mcptui.core.prefetch import PrefetchSource
    from mcptui.core.server_config import ServerConfig


def open_tui(
    servers_file: Path,
    target_config: ServerConfig | None,
    extra_roots: list[str] | None,
    *,
    use_agent: bool = True,
) -> int:
    """Run the TUI until it quits (Textual is imported here, only when the TUI opens).

    The catalog of the first server it connects is asked for first, before Textual is
    imported: from the warm agent when one runs (``use_agent``: no ``--no-agent``), else from
    a prefetch child that imports the SDK on the other core while this process imports Textual.
    """
    early = start_prefetch(servers_file, target_config, use_agent=use_agent)
    from mcptui.ui.app import run_tui

    return run_tui(servers_file, target_config=target_config, extra_roots=extra_roots, prefetch=early)


def start_prefetch(
    servers_file: Path, target_config: ServerConfig | None, *, use_agent: bool
) -> tuple[str, PrefetchSource] | None:
    """(server name, its catalog on the way) for the first server the TUI connects, or None."""
    from mcptui.core import prefetch

    if prefetch.wanted() == "0":
        return None
    first = target_config
    if first is None:  # the user's servers, connected in their order (the demo beside them waits)
        from mcptui.core.config import load_servers
        from mcptui.core.errors import McpTuiError

        try:
            first = next(iter(load_servers(servers_file).servers.values()), None)
        except (McpTuiError, OSError, ValueError):
            return None  # the TUI says what is wrong with the file
    if first is None:
        return None
    from mcptui.cli.agent_catalog import ask_agent

    source: PrefetchSource | None = ask_agent(first, use_agent=use_agent) or prefetch.start_child(first)
    return (first.name, source) if source is not None else None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``mcptui`` script; returns the process exit code."""
    return run_cli(argv, open_tui=open_tui)


if __name__ == "__main__":
    raise SystemExit(main())
