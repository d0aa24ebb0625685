"""Saved calls as tests: ``mcptui run FILE [TARGET]`` and ``mcptui collection list|save``.

``run`` loads a collection (a file, or a named one), connects once (the same connection setup
as ``call``: ``commands_server._session``), runs every call through the core
use case (:mod:`mcptui.core.collection_run`), shows ``[i/n] name`` on stderr when it is a
terminal, prints one line per call and the totals, writes the ``--report`` files, and exits 0
when every call passed, 1 when one failed (the usual codes when the server cannot be reached).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcptui.cli.context import resolve
from mcptui.core.errors import UsageError
from mcptui.core.sanitize import json_safe, sanitize_body, sanitize_line

if TYPE_CHECKING:
    import argparse

    from mcptui.core.collection_run import RunResult
    from mcptui.core.collections import Collection, SavedCall

EXIT_FAILED = 1


def run_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="FORMAT:PATH",
        help="also write junit:PATH (JUnit XML) or json:PATH (repeatable)",
    )
    p.add_argument(
        "--only", action="append", metavar="CALL", help="run only the call named CALL (repeatable)"
    )


def collection_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("list", "save"), help="list | save")
    p.add_argument("words", nargs="*", metavar="NAME [TARGET]", help="save: the collection and the server")
    p.add_argument(
        "--from-history",
        type=int,
        default=1,
        metavar="N",
        help="save: the Nth newest call in TARGET's history (default 1, the last one)",
    )
    p.add_argument("--as", dest="call_name", metavar="CALL", help="save: the call's name in the collection")


def _reports(specs: list[str]) -> list[tuple[str, Path]]:
    from mcptui.core.collection_report import REPORT_FORMATS

    reports = []
    for spec in specs:
        kind, sep, path = spec.partition(":")
        if not sep or kind not in REPORT_FORMATS or not path:
            raise UsageError(
                f"--report {spec!r}: expected FORMAT:PATH",
                hint="e.g. --report junit:report.xml or json:out.json",
            )
        reports.append((kind, Path(path).expanduser()))
    return reports


def _progress(total: int) -> Any:
    if not sys.stderr.isatty():
        return None

    def show(index: int, count: int, call: SavedCall) -> None:
        print(
            f"\r\033[K[{index + 1}/{count}] {sanitize_line(call.name)}", end="", file=sys.stderr, flush=True
        )

    return show


def cmd_run(args: argparse.Namespace) -> int:
    import asyncio

    from mcptui.cli import commands_server
    from mcptui.core.collections import find, load_file

    words = list(args.words)
    if not words:
        raise UsageError("missing FILE: mcptui run FILE [TARGET]", hint="FILE is a collection file or name")
    limit = 1 if args.stdio_command is not None else 2
    if len(words) > limit:
        raise UsageError(f"unexpected argument {words[limit]!r}: mcptui run FILE [TARGET]")
    reports = _reports(args.report)
    collection = load_file(find(words[0]))
    target = words[1] if len(words) > 1 else collection.target
    if target is None and args.stdio_command is None:
        raise UsageError(
            f"collection {collection.name!r} names no target", hint="give one: mcptui run FILE TARGET"
        )
    config = resolve(args, target if args.stdio_command is None else None)
    label = target if args.stdio_command is None and target else config.describe()

    async def action(
        args: argparse.Namespace, connection: Any, catalog: Any, label: str, rest: list[str]
    ) -> int:
        result = await _run(args, connection, catalog, collection, label)
        _finish(args, result, reports)
        return 0 if result.ok else EXIT_FAILED

    # the connection setup `call` uses
    return asyncio.run(commands_server._session(args, config, label, [], action))


async def _run(
    args: argparse.Namespace, connection: Any, catalog: Any, collection: Collection, server: str
) -> RunResult:
    from mcptui.core.collection_run import run_collection
    from mcptui.core.tool_safety import needs_confirmation, why_confirm

    def guard(tool: dict[str, Any], arguments: dict[str, Any]) -> str | None:
        if args.yes or not needs_confirmation(tool, cautious=connection.config.cautious):
            return None
        return f"{why_confirm(tool)}; pass --yes to run it"

    progress = _progress(len(collection.calls))
    try:
        return await run_collection(
            connection, catalog, collection, server=server, only=args.only, guard=guard, on_start=progress
        )
    finally:
        if progress is not None:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def _finish(args: argparse.Namespace, result: RunResult, reports: list[tuple[str, Path]]) -> None:
    from mcptui.core.collection_report import json_report, summary_lines, write_report

    for kind, path in reports:
        write_report(result, kind, path)
    if args.json:
        print(json_report(result), end="", flush=True)
        return
    for line in summary_lines(result):
        print(line, flush=True)
    for kind, path in reports:
        print(f"{kind} report: {sanitize_line(str(path))}", file=sys.stderr)


def cmd_collection(args: argparse.Namespace) -> int:
    if args.action == "list":
        return _list(args)
    return _save(args)


def _list(args: argparse.Namespace) -> int:
    from mcptui.core.collections import collections_dir, list_collections

    found = list_collections()
    if args.json:
        rows = [
            {
                "path": str(path),
                **(
                    {"name": c.name, "target": c.target, "calls": [x.name for x in c.calls]}
                    if not isinstance(c, str)
                    else {"problem": c}
                ),
            }
            for path, c in found
        ]
        print(json_safe(json.dumps({"folder": str(collections_dir()), "collections": rows}, indent=2)))
        return 0
    if not found:
        print(f"no collections in {collections_dir()}")
        print("save one with `mcptui collection save NAME TARGET` (the last call in TARGET's history)")
        return 0
    for path, collection in found:
        if isinstance(collection, str):
            print(f"warning: {sanitize_line(collection)}", file=sys.stderr)
            continue
        count = len(collection.calls)
        on = f" on {collection.target}" if collection.target else ""
        print(sanitize_body(f"{collection.name}  {count} call{'s' if count != 1 else ''}{on}  {path}"))
    return 0


def _save(args: argparse.Namespace) -> int:
    from mcptui.core.collections import check_name, save_call
    from mcptui.core.history import HistoryStore

    words = list(args.words)
    limit = 1 if args.stdio_command is not None else 2
    if len(words) != limit:
        raise UsageError(
            "usage: mcptui collection save NAME TARGET [--from-history N] [--as CALL]",
            hint="TARGET is the server whose history holds the call",
        )
    name = check_name(words[0])
    target = words[1] if limit == 2 else None
    config = resolve(args, target)
    records = HistoryStore().load(config.name, config.cache_slug)
    if not records:
        raise UsageError(
            f"no calls in the history of {target or config.describe()}", hint="make one in the TUI first"
        )
    if not 1 <= args.from_history <= len(records):
        raise UsageError(
            f"--from-history {args.from_history}: the history holds {len(records)} call(s) (1 is the newest)"
        )
    record = records[-args.from_history]
    path, saved = save_call(name, record, call_name=args.call_name, target=target)
    print(sanitize_line(f"saved {saved.kind} {saved.item} as {saved.name!r} in {name}: {path}"))
    return 0
