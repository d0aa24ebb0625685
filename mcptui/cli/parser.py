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
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable, Collection, Sequence
from typing import Any, NamedTuple, NoReturn

from mcptui import __version__
from mcptui.cli import (
    commands_auth,
    commands_diff,
    commands_local,
    commands_run,
    commands_server,
    commands_sessions,
    commands_tasks,
)
from mcptui.core.errors import UsageError
from mcptui.demo.options import add_server_options

TRANSPORTS = ("auto", "http", "sse", "stdio")
GRANTS = ("authorization-code", "client-credentials", "device")
AUTH_ACTIONS = ("login", "status", "logout", "token")
TUI = "tui"

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


Arguments = Callable[[argparse.ArgumentParser], None]


class Command(NamedTuple):
    """One subcommand: how it reads on the command line and the function that runs it.

    ``run`` takes the parsed namespace and returns the exit code; the ``tui`` command's also
    takes the function that opens the TUI and the other commands' names (see ``main.run``).
    """

    name: str
    summary: str
    run: Callable[..., int]
    words: str | None = None  # metavar of the positional words (TARGET ...); None: takes none
    usage: str = ""  # what follows ``mcptui NAME [options]`` in the usage line
    auth: bool = False  # talks to a server: takes the auth options
    arguments: Arguments | None = None  # adds the command's own arguments and options


def _call_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--args", metavar="JSON", help="arguments as a JSON object (key=value wins)")
    p.add_argument("--save-dir", metavar="DIR", help="write image/audio/blob results into DIR")
    p.add_argument(
        "--task",
        action="store_true",
        help="run as a task (a taskSupport 'optional' tool; 2026-07-28: a server with the tasks extension)",
    )
    p.add_argument("--no-wait", action="store_true", help="start the tool as a task and print its id")
    commands_tasks.era_argument(p)


def _read_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--save-dir", metavar="DIR", help="write binary contents into DIR")


def _prompt_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--args", metavar="JSON", help="arguments as a JSON object")
    p.add_argument("--save-dir", metavar="DIR", help="write image/audio/blob contents into DIR")


def _import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE")
    p.add_argument("--overwrite", action="store_true", help="replace servers that already exist")


def _demo_arguments(p: argparse.ArgumentParser) -> None:
    where = p.add_mutually_exclusive_group()
    where.add_argument("--http", type=int, metavar="PORT", help="serve streamable HTTP on 127.0.0.1:PORT")
    where.add_argument("--sse", type=int, metavar="PORT", help="serve legacy HTTP+SSE on 127.0.0.1:PORT")
    p.add_argument("--host", default="127.0.0.1", help=argparse.SUPPRESS)
    add_server_options(p)
    p.add_argument("--auth", action="store_true", help="require OAuth (serves its own auth server)")


def add_auth_options(parser: argparse.ArgumentParser) -> None:
    """The OAuth options, shared by ``auth`` and every command that talks to a server."""
    group = parser.add_argument_group("auth options")
    group.add_argument("--scope", help="scope to request instead of the server's choice")
    group.add_argument("--client-id", help="a pre-registered OAuth client id")
    group.add_argument("--client-secret", help="its secret (prefer the servers file with ${VAR})")
    group.add_argument("--client-metadata-url", help="https URL of a Client ID Metadata Document")
    group.add_argument(
        "--callback-port", type=int, metavar="N", help="callback port (default 8085-8099; 0 = any)"
    )
    group.add_argument("--grant", choices=GRANTS, help="OAuth grant to use (default: chosen from the server)")
    group.add_argument(
        "--private-key", metavar="PEM", help="sign in with a private_key_jwt assertion from this key"
    )


def _auth_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=AUTH_ACTIONS, help="login | status | logout | token")
    p.add_argument("words", nargs="*", metavar="TARGET", help="server name or URL")
    add_auth_options(p)
    p.add_argument("--basic", metavar="USER", help="token: store Basic credentials for USER (password asked)")
    p.add_argument("--forget-client", action="store_true", help="logout: also forget the client registration")
    p.add_argument("--reveal", action="store_true", help="status: print the access token itself (careful)")


