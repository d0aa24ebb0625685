"""Collections: named lists of saved calls with expectations, kept as readable JSON files.

One file per collection (``collections_dir()/<name>.json``, 0600 in a 0700 folder), written
with two-space indents, a fixed key order and sorted argument keys so that a change reads well
in a diff::

    {
      "mcptui_collection": 1,
      "name": "smoke",
      "target": "demo",
      "calls": [
        {
          "name": "echo",
          "kind": "tool",
          "item": "echo",
          "arguments": {"text": "hi", "token": "${MCPTUI_TOKEN}"},
          "expect": {"not_error": true, "jsonpath": [{"path": "$.content[0].text", "equals": "hi"}]}
        }
      ]
    }

``target`` (optional) is the server to run on when none is given. ``item`` is the tool or
prompt name, or the resource URI. Secrets are never written: the value of a secret argument
(:mod:`mcptui.core.secret_args`) is stored as ``${VAR}`` and expanded from the environment
when the call runs (:func:`expand_arguments`); a variable that is not set fails that call.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mcptui.core import local_files, locations
from mcptui.core.errors import ConfigError
from mcptui.core.expectations import Expectations
from mcptui.core.history import CallKind, CallRecord
from mcptui.core.private_files import private_dir, write_private
from mcptui.core.secret_args import SECRET_MARKER, secret_argument_names

FORMAT_VERSION = 1
KINDS: tuple[CallKind, ...] = ("tool", "prompt", "resource")
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,79}$")


def collections_dir() -> Path:
    """Where named collections live: the data folder's ``collections/``."""
    return locations.history_dir() / "collections"


def secret_variable(argument: str) -> str:
    """The environment variable that holds argument ``argument``'s secret: ``MCPTUI_<NAME>``."""
    return "MCPTUI_" + re.sub(r"[^A-Za-z0-9]+", "_", argument).strip("_").upper()


class MissingVariable(LookupError):
    """An argument names an environment variable that is not set."""

    def __init__(self, variable: str) -> None:
        super().__init__(variable)
        self.variable = variable

    def __str__(self) -> str:
        return f"environment variable {self.variable} is not set (export it before running)"


def expand_arguments(value: Any, env: Mapping[str, str] | None = None) -> Any:
    """``value`` with each ``${VAR}`` in its strings replaced from ``env``; MissingVariable if unset."""
    environ = os.environ if env is None else env
    if isinstance(value, str):

        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in environ:
                raise MissingVariable(name)
            return environ[name]

        return _VARIABLE.sub(one, value)
    if isinstance(value, list):
        return [expand_arguments(item, environ) for item in value]
    if isinstance(value, dict):
        return {key: expand_arguments(item, environ) for key, item in value.items()}
    return value


