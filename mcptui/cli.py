"""The ``mcptui`` command line: argument parsing, dispatch, and the error/exit-code contract.

Kept light on purpose: importing this module and parsing arguments must stay under 0.15 s,
so nothing here imports ``mcp``, ``httpx2``, ``pydantic`` or ``textual``; the command modules
(:mod:`mcptui.cli_commands`, :mod:`mcptui.cli_local`) are imported only when a command runs.

Argument handling, in order:

1. ``argv`` is split at the first ``--``: what follows is a stdio server command line and
   becomes the TARGET, so every word before it belongs to the subcommand
   (``mcptui call add a=1 -- python srv.py``).
2. With no subcommand, ``mcptui`` opens the TUI (``mcptui URL`` opens it on that server).
3. Global options (``--json``, ``--header``...) are accepted before or after the subcommand.

Exit codes: 0 ok, 1 usage or config error, 3 authentication, 4 unreachable or transport
failure, 5 the tool returned ``isError``, 130 interrupted, 141 stdout closed early (``| head``). Errors are one line on stderr (plus
an optional ``hint:`` line); with ``--json`` that line is the JSON error object
``{"error": {"code", "message", "hint", "exitCode"}}``. stdout only ever carries results.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from mcptui import __version__
from mcptui.core.errors import EXIT_USAGE, McpTuiError, UsageError
from mcptui.core.sanitize import json_safe, sanitize_line
from mcptui.demo.options import add_server_options

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for tools stopped by a closed pipe

COMMANDS = ("list", "call", "read", "prompt", "servers", "import", "locate", "demo", "auth", "tui")
TRANSPORTS = ("auto", "http", "sse", "stdio")

# Global options: (flags, argparse keyword arguments). Registered on the top-level parser
# under a ``top_`` dest and on every subcommand under the plain dest, then merged.
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
]
GLOBAL_DEFAULTS: dict[str, Any] = {
    "json": False,
    "header": [],
    "timeout": None,
    "transport": None,
    "config": None,
    "verbose": 0,
    "accept_defaults": False,
    "no_browser": False,
    "root": [],
    "yes": False,
    "strict": False,
}
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
VALUE_OPTIONS = {"--header", "-H", "--timeout", "--transport", "--config", "--root"}


class CliParser(argparse.ArgumentParser):
    """An ArgumentParser that raises :class:`UsageError` (exit 1) instead of exiting with 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}", hint=f"see '{self.prog} --help'")


def _dest(flags: tuple[str, ...]) -> str:
    long = next(f for f in flags if f.startswith("--"))
    return long[2:].replace("-", "_")


def _add_global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    group = parser.add_argument_group("global options")
    for flags, kwargs in GLOBAL_OPTIONS:
        dest = ("top_" if top else "") + _dest(flags)
        group.add_argument(*flags, dest=dest, default=argparse.SUPPRESS, **kwargs)


def _global_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    _add_global_options(parent, top=False)
    return parent


def _words(parser: argparse.ArgumentParser, metavar: str) -> None:
    parser.add_argument("words", nargs="*", metavar=metavar, help=argparse.SUPPRESS)


def build_parser() -> CliParser:
    """The whole command line (cheap: no heavy imports)."""
    parser = CliParser(
        prog="mcptui",
        description="A keyboard-driven terminal explorer for MCP servers. "
        "With no command, opens the TUI on the configured servers (or the built-in demo).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"mcptui {__version__}")
    _add_global_options(parser, top=True)
    parent = _global_parent()
    auth_parent = _auth_options_parent()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CliParser)

    def add(
        name: str, usage_tail: str, help_text: str, *, auth: bool = False, **kwargs: Any
    ) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            parents=[parent, auth_parent] if auth and auth_parent else [parent],
            help=help_text,
            description=help_text,
            usage=f"mcptui {name} [options] {usage_tail}".rstrip(),
            **kwargs,
        )

    p = add("list", "TARGET", "list tools, prompts, resources and resource templates", auth=True)
    _words(p, "TARGET")
    p = add(
        "call",
        "TARGET TOOL [key=value ...] [--args JSON]",
        "call a tool; values are coerced by the tool's input schema",
        auth=True,
    )
    _words(p, "TARGET TOOL [key=value ...]")
    p.add_argument("--args", metavar="JSON", help="arguments as a JSON object (key=value wins)")
    p.add_argument("--save-dir", metavar="DIR", help="write image/audio/blob results into DIR")
    p = add("read", "TARGET URI", "read a resource", auth=True)
    _words(p, "TARGET URI")
    p.add_argument("--save-dir", metavar="DIR", help="write binary contents into DIR")
    p = add("prompt", "TARGET NAME [key=value ...] [--args JSON]", "get a prompt with arguments", auth=True)
    _words(p, "TARGET NAME [key=value ...]")
    p.add_argument("--args", metavar="JSON", help="arguments as a JSON object")
    p.add_argument("--save-dir", metavar="DIR", help="write image/audio/blob contents into DIR")
    add("servers", "", "list the servers in the servers file")
    p = add("import", "FILE [--overwrite]", "merge another client's mcpServers file into ours")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--overwrite", action="store_true", help="replace servers that already exist")
    add("locate", "", "show where config, tokens, cache and logs live")
    p = add("demo", "[--http PORT | --sse PORT] [--page-size N]", "run the built-in demo MCP server")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--http", type=int, metavar="PORT", help="serve streamable HTTP on 127.0.0.1:PORT")
    where.add_argument("--sse", type=int, metavar="PORT", help="serve legacy HTTP+SSE on 127.0.0.1:PORT")
    p.add_argument("--host", default="127.0.0.1", help=argparse.SUPPRESS)
    add_server_options(p)
    p.add_argument("--auth", action="store_true", help="require OAuth (serves its own auth server)")
    _add_auth_parser(sub, parent)
    p = add("tui", "[TARGET]", "open the TUI (the default with no command)")
    _words(p, "TARGET")
    return parser


