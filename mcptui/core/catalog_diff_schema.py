"""JSON Schema comparison for catalog diffs: what changed between two versions of one schema.

Used by :mod:`catalog_diff` for a tool's ``inputSchema`` (``side="input"``: what callers send)
and ``outputSchema`` (``side="output"``: what callers receive). The rules (breaking or not) are
written in :mod:`catalog_diff`'s docstring; in short, an input schema may only accept more and
an output schema may only promise more. Local ``$ref``s (``#/...``) are followed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# (path, what, detail, breaking, before, after)
Emit = Callable[[str, str, str, bool, Any, Any], None]

NOTES = frozenset({"title", "description", "examples", "$comment", "deprecated", "readOnly", "writeOnly"})
HANDLED = frozenset(
    {"type", "enum", "const", "default", "properties", "required", "items", "additionalProperties", "$ref"}
)
HANDLED |= {"$defs", "definitions", "$schema", "$id"}
COMPOSITION = frozenset({"anyOf", "oneOf", "allOf", "not", "if", "then", "else"})
LOWER_BOUNDS = frozenset({"minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"})
UPPER_BOUNDS = frozenset({"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"})
ALL_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})
MAX_DEPTH = 16


def _resolve(schema: Any, root: Any, depth: int = 0) -> Any:
    """``schema`` with a local ``$ref`` followed (a few hops at most; cycles stop)."""
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and depth < 8:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            return schema
        target: Any = root
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            target = target.get(part) if isinstance(target, dict) else None
        if not isinstance(target, dict):
            return schema
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        depth += 1
    return schema


def _definitions(root: Any) -> Any:
    return (root.get("$defs"), root.get("definitions")) if isinstance(root, dict) else None


def _types(schema: dict[str, Any]) -> frozenset[str]:
    """The JSON types a schema accepts (integer counted inside number); all when unsaid."""
    declared = schema.get("type")
    if declared is None:
        return ALL_TYPES
    names = {declared} if isinstance(declared, str) else {str(t) for t in declared if isinstance(t, str)}
    if "number" in names:
        names.add("integer")
    return frozenset(names)


def _type_label(schema: dict[str, Any]) -> str:
    declared = schema.get("type")
    if declared is None:
        return "any"
    return declared if isinstance(declared, str) else "|".join(str(t) for t in declared)


def _join(path: str, part: str) -> str:
    return f"{path}.{part}" if path else part


def compare_schemas(old: Any, new: Any, side: str, emit: Emit, path: str = "") -> None:
    """Report through ``emit`` every difference between schemas ``old`` and ``new``."""
    _compare(old, new, side, emit, path, old, new, 0)


def _compare(
    old: Any, new: Any, side: str, emit: Emit, path: str, old_root: Any, new_root: Any, depth: int
) -> None:
    if depth > MAX_DEPTH or (old == new and _definitions(old_root) == _definitions(new_root)):
        return  # (equal text with changed $defs may still mean a changed schema: follow it)
    old, new = _resolve(old, old_root), _resolve(new, new_root)
    if old == new and "$ref" not in str(old):
        return
    if not isinstance(old, dict) or not isinstance(new, dict):
        emit(path, "changed", "schema changed (not an object schema)", True, old, new)
        return
    inward = side == "input"
    _compare_types(old, new, inward, emit, path)
    _compare_enum(old, new, inward, emit, path)
    if old.get("const") != new.get("const"):
        emit(_join(path, "const"), "changed", "const changed", True, old.get("const"), new.get("const"))
    if old.get("default") != new.get("default"):
        emit(
            _join(path, "default"),
            "changed",
            "default changed",
            False,
            old.get("default"),
            new.get("default"),
        )
    _compare_properties(old, new, side, emit, path, old_root, new_root, depth)
    _compare_required(old, new, inward, emit, path)
    if "items" in old or "items" in new:
        _compare(
            old.get("items", {}), new.get("items", {}), side, emit, path + "[]", old_root, new_root, depth + 1
        )
    _compare_additional(old, new, inward, emit, path)
    for key in sorted(set(old) | set(new)):
        if key in HANDLED or old.get(key) == new.get(key):
            continue
        where = _join(path, key)
        before, after = old.get(key), new.get(key)
        if key in NOTES:
            emit(where, "changed", f"{key} changed", False, before, after)
        elif key in COMPOSITION:
            emit(where, "changed", f"{key} changed (not analysed: assumed breaking)", True, before, after)
        elif key in LOWER_BOUNDS or key in UPPER_BOUNDS:
            tighter = _tighter(key, before, after)
            word = "tightened" if tighter else "loosened"
            emit(where, "changed", f"{key} {word}", tighter == inward, before, after)
        else:
            emit(where, "changed", f"{key} changed", inward and key in ("pattern", "format"), before, after)


def _tighter(key: str, before: Any, after: Any) -> bool:
    """True when going from ``before`` to ``after`` for bound ``key`` accepts fewer values."""
    if after is None:
        return False
    if before is None:
        return True
    try:
        return bool(after > before) if key in LOWER_BOUNDS else bool(after < before)
    except TypeError:
        return True


def _compare_types(old: dict[str, Any], new: dict[str, Any], inward: bool, emit: Emit, path: str) -> None:
    before, after = _types(old), _types(new)
    if before == after:
        return
    where = _join(path, "type")
    labels = (_type_label(old), _type_label(new))
    if after < before:
        emit(where, "narrowed", f"type narrowed {labels[0]} → {labels[1]}", inward, *labels)
    elif after > before:
        emit(where, "widened", f"type widened {labels[0]} → {labels[1]}", not inward, *labels)
    else:
        emit(where, "changed", f"type changed {labels[0]} → {labels[1]}", True, *labels)


def _compare_enum(old: dict[str, Any], new: dict[str, Any], inward: bool, emit: Emit, path: str) -> None:
    before, after = old.get("enum"), new.get("enum")
    if before == after:
        return
    where = _join(path, "enum")
    if not isinstance(before, list):
        emit(where, "narrowed", "enum added (only these values now)", inward, None, after)
        return
    if not isinstance(after, list):
        emit(where, "widened", "enum dropped (any value now)", not inward, before, None)
        return
    removed = [v for v in before if v not in after]
    added = [v for v in after if v not in before]
    if removed:
        emit(
            where, "removed", "enum value(s) removed: " + ", ".join(map(repr, removed)), inward, removed, None
        )
    if added:
        emit(where, "added", "enum value(s) added: " + ", ".join(map(repr, added)), not inward, None, added)


def _compare_properties(
    old: dict[str, Any],
    new: dict[str, Any],
    side: str,
    emit: Emit,
    path: str,
    old_root: Any,
    new_root: Any,
    depth: int,
) -> None:
    before = old.get("properties") if isinstance(old.get("properties"), dict) else {}
    after = new.get("properties") if isinstance(new.get("properties"), dict) else {}
    assert isinstance(before, dict) and isinstance(after, dict)
    for name in sorted(set(before) | set(after), key=str):
        where = _join(path, f"properties.{name}")
        if name not in after:
            emit(where, "removed", "property removed", True, before[name], None)
        elif name not in before:
            emit(where, "added", "property added", False, None, after[name])
        else:
            _compare(before[name], after[name], side, emit, where, old_root, new_root, depth + 1)


def _required(schema: dict[str, Any]) -> set[str]:
    value = schema.get("required")
    return {str(v) for v in value} if isinstance(value, list) else set()


def _compare_required(old: dict[str, Any], new: dict[str, Any], inward: bool, emit: Emit, path: str) -> None:
    before, after = _required(old), _required(new)
    for name in sorted(after - before):
        emit(_join(path, f"required.{name}"), "added", f"{name!r} now required", inward, None, name)
    for name in sorted(before - after):
        emit(
            _join(path, f"required.{name}"), "removed", f"{name!r} no longer required", not inward, name, None
        )


def _compare_additional(
    old: dict[str, Any], new: dict[str, Any], inward: bool, emit: Emit, path: str
) -> None:
    before, after = old.get("additionalProperties", True), new.get("additionalProperties", True)
    if before == after:
        return
    where = _join(path, "additionalProperties")
    if after is False:
        emit(where, "narrowed", "additional properties no longer allowed", inward, before, after)
    elif before is False and after is True:
        emit(where, "widened", "additional properties now allowed", not inward, before, after)
    else:
        emit(where, "changed", "additionalProperties changed", True, before, after)
