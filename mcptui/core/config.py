"""The servers file: read, validate, edit and import ``mcpServers`` JSON.

Entry validation lives in :mod:`mcptui.core.config_entry`. The file uses the shape shared by Claude Desktop, Cursor and Claude Code
(``{"mcpServers": {name: entry}}``); VS Code's top-level ``"servers"`` key is read too.
Entries are validated into :class:`ServerConfig` objects with ``${VAR}``,
``${VAR:-default}`` and ``${env:VAR}`` expanded from the environment. Writes go back as the
raw entries (never expanded), atomically, keeping every key we do not know. A malformed
file raises one :class:`ConfigError` naming the file, line and column; nothing is written
after an error.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import local_files, locations
from .config_entry import (
    EntryError,
    drop_empty_headers,
    entry_to_server,
    expand_vars,
    is_empty_credential,
    parse_entry,
    server_to_entry,
)
from .errors import ConfigError, UsageError
from .private_files import FILE_MODE, private_dir
from .server_config import ServerConfig

__all__ = [
    "ImportReport",
    "ServersFile",
    "drop_empty_headers",
    "entry_to_server",
    "expand_vars",
    "import_servers",
    "is_empty_credential",
    "load_servers",
    "remove_server",
    "save_servers",
    "server_to_entry",
    "unknown_server_error",
    "upsert_server",
]

SERVER_KEYS = ("mcpServers", "servers")


@dataclass
class ServersFile:
    """A loaded servers file: validated servers in file order, warnings, and the raw JSON."""

    path: Path
    servers: dict[str, ServerConfig] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return list(self.servers)

    def entry(self, name: str) -> dict[str, Any] | None:
        """The raw (unexpanded) entry of ``name`` as written in the file."""
        for key in SERVER_KEYS:
            section = self.raw.get(key)
            entry = section.get(name) if isinstance(section, dict) else None
            if isinstance(entry, dict):
                return entry
        return None


@dataclass
class ImportReport:
    """What :func:`import_servers` did, by server name."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # "name: reason" for entries not imported


# --- locating problems in the text ---------------------------------------------------------


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _locate(text: str, keys: list[str]) -> tuple[int, int] | None:
    """Line and column of the last of ``keys`` found one after another as JSON object keys."""
    pos, found = 0, None
    for key in keys:
        match = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:").search(text, pos)
        if match is None:
            break
        found, pos = match.start(), match.end()
    return None if found is None else _line_col(text, found)


def _strip_jsonc(text: str) -> str:
    """Blank out // and /* */ comments and trailing commas (VS Code files), keeping offsets."""
    if "/" not in text and "," not in text:
        return text
    out, i, n, in_str = list(text), 0, len(text), False
    last_sig = -1  # index of the last significant (non-space) character outside comments
    while i < n:
        c = text[i]
        if in_str:
            if c == "\\":
                i += 2
                continue
            in_str = c != '"'
        elif c == '"':
            in_str = True
        elif text.startswith("//", i) or text.startswith("/*", i):
            if text[i + 1] == "/":
                end = text.find("\n", i)
                end = n if end == -1 else end
            else:
                end = text.find("*/", i + 2)
                end = n if end == -1 else end + 2
            for j in range(i, end):
                out[j] = out[j] if text[j] == "\n" else " "
            i = end
            continue
        elif c in "]}" and last_sig >= 0 and text[last_sig] == ",":
            out[last_sig] = " "
        if not c.isspace():
            last_sig = i
        i += 1
    return "".join(out)


