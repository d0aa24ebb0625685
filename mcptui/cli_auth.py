"""``mcptui auth login|status|logout|token TARGET`` and the auth factory for other commands.

:func:`add_auth_parser` adds the subcommand; :func:`run_auth_command` runs it (results on
stdout, prompts on stderr, ``--json`` for machines); :func:`cli_auth_factory` gives
``list``/``call``/... the auth engine with a terminal (or, without a TTY, fail-fast) person.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from typing import Any

from mcptui.core.errors import UsageError
from mcptui.core.events import EventSink
from mcptui.core.sanitize import sanitize_body, sanitize_line

ACTIONS = ("login", "status", "logout", "token")


GRANTS = ("authorization-code", "client-credentials", "device")


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


def auth_options_parent() -> argparse.ArgumentParser:
    """A parent parser holding :func:`add_auth_options`, for ``list``/``call``/``read``/``prompt``."""
    parent = argparse.ArgumentParser(add_help=False)
    add_auth_options(parent)
    return parent


def add_auth_parser(subparsers: Any, parents: list[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "auth",
        parents=parents,
        help="sign in, show, store or forget credentials",
        description="Manage credentials for an HTTP MCP server (OAuth sign-in, saved tokens).",
    )
    p.add_argument("action", choices=ACTIONS, help="login | status | logout | token")
    p.add_argument("words", nargs="*", metavar="TARGET", help="server name or URL")
    add_auth_options(p)
    p.add_argument("--basic", metavar="USER", help="token: store Basic credentials for USER (password asked)")
    p.add_argument("--forget-client", action="store_true", help="logout: also forget the client registration")
    p.add_argument("--reveal", action="store_true", help="status: print the access token itself (careful)")
    return p


def _options(args: argparse.Namespace) -> Any:
    from mcptui.core.auth import AuthOptions, BrowserOptions

    return AuthOptions(
        browser=BrowserOptions(no_browser=bool(getattr(args, "no_browser", False))),
        callback_port=getattr(args, "callback_port", None),
        scope=getattr(args, "scope", None),
        client_id=getattr(args, "client_id", None),
        client_secret=getattr(args, "client_secret", None),
        client_metadata_url=getattr(args, "client_metadata_url", None),
        grant=getattr(args, "grant", None),
        private_key_path=getattr(args, "private_key", None),
    )


def cli_auth_factory(args: argparse.Namespace) -> Any:
    """The auth factory for list/call/read/prompt."""
    from mcptui.auth_tty import terminal_or_noninteractive
    from mcptui.core.auth import make_auth_factory

    return make_auth_factory(terminal_or_noninteractive(), options=_options(args))


def _out(text: str) -> None:
    print(sanitize_body(text), file=sys.stdout, flush=True)


def _describe_expiry(seconds: float | None) -> str:
    if seconds is None:
        return "no expiry given"
    if seconds <= 0:
        return f"expired {int(-seconds)}s ago"
    return f"expires in {int(seconds // 60)}m{int(seconds % 60):02d}s"


def _print_status(info: dict[str, Any]) -> None:
    if not info.get("signedIn"):
        _out(f"{info['server']}: not signed in ({info['url']})")
        return
    _out(f"{info['server']}: signed in ({info['method']}) to {info['url']}")
    if info.get("issuer"):
        _out(f"  issuer:        {info['issuer']}")
        _out(f"  client:        {info.get('clientId')} ({info.get('clientKind')})")
    if info.get("username"):
        _out(f"  username:      {info['username']}")
    _out(f"  scopes:        {info.get('scopes') or '-'}")
    _out(f"  access token:  {info.get('tokenFingerprint') or '-'}, {_describe_expiry(info.get('expiresIn'))}")
    _out(f"  refresh token: {'yes' if info.get('hasRefreshToken') else 'no'}")
    if info.get("tokenStore") == "keyring":
        _out("  stored in:     OS keyring (service 'mcptui'), details in " + str(info.get("storedAt")))
    elif info.get("storedAt"):
        _out(f"  stored in:     {info['storedAt']} (0600 file)")
    if info.get("accessToken"):
        _out(f"  revealed:      {info['accessToken']}")


def _read_secret(label: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"{label}: ")
    return sys.stdin.readline().strip()


async def run_auth_command(args: argparse.Namespace, servers: Any, sink: EventSink) -> int:
    """Run one ``mcptui auth`` action; returns the exit code (errors raise McpTuiError)."""
    from mcptui.auth_tty import terminal_or_noninteractive
    from mcptui.cli_commands import resolve
    from mcptui.core.auth import manage, select_token_store
    from mcptui.core.server_config import ServerConfig

    words = list(getattr(args, "words", []) or [])
    if not words and not isinstance(servers, ServerConfig):
        raise UsageError(
            f"missing TARGET: mcptui auth {args.action} TARGET",
            hint="TARGET is a server name from the servers file or an http(s) URL",
        )
    # the lead's cmd_auth passes the loaded servers file; a ready ServerConfig works too
    config = servers if isinstance(servers, ServerConfig) else resolve(args, words[0], servers)
    if config.is_stdio or not config.url:
        raise UsageError(
            f"{config.name} is a stdio server: it takes credentials from its environment, not OAuth"
        )
    store, fallback = select_token_store(
        notify=lambda message: print(f"warning: {sanitize_line(message)}", file=sys.stderr)
    )
    if fallback:
        print(f"note: {sanitize_line(str(fallback))}", file=sys.stderr)
    options = _options(args)
    as_json = bool(getattr(args, "json", False))
    if args.action == "login":
        await manage.login(
            config, interaction=terminal_or_noninteractive(), store=store, options=options, sink=sink
        )
        info = manage.status(config, store=store, now=time.time())
        if as_json:
            _out(json.dumps(info, indent=2))
        else:
            _print_status(info)
        return 0
    if args.action == "status":
        info = manage.status(config, store=store, now=time.time())
        if getattr(args, "reveal", False) and info.get("signedIn"):
            record = store.load_server(info["url"])
            info["accessToken"] = record.tokens.access_token if record and record.tokens else None
        _out(json.dumps(info, indent=2)) if as_json else _print_status(info)
        return 0 if info.get("signedIn") else 3
    if args.action == "logout":
        result = await manage.logout(
            config,
            store=store,
            options=options,
            interaction=terminal_or_noninteractive(),
            sink=sink,
            forget_client=bool(args.forget_client),
        )
        if as_json:
            _out(json.dumps(result, indent=2))
        else:
            revoked = ", ".join(r.replace("_", " ") for r in result["revoked"]) or "nothing revoked"
            _out(
                f"{config.name}: "
                + ("signed out" if result["deleted"] else "was not signed in")
                + f" ({revoked})"
            )
            for problem in result["problems"]:
                _out(f"  warning: {problem}")
        return 0
    # token
    if args.basic:
        password = _read_secret(f"password for {args.basic}")
        await manage.store_token(config, store=store, username=args.basic, password=password)
    else:
        if sys.stdin.isatty():
            print("Paste the access token (it is not shown):", file=sys.stderr)
        await manage.store_token(config, store=store, token=_read_secret("token"))
    info = manage.status(config, store=store, now=time.time())
    _out(json.dumps(info, indent=2)) if as_json else _out(
        f"{config.name}: stored {info['method']} credentials"
    )
    return 0