def _remote(
    name: str, summary: str, action: Any, words: str, usage: str, arguments: Arguments | None = None
) -> Command:
    """A command that talks to a server: ``mcptui NAME [options] TARGET ...``, then ``action``."""
    run = functools.partial(commands_server.run_remote, action=action, synopsis=f"mcptui {name} {words}")
    return Command(name, summary, run, words=words, usage=usage, auth=True, arguments=arguments)


COMMANDS: dict[str, Command] = {
    command.name: command
    for command in (
        _remote(
            "list",
            "list tools, prompts, resources and resource templates",
            commands_server.cmd_list,
            "TARGET",
            "TARGET",
        ),
        _remote(
            "call",
            "call a tool; values are coerced by the tool's input schema",
            commands_server.cmd_call,
            "TARGET TOOL [key=value ...]",
            "TARGET TOOL [key=value ...] [--args JSON]",
            _call_arguments,
        ),
        _remote(
            "read", "read a resource", commands_server.cmd_read, "TARGET URI", "TARGET URI", _read_arguments
        ),
        _remote(
            "prompt",
            "get a prompt with arguments",
            commands_server.cmd_prompt,
            "TARGET NAME [key=value ...]",
            "TARGET NAME [key=value ...] [--args JSON]",
            _prompt_arguments,
        ),
        Command(
            "snapshot",
            "print the whole catalog as stable JSON (for git and `mcptui diff`)",
            commands_diff.cmd_snapshot,
            words="TARGET",
            usage="TARGET [--era ERA] [-o FILE]",
            auth=True,
            arguments=commands_diff.snapshot_arguments,
        ),
        Command(
            "diff",
            "compare two catalogs (snapshot files or live targets); exit 0 same, 1 different, 2 breaking",
            commands_diff.cmd_diff,
            words="A B",
            usage="A B [--era-a ERA] [--era-b ERA] [--transport-a T] [--transport-b T]",
            auth=True,
            arguments=commands_diff.diff_arguments,
        ),
        Command("servers", "list the servers in the servers file", commands_local.cmd_servers),
        Command(
            "import",
            "merge another client's mcpServers file into ours",
            commands_local.cmd_import,
            usage="FILE [--overwrite]",
            arguments=_import_arguments,
        ),
        Command("locate", "show where config, tokens, cache and logs live", commands_local.cmd_locate),
        Command(
            "demo",
            "run the built-in demo MCP server",
            commands_local.cmd_demo,
            usage="[--http PORT | --sse PORT] [--page-size N]",
            arguments=_demo_arguments,
        ),
        Command(
            "auth",
            "sign in, show, store or forget credentials",
            commands_auth.cmd_auth,
            arguments=_auth_arguments,
        ),
        Command(
            "run",
            "run a collection of saved calls as tests (exit 1 when one fails)",
            commands_run.cmd_run,
            words="FILE [TARGET]",
            usage="FILE [TARGET] [--report junit:PATH|json:PATH]",
            auth=True,
            arguments=commands_run.run_arguments,
        ),
        Command(
            "collection",
            "list collections, or save a call from a server's history into one",
            commands_run.cmd_collection,
            usage="list | save NAME TARGET [--from-history N] [--as CALL]",
            arguments=commands_run.collection_arguments,
        ),
        Command(
            "tasks",
            "list a server's tasks, or get, fetch the result of or cancel one",
            commands_tasks.cmd_tasks,
            usage="list|get|result|cancel TARGET [TASK_ID] [--era ERA]",
            auth=True,
            arguments=commands_tasks.tasks_arguments,
        ),
        Command(
            "sessions",
            "list (or stop) the warm connections the agent keeps",
            commands_sessions.cmd_sessions,
            usage="[stop [TARGET | --all]]",
            arguments=commands_sessions.add_arguments,
        ),
        Command(
            TUI,
            "open the TUI (the default with no command)",
            commands_local.cmd_tui,
            words="TARGET",
            usage="[TARGET]",
        ),
    )
}
AUTH_DESCRIPTION = "Manage credentials for an HTTP MCP server (OAuth sign-in, saved tokens)."


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
