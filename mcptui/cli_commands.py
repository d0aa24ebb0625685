"""Commands that talk to a server: list, call, read, prompt.

Each run: resolve the TARGET into a :class:`ServerConfig`, open one
:class:`~mcptui.core.connection.ServerConnection` inside ``asyncio.run``, do the one thing,
print the result (human or ``--json`` wire form) and always disconnect. The connection
manager (and with it ``mcp``) is imported here, inside the command, never at start-up.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import difflib
import json
import sys
from typing import Any

from mcptui.core.errors import McpTuiError, RequestError, ToolError, UsageError
from mcptui.core.events import EventSink, null_sink
from mcptui.core.sanitize import json_safe, sanitize_body, sanitize_line
from mcptui.core.server_config import ServerConfig

USAGE = {
    "list": "mcptui list TARGET",
    "call": "mcptui call TARGET TOOL [key=value ...]",
    "read": "mcptui read TARGET URI",
    "prompt": "mcptui prompt TARGET NAME [key=value ...]",
}


def _out(text: str) -> None:
    """Human output: server text reaches the terminal with its control characters made visible."""
    print(sanitize_body(text), file=sys.stdout, flush=True)


def _print_json(value: Any) -> None:
    print(json_safe(json.dumps(value, indent=2, ensure_ascii=False)), file=sys.stdout, flush=True)


def make_sink(args: argparse.Namespace) -> EventSink:
    """The ``-v`` stderr sink, or a sink that drops everything."""
    if not args.verbose:
        return null_sink
    from mcptui.cli_events import StderrEventSink

    return StderrEventSink(detail=args.verbose >= 2)


def _is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def resolve(args: argparse.Namespace, target: str | None, servers: Any = None) -> ServerConfig:
    """The ServerConfig for TARGET (config name, URL) or the stdio command after ``--``.

    ``--transport``, ``--header`` and ``--timeout`` override what the servers file says. The
    servers file is only read when TARGET is a name, so a broken file never blocks a URL.
    """
    from mcptui.core.config import ServersFile
    from mcptui.core.targets import resolve_target

    if servers is None:
        if target is not None and not _is_url(target) and args.stdio_command is None:
            from mcptui.cli_local import load_servers_file

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
    return with_cli_roots(config, getattr(args, "root", None) or [])


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


def _auth_factory(args: argparse.Namespace) -> Any:
    try:
        from mcptui import cli_auth
    except ImportError:
        return None
    make = getattr(cli_auth, "cli_auth_factory", None)
    return make(args) if make is not None else None


def split_target(args: argparse.Namespace) -> tuple[str | None, list[str]]:
    """(TARGET, the remaining words): TARGET is the first word unless ``--`` gave a command."""
    words = list(args.words)
    if args.stdio_command is not None:
        return None, words
    if not words:
        raise UsageError(
            f"missing TARGET: {USAGE[args.command]}", hint="TARGET is a server name, a URL, or '-- command'"
        )
    return words[0], words[1:]


def run_remote(args: argparse.Namespace) -> int:
    """Run list / call / read / prompt; returns the exit code."""
    target, rest = split_target(args)
    _check_words(args.command, rest)
    config = resolve(args, target)
    return asyncio.run(_session(args, config, target or config.describe(), rest))


def _check_words(command: str, rest: list[str]) -> None:
    if command == "list" and rest:
        raise UsageError(f"unexpected argument {rest[0]!r}: {USAGE['list']}")
    if command in ("call", "read", "prompt") and not rest:
        what = {"call": "TOOL", "read": "URI", "prompt": "NAME"}[command]
        raise UsageError(f"missing {what}: {USAGE[command]}")
    if command == "read" and len(rest) > 1:
        raise UsageError(f"unexpected argument {rest[1]!r}: {USAGE['read']}")


async def _session(args: argparse.Namespace, config: ServerConfig, label: str, rest: list[str]) -> int:
    from mcptui.cli_handlers import CliHandlers
    from mcptui.core import locations
    from mcptui.core.catalog import CatalogCache
    from mcptui.core.connection import ServerConnection

    connection = ServerConnection(
        config,
        sink=make_sink(args),
        cache=CatalogCache(locations.catalog_cache_dir()),
        handlers=CliHandlers(accept_defaults=args.accept_defaults, roots=config.roots),
        auth_factory=_auth_factory(args),
        # server log notifications are only shown with -v: without it, do not ask for them
        log_level="debug" if args.verbose else None,
    )
    try:
        try:
            catalog = await connection.connect()
        except McpTuiError:
            if args.command == "list" and connection.catalog is not None:
                _show_catalog(args, connection.catalog, label)
            raise
        handler = {"list": _cmd_list, "call": _cmd_call, "read": _cmd_read, "prompt": _cmd_prompt}[
            args.command
        ]
        return await handler(args, connection, catalog, label, rest)
    finally:
        with contextlib.suppress(Exception):
            await connection.disconnect()


def _show_catalog(args: argparse.Namespace, catalog: Any, label: str) -> None:
    if catalog.truncated and args.strict:
        raise RequestError(
            f"{label}: a list was cut short ({catalog.truncated[0]})",
            hint="without --strict the partial catalog is shown, marked truncated",
        )
    for line in catalog.truncated:
        print(f"warning: {line}", file=sys.stderr)
    if args.json:
        _print_json({**catalog.to_wire(), "transport": catalog.transport})
        return
    from mcptui.cli_render import render_catalog

    _out(render_catalog(catalog, target=label))


async def _cmd_list(
    args: argparse.Namespace, connection: Any, catalog: Any, label: str, rest: list[str]
) -> int:
    _show_catalog(args, catalog, label)
    return 0


def _unknown(kind: str, name: str, known: list[str], label: str) -> UsageError:
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    hint += f"`{_list_command(label)}` shows them all" if known else f"this server has no {kind}s"
    return UsageError(f"no {kind} named {name!r} on {label}", hint=hint)


def _list_command(label: str, options: str = "") -> str:
    """The command that lists ``label``'s catalog (options go before a stdio command's ``--``)."""
    opts = f" {options}" if options else ""
    return f"mcptui list {label}{opts}" if " " not in label else f"mcptui list{opts} -- {label}"


def _json_object(text: str | None, what: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{what} is not valid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(value, dict):
        raise UsageError(f"{what} must be a JSON object, like '{{\"a\": 1}}'")
    return value


def split_pairs(pairs: list[str]) -> list[tuple[str, str]]:
    out = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(
                f"arguments are key=value, not {pair!r}", hint="e.g. mcptui call TARGET add a=1 b=2"
            )
        out.append((key, value))
    return out


def coerce_tool_args(
    schema: dict[str, Any], pairs: list[str], json_args: str | None, label: str = "TARGET"
) -> dict[str, Any]:
    """Tool arguments from ``key=value`` words and ``--args JSON``, typed and checked by the schema.

    Arguments that break the schema (a missing required field, a wrong type, an unknown enum
    value...) are refused before the call, with every problem named.
    """
    from mcptui.core.schema_form import coerce_cli_args, validate

    arguments = coerce_cli_args(schema, pairs, json_args)
    issues = validate(schema, arguments)
    if issues:
        listed = "; ".join(str(issue) for issue in issues[:5])
        more = f" (and {len(issues) - 5} more)" if len(issues) > 5 else ""
        raise UsageError(
            f"the arguments do not fit the tool's input schema: {listed}{more}",
            hint=f"`{_list_command(label, '--json')}` shows the inputSchema; key=value, key:=JSON, a.b=value",
        )
    return arguments


def _progress_printer(args: argparse.Namespace) -> Any:
    if args.verbose or not sys.stderr.isatty():
        return None

    class ProgressLine:
        """One self-overwriting progress line on a terminal's stderr."""

        shown = False

        def __call__(self, value: float, total: float | None, message: str | None) -> None:
            of = f"/{total:g}" if total is not None else ""
            text = sanitize_line(f"progress {value:g}{of} {message or ''}".rstrip())
            print(f"\r\033[K{text}", end="", file=sys.stderr, flush=True)
            self.shown = True

    return ProgressLine()


