"""The table of ``mcptui`` subcommands: each one's name, summary, the function that runs it, and
its own arguments and options (the OAuth options for every command that talks to a server).

:mod:`mcptui.cli.parser` builds the command line from :data:`COMMANDS`. Kept light like it: the
command modules named here import their heavy dependencies inside their functions.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from typing import Any, NamedTuple

from mcptui.cli import (
    commands_auth,
    commands_diff,
    commands_local,
    commands_run,
    commands_server,
    commands_sessions,
    commands_tasks,
)
from mcptui.demo.options import add_server_options

GRANTS = ("authorization-code", "client-credentials", "device")
AUTH_ACTIONS = ("login", "status", "logout", "token")
TUI = "tui"

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