def hide_secrets(arguments: dict[str, Any], schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """``arguments`` with each secret value (by schema or name) replaced by its ``${VAR}``."""
    secret = secret_argument_names(schema, arguments) & set(arguments)
    secret |= {k for k, v in arguments.items() if v == SECRET_MARKER}
    out = {}
    for key, value in arguments.items():
        keep = isinstance(value, str) and _VARIABLE.fullmatch(value) is not None
        out[key] = "${" + secret_variable(key) + "}" if key in secret and not keep else value
    return out


@dataclass(frozen=True)
class SavedCall:
    """One call of a collection: what to send and what to expect."""

    name: str
    kind: CallKind
    item: str
    arguments: dict[str, Any] = field(default_factory=dict)
    expect: Expectations = field(default_factory=Expectations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "item": self.item,
            "arguments": hide_secrets(self.arguments),
            "expect": self.expect.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Any, where: str) -> SavedCall:
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: a call must be an object")
        for key in ("name", "item"):
            if not isinstance(data.get(key), str) or not data[key]:
                raise ConfigError(f"{where}: {key!r} must be a non-empty string")
        kind = data.get("kind", "tool")
        if kind not in KINDS:
            raise ConfigError(f"{where}: 'kind' must be tool, prompt or resource, not {kind!r}")
        arguments = data.get("arguments") or {}
        if not isinstance(arguments, dict):
            raise ConfigError(f"{where}: 'arguments' must be an object")
        where = f"{where} ({data['name']})"
        return cls(
            data["name"], kind, data["item"], arguments, Expectations.from_dict(data.get("expect"), where)
        )


@dataclass(frozen=True)
class Collection:
    """A named list of saved calls, with the server they run on by default."""

    name: str
    calls: tuple[SavedCall, ...] = ()
    target: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"mcptui_collection": FORMAT_VERSION, "name": self.name}
        if self.target:
            out["target"] = self.target
        out["calls"] = [call.to_dict() for call in self.calls]
        return out

    def dumps(self) -> str:
        """The file's text: indented, keys in a fixed order (argument keys sorted), one trailing newline."""
        data = self.to_dict()
        for call in data["calls"]:
            call["arguments"] = dict(sorted(call["arguments"].items()))
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def loads(cls, text: str, where: str = "collection") -> Collection:
        try:
            data = local_files.parse_json(text)
        except ValueError as exc:
            raise ConfigError(f"{where}: not valid JSON ({exc})") from None
        if not isinstance(data, dict) or "calls" not in data:
            raise ConfigError(f"{where}: not a collection (an object with 'name' and 'calls')")
        version = data.get("mcptui_collection", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            raise ConfigError(
                f"{where}: collection format {version!r} is not supported (this mcptui reads 1)"
            )
        name, target, calls = data.get("name") or Path(where).stem, data.get("target"), data["calls"]
        if not isinstance(name, str) or (target is not None and not isinstance(target, str)):
            raise ConfigError(f"{where}: 'name' and 'target' must be strings")
        if not isinstance(calls, list):
            raise ConfigError(f"{where}: 'calls' must be a list")
        saved = tuple(SavedCall.from_dict(call, f"{where}: call {i + 1}") for i, call in enumerate(calls))
        names = [call.name for call in saved]
        twice = next((n for n in names if names.count(n) > 1), None)
        if twice is not None:
            raise ConfigError(f"{where}: two calls are named {twice!r}", hint="each call needs its own name")
        return cls(name, saved, target)

    def with_call(self, call: SavedCall) -> Collection:
        """This collection with ``call`` appended (its name made unique: ``echo``, ``echo 2``...)."""
        taken = {c.name for c in self.calls}
        name, n = call.name, 1
        while name in taken:
            n += 1
            name = f"{call.name} {n}"
        return replace(self, calls=(*self.calls, replace(call, name=name)))


def check_name(name: str) -> str:
    """``name`` if it can name a collection file (letters, digits, ``._ -``), else ConfigError."""
    if not _NAME.match(name) or name.strip() != name:
        raise ConfigError(
            f"{name!r} cannot name a collection", hint="use letters, digits, '.', '_', '-' and spaces"
        )
    return name


def collection_path(name: str, directory: Path | None = None) -> Path:
    return (directory or collections_dir()) / f"{check_name(name)}.json"


def load_file(path: Path) -> Collection:
    """The collection in ``path``; ConfigError when it cannot be read or is malformed."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read collection {path}: {getattr(exc, 'strerror', None) or exc}") from None
    return Collection.loads(text, str(path))


def save_file(collection: Collection, path: Path) -> Path:
    """Write ``collection`` to ``path`` (0600; its folder 0700 when created)."""
    private_dir(path.parent, own=path.parent == collections_dir())
    tmp = path.with_name(path.name + ".tmp")
    write_private(tmp, collection.dumps())
    os.replace(tmp, path)
    return path


def find(name_or_path: str, directory: Path | None = None) -> Path:
    """A collection file: ``name_or_path`` as a path when it exists, else a named collection."""
    path = Path(name_or_path).expanduser()
    if path.is_file():
        return path
    if _NAME.match(name_or_path):
        named = collection_path(name_or_path, directory)
        if named.is_file():
            return named
    raise ConfigError(
        f"no collection file or named collection {name_or_path!r}",
        hint="`mcptui collection list` shows the named ones",
    )


def list_collections(directory: Path | None = None) -> list[tuple[Path, Collection | str]]:
    """Every named collection: (path, the collection or why it cannot be read), by name."""
    folder = directory or collections_dir()
    out: list[tuple[Path, Collection | str]] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            out.append((path, load_file(path)))
        except ConfigError as error:
            out.append((path, error.message))
    return out


def call_from_record(
    record: CallRecord, schema: dict[str, Any] | None = None, name: str | None = None
) -> SavedCall:
    """A saved call made from a history record (secret arguments become ``${VAR}``)."""
    return SavedCall(
        name=name or record.name,
        kind=record.kind,
        item=record.name,
        arguments=hide_secrets(dict(record.arguments), schema),
    )


def save_call(
    collection: str,
    record: CallRecord,
    *,
    schema: dict[str, Any] | None = None,
    call_name: str | None = None,
    target: str | None = None,
    directory: Path | None = None,
) -> tuple[Path, SavedCall]:
    """Append ``record`` to the named collection (created when new); its path and the saved call.

    ``schema`` is the tool's input schema (it marks password / writeOnly fields); ``target``
    becomes the collection's default server when it has none yet.
    """
    path = collection_path(collection, directory)
    current = load_file(path) if path.exists() else Collection(collection)
    if current.target is None and target:
        current = replace(current, target=target)
    updated = current.with_call(call_from_record(record, schema, call_name))
    save_file(updated, path)
    return path, updated.calls[-1]
