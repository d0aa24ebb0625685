"""``mcptui snapshot`` and ``mcptui diff``: save a server's whole catalog, compare two catalogs.

``snapshot TARGET`` prints the catalog snapshot (:mod:`mcptui.core.catalog_snapshot`): stable
JSON meant to be kept in git. ``diff A B`` compares two sides, each a snapshot file or a live
target, with :mod:`mcptui.core.catalog_diff` and prints the changes (``+`` added, ``-`` removed,
``~`` changed, breaking ones marked) or, with ``--json``, the diff as one JSON document.
Exit codes: 0 same, 1 different, 2 breaking (errors keep theirs: 3 auth, 4 unreachable...).

Light at import (the parser imports it): the core and ``mcp`` are imported when a command runs.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path
from typing import Any

from mcptui.core.errors import RequestError, TransportError, UsageError
from mcptui.core.sanitize import json_safe, sanitize_line

MODERN = "2026-07-28"
ERAS = {"auto": "auto", "legacy": "legacy", "2025-11-25": "legacy", "2026-07-28": "2026-07-28"}
SIDE_TRANSPORTS = ("auto", "http", "sse", "stdio")
DIFF_SYNOPSIS = "mcptui diff A B"
DIFF_HELP = """\
A and B are each a snapshot file (written by `mcptui snapshot`) or a live TARGET (a server
name, an http(s):// URL); with '-- command', the stdio command is B and only A is given.
The same server over two eras or transports: give it twice with --era-a/--era-b or
--transport-a/--transport-b (eras: auto, legacy or 2025-11-25, 2026-07-28).
  mcptui snapshot http://127.0.0.1:8000/mcp > before.json
  mcptui diff before.json http://127.0.0.1:8000/mcp
  mcptui diff myserver myserver --era-a 2025-11-25 --era-b 2026-07-28
  mcptui diff before.json -- python server.py
Exit codes: 0 same, 1 different, 2 breaking changes (a tool removed, a required input
added, a type narrowed...); 3 authentication, 4 unreachable, as for every command.
"""
MARKS = {"added": "+", "removed": "-"}
SECTIONS = {
    "tool": "tools",
    "prompt": "prompts",
    "resource": "resources",
    "resourceTemplate": "resource templates",
    "capability": "capabilities",
    "instructions": "instructions",
}


def _era(value: str) -> str:
    if value not in ERAS:
        raise argparse.ArgumentTypeError(f"unknown era {value!r} (choose from {', '.join(ERAS)})")
    return ERAS[value]


def snapshot_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--era", type=_era, metavar="ERA", help="protocol era: auto, 2025-11-25 (legacy), 2026-07-28"
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write the snapshot to FILE instead of stdout")


def diff_arguments(p: argparse.ArgumentParser) -> None:
    p.epilog = DIFF_HELP
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    for side in ("a", "b"):
        p.add_argument(
            f"--era-{side}", type=_era, metavar="ERA", help=f"protocol era for side {side.upper()}"
        )
        p.add_argument(
            f"--transport-{side}",
            choices=SIDE_TRANSPORTS,
            help=f"transport for side {side.upper()} (wins over --transport)",
        )


# ------------------------------------------------------------------ fetching a live catalog


def _live_config(args: argparse.Namespace, target: str | None, era: str | None, transport: str | None) -> Any:
    from mcptui.cli.context import resolve

    side = copy.copy(args)
    if transport:
        side.transport = transport
    if target is not None:
        side.stdio_command = None
    config = resolve(side, target)
    # A version pin makes the SDK skip server/discover (no capabilities, so no lists): the
    # modern era is asked for through "auto" and checked once connected (see _fetch).
    return config.with_overrides(protocol="auto" if era == MODERN else era) if era else config


async def _fetch(args: argparse.Namespace, config: Any, label: str, era: str | None = None) -> Any:
    """The live catalog of ``config`` (connect, load everything, disconnect), in ``era`` if given."""
    from mcptui.cli.commands_server import _session
    from mcptui.core import catalog_items

    got: list[Any] = []

    async def keep(args: Any, connection: Any, catalog: Any, label: str, rest: list[str]) -> int:
        got.append(catalog)
        return 0

    await _session(args, config, label, [], keep)
    catalog = got[0]
    if era == MODERN and catalog.protocol_version != MODERN:
        raise TransportError(
            f"{label} answered in protocol {catalog.protocol_version}, not {MODERN}",
            hint="this server does not speak the 2026-07-28 era",
        )
    problems = [*catalog.truncated, *(catalog_items.describe(r) for r in catalog.invalid)]
    if problems and args.strict:
        raise RequestError(
            f"{label}: {problems[0]}",
            hint="without --strict the catalog is taken as it is, marked incomplete",
        )
    for line in catalog_items.warning_lines(catalog):
        print(f"warning: {sanitize_line(line)}", file=sys.stderr)
    return catalog


def _snapshot_of(catalog: Any) -> dict[str, Any]:
    from mcptui.core.catalog_snapshot import from_catalog

    return from_catalog(catalog)


# ------------------------------------------------------------------ snapshot


def cmd_snapshot(args: argparse.Namespace) -> int:
    import asyncio

    from mcptui.cli.commands_server import split_target
    from mcptui.core.catalog_snapshot import dumps

    target, rest = split_target(args, "mcptui snapshot TARGET")
    if rest:
        raise UsageError(f"unexpected argument {rest[0]!r}: mcptui snapshot TARGET")
    config = _live_config(args, target, args.era, None)
    catalog = asyncio.run(_fetch(args, config, target or config.describe(), args.era))
    text = json_safe(dumps(_snapshot_of(catalog)))
    if args.output:
        from mcptui.core.private_files import write_private

        write_private(Path(args.output).expanduser(), text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0


# ------------------------------------------------------------------ diff


def _is_file_side(word: str) -> bool:
    from mcptui.cli.context import is_url

    if is_url(word):
        return False
    path = Path(word).expanduser()
    if word.endswith(".json") and not path.is_file():
        raise UsageError(f"no snapshot file {word}", hint="write one with `mcptui snapshot TARGET > FILE`")
    return path.is_file()


def _read_snapshot(word: str) -> dict[str, Any]:
    from mcptui.core.catalog_snapshot import SnapshotError, loads

    try:
        text = Path(word).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {word}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return loads(text)
    except SnapshotError as exc:
        raise UsageError(f"{word}: {exc}", hint="write one with `mcptui snapshot TARGET > FILE`") from None


async def _sides(args: argparse.Namespace, sides: list[tuple[str | None, str]]) -> list[dict[str, Any]]:
    documents = []
    for target, name in sides:
        if target is not None and _is_file_side(target):
            documents.append(_read_snapshot(target))
            continue
        era = getattr(args, f"era_{name}")
        config = _live_config(args, target, era, getattr(args, f"transport_{name}"))
        catalog = await _fetch(args, config, target or config.describe(), era)
        documents.append(_snapshot_of(catalog))
    return documents


def cmd_diff(args: argparse.Namespace) -> int:
    import asyncio

    from mcptui.core.catalog_diff import diff_snapshots

    words = list(args.words)
    want = 1 if args.stdio_command is not None else 2
    if len(words) < want:
        raise UsageError(f"missing {'AB'[len(words)]}: {DIFF_SYNOPSIS}", hint="see 'mcptui diff --help'")
    if len(words) > want:
        raise UsageError(
            f"unexpected argument {words[want]!r}: {DIFF_SYNOPSIS}", hint="see 'mcptui diff --help'"
        )
    sides: list[tuple[str | None, str]] = [(words[0], "a"), (words[1] if want == 2 else None, "b")]
    before, after = asyncio.run(_sides(args, sides))
    diff = diff_snapshots(before, after)
    if args.json:
        print(json_safe(json.dumps(diff.to_json(), indent=2, ensure_ascii=False)), flush=True)
    else:
        labels = [w or " ".join(args.stdio_command) for w, _ in sides]
        print(render_diff(diff, labels[0], labels[1]), flush=True)
    return diff.exit_code


def _context(label: str, context: dict[str, Any]) -> str:
    info = context.get("serverInfo") or {}
    server = " ".join(str(info[k]) for k in ("name", "version") if info.get(k))
    parts = [p for p in (server, context.get("protocolVersion"), context.get("transport")) if p]
    return f"{label} ({', '.join(str(p) for p in parts)})" if parts else label


def _value(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def render_diff(diff: Any, label_a: str, label_b: str) -> str:
    """The human form of a CatalogDiff: one section per kind, one line per item and per change.

    Every string that came from a server or a file is passed through ``sanitize_line``.
    """
    safe = sanitize_line
    lines = [f"{safe(_context(label_a, diff.before))}", f"  → {safe(_context(label_b, diff.after))}"]
    broken = {(c.kind, c.name) for c in diff.changes if c.breaking}
    current_kind, current_item = None, None
    for change in diff.changes:
        if change.kind != current_kind:
            current_kind, current_item = change.kind, None
            lines.append(SECTIONS.get(change.kind, change.kind))
        if change.name != current_item or not change.name:
            current_item = change.name
            symbol = "~" if change.path else MARKS.get(change.what, "~")  # the item added/removed/changed
            tail = "  [breaking]" if (change.kind, change.name) in broken else ""
            lines.append(f"  {symbol} {safe(change.name or change.kind)}{tail}")
        if not change.path and change.kind not in ("instructions",):
            continue  # the item line says it all
        symbol = MARKS.get(change.what, "~")
        text = f"{safe(change.path)}: {safe(change.detail)}" if change.path else safe(change.detail)
        if change.what == "changed" and _shows_values(change):
            text += f" ({safe(_value(change.before))} → {safe(_value(change.after))})"
        lines.append(f"      {symbol} {text}{'  BREAKING' if change.breaking else ''}")
    lines.append(diff.summary())
    return "\n".join(lines)


def _shows_values(change: Any) -> bool:
    """Whether to add "(before → after)": both sides known and not already in the detail."""
    return change.before is not None and change.after is not None and "→" not in change.detail
