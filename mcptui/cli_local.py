"""Commands that need no server connection: servers, import, locate, demo, auth, tui.

Each returns an exit code and raises :class:`~mcptui.core.errors.McpTuiError` on failure.
Heavy modules (the demo server, the TUI, the auth engine) are imported only when used.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import sys
from pathlib import Path
from typing import Any

from mcptui.core import speed
from mcptui.core.errors import UsageError
from mcptui.core.sanitize import sanitize_body, sanitize_line


def _out(text: str) -> None:
    print(sanitize_body(text), file=sys.stdout)


def _config_path(args: argparse.Namespace) -> Path | None:
    return Path(args.config).expanduser() if args.config else None


def load_servers_file(args: argparse.Namespace) -> Any:
    """The servers file (``--config`` or the default); ConfigError when malformed."""
    from mcptui.core.config import load_servers

    return load_servers(_config_path(args))


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
    rows = [
        (name, "stdio" if cfg.is_stdio else cfg.transport, cfg.describe())
        for name, cfg in servers.servers.items()
    ]
    name_w = max(len(r[0]) for r in rows)
    kind_w = max(len(r[1]) for r in rows)
    _out(f"{len(rows)} server{'s' if len(rows) != 1 else ''} in {servers.path}")
    for name, kind, where in rows:
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


def _call_maybe_async(func: Any, **kwargs: Any) -> Any:
    params = inspect.signature(func).parameters
    if not any(p.kind is p.VAR_KEYWORD for p in params.values()):
        kwargs = {k: v for k, v in kwargs.items() if k in params}
    result = func(**kwargs)
    if inspect.isawaitable(result):
        return asyncio.run(result)
    return result


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
            _call_maybe_async(run_auth_demo, port=port, host=args.host, page_size=args.page_size)
        except OSError as exc:
            raise UsageError(f"cannot listen on {args.host}:{port}: {exc.strerror or exc}") from None
        except KeyboardInterrupt:
            pass
        return 0
    from mcptui.demo.server import run_demo

    transport = "http" if args.http is not None else "sse" if args.sse is not None else "stdio"
    port = args.http if args.http is not None else args.sse
    try:
        _call_maybe_async(
            run_demo,
            transport=transport,
            port=port,
            host=args.host,
            **server_options(args),
        )
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{port}: {exc.strerror or exc}") from None
    except KeyboardInterrupt:
        pass
    return 0


def cmd_auth(args: argparse.Namespace) -> int:
    try:
        from mcptui.cli_auth import run_auth_command
    except ImportError:
        raise UsageError("the auth commands are not available in this build") from None
    from mcptui.cli_commands import make_sink

    servers = load_servers_file(args)
    return asyncio.run(run_auth_command(args, servers, make_sink(args)))


def cmd_tui(args: argparse.Namespace) -> int:
    words = list(getattr(args, "words", []) or [])
    if len(words) > 1 or (words and args.stdio_command):
        raise UsageError(
            f"unknown command {words[0]!r}"
            if not words[0].startswith(("http://", "https://"))
            else "too many arguments",
            hint="commands: list, call, read, prompt, servers, import, locate, demo, auth; see 'mcptui --help'",
        )
    servers = load_servers_file(args)
    if words and not words[0].lower().startswith(("http://", "https://")) and words[0] not in servers.servers:
        _reject_command_typo(words[0])
    target_config = None
    if words or args.stdio_command:
        from mcptui.cli_commands import resolve

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
    try:
        from mcptui.ui.app import run_tui
    except ImportError:
        speed.resume_collector()
        raise UsageError(
            "the TUI is not available in this build yet",
            hint="use the command line meanwhile: mcptui list TARGET, mcptui call TARGET TOOL ...",
        ) from None
    extra: dict[str, Any] = {}
    if target_config is None and getattr(args, "root", None):  # --root: offered to every server
        from mcptui.cli_commands import with_cli_roots
        from mcptui.core.server_config import ServerConfig

        extra["extra_roots"] = with_cli_roots(ServerConfig(name="roots"), args.root).roots
    result = run_tui(servers.path, target_config=target_config, **extra)
    return result if isinstance(result, int) else 0


def has_terminal() -> bool:
    """True when the TUI can run: stdin and stdout are both terminals."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _reject_command_typo(word: str) -> None:
    """``mcptui lst``: a word close to a command name (and not a server) is a mistyped command."""
    import difflib

    from mcptui.cli import COMMANDS as NAMES

    close = difflib.get_close_matches(word, [n for n in NAMES if n != "tui"], n=1, cutoff=0.7)
    if close:
        raise UsageError(
            f"unknown command {word!r}", hint=f"did you mean `mcptui {close[0]}`? see 'mcptui --help'"
        )


COMMANDS = {
    "servers": cmd_servers,
    "import": cmd_import,
    "locate": cmd_locate,
    "demo": cmd_demo,
    "auth": cmd_auth,
    "tui": cmd_tui,
}


def run_local(args: argparse.Namespace) -> int:
    return COMMANDS[args.command](args)
