"""Commands that need no server connection: servers, import, locate, demo, tui.

Each returns an exit code and raises :class:`~mcptui.core.errors.McpTuiError` on failure.
Heavy modules (the demo server, the TUI) are imported only when used.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from mcptui.cli.context import config_path as _config_path
from mcptui.cli.context import load_servers_file, resolve, with_cli_roots
from mcptui.core import speed
from mcptui.core.errors import UsageError
from mcptui.core.sanitize import sanitize_body, sanitize_line

if TYPE_CHECKING:
    import argparse

    from mcptui.core.server_config import ServerConfig


class OpenTui(Protocol):
    """Runs the TUI until it quits; returns the exit code (the program passes it in)."""

    def __call__(
        self,
        servers_file: Path,
        target_config: ServerConfig | None,
        extra_roots: list[str] | None,
        *,
        use_agent: bool = True,
    ) -> int: ...


def _out(text: str) -> None:
    print(sanitize_body(text), file=sys.stdout)


def cmd_servers(args: argparse.Namespace) -> int:
    servers = load_servers_file(args)
    if args.json:
        rows = [
            {
                "name": name,
                "transport": "stdio" if cfg.is_stdio else cfg.transport,
                **({"command": cfg.command, "args": cfg.args} if cfg.is_stdio else {"url": cfg.url}),
            }
            for name, cfg in servers.servers.items()
        ]
        _out(json.dumps({"file": str(servers.path), "servers": rows, "warnings": servers.warnings}, indent=2))
        return 0
    for warning in servers.warnings:
        print(f"warning: {sanitize_line(str(warning))}", file=sys.stderr)
    if not servers.servers:
        _out(f"no servers in {servers.path}")
        _out("add some with `mcptui import FILE` (e.g. Claude Desktop's or Cursor's mcp.json)")
        return 0
    table = [
        (name, "stdio" if cfg.is_stdio else cfg.transport, cfg.describe())
        for name, cfg in servers.servers.items()
    ]
    name_w = max(len(r[0]) for r in table)
    kind_w = max(len(r[1]) for r in table)
    _out(f"{len(table)} server{'s' if len(table) != 1 else ''} in {servers.path}")
    for name, kind, where in table:
        _out(f"  {name:<{name_w}}  {kind:<{kind_w}}  {where}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from mcptui.core.config import import_servers

    report = import_servers(_config_path(args), Path(args.file).expanduser(), overwrite=args.overwrite)
    target = _config_path(args)
    if target is None:
        from mcptui.core import locations

        target = locations.servers_file()
    if args.json:
        _out(
            json.dumps(
                {
                    "file": str(target),
                    "added": report.added,
                    "replaced": report.replaced,
                    "skipped": report.skipped,
                    "invalid": report.invalid,
                },
                indent=2,
            )
        )
        return 0
    for label, names in (("added", report.added), ("replaced", report.replaced)):
        if names:
            _out(f"{label}: {', '.join(names)}")
    if report.skipped:
        _out(f"skipped (already there; --overwrite replaces them): {', '.join(report.skipped)}")
    for problem in report.invalid:
        print(f"warning: not imported: {sanitize_line(str(problem))}", file=sys.stderr)
    if not (report.added or report.replaced or report.skipped):
        _out("nothing imported")
    _out(f"servers file: {target}")
    return 0


def cmd_locate(args: argparse.Namespace) -> int:
    from mcptui.core import locations

    places = {
        "config": _config_path(args) or locations.servers_file(),
        "tokens": locations.tokens_dir(),
        "cache": locations.cache_dir(),
        "logs": locations.log_dir(),
        "data": locations.history_dir(),
    }
    if args.json:
        _out(json.dumps({k: str(v) for k, v in places.items()}, indent=2))
        return 0
    width = max(len(k) for k in places)
    for key, path in places.items():
        note = "" if path.exists() else "  (not created yet)"
        _out(f"{key:<{width}}  {path}{note}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from mcptui.demo.options import server_option_problem, server_options

    problem = server_option_problem(args)
    if problem:
        raise UsageError(problem)
    if args.auth:
        if args.sse is not None or args.legacy_only or args.stateless or args.bulk_tools:
            raise UsageError(
                "the OAuth demo serves streamable HTTP only", hint="mcptui demo --auth --http PORT"
            )
        from mcptui.demo.auth_server import run_auth_demo

        port = args.http if args.http is not None else 0  # 0: any free port (the URL is printed)
        try:
            run_auth_demo(port=port, host=args.host, page_size=args.page_size)
        except OSError as exc:
            raise UsageError(f"cannot listen on {args.host}:{port}: {exc.strerror or exc}") from None
        except KeyboardInterrupt:
            pass
        return 0
    from mcptui.demo.server import run_demo

    transport = "http" if args.http is not None else "sse" if args.sse is not None else "stdio"
    port = args.http if args.http is not None else args.sse
    try:
        run_demo(transport=transport, port=port, host=args.host, **server_options(args))
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{port}: {exc.strerror or exc}") from None
    except KeyboardInterrupt:
        pass
    return 0


def cmd_tui(args: argparse.Namespace, *, open_tui: OpenTui, commands: Sequence[str]) -> int:
    """Open the TUI (on TARGET, if given); ``commands`` are the other commands' names, for typos."""
    words = list(args.words)
    if len(words) > 1 or (words and args.stdio_command):
        raise UsageError(
            f"unknown command {words[0]!r}"
            if not words[0].startswith(("http://", "https://"))
            else "too many arguments",
            hint=f"commands: {', '.join(commands)}; see 'mcptui --help'",
        )
    servers = load_servers_file(args)
    if words and not words[0].lower().startswith(("http://", "https://")) and words[0] not in servers.servers:
        _reject_command_typo(words[0], commands)
    target_config = None
    if words or args.stdio_command:
        target_config = resolve(args, words[0] if words else None, servers)
    if not has_terminal():
        raise UsageError(
            "the TUI needs a terminal (stdin and stdout are not both a TTY)",
            hint="for scripts use the command line: mcptui list TARGET, mcptui call TARGET TOOL ...",
        )
    # Importing Textual and the UI creates ~100k long-lived objects; collecting cycles meanwhile
    # only walks them again (~20 ms of the first frame). The app freezes them and re-enables
    # the collector once its first frame is drawn.
    speed.pause_collector()
    extra_roots = None
    if target_config is None and args.root:  # --root: offered to every server
        from mcptui.core.server_config import ServerConfig

        extra_roots = with_cli_roots(ServerConfig(name="roots"), args.root).roots
    from mcptui.cli.agent_client import allowed

    result = open_tui(servers.path, target_config, extra_roots, use_agent=allowed(args))
    return result if isinstance(result, int) else 0


def has_terminal() -> bool:
    """True when the TUI can run: stdin and stdout are both terminals."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _reject_command_typo(word: str, commands: Sequence[str]) -> None:
    """``mcptui lst``: a word close to a command name (and not a server) is a mistyped command."""
    import difflib

    close = difflib.get_close_matches(word, list(commands), n=1, cutoff=0.7)
    if close:
        raise UsageError(
            f"unknown command {word!r}", hint=f"did you mean `mcptui {close[0]}`? see 'mcptui --help'"
        )
