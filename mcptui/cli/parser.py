"""The ``mcptui`` command line, built with argparse from one table of commands.

Kept light on purpose: importing this module and parsing arguments must stay under 0.15 s,
so nothing here imports ``mcp``, ``httpx2``, ``pydantic``, ``textual`` or ``asyncio``; the
command modules it names import those inside their functions, when a command runs.

Argument handling, in order:

1. ``argv`` is split at the first ``--``: what follows is a stdio server command line and
   becomes the TARGET, so every word before it belongs to the subcommand
   (``mcptui call add a=1 -- python srv.py``).
2. With no subcommand, ``mcptui`` opens the TUI (``mcptui URL`` opens it on that server).
3. Global options (``--json``, ``--header``...) are accepted before or after the subcommand.

The subcommands themselves (their names, summaries, runners and own options) are the table in
:mod:`mcptui.cli.command_table`.
"""

from __future__ import annotations

import argparse
from collections.abc import Collection, Sequence
from typing import Any, NoReturn

from mcptui import __version__
from mcptui.cli.command_table import AUTH_DESCRIPTION, COMMANDS, TUI, Command, add_auth_options
from mcptui.core.errors import UsageError

TRANSPORTS = ("auto", "http", "sse", "stdio")

# Global options: (flags, argparse keyword arguments). Registered on the top-level parser
# under a ``top_`` dest and on every subcommand under the plain dest, then merged by their
# action: "append" accumulates, "count" adds up, anything else: the later value wins.
GLOBAL_OPTIONS: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("--json",), {"action": "store_true", "help": "machine output (MCP wire field names)"}),
    (
        ("--header", "-H"),
        {"action": "append", "metavar": "'K: V'", "help": "extra HTTP header (repeatable)"},
    ),
    (("--timeout",), {"type": float, "metavar": "SECONDS", "help": "connect and request timeout"}),
    (("--transport",), {"choices": TRANSPORTS, "help": "force a transport (default: auto)"}),
    (("--config",), {"metavar": "PATH", "help": "servers file to use instead of the default"}),
    (("-v", "--verbose"), {"action": "count", "help": "stream the protocol log to stderr"}),
    (
        ("--accept-defaults",),
        {"action": "store_true", "help": "answer server input requests with their defaults"},
    ),
    (("--no-browser",), {"action": "store_true", "help": "never open a web browser (auth)"}),
    (
        ("--root",),
        {
            "action": "append",
            "metavar": "PATH",
            "help": "offer folder PATH to the server as a root (repeatable)",
        },
    ),
    (("--yes", "-y"), {"action": "store_true", "help": "call a destructive tool without asking"}),
    (
        ("--strict",),
        {"action": "store_true", "help": "fail when a list was cut short (repeated cursor, page cap)"},
    ),
    (("--no-agent",), {"action": "store_true", "help": "connect directly, not through the warm agent"}),
]
EPILOG = """\
TARGET is a server name from the servers file, an http(s):// URL, or, after '--',
a stdio command line (then every word before '--' belongs to the command):
  mcptui list http://127.0.0.1:8000/mcp
  mcptui call myserver add a=1 b=2
  mcptui call add a=1 b=2 -- python server.py
  mcptui read myserver demo://readme --json

Exit codes: 0 ok, 1 usage or config error, 3 authentication needed or failed,
4 unreachable or transport failure, 5 the tool returned isError, 130 interrupted.
With --json, results are MCP wire JSON on stdout and errors one JSON line on stderr.
"""


