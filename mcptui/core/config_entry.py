"""One server entry: validation into a ServerConfig, ``${VAR}`` expansion, and back.

An entry is one value of the ``mcpServers`` object (Claude Desktop / Cursor / VS Code shape
plus mcptui's own options: timeout, connectTimeout, protocol, auth). :mod:`mcptui.core.config`
handles the file around the entries; :mod:`mcptui.core.targets` reuses the header rules.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from .errors import ConfigError
from .roots import RootError, resolve_root
from .server_config import DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, AuthSettings, ServerConfig

TRANSPORT_TYPES = {
    "stdio": "stdio",
    "http": "http",
    "streamable-http": "http",
    "streamablehttp": "http",
    "streamable_http": "http",
    "sse": "sse",
    "auto": "auto",
}
PROTOCOLS = ("auto", "legacy", "2026-07-28")
AUTH_METHODS = ("auto", "bearer", "basic", "oauth-client", "none")
AUTH_GRANTS = ("authorization-code", "client-credentials", "device", "enterprise")
AUTH_STRING_FIELDS = {
    "clientId": "client_id",
    "clientSecret": "client_secret",
    "clientMetadataUrl": "client_metadata_url",
    "scope": "scope",
    "token": "token",
    "username": "username",
    "password": "password",
}

_VAR_RE = re.compile(r"\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_INPUT_RE = re.compile(r"\$\{input:[^}]*\}")
_EMPTY_CREDENTIAL_RE = re.compile(r"^\s*(?:(?:bearer|basic|token|bot|digest|apikey|api-key)\s*)?$", re.I)


# --- expansion ---------------------------------------------------------------------------


def expand_vars(value: str, environ: dict[str, str] | None = None, missing: list[str] | None = None) -> str:
    """Expand ``${VAR}``, ``${VAR:-default}`` and ``${env:VAR}``; an unset VAR becomes "".

    Names of unset variables (without a default) are appended to ``missing``.
    """
    if "${" not in value:
        return value
    env = os.environ if environ is None else environ

    def sub(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        got = env.get(name, "")
        if got:
            return got
        if default is not None:
            return default
        if missing is not None and name not in env:
            missing.append(name)
        return got

    return _VAR_RE.sub(sub, value)


def is_empty_credential(value: str) -> bool:
    """True for "", whitespace, or a bare scheme such as ``Bearer `` / ``Basic`` / ``Token``."""
    return bool(_EMPTY_CREDENTIAL_RE.match(value))


def drop_empty_headers(headers: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Remove headers whose value is an empty credential; returns (kept, dropped names)."""
    kept = {k: v for k, v in headers.items() if not is_empty_credential(v)}
    return kept, [k for k in headers if k not in kept]


# --- parsing -------------------------------------------------------------------------------


class EntryError(Exception):
    """A malformed entry; ``where`` is the key path to the problem (for locating it)."""

    def __init__(self, where: list[str], problem: str) -> None:
        super().__init__(problem)
        self.where, self.problem = where, problem


def _check_str(entry: dict[str, Any], key: str, where: list[str]) -> str | None:
    value = entry.get(key)
    if value is not None and not isinstance(value, str):
        raise EntryError([*where, key], f"{'.'.join([*where, key])} must be a string")
    return value


def _check_str_map(entry: dict[str, Any], key: str, where: list[str]) -> dict[str, str]:
    value = entry.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise EntryError([*where, key], f"{'.'.join([*where, key])} must be an object of strings")
    return value


def _check_number(entry: dict[str, Any], key: str, where: list[str], default: float) -> float:
    value = entry.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise EntryError([*where, key], f"{'.'.join([*where, key])} must be a positive number of seconds")
    return float(value)


