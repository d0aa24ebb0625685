"""What a saved call expects of its result, and a small JSONPath to point into it.

Expectations (all optional; see :class:`Expectations`):

- ``not_error`` (default on): the call ended without an error, a cancel or ``isError: true``;
- ``jsonpath``: a list of ``{"path": ..., "equals": VALUE}`` or ``{"path": ..., "matches": REGEX}``
  checks on the result (``matches`` searches ``str(value)``, a string value as is);
- ``output_schema``: the ``structuredContent`` is valid against the tool's ``outputSchema``;
- ``under_ms``: the call took less than N milliseconds.

The JSONPath subset (no dependency): ``$`` the whole result, then any chain of ``.name``,
``['name']`` / ``["name"]`` (names with dots or spaces) and ``[N]`` (a list index, negative from
the end): ``$.content[0].text``, ``$.structuredContent.temperature``, ``$['a.b'][-1]``.
No wildcards, slices, filters or recursive descent: a path names one value or none.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from mcptui.core.errors import ConfigError

_STEP = re.compile(r"""\.([A-Za-z_$][\w$-]*)|\[(-?\d+)\]|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]""")
_MISSING = object()


class JsonPathError(ConfigError):
    """A path outside the supported subset."""


def parse_path(path: str) -> list[str | int]:
    """The steps of ``path`` (names and indexes); JsonPathError when it is not in the subset."""
    if not path.startswith("$"):
        raise JsonPathError(f"JSONPath {path!r} must start with '$'")
    steps: list[str | int] = []
    at = 1
    while at < len(path):
        match = _STEP.match(path, at)
        if match is None:
            raise JsonPathError(
                f"JSONPath {path!r}: cannot read {path[at:]!r}",
                hint="supported: $.name, $['name'], $[0] chained, like $.content[0].text",
            )
        name, index, single, double = match.groups()
        steps.append(
            int(index) if index is not None else next(s for s in (name, single, double) if s is not None)
        )
        at = match.end()
    return steps


def lookup(value: Any, path: str) -> Any:
    """The value at ``path`` in ``value``; raises KeyError when there is none."""
    for step in parse_path(path):
        if isinstance(step, int):
            if not (isinstance(value, list) and -len(value) <= step < len(value)):
                raise KeyError(path)
            value = value[step]
        elif isinstance(value, dict) and step in value:
            value = value[step]
        else:
            raise KeyError(path)
    return value


@dataclass(frozen=True)
class PathCheck:
    """One JSONPath check: the value at ``path`` equals ``equals`` or matches ``matches``."""

    path: str
    equals: Any = _MISSING
    matches: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path}
        if self.equals is not _MISSING:
            out["equals"] = self.equals
        if self.matches is not None:
            out["matches"] = self.matches
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str) -> PathCheck:
        if not isinstance(data, dict) or not isinstance(data.get("path"), str):
            raise ConfigError(f"{where}: a jsonpath check is {{'path': '$...', 'equals'|'matches': ...}}")
        matches = data.get("matches")
        if matches is not None and not isinstance(matches, str):
            raise ConfigError(f"{where}: 'matches' must be a regular expression (a string)")
        if "equals" not in data and matches is None:
            raise ConfigError(f"{where}: the check of {data['path']!r} needs 'equals' or 'matches'")
        parse_path(data["path"])
        if matches is not None:
            try:
                re.compile(matches)
            except re.error as exc:
                raise ConfigError(f"{where}: 'matches' is not a valid regular expression: {exc}") from None
        return cls(data["path"], data.get("equals", _MISSING), matches)

    def failure(self, result: Any) -> str | None:
        """Why ``result`` fails this check (None: it passes)."""
        try:
            value = lookup(result, self.path)
        except KeyError:
            return f"{self.path}: no value there"
        if self.equals is not _MISSING and value != self.equals:
            return f"{self.path}: expected {_short(self.equals)}, got {_short(value)}"
        if self.matches is not None:
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            if re.search(self.matches, text) is None:
                return f"{self.path}: {_short(value)} does not match /{self.matches}/"
        return None


def _short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Expectations:
    """What one saved call expects (see the module docstring)."""

    not_error: bool = True
    jsonpath: tuple[PathCheck, ...] = ()
    output_schema: bool = False
    under_ms: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"not_error": self.not_error}
        if self.jsonpath:
            out["jsonpath"] = [check.to_dict() for check in self.jsonpath]
        if self.output_schema:
            out["output_schema"] = True
        if self.under_ms is not None:
            out["under_ms"] = self.under_ms
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Expectations:
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: 'expect' must be an object")
        unknown = set(data) - {"not_error", "jsonpath", "output_schema", "under_ms"}
        if unknown:
            raise ConfigError(
                f"{where}: unknown expectation {sorted(unknown)[0]!r}",
                hint="expectations: not_error, jsonpath, output_schema, under_ms",
            )
        checks = data.get("jsonpath") or []
        if not isinstance(checks, list):
            raise ConfigError(f"{where}: 'jsonpath' must be a list of checks")
        under = data.get("under_ms")
        if under is not None and (
            isinstance(under, bool) or not isinstance(under, int | float) or under <= 0
        ):
            raise ConfigError(f"{where}: 'under_ms' must be a positive number of milliseconds")
        for key in ("not_error", "output_schema"):
            if key in data and not isinstance(data[key], bool):
                raise ConfigError(f"{where}: {key!r} must be true or false")
        return cls(
            not_error=data.get("not_error", True),
            jsonpath=tuple(PathCheck.from_dict(check, where) for check in checks),
            output_schema=data.get("output_schema", False),
            under_ms=under,
        )

    def failures(
        self,
        *,
        result: dict[str, Any] | None,
        error: str | None,
        elapsed_ms: float | None,
        output_schema: dict[str, Any] | None = None,
    ) -> list[str]:
        """Every expectation the call's outcome breaks, each as one reason (empty: it passes)."""
        if error is not None:  # nothing else can be checked without a result
            return [f"error: {error}"]
        reasons: list[str] = []
        payload = result or {}
        if self.not_error and payload.get("isError"):
            reasons.append(f"the tool returned isError: true ({_error_text(payload)})")
        reasons += [reason for check in self.jsonpath if (reason := check.failure(payload)) is not None]
        if self.output_schema:
            reasons += _schema_failures(payload, output_schema)
        if self.under_ms is not None and elapsed_ms is not None and elapsed_ms >= self.under_ms:
            reasons.append(f"took {elapsed_ms:.0f} ms, expected under {self.under_ms:g} ms")
        return reasons


def _error_text(result: dict[str, Any]) -> str:
    for block in result.get("content") or []:
        if isinstance(block, dict) and isinstance(block.get("text"), str):
            text: str = block["text"].strip()
            return (text if len(text) <= 80 else text[:79] + "…") or "no message"
    return "no message"


def _schema_failures(result: dict[str, Any], schema: dict[str, Any] | None) -> list[str]:
    if not schema:
        return ["output_schema: the tool declares no outputSchema"]
    if "structuredContent" not in result:
        return ["output_schema: the result has no structuredContent"]
    import jsonschema

    try:
        validator = jsonschema.validators.validator_for(schema)(schema)
        errors = sorted(validator.iter_errors(result["structuredContent"]), key=lambda e: list(e.path))
    except jsonschema.SchemaError as exc:
        return [f"output_schema: the tool's outputSchema is invalid ({exc.message})"]
    reasons = []
    for error in errors[:3]:
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.path)
        reasons.append(f"structuredContent {where}: {error.message}")
    return reasons