def _auth_options_parent() -> argparse.ArgumentParser | None:
    try:
        from mcptui.cli_auth import auth_options_parent
    except ImportError:
        return None
    return auth_options_parent()


def _add_auth_parser(sub: Any, parent: argparse.ArgumentParser) -> None:
    try:
        from mcptui.cli_auth import add_auth_parser
    except ImportError:
        p = sub.add_parser("auth", parents=[parent], help="manage authentication (not available)")
        p.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        return
    add_auth_parser(sub, [parent])


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
        return [*argv, "tui"]
    if argv[index] in COMMANDS:
        return argv
    return [*argv[:index], "tui", *argv[index:]]


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse a full argv (without the program name) into one namespace.

    Adds ``stdio_command`` (the words after ``--``, or None) and merges the global options
    given before and after the subcommand (headers accumulate; later values win).
    """
    before, stdio_command = split_argv(argv)
    before = insert_default_command(before)
    parser = build_parser()
    args, extras = parser.parse_known_args(before)
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
    for name, default in GLOBAL_DEFAULTS.items():
        top = getattr(args, "top_" + name, None)
        here = getattr(args, name, None)
        if name in ("header", "root"):
            value = [*(top or []), *(here or [])]
        elif name == "verbose":
            value = (top or 0) + (here or 0)
        else:
            value = here if here is not None else (top if top is not None else default)
        setattr(args, name, value)
        if hasattr(args, "top_" + name):
            delattr(args, "top_" + name)
    args.stdio_command = stdio_command
    if stdio_command is not None and not stdio_command:
        raise UsageError("nothing after '--'", hint="put the stdio server's command line after '--'")
    if args.timeout is not None and not args.timeout > 0:  # also refuses nan
        raise UsageError(f"--timeout must be a positive number of seconds, not {args.timeout:g}")
    return args


def report_error(error: McpTuiError, *, as_json: bool) -> None:
    """Print ``error`` on stderr: one line (plus a hint line), or one JSON line."""
    if as_json:
        print(json_safe(json.dumps(error.to_json(), ensure_ascii=False)), file=sys.stderr)
        return
    prefix = "" if error.code == "internal" else "error: "
    print(f"{prefix}{sanitize_line(error.message)}", file=sys.stderr)
    if error.hint:
        print(f"hint: {sanitize_line(error.hint)}", file=sys.stderr)


def _wants_json(argv: Sequence[str]) -> bool:
    before, _ = split_argv(argv)
    return "--json" in before


def run(args: argparse.Namespace) -> int:
    """Run one parsed command; returns the exit code (raises McpTuiError on failure)."""
    if args.command in ("list", "call", "read", "prompt"):
        from mcptui import cli_commands

        return cli_commands.run_remote(args)
    from mcptui import cli_local

    return cli_local.run_local(args)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not complain again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (tests capture stdout): nothing will be flushed to a closed pipe


def _tolerant_streams() -> None:
    """A terminal that cannot show a character gets an escape, never a crash (e.g. latin-1 locales)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``mcptui`` script; returns the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_streams()
    as_json = _wants_json(argv)
    verbose = False
    try:
        args = parse_args(argv)
        as_json, verbose = args.json, bool(args.verbose)
        return run(args)
    except SystemExit as done:  # --help / --version
        return done.code if isinstance(done.code, int) else (0 if done.code is None else EXIT_USAGE)
    except McpTuiError as error:
        report_error(error, as_json=as_json)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `mcptui list x | head`: the reader left; nothing more to say
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:  # a local file or folder we cannot write (read-only config dir...)
        if error.filename is None:
            return _internal(error, as_json=as_json, verbose=verbose)
        what = error.strerror or type(error).__name__
        local = McpTuiError(
            f"cannot write {error.filename}: {what}", hint="check the folder's permissions and free space"
        )
        report_error(local, as_json=as_json)
        return EXIT_USAGE
    except Exception as error:  # noqa: BLE001 - the one place that turns surprises into one line
        return _internal(error, as_json=as_json, verbose=verbose)


def _internal(error: BaseException, *, as_json: bool, verbose: bool) -> int:
    if verbose:
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    internal = McpTuiError(
        f"internal error: {type(error).__name__}: {error}",
        hint="run again with -v for the traceback, and please report it",
    )
    internal.code = "internal"
    report_error(internal, as_json=as_json)
    return EXIT_USAGE


def entry() -> NoReturn:
    """``python -m mcptui``."""
    raise SystemExit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