def _parse_auth(value: Any, where: list[str], expand: Callable[[str, str], str]) -> AuthSettings:
    where = [*where, "auth"]
    if value is None:
        return AuthSettings()
    if isinstance(value, str):
        value = {"method": value}
    if not isinstance(value, dict):
        raise EntryError(where, f"{'.'.join(where)} must be an object")
    method: Any = value.get("method")  # one of AUTH_METHODS, checked below
    if method is None:
        method = "bearer" if value.get("token") else "basic" if value.get("username") else "auto"
    if method not in AUTH_METHODS:
        raise EntryError(
            [*where, "method"], f"{'.'.join(where)}.method must be one of {', '.join(AUTH_METHODS)}"
        )
    grant = value.get("grant", "authorization-code")
    if grant not in AUTH_GRANTS:
        raise EntryError(
            [*where, "grant"], f"{'.'.join(where)}.grant must be one of {', '.join(AUTH_GRANTS)}"
        )
    port = value.get("callbackPort")
    if port is not None and (isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535):
        raise EntryError([*where, "callbackPort"], f"{'.'.join(where)}.callbackPort must be a port number")
    fields: dict[str, Any] = {}
    for json_key, attr in AUTH_STRING_FIELDS.items():
        raw = _check_str(value, json_key, where)
        fields[attr] = (expand(raw, f"auth.{json_key}") or None) if raw is not None else None
    known = {"method", "grant", "callbackPort", *AUTH_STRING_FIELDS}
    extra = {k: v for k, v in value.items() if k not in known}
    return AuthSettings(method=method, grant=grant, callback_port=port, extra=extra, **fields)


def entry_to_server(
    name: str, entry: Any, *, section: str = "mcpServers", environ: dict[str, str] | None = None
) -> tuple[ServerConfig, list[str]]:
    """Validate one raw entry into a ServerConfig; returns it with its warnings.

    Raises :class:`ConfigError` (without a line number) when the entry is malformed.
    """
    try:
        return parse_entry(name, entry, section, environ)
    except EntryError as exc:
        raise ConfigError(exc.problem, hint="see the mcpServers format in the README") from None


def parse_entry(
    name: str, entry: Any, section: str, environ: dict[str, str] | None
) -> tuple[ServerConfig, list[str]]:
    """Like :func:`entry_to_server`, but raises :class:`EntryError` (with the key path) on a bad entry."""
    where = [section, name]
    label = ".".join(where)
    if not name.strip():
        raise EntryError(where, f"{section} has a server with an empty name")
    if not isinstance(entry, dict):
        raise EntryError(where, f"{label} must be an object")
    warnings: list[str] = []

    def expand(value: str, what: str) -> str:
        missing: list[str] = []
        if _INPUT_RE.search(value):
            warnings.append(f"server {name!r}: {what} uses ${{input:...}}, which mcptui cannot prompt for")
            value = _INPUT_RE.sub("", value)
        out = expand_vars(value, environ, missing)
        for var in missing:
            warnings.append(f"server {name!r}: {what} uses ${{{var}}}, which is not set")
        return out

    kind = entry.get("type", entry.get("transport"))
    if kind is not None and (not isinstance(kind, str) or kind.lower() not in TRANSPORT_TYPES):
        raise EntryError([*where, "type"], f"{label}.type must be one of stdio, http, streamable-http, sse")
    url = _check_str(entry, "url", where)
    if url is None:
        url = _check_str(entry, "serverUrl", where)  # Windsurf's spelling
    command = _check_str(entry, "command", where)
    args = entry.get("args", [])
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        raise EntryError([*where, "args"], f"{label}.args must be a list of strings")
    transport = TRANSPORT_TYPES[kind.lower()] if kind else None
    if transport is None:
        if url and command:
            raise EntryError(where, f'{label} has both "url" and "command": set "type" to say which')
        transport = "stdio" if command else "auto"
    if transport == "stdio" and not command:
        raise EntryError(where, f'{label} needs a "command" (it is a stdio server)')
    if transport != "stdio" and not url:
        needs = f'a "url" for type {kind}' if kind else 'a "url" or a "command"'
        raise EntryError(where, f"{label} needs {needs}")
    if url and "${" not in url and not re.match(r"(?i)https?://", url):
        raise EntryError([*where, "url"], f"{label}.url must be an http:// or https:// URL")
    protocol = entry.get("protocol", "auto")
    if protocol not in PROTOCOLS:
        raise EntryError([*where, "protocol"], f"{label}.protocol must be one of {', '.join(PROTOCOLS)}")
    env = _check_str_map(entry, "env", where)
    headers = _check_str_map(entry, "headers", where)
    cwd = _check_str(entry, "cwd", where)
    timeout = _check_number(entry, "timeout", where, DEFAULT_TIMEOUT)
    connect_timeout = _check_number(entry, "connectTimeout", where, DEFAULT_CONNECT_TIMEOUT)
    auth = _parse_auth(entry.get("auth"), where, expand)
    roots = _parse_roots(entry.get("roots"), where, lambda v: expand(v, "roots"), warnings, name)
    cautious = entry.get("cautious", False)
    if not isinstance(cautious, bool):
        raise EntryError([*where, "cautious"], f"{label}.cautious must be true or false")
    client_tasks = entry.get("clientTasks", True)
    if not isinstance(client_tasks, bool):
        raise EntryError([*where, "clientTasks"], f"{label}.clientTasks must be true or false")

    expanded_headers = {k: expand(v, f"header {k}") for k, v in headers.items()}
    kept, dropped = drop_empty_headers(expanded_headers)
    for header in dropped:
        warnings.append(f"server {name!r}: header {header} is empty after expansion, so it is not sent")
    if transport != "stdio":
        url = expand(url or "", "url")
        if not re.match(r"(?i)https?://", url):
            warnings.append(f"server {name!r}: url is not an http(s) URL after expansion")
    elif command is not None:
        command = expand(command, "command")
        if not command.strip():
            warnings.append(f"server {name!r}: command is empty after expansion")
    cfg = ServerConfig(
        name=name,
        transport=transport,  # type: ignore[arg-type]
        url=url if transport != "stdio" else None,
        command=command if transport == "stdio" else None,
        args=[expand(a, "args") for a in args],
        env={k: expand(v, f"env {k}") for k, v in env.items()},
        cwd=expand(cwd, "cwd") if cwd else None,
        headers=kept,
        timeout=timeout,
        connect_timeout=connect_timeout,
        protocol=protocol,
        auth=auth,
        from_config=True,
        roots=roots,
        cautious=cautious,
        client_tasks=client_tasks,
    )
    return cfg, warnings