def _read_json(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and parsed object ({} when missing or blank)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return "", {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the servers file: {exc}") from None
    if not text.strip():
        return text, {}
    if local_files.nesting_depth(text) > local_files.MAX_DEPTH:
        raise ConfigError(
            f"{path}: the servers file is nested more than {local_files.MAX_DEPTH} levels deep",
            hint="fix the file and try again; nothing was changed",
        )
    try:
        data = json.loads(_strip_jsonc(text))
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{path}, line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}",
            hint="fix the file and try again; nothing was changed",
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(f'{path}, line 1, column 1: the file must hold a JSON object with "mcpServers"')
    return text, data


def _sections(raw: dict[str, Any]) -> list[tuple[str, Any]]:
    found = [(k, raw[k]) for k in SERVER_KEYS if k in raw]
    mcp = raw.get("mcp")
    if isinstance(mcp, dict) and "servers" in mcp:  # VS Code settings.json
        found.append(("mcp.servers", mcp["servers"]))
    return found


def _parse(path: Path, text: str, raw: dict[str, Any], *, strict: bool) -> tuple[ServersFile, list[str]]:
    result = ServersFile(path=path, raw=raw)
    invalid: list[str] = []
    for key, section in _sections(raw):
        if not isinstance(section, dict):
            line, col = _locate(text, key.split(".")) or (1, 1)
            raise ConfigError(f"{path}, line {line}, column {col}: {key} must be an object")
        for name, entry in section.items():
            try:
                cfg, warnings = parse_entry(name, entry, key, None)
            except EntryError as exc:
                if strict:
                    line, col = _locate(text, [*key.split("."), *exc.where[1:]]) or (1, 1)
                    raise ConfigError(
                        f"{path}, line {line}, column {col}: {exc.problem}",
                        hint="fix the file and try again; nothing was changed",
                    ) from None
                invalid.append(f"{name}: {exc.problem}")
                continue
            if name in result.servers:
                result.warnings.append(f"server {name!r} is defined twice; using the first one")
                continue
            result.servers[name] = cfg
            result.warnings.extend(warnings)
    return result, invalid


def load_servers(path: Path | None = None) -> ServersFile:
    """Load and validate the servers file (default: :func:`locations.servers_file`).

    A missing or blank file gives an empty :class:`ServersFile`; a malformed one raises
    :class:`ConfigError` naming the file, line and column.
    """
    path = Path(path) if path is not None else locations.servers_file()
    text, raw = _read_json(path)
    return _parse(path, text, raw, strict=True)[0]


def save_servers(servers_file: ServersFile) -> None:
    """Write ``servers_file.raw`` back atomically (temp file + rename), 2-space indented.

    The raw JSON is the source of truth for writing: edit it (or use :func:`upsert_server`
    / :func:`remove_server`), not the expanded ``servers``.
    """
    path = servers_file.path
    if path.is_symlink():  # e.g. a dotfiles repo: write through the link, do not replace it
        path = path.resolve()
    private_dir(path.parent, own=path.parent == locations.config_dir())
    mode = FILE_MODE  # the file may hold headers with credentials: only its owner reads it
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(servers_file.raw, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _primary_section(raw: dict[str, Any], name: str | None = None) -> dict[str, Any]:
    """The section holding ``name``, else the one new entries go to (created if needed)."""
    sections = [section for key in SERVER_KEYS if isinstance(section := raw.get(key), dict)]
    for section in sections:
        if name is not None and name in section:
            return section
    if sections:
        return sections[0]
    created: dict[str, Any] = raw.setdefault("mcpServers", {})
    return created


def upsert_server(path: Path | None, name: str, entry: dict[str, Any]) -> ServersFile:
    """Add or replace server ``name`` with the raw ``entry``; returns the reloaded file.

    The entry is validated first; on any error nothing is written.
    """
    path = Path(path) if path is not None else locations.servers_file()
    current = load_servers(path)
    entry_to_server(name, entry)
    _primary_section(current.raw, name)[name] = entry
    save_servers(current)
    return load_servers(path)


def remove_server(path: Path | None, name: str) -> ServersFile:
    """Remove server ``name``; raises UsageError (with close matches) when there is none."""
    path = Path(path) if path is not None else locations.servers_file()
    current = load_servers(path)
    for key in SERVER_KEYS:
        section = current.raw.get(key)
        if isinstance(section, dict) and name in section:
            del section[name]
            save_servers(current)
            return load_servers(path)
    raise unknown_server_error(name, current)


def unknown_server_error(name: str, servers: ServersFile) -> UsageError:
    """A UsageError for a server name that is not in the file, with close matches."""
    import difflib

    close = difflib.get_close_matches(name, servers.names, n=3, cutoff=0.6)
    folded = [n for n in servers.names if n.lower() == name.lower() and n not in close]
    close = folded + close
    hint = f"did you mean {', '.join(close)}? " if close else ""
    hint += "list servers with `mcptui servers`"
    return UsageError(f"no server named {name!r} in {servers.path}", hint=hint)


def import_servers(target_path: Path | None, source_path: Path, *, overwrite: bool = False) -> ImportReport:
    """Merge the servers of another client's file (Claude Desktop, Cursor, VS Code...) into ours.

    Name clashes are skipped unless ``overwrite``. Entries that do not validate are listed in
    ``invalid`` and not imported. A malformed target or source file raises ConfigError and
    nothing is written.
    """
    target_path = Path(target_path) if target_path is not None else locations.servers_file()
    source_path = Path(source_path)
    if not source_path.exists():
        raise ConfigError(
            f"{source_path}: no such file", hint="give the path of the client's MCP config file"
        )
    text, raw = _read_json(source_path)
    if not _sections(raw):
        raise ConfigError(f'{source_path}: no "mcpServers" or "servers" object in this file')
    source, invalid = _parse(source_path, text, raw, strict=False)
    target = load_servers(target_path)
    report = ImportReport(invalid=invalid)
    for name in source.servers:
        entry = source.entry(name)
        if entry is None:  # a VS Code settings.json "mcp.servers" entry
            entry = raw["mcp"]["servers"][name]
        if name in target.servers:
            if not overwrite:
                report.skipped.append(name)
                continue
            report.replaced.append(name)
        else:
            report.added.append(name)
        _primary_section(target.raw, name)[name] = entry
    if report.added or report.replaced:
        save_servers(target)
    return report
