"""Read mcptui's own local files (caches, history, settings, tokens) defensively.

A local file may be truncated, hand-edited or written by another version: :func:`read_json`
parses one with a size and nesting-depth limit (checked by a linear scan before ``json``
recurses, so a file nested 100k levels deep is refused, not a RecursionError) and raises a
:class:`LocalFileError` saying why. :func:`set_aside` moves a bad file out of the way (to
``NAME.corrupt-TIMESTAMP``) and returns the one line to tell the user. The ``shape`` helpers
check a parsed value against the types a loader expects.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 200


class LocalFileError(ValueError):
    """A local file that cannot be used; ``why`` is a short phrase ("not valid JSON")."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def nesting_depth(text: str | bytes, limit: int = MAX_DEPTH) -> int:
    """The deepest ``[``/``{`` nesting of JSON ``text`` (strings skipped); stops past ``limit``."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def parse_json(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` with a depth limit; any problem is a LocalFileError."""
    if nesting_depth(text, max_depth) > max_depth:
        raise LocalFileError(f"nested more than {max_depth} levels deep")
    try:
        return json.loads(text)
    except UnicodeDecodeError:
        raise LocalFileError("not UTF-8 text") from None
    except (ValueError, RecursionError):
        raise LocalFileError("not valid JSON") from None


def read_text(path: Path, *, max_bytes: int = MAX_BYTES, encoding: str = "utf-8") -> str:
    """The file's text; FileNotFoundError passes through, other problems are LocalFileError."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise LocalFileError(f"unreadable ({exc.strerror})") from None
    if len(raw) > max_bytes:
        raise LocalFileError(f"larger than {max_bytes // (1024 * 1024)} MiB")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise LocalFileError("not UTF-8 text") from None


def read_json(path: Path, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """Parse the JSON file at ``path`` within the limits (FileNotFoundError passes through)."""
    return parse_json(read_text(path, max_bytes=max_bytes), max_depth=max_depth)


def set_aside(path: Path, what: str, why: str) -> str:
    """Move ``path`` to ``NAME.corrupt-TIMESTAMP``; the one line that tells the user."""
    stamp = int(time.time())
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 0
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(path, target)
    except OSError:
        return f"{what} {path} was {why} and could not be moved aside; ignoring it"
    return f"{what} {path} was {why}; moved it to {target.name} and ignoring it"


def is_list_of_dicts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def check_fields(data: Any, types: dict[str, type | tuple[type, ...]]) -> dict[str, Any]:
    """``data`` as a dict whose listed fields (when present) have the given types."""
    if not isinstance(data, dict):
        raise LocalFileError("not a JSON object")
    for name, expected in types.items():
        if name in data and data[name] is not None and not isinstance(data[name], expected):
            raise LocalFileError(f"of the wrong shape ({name!r} is not {_type_name(expected)})")
    return data


def _type_name(expected: type | tuple[type, ...]) -> str:
    kinds = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(k.__name__ for k in kinds)
