"""Turn what the user typed (a server name, a URL, or a command after ``--``) into a ServerConfig.

The CLI and the UI's "open" prompt both go through :func:`resolve_target`, so the rules are
the same everywhere: a stdio command wins, then an ``http(s)://`` URL, then a name from the
servers file. Overrides from the command line (``--transport``, ``--header``, ``--timeout``)
are applied here. Every mistake is a :class:`UsageError` with one clear message.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from .config import ServersFile, unknown_server_error
from .config_entry import drop_empty_headers
from .errors import UsageError
from .server_config import ServerConfig

TRANSPORT_CHOICES = ("auto", "http", "sse", "stdio")
_HEADER_NAME_RE = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_NAME_LIKE_RE = re.compile(r"^[A-Za-z][A-Za-z-]{0,39}$")


def split_stdio_command(argv: Sequence[str]) -> tuple[list[str], list[str] | None]:
    """Split ``argv`` at the first ``--``: (before, after), after is None when there is no ``--``."""
    argv = list(argv)
    if "--" not in argv:
        return argv, None
    at = argv.index("--")
    return argv[:at], argv[at + 1 :]


def parse_header(text: str, position: int = 1) -> tuple[str, str]:
    """``"Name: value"`` → (name, value). A malformed header is a UsageError that never shows its value."""
    name, colon, value = text.partition(":")
    name = name.strip()
    if colon and name and _HEADER_NAME_RE.match(name):
        if any(c in value for c in "\r\n\0"):  # never echoed: it may be a secret, or an injection
            raise UsageError(
                f"--header {name!r}: the value contains a line break or NUL",
                hint="a header value is one line; remove the CR/LF",
            )
        return name, value.strip()
    words = text.strip().split(None, 1)
    first_word = words[0].rstrip(":") if words else ""
    # Show the first word only when it reads like a header name followed by more (never a lone token).
    name_like = len(words) == 2 and _NAME_LIKE_RE.match(first_word)
    shown = f"--header {first_word!r}…" if name_like else f"--header #{position}"
    raise UsageError(
        f"{shown} is not in 'Name: value' form",
        hint="write it as --header 'Authorization: Bearer $TOKEN'",
    )


def parse_headers(items: Iterable[str]) -> dict[str, str]:
    """Parse several ``--header`` values; a later header replaces an earlier one (any case)."""
    headers: dict[str, str] = {}
    for position, item in enumerate(items, start=1):
        name, value = parse_header(item, position)
        headers = merge_headers(headers, {name: value})
    return headers


def merge_headers(base: dict[str, str], overrides: dict[str, str]) -> dict[str, str]:
    """``base`` with ``overrides`` on top; names compare case-insensitively."""
    replaced = {name.lower() for name in overrides}
    merged = {k: v for k, v in base.items() if k.lower() not in replaced}
    merged.update(overrides)
    return merged


def _url_name(url: str) -> str:
    """host[:port] of ``url`` (never the userinfo)."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        raise UsageError(f"{url!r} is not a valid URL") from None
    if not host:
        raise UsageError(f"{url!r} has no host", hint="write it like http://127.0.0.1:8000/mcp")
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def _check_transport(transport: str) -> None:
    if transport not in TRANSPORT_CHOICES:
        raise UsageError(
            f"unknown transport {transport!r}", hint=f"choose one of {', '.join(TRANSPORT_CHOICES)}"
        )


def _from_name(target: str, servers: ServersFile) -> ServerConfig:
    if target in servers.servers:
        return servers.servers[target]
    if "://" in target:
        raise UsageError(
            f"{target!r} is not an http:// or https:// URL", hint="mcptui speaks HTTP(S) or stdio"
        )
    error = unknown_server_error(target, servers)
    if re.match(r"^(localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\])(:\d+)?(/|$)", target):
        error.hint = f"did you mean http://{target} ? " + error.hint
    raise error


def resolve_target(
    target: str | None,
    stdio_command: list[str] | None,
    servers: ServersFile,
    *,
    transport: str = "auto",
    headers: Sequence[str] = (),
    timeout: float | None = None,
    warnings: list[str] | None = None,
) -> ServerConfig:
    """The ServerConfig for a command-line target.

    ``stdio_command`` (what followed ``--``) wins; else an ``http(s)://`` URL; else a server
    name from ``servers`` (case-sensitive). ``transport`` overrides the kind (auto, http, sse,
    stdio); ``headers`` ("Name: value") are merged over the configured headers; empty
    credentials are dropped, with a line appended to ``warnings`` when it is given.
    """
    _check_transport(transport)
    if timeout is not None and (isinstance(timeout, bool) or timeout <= 0):
        raise UsageError(f"--timeout must be a positive number of seconds, not {timeout!r}")
    extra_headers = parse_headers(headers)

    if stdio_command is not None:
        if not stdio_command or not stdio_command[0].strip():
            raise UsageError("nothing follows --", hint="give the server command, e.g. -- python server.py")
        if transport not in ("auto", "stdio"):
            raise UsageError(f"--transport {transport} cannot be used with a command after --")
        if extra_headers:
            raise UsageError("--header only applies to HTTP servers, not to a command after --")
        command = stdio_command[0]
        cfg = ServerConfig(
            name=os.path.basename(command.rstrip("/\\")) or command,
            transport="stdio",
            command=command,
            args=list(stdio_command[1:]),
        )
    elif target is None or not target.strip():
        raise UsageError(
            "no server given",
            hint="give a server name, an http(s):// URL, or a command after --; list servers with `mcptui servers`",
        )
    elif re.match(r"(?i)^https?://", target):
        cfg = ServerConfig(name=_url_name(target), url=target)
    else:
        cfg = _from_name(target, servers)

    if transport != "auto":
        if cfg.is_stdio and transport != "stdio":
            raise UsageError(f"{cfg.name!r} is a stdio server; --transport {transport} does not apply")
        if not cfg.is_stdio and transport == "stdio":
            raise UsageError(
                f"--transport stdio needs a command, but {cfg.name!r} is a URL",
                hint="put the server command after --",
            )
        cfg = cfg.with_overrides(transport=transport)
    if extra_headers:
        if cfg.is_stdio:
            raise UsageError(f"--header only applies to HTTP servers; {cfg.name!r} is a stdio server")
        merged, dropped = drop_empty_headers(merge_headers(cfg.headers, extra_headers))
        if warnings is not None:
            warnings.extend(f"header {name} is empty, so it is not sent" for name in dropped)
        cfg = cfg.with_overrides(headers=merged)
    if timeout is not None:
        cfg = cfg.with_overrides(timeout=float(timeout))
    return cfg