def _parse_roots(
    value: Any, where: list[str], expand: Callable[[str], str], warnings: list[str], name: str
) -> list[str]:
    """The ``roots`` list: folders, ``~`` and ``${VAR}`` expanded; a missing folder is warned and dropped."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EntryError([*where, "roots"], f"{'.'.join([*where, 'roots'])} must be a list of folder paths")
    roots: list[str] = []
    for raw in value:
        try:
            path = resolve_root(raw, expand)
        except RootError as error:
            warnings.append(f"server {name!r}: {error}, so it is not offered")
            continue
        if path not in roots:
            roots.append(path)
    return roots


def server_to_entry(cfg: ServerConfig) -> dict[str, Any]:
    """A raw entry for ``cfg`` (for servers built on the command line and then saved)."""
    entry: dict[str, Any] = {}
    if cfg.is_stdio:
        entry.update(type="stdio", command=cfg.command, args=list(cfg.args))
        if cfg.env:
            entry["env"] = dict(cfg.env)
        if cfg.cwd:
            entry["cwd"] = cfg.cwd
    else:
        if cfg.transport != "auto":
            entry["type"] = cfg.transport
        entry["url"] = cfg.url
        if cfg.headers:
            entry["headers"] = dict(cfg.headers)
    if cfg.timeout != DEFAULT_TIMEOUT:
        entry["timeout"] = cfg.timeout
    if cfg.connect_timeout != DEFAULT_CONNECT_TIMEOUT:
        entry["connectTimeout"] = cfg.connect_timeout
    if cfg.protocol != "auto":
        entry["protocol"] = cfg.protocol
    auth = _auth_to_entry(cfg.auth)
    if auth:
        entry["auth"] = auth
    if cfg.roots:
        entry["roots"] = list(cfg.roots)
    if cfg.cautious:
        entry["cautious"] = True
    if not cfg.client_tasks:
        entry["clientTasks"] = False
    return entry


def _auth_to_entry(auth: AuthSettings) -> dict[str, Any]:
    out: dict[str, Any] = {} if auth.method == "auto" else {"method": auth.method}
    for json_key, attr in AUTH_STRING_FIELDS.items():
        if getattr(auth, attr):
            out[json_key] = getattr(auth, attr)
    if auth.callback_port is not None:
        out["callbackPort"] = auth.callback_port
    if auth.grant != "authorization-code":
        out["grant"] = auth.grant
    return {**out, **auth.extra}
