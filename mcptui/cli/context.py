"""What every command works from: the servers file, the TARGET, the event sink, auth options, errors.

The one place that turns parsed options into core objects (``--config`` into a servers file,
TARGET plus ``--transport``/``--header``/``--timeout``/``--root`` into a ServerConfig, ``-v``
into a sink, the auth options into an auth factory) and that prints an error the way the exit
code contract says. Light at import: the core modules behind each helper are imported inside it.

Exit codes: 0 ok, 1 usage or config error, 3 authentication, 4 unreachable or transport
failure, 5 the tool returned ``isError``, 130 interrupted, 141 stdout closed early (``| head``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcptui.core.errors import McpTuiError, UsageError
from mcptui.core.sanitize import json_safe, sanitize_line

if TYPE_CHECKING:
    import argparse

    from mcptui.core.config import ServersFile
    from mcptui.core.events import EventSink
    from mcptui.core.server_config import ServerConfig

EXIT_OK = 0
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for tools stopped by a closed pipe


def report_error(error: McpTuiError, *, as_json: bool) -> None:
    """Print ``error`` on stderr: one line (plus a hint line), or one JSON line."""
    if as_json:
        print(json_safe(json.dumps(error.to_json(), ensure_ascii=False)), file=sys.stderr)
        return
    prefix = "" if error.code == "internal" else "error: "
    print(f"{prefix}{sanitize_line(error.message)}", file=sys.stderr)
    if error.hint:
        print(f"hint: {sanitize_line(error.hint)}", file=sys.stderr)


def print_json(value: Any) -> None:
    """``--json`` output on stdout: indented for a person at a terminal, compact for a program."""
    if sys.stdout.isatty():
        text = json.dumps(value, indent=2, ensure_ascii=False)
    else:
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    print(json_safe(text), file=sys.stdout, flush=True)


def config_path(args: argparse.Namespace) -> Path | None:
    """The ``--config`` servers file, or None for the default one."""
    return Path(args.config).expanduser() if args.config else None


def load_servers_file(args: argparse.Namespace) -> ServersFile:
    """The servers file (``--config`` or the default); ConfigError when malformed."""
    from mcptui.core.config import load_servers

    return load_servers(config_path(args))


def make_sink(args: argparse.Namespace) -> EventSink:
    """The ``-v`` stderr sink, or a sink that drops everything."""
    if not args.verbose:
        from mcptui.core.events import null_sink

        return null_sink
    from mcptui.cli.events import StderrEventSink

    return StderrEventSink(detail=args.verbose >= 2)


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def resolve(args: argparse.Namespace, target: str | None, servers: ServersFile | None = None) -> ServerConfig:
    """The ServerConfig for TARGET (config name, URL) or the stdio command after ``--``.

    ``--transport``, ``--header`` and ``--timeout`` override what the servers file says. The
    servers file is only read when TARGET is a name, so a broken file never blocks a URL.
    """
    from mcptui.core.config import ServersFile
    from mcptui.core.targets import resolve_target

    if servers is None:
        if target is not None and not is_url(target) and args.stdio_command is None:
            servers = load_servers_file(args)
        else:
            from mcptui.core import locations

            servers = ServersFile(path=locations.servers_file())
    warnings: list[str] = []
    config = resolve_target(
        target,
        args.stdio_command,
        servers,
        transport=args.transport or "auto",
        headers=args.header,
        timeout=args.timeout,
        warnings=warnings,
    )
    for warning in warnings:
        print(f"warning: {sanitize_line(str(warning))}", file=sys.stderr)
    if args.timeout is not None:
        config = config.with_overrides(connect_timeout=min(config.connect_timeout, args.timeout))
    return with_cli_roots(config, args.root)


def with_cli_roots(config: ServerConfig, paths: list[str]) -> ServerConfig:
    """``config`` with the ``--root`` folders added to its own roots (each must be a folder)."""
    from mcptui.core.roots import RootError, resolve_root

    roots = list(config.roots)
    for path in paths:
        try:
            resolved = resolve_root(path, relative_ok=True)
        except RootError as error:
            raise UsageError(f"--root: {error}") from None
        if resolved not in roots:
            roots.append(resolved)
    return config.with_overrides(roots=roots) if roots != config.roots else config


def auth_options(args: argparse.Namespace) -> Any:
    """The core's AuthOptions from the auth options (commands that talk to a server have them all)."""
    from mcptui.core.auth import AuthOptions, BrowserOptions

    return AuthOptions(
        browser=BrowserOptions(no_browser=args.no_browser),
        callback_port=args.callback_port,
        scope=args.scope,
        client_id=args.client_id,
        client_secret=args.client_secret,
        client_metadata_url=args.client_metadata_url,
        grant=args.grant,
        private_key_path=args.private_key,
    )


def auth_factory(args: argparse.Namespace) -> Any:
    """The auth engine for list/call/read/prompt, with a terminal (or, without a TTY, fail-fast) person."""
    from mcptui.cli.auth_tty import terminal_or_noninteractive
    from mcptui.core.auth import make_auth_factory

    return make_auth_factory(terminal_or_noninteractive(), options=auth_options(args))
