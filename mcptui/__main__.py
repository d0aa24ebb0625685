"""The ``mcptui`` program: the command line, with the TUI plugged in (``mcptui``, ``mcptui tui``).

The console script and ``python -m mcptui`` both run :func:`main`. This is the one module
that knows both front ends; :mod:`mcptui.cli` and :mod:`mcptui.ui` never import each other.

``mcptui URL`` on a terminal forks first thing, before the command line is imported
(:mod:`mcptui.core.prefetch_fork`): the copy imports the SDK while this process starts, and
fetches the catalog once :func:`open_tui` knows the server (unless the warm agent has it).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mcptui.core.prefetch import PrefetchSource
    from mcptui.core.prefetch_fork import EarlyFork
    from mcptui.core.server_config import ServerConfig


def open_tui(
    servers_file: Path,
    target_config: ServerConfig | None,
    extra_roots: list[str] | None,
    *,
    use_agent: bool = True,
    early: EarlyFork | None = None,
) -> int:
    """Run the TUI until it quits (Textual is imported here, only when the TUI opens).

    The catalog of the first server it connects is asked for first, before Textual is
    imported: from the warm agent when one runs (``use_agent``: no ``--no-agent``), else from
    a prefetch child that imports the SDK on the other core while this process imports Textual.
    """
    started = start_prefetch(servers_file, target_config, use_agent=use_agent, early=early)
    from mcptui.ui.app import run_tui

    return run_tui(servers_file, target_config=target_config, extra_roots=extra_roots, prefetch=started)


def start_prefetch(
    servers_file: Path, target_config: ServerConfig | None, *, use_agent: bool, early: EarlyFork | None = None
) -> tuple[str, PrefetchSource] | None:
    """(server name, its catalog on the way) for the first server the TUI connects, or None.

    The warm agent's answer first; else the prefetch child (``early``, forked at launch, when
    there is one); an ``early`` not used is ended here.
    """
    try:
        return _prefetch_source(servers_file, target_config, use_agent=use_agent, early=early)
    finally:
        if early is not None:
            early.cancel()  # a no-op once it was handed the server


def _prefetch_source(
    servers_file: Path, target_config: ServerConfig | None, *, use_agent: bool, early: EarlyFork | None
) -> tuple[str, PrefetchSource] | None:
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

    source: PrefetchSource | None = ask_agent(first, use_agent=use_agent) or prefetch.start_child(
        first, early
    )
    return (first.name, source) if source is not None else None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``mcptui`` script; returns the process exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    one_shot = False
    if argv is None:  # a stdio one-shot: its server starts now, on the other core (early_child)
        from mcptui.core import early_child

        if early_child.wanted(words):
            early_child.start(words)
        one_shot = bool(words) and words[0] in early_child.ONE_SHOT_COMMANDS
        if one_shot:  # no collection until the SDK is in (speed.start_up_paused)
            import gc

            gc.disable()
    if argv is None:  # the program itself (tests call main with their words): see code_cache
        from mcptui.core import code_cache

        code_cache.install()
    if one_shot:
        from mcptui.core import speed

        speed.start_up_paused()  # load_sdk freezes what start-up built, then resumes the collector
    early = None
    from mcptui.core import prefetch_fork  # a few stdlib modules only: before anything else

    if prefetch_fork.looks_like_tui_on_a_url(words):
        from mcptui.core import speed

        # the collector waits from here to the TUI's first frame (cmd_tui pauses it too, after the
        # command line's imports: collections during them walked ~8 ms of new long-lived objects)
        speed.pause_collector()
        early = prefetch_fork.start()
    from mcptui.cli import main as run_cli

    if early is None:
        return run_cli(words, open_tui=open_tui)
    try:
        return run_cli(words, open_tui=lambda *args, **kwargs: open_tui(*args, **kwargs, early=early))
    finally:
        early.cancel()  # not a TUI after all (a usage error...): the copy is ended


if __name__ == "__main__":
    raise SystemExit(main())