async def _cmd_call(
    args: argparse.Namespace, connection: Any, catalog: Any, label: str, rest: list[str]
) -> int:
    name, pairs = rest[0], rest[1:]
    tool = catalog.tool(name)
    if tool is None:
        raise _unknown("tool", name, [t.get("name", "") for t in catalog.tools], label)
    arguments = coerce_tool_args(tool.get("inputSchema") or {}, pairs, args.args, label)
    from mcptui.cli_confirm import confirm_call

    confirm_call(tool, arguments, cautious=connection.config.cautious, yes=args.yes)
    progress = _progress_printer(args)
    try:
        result = await connection.call_tool(name, arguments, timeout=args.timeout, on_progress=progress)
    finally:
        if progress is not None and progress.shown:
            print("\r\033[K", end="", file=sys.stderr, flush=True)  # erase the progress line
    if args.json:
        _print_json(result)
    else:
        from mcptui.cli_render import BinarySaver, render_tool_result

        _out(render_tool_result(result, BinarySaver(args.save_dir, name)))
    if result.get("isError"):
        from mcptui.cli import report_error

        report_error(ToolError(f"tool {name!r} returned an error (isError: true)"), as_json=args.json)
        return ToolError.exit_code
    return 0


async def _cmd_read(
    args: argparse.Namespace, connection: Any, catalog: Any, label: str, rest: list[str]
) -> int:
    uri = rest[0]
    result = await connection.read_resource(uri)
    if args.json:
        _print_json(result)
    else:
        from mcptui.cli_render import BinarySaver, render_read_result

        _out(render_read_result(result, BinarySaver(args.save_dir, uri.rsplit("/", 1)[-1] or "resource")))
    return 0


def prompt_arguments(prompt: dict[str, Any], pairs: list[str], json_args: str | None) -> dict[str, str]:
    """Prompt arguments (always strings), checked against the prompt's declared arguments."""
    values: dict[str, Any] = _json_object(json_args, "--args")
    values.update(dict(split_pairs(pairs)))
    from mcptui.core.call_arguments import prompt_arguments as checked

    return checked(prompt, values)


async def _cmd_prompt(
    args: argparse.Namespace, connection: Any, catalog: Any, label: str, rest: list[str]
) -> int:
    name, pairs = rest[0], rest[1:]
    prompt = catalog.prompt(name)
    if prompt is None:
        raise _unknown("prompt", name, [p.get("name", "") for p in catalog.prompts], label)
    result = await connection.get_prompt(name, prompt_arguments(prompt, pairs, args.args))
    if args.json:
        _print_json(result)
    else:
        from mcptui.cli_render import BinarySaver, render_prompt_result

        _out(render_prompt_result(result, BinarySaver(args.save_dir, name)))
    return 0
