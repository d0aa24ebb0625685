"""``main()``: parse, run one command, and turn every failure into its exit code and one line.

Errors are one line on stderr (plus an optional ``hint:`` line); with ``--json`` that line is
the JSON error object ``{"error": {"code", "message", "hint", "exitCode"}}``. stdout only
ever carries results. The exit codes are listed in :mod:`mcptui.cli.context`.

The TUI is not part of the command line: whoever starts the program (``mcptui.__main__``)
passes ``open_tui``, which the ``tui`` command calls once it has checked its arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from mcptui.cli.commands_local import OpenTui
from mcptui.cli.context import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, report_error
from mcptui.cli.parser import COMMANDS, TUI, parse_args, split_argv
from mcptui.core.errors import EXIT_USAGE, McpTuiError


def _wants_json(argv: Sequence[str]) -> bool:
    before, _ = split_argv(argv)
    return "--json" in before


def run(args: argparse.Namespace, *, open_tui: OpenTui) -> int:
    """Run one parsed command; returns the exit code (raises McpTuiError on failure)."""
    command = COMMANDS[args.command]
    if command.name == TUI:
        return command.run(args, open_tui=open_tui, commands=[name for name in COMMANDS if name != TUI])
    return command.run(args)


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


def main(argv: Sequence[str] | None = None, *, open_tui: OpenTui) -> int:
    """Run the ``mcptui`` command line on ``argv`` (default: ``sys.argv[1:]``); returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_streams()
    as_json = _wants_json(argv)
    verbose = False
    try:
        args = parse_args(argv)
        as_json, verbose = args.json, bool(args.verbose)
        from mcptui.cli.agent_client import route

        routed = route(args, argv)  # a server command, run by the warm agent (None: run it here)
        return routed if routed is not None else run(args, open_tui=open_tui)
    except SystemExit as done:  # --help / --version
        return done.code if isinstance(done.code, int) else (0 if done.code is None else EXIT_USAGE)
    except McpTuiError as error:
        report_error(error, as_json=as_json)
        return error.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
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
