"""``mcptui auth login|status|logout|token TARGET``: sign in, show, store or forget credentials.

:func:`cmd_auth` runs one action (results on stdout, prompts on stderr, ``--json`` for
machines); its options are in :mod:`mcptui.cli.command_table`, shared with the commands that talk
to a server, which get their auth engine from :func:`mcptui.cli.context.auth_factory`.
"""

from __future__ import annotations

import getpass
import json
import sys
import time
from typing import TYPE_CHECKING, Any

from mcptui.cli.context import auth_options, load_servers_file, make_sink, resolve
from mcptui.core.errors import UsageError
from mcptui.core.sanitize import sanitize_body, sanitize_line

if TYPE_CHECKING:
    import argparse

    from mcptui.core.config import ServersFile
    from mcptui.core.events import EventSink


def cmd_auth(args: argparse.Namespace) -> int:
    import asyncio

    servers = load_servers_file(args)
    return asyncio.run(run_auth_command(args, servers, make_sink(args)))


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


async def run_auth_command(args: argparse.Namespace, servers: ServersFile, sink: EventSink) -> int:
    """Run one ``mcptui auth`` action on TARGET; returns the exit code (errors raise McpTuiError)."""
    from mcptui.cli.auth_tty import terminal_or_noninteractive
    from mcptui.core.auth import manage, select_token_store

    if not args.words:
        raise UsageError(
            f"missing TARGET: mcptui auth {args.action} TARGET",
            hint="TARGET is a server name from the servers file or an http(s) URL",
        )
    config = resolve(args, args.words[0], servers)
    if config.is_stdio or not config.url:
        raise UsageError(
            f"{config.name} is a stdio server: it takes credentials from its environment, not OAuth"
        )
    store, fallback = select_token_store(
        notify=lambda message: print(f"warning: {sanitize_line(message)}", file=sys.stderr)
    )
    if fallback:
        print(f"note: {sanitize_line(str(fallback))}", file=sys.stderr)
    options = auth_options(args)
    as_json = args.json
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
        if args.reveal and info.get("signedIn"):
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