class CliParser(argparse.ArgumentParser):
    """An ArgumentParser that raises :class:`UsageError` (exit 1) instead of exiting with 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}", hint=f"see '{self.prog} --help'")


def _dest(flags: tuple[str, ...]) -> str:
    long = next(f for f in flags if f.startswith("--"))
    return long[2:].replace("-", "_")


def _add_global_options(parser: argparse.ArgumentParser, *, top: bool) -> list[argparse.Action]:
    group = parser.add_argument_group("global options")
    return [
        group.add_argument(
            *flags, dest=("top_" if top else "") + _dest(flags), default=argparse.SUPPRESS, **kwargs
        )
        for flags, kwargs in GLOBAL_OPTIONS
    ]


def _value_options() -> frozenset[str]:
    """The global flags that take a value (``--header V``), read off the actions argparse builds."""
    actions = _add_global_options(argparse.ArgumentParser(add_help=False), top=False)
    return frozenset(flag for action in actions if action.nargs != 0 for flag in action.option_strings)


VALUE_OPTIONS = _value_options()


def _add_command(sub: Any, command: Command, parents: list[argparse.ArgumentParser]) -> None:
    if command.name == "auth":  # its usage line is argparse's own: action and TARGET
        p = sub.add_parser(command.name, parents=parents, help=command.summary, description=AUTH_DESCRIPTION)
    else:
        p = sub.add_parser(
            command.name,
            parents=parents,
            help=command.summary,
            description=command.summary,
            usage=f"mcptui {command.name} [options] {command.usage}".rstrip(),
        )
        if command.words is not None:
            p.add_argument("words", nargs="*", metavar=command.words, help=argparse.SUPPRESS)
    if command.arguments is not None:
        command.arguments(p)


def build_parser(full: Collection[str] | None = None) -> CliParser:
    """The whole command line (cheap: no heavy imports).

    ``full``: the commands whose own parser is built with all its options (None: every one);
    the others get a bare entry, enough for ``mcptui --help`` to list them.
    """
    parser = CliParser(
        prog="mcptui",
        description="A keyboard-driven terminal explorer for MCP servers. "
        "With no command, opens the TUI on the configured servers (or the built-in demo).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"mcptui {__version__}")
    _add_global_options(parser, top=True)
    parent = argparse.ArgumentParser(add_help=False)
    _add_global_options(parent, top=False)
    auth_parent = argparse.ArgumentParser(add_help=False)
    add_auth_options(auth_parent)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CliParser)
    for command in COMMANDS.values():
        if full is None or command.name in full:
            _add_command(sub, command, [parent, auth_parent] if command.auth else [parent])
        else:
            sub.add_parser(command.name, help=command.summary, add_help=False)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs (after :func:`insert_default_command`), or None (``--help``)."""
    index = _first_positional(argv)
    return argv[index] if index is not None and argv[index] in COMMANDS else None


def split_argv(argv: Sequence[str]) -> tuple[list[str], list[str] | None]:
    """Split at the first ``--``: (words before it, the stdio command after it or None)."""
    argv = list(argv)
    if "--" not in argv:
        return argv, None
    cut = argv.index("--")
    return argv[:cut], argv[cut + 1 :]


def _first_positional(argv: Sequence[str]) -> int | None:
    skip = False
    for index, word in enumerate(argv):
        if skip:
            skip = False
            continue
        if word in VALUE_OPTIONS:
            skip = True
        elif not word.startswith("-") or word == "-":
            return index
    return None


def insert_default_command(argv: list[str]) -> list[str]:
    """Route ``mcptui`` and ``mcptui TARGET`` (no known command) to the ``tui`` command."""
    if any(w in ("-h", "--help", "--version") for w in argv):
        index = _first_positional(argv)
        if index is None or argv[index] in COMMANDS:
            return argv
    index = _first_positional(argv)
    if index is None:
        return [*argv, TUI]
    if argv[index] in COMMANDS:
        return argv
    return [*argv[:index], TUI, *argv[index:]]


def _merge_global_options(args: argparse.Namespace) -> None:
    """One value per global option from the ``top_`` (before the command) and plain dests."""
    for flags, kwargs in GLOBAL_OPTIONS:
        name = _dest(flags)
        top = getattr(args, "top_" + name, None)
        here = getattr(args, name, None)
        action = kwargs.get("action")
        if action == "append":
            value: Any = [*(top or []), *(here or [])]
        elif action == "count":
            value = (top or 0) + (here or 0)
        else:
            default = False if action == "store_true" else None
            value = here if here is not None else (top if top is not None else default)
        setattr(args, name, value)
        if hasattr(args, "top_" + name):
            delattr(args, "top_" + name)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse a full argv (without the program name) into one namespace.

    Adds ``stdio_command`` (the words after ``--``, or None) and merges the global options
    given before and after the subcommand (headers accumulate; later values win).
    """
    before, stdio_command = split_argv(argv)
    before = insert_default_command(before)
    named = _command_named(before)
    args, extras = build_parser({named} if named else set()).parse_known_args(before)
    if args.command is not None and args.command != named:  # misread the command: build them all
        args, extras = build_parser().parse_known_args(before)
    for word in extras:
        if word.startswith("-") and word != "-":
            raise UsageError(
                f"mcptui {args.command}: unrecognized option {word}",
                hint=f"see 'mcptui {args.command} --help'",
            )
    if extras:
        if not hasattr(args, "words"):
            raise UsageError(
                f"mcptui {args.command}: unexpected argument {extras[0]!r}",
                hint=f"see 'mcptui {args.command} --help'",
            )
        args.words = [*args.words, *extras]
    _merge_global_options(args)
    args.stdio_command = stdio_command
    if stdio_command is not None and not stdio_command:
        raise UsageError("nothing after '--'", hint="put the stdio server's command line after '--'")
    if args.timeout is not None and not args.timeout > 0:  # also refuses nan
        raise UsageError(f"--timeout must be a positive number of seconds, not {args.timeout:g}")
    return args
