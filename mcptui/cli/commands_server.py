"""Commands that talk to a server: list, call, read, prompt.

Each run: resolve the TARGET into a :class:`ServerConfig`, open one
:class:`~mcptui.core.connection.ServerConnection` inside ``asyncio.run``, do the one thing,
print the result (human or ``--json`` wire form) and always disconnect. The connection
manager (and with it ``mcp``) is imported here, inside the command, never at start-up.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, NoReturn

from mcptui.cli.context import auth_factory, make_sink, print_json, report_error, resolve
from mcptui.core.errors import McpTuiError, RequestError, ToolError, UsageError
from mcptui.core.sanitize import sanitize_body, sanitize_line

if TYPE_CHECKING:
    import argparse

    from mcptui.core.server_config import ServerConfig

# What a command does once connected: (args, connection, catalog, label, words after TARGET) → exit code
Action = Callable[["argparse.Namespace", Any, Any, str, list[str]], Awaitable[int]]


def _out(text: str) -> None:
    """Human output: server text reaches the terminal with its control characters made visible."""
    print(sanitize_body(text), file=sys.stdout, flush=True)


def _print_json(value: Any) -> None:
    print_json(value)


def split_target(args: argparse.Namespace, synopsis: str) -> tuple[str | None, list[str]]:
    """(TARGET, the remaining words): TARGET is the first word unless ``--`` gave a command."""
    words = list(args.words)
    if args.stdio_command is not None:
        return None, words
    if not words:
        raise UsageError(
            f"missing TARGET: {synopsis}", hint="TARGET is a server name, a URL, or '-- command'"
        )
    return words[0], words[1:]


def run_remote(args: argparse.Namespace, *, action: Action, synopsis: str) -> int:
    """Connect to TARGET, run ``action`` on it and disconnect; returns the exit code.

    ``synopsis`` (``mcptui call TARGET TOOL [key=value ...]``) names the words the command
    takes, for checking them and for the usage errors.
    """
    import asyncio

    target, rest = split_target(args, synopsis)
    _check_words(rest, synopsis)
    from mcptui.cli.task_calls import task_config

    config = task_config(args, resolve(args, target))
    return asyncio.run(_session(args, config, target or config.describe(), rest, action))


def _check_words(rest: list[str], synopsis: str) -> None:
    """The words after TARGET against the synopsis: each NAME required, more only after ``...``."""
    import re

    after_target = synopsis.split(maxsplit=3)[3:]  # mcptui COMMAND TARGET [the rest]
    optional = re.compile(r"\[[^\]]*\]")  # [key=value ...]
    needed = optional.sub("", after_target[0]).split() if after_target else []
    if len(rest) < len(needed):
        raise UsageError(f"missing {needed[len(rest)]}: {synopsis}")
    if len(rest) > len(needed) and "..." not in synopsis:
        raise UsageError(f"unexpected argument {rest[len(needed)]!r}: {synopsis}")


async def _session(
    args: argparse.Namespace, config: ServerConfig, label: str, rest: list[str], action: Action
) -> int:
    import asyncio

    from mcptui.cli.handlers import CliHandlers
    from mcptui.core import locations
    from mcptui.core.catalog import CatalogCache
    from mcptui.core.connection import ServerConnection

    cache = CatalogCache(locations.catalog_cache_dir())
    connection = ServerConnection(
        config,
        sink=make_sink(args),
        cache=cache,
        handlers=CliHandlers(accept_defaults=args.accept_defaults, roots=config.roots),
        auth_factory=None if config.is_stdio else auth_factory(args),  # stdio: no auth engine to import
        # server log notifications are only shown with -v: without it, do not ask for them
        log_level="debug" if args.verbose else None,
        offer_roots=bool(config.roots),  # roots only when --root or the config gives some
        one_shot=True,
    )
    try:
        try:
            if args.command in ONLY_NEEDS:
                catalog = await _needed_catalog(connection, cache, args.command, rest[0])
            else:
                catalog = await connection.connect()
        except McpTuiError:
            if args.command == "list" and connection.catalog is not None:
                _show_catalog(args, connection.catalog, label)
            raise
        return await action(args, connection, catalog, label, rest)
    finally:
        with contextlib.suppress(Exception):
            await connection.disconnect()
        # the catalog written (exit would wait for it anyway); the next command finds it
        await asyncio.to_thread(cache.flush)


# the kind of item a command looks up in the catalog (its list: kind + "s"); None: it needs none
ONLY_NEEDS: dict[str, str | None] = {"call": "tool", "prompt": "prompt", "read": None}


async def _needed_catalog(connection: Any, cache: Any, command: str, name: str) -> Any:
    """Only what ``command`` needs: its item's definition from the cached catalog when it is
    there (then nothing is listed), else the one list it is in (``read``: no list at all)."""
    kind = ONLY_NEEDS[command]
    if kind is None:
        return await connection.connect(lists=False)
    cached = cache.load(connection.config.cache_slug)
    item = getattr(cached, kind)(name) if cached is not None else None
    await connection.connect(lists=False)
    if item is not None:
        if command == "call":
            connection.known_tool(item)
        return cached
    return await connection.lists_only((kind + "s",))


def _show_catalog(args: argparse.Namespace, catalog: Any, label: str) -> None:
    from mcptui.core import catalog_items

    if catalog.truncated and args.strict:
        raise RequestError(
            f"{label}: a list was cut short ({catalog.truncated[0]})",
            hint="without --strict the partial catalog is shown, marked truncated",
        )
    if catalog.invalid and args.strict:
        raise RequestError(
            f"{label}: {catalog_items.describe(catalog.invalid[0])}",
            hint="without --strict the valid items are shown and each invalid one is named",
        )
    for line in catalog_items.warning_lines(catalog):
        print(f"warning: {line}", file=sys.stderr)
    if args.json:
        _print_json({**catalog.to_wire(), "transport": catalog.transport})
        return
    from mcptui.cli.render import render_catalog

    _out(render_catalog(catalog, target=label))


async def cmd_list(
    args: argparse.Namespace, connection: Any, catalog: Any, label: str, rest: list[str]
) -> int:
    _show_catalog(args, catalog, label)
    return 0


def _unknown(kind: str, name: str, known: list[str], label: str) -> UsageError:
    import difflib

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
    except json.JSONDecodeError as exc:
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


def _missing(catalog: Any, kind: str, name: str, items: list[dict[str, Any]], label: str) -> NoReturn:
    """No valid ``kind`` called ``name``: the server defined it invalidly, or it is unknown."""
    from mcptui.core.catalog_items import refusal

    raise refusal(catalog, kind, name) or _unknown(kind, name, [i.get("name", "") for i in items], label)


async def cmd_call(
    args: argparse.Namespace, connection: Any, catalog: Any, label: str, rest: list[str]
) -> int:
    name, pairs = rest[0], rest[1:]
    tool = catalog.tool(name) or _missing(catalog, "tool", name, catalog.tools, label)
    arguments = coerce_tool_args(tool.get("inputSchema") or {}, pairs, args.args, label)
    from mcptui.cli.confirm import confirm_call

    confirm_call(tool, arguments, cautious=connection.config.cautious, yes=args.yes)
    from mcptui.cli.task_calls import call_as_task, check_era, wants_task

    check_era(args, connection, label)
    if wants_task(args, tool, connection):
        return await call_as_task(args, connection, name, arguments, label)
    progress = _progress_printer(args)
    try:
        result = await connection.call_tool(name, arguments, timeout=args.timeout, on_progress=progress)
    finally:
        if progress is not None and progress.shown:
            print("\r\033[K", end="", file=sys.stderr, flush=True)  # erase the progress line
    if args.json:
        _print_json(result)
    else:
        from mcptui.cli.render import BinarySaver, render_tool_result

        _out(render_tool_result(result, BinarySaver(args.save_dir, name)))
    if result.get("isError"):
        report_error(ToolError(f"tool {name!r} returned an error (isError: true)"), as_json=args.json)
        return ToolError.exit_code
    return 0


async def cmd_read(
    args: argparse.Namespace, connection: Any, catalog: Any, label: str, rest: list[str]
) -> int:
    uri = rest[0]
    result = await connection.read_resource(uri)
    if args.json:
        _print_json(result)
    else:
        from mcptui.cli.render import BinarySaver, render_read_result

        _out(render_read_result(result, BinarySaver(args.save_dir, uri.rsplit("/", 1)[-1] or "resource")))
    return 0


def prompt_arguments(prompt: dict[str, Any], pairs: list[str], json_args: str | None) -> dict[str, str]:
    """Prompt arguments (always strings), checked against the prompt's declared arguments."""
    values: dict[str, Any] = _json_object(json_args, "--args")
    values.update(dict(split_pairs(pairs)))
    from mcptui.core.call_arguments import prompt_arguments as checked

    return checked(prompt, values)


async def cmd_prompt(
    args: argparse.Namespace, connection: Any, catalog: Any, label: str, rest: list[str]
) -> int:
    name, pairs = rest[0], rest[1:]
    prompt = catalog.prompt(name) or _missing(catalog, "prompt", name, catalog.prompts, label)
    result = await connection.get_prompt(name, prompt_arguments(prompt, pairs, args.args))
    if args.json:
        _print_json(result)
    else:
        from mcptui.cli.render import BinarySaver, render_prompt_result

        _out(render_prompt_result(result, BinarySaver(args.save_dir, name)))
    return 0
