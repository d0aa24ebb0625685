"""``key=value`` command-line arguments → a tool's arguments object, typed by its input schema.

Syntax: ``key=value`` (coerced by the property's schema), ``key:=json`` (raw JSON), dotted keys
``a.b=1`` build nested objects, a repeated key appends to an array, and ``--args JSON`` gives
the base object that pairs override. Every mistake raises one :class:`UsageError` naming the key.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

from ..errors import UsageError
from .build import build_form
from .model import FormField
from .values import _json_or_text, coerce_value, parse_json

_SYNTAX_HINT = "write arguments as key=value, key:=<json>, or a.b=value for nested fields"


def coerce_cli_args(
    schema: dict[str, Any] | None, pairs: list[str], json_args: str | None = None
) -> dict[str, Any]:
    """Build the arguments dict from ``--args`` (base) and ``key=value`` pairs (overrides)."""
    root = build_form(schema if isinstance(schema, dict) else None)
    if root.kind != "object":  # not an object schema (invalid for a tool): accept any key
        root = FormField(path=(), name="", kind="object", required=True)
    arguments = _base_arguments(json_args)
    appended: set[tuple[str, ...]] = set()  # array keys set by pairs (a repeat appends)
    assigned: set[tuple[str, ...]] = set()
    for pair in pairs:
        key, text, raw_json = _split(pair)
        segments, leaf = _locate(root, key, partial(_accepts, key, text=text, raw_json=raw_json))
        value = _value_for(key, leaf, text, raw_json)
        target = _container(arguments, segments[:-1], key)
        name = segments[-1]
        is_array = leaf is not None and leaf.kind == "array"
        if is_array and segments in appended and isinstance(target.get(name), list):
            target[name].extend(value if isinstance(value, list) else [value])
            continue
        if segments in assigned:
            raise UsageError(
                f"{key}: given more than once",
                hint="only array arguments take repeated values; give it once",
            )
        target[name] = value
        assigned.add(segments)
        if is_array:
            appended.add(segments)
    return arguments


def _base_arguments(json_args: str | None) -> dict[str, Any]:
    if json_args is None:
        return {}
    try:
        base = json.loads(json_args)
    except ValueError as error:
        raise UsageError(
            f"--args: invalid JSON ({getattr(error, 'msg', error)})",
            hint="--args takes a JSON object, e.g. --args '{\"limit\": 5}'",
        ) from None
    if not isinstance(base, dict):
        raise UsageError("--args: expected a JSON object", hint="e.g. --args '{\"limit\": 5}'")
    return base


def _split(pair: str) -> tuple[str, str, bool]:
    key, sep, text = pair.partition("=")
    raw_json = key.endswith(":")
    if raw_json:
        key = key[:-1]
    if not sep or not key:
        raise UsageError(f"{pair!r}: expected key=value", hint=_SYNTAX_HINT)
    if any(part == "" for part in key.split(".")):
        raise UsageError(f"{key}: empty name in dotted key", hint=_SYNTAX_HINT)
    return key, text, raw_json


def _accepts(key: str, field: FormField, *, text: str, raw_json: bool) -> bool:
    try:
        _value_for(key, field, text, raw_json)
    except UsageError:
        return False
    return True


def _locate(
    root: FormField, key: str, accepts: Callable[[FormField], bool] = lambda _field: True
) -> tuple[tuple[str, ...], FormField | None]:
    """Split a dotted key into property names (longest declared name first) and find its field.

    In a union (oneOf/anyOf) the key walks into the alternative that declares the next name and,
    when several do (a discriminator such as ``kind``), whose field ``accepts`` the value."""
    parts = key.split(".")
    segments: list[str] = []
    node: FormField | None = root
    i = 0
    while i < len(parts):
        where = ".".join(parts[:i]) if i else ""
        if node is not None and node.kind == "union":
            node = _object_variant(node, parts[i:], accepts) or node
        if node is not None and node.kind not in ("object", "json"):
            raise UsageError(
                f"{key}: {where} is {_kind_words(node)}, not an object",
                hint=f"set {where} directly, or use {where}:=<json>",
            )
        match = None
        if node is not None and node.kind == "object":
            for j in range(len(parts), i, -1):
                match = node.child(".".join(parts[i:j]))
                if match is not None:
                    segments.append(".".join(parts[i:j]))
                    node, i = match, j
                    break
        if match is not None:
            continue
        if node is not None and node.kind == "object" and _closed(node):
            names = ", ".join(c.name for c in node.children)
            inside = f" in {where}" if where else ""
            extra = "" if not node.allows_extra else " (to send it anyway: --args '{...}')"
            raise UsageError(
                f"{'.'.join(parts[: i + 1])}: unknown argument{inside}",
                hint=(f"expected one of: {names}" if names else "it takes no arguments") + extra,
            )
        segments.append(parts[i])
        node, i = None, i + 1
    return tuple(segments), node


def _closed(node: FormField) -> bool:
    """Does a key not declared here count as a mistake? Where the schema forbids extra keys, and at
    the top of a tool's arguments that declare properties without saying extra ones are welcome
    (most servers omit ``additionalProperties``; ``bogus=1`` is then a typo, not a wish)."""
    if not node.allows_extra:
        return True
    schema = node.schema if isinstance(node.schema, dict) else {}
    declared_open = "additionalProperties" in schema or "patternProperties" in schema
    return node.path == () and bool(node.children) and not declared_open


def _object_variant(
    union: FormField, rest: list[str], accepts: Callable[[FormField], bool]
) -> FormField | None:
    """The union alternative a dotted key walks into: one declaring the next name (the first whose
    field takes the value, when the name is the key's last), else a free one."""
    objects = [v for v in union.variants if v.kind in ("object", "json")]
    declaring = [v for v in objects if any(v.child(".".join(rest[:j])) for j in range(len(rest), 0, -1))]
    leaf = ".".join(rest)
    for variant in declaring:
        child = variant.child(leaf)
        if child is not None and accepts(child):
            return variant
    if declaring:
        return declaring[0]
    return next((v for v in objects if v.kind == "json" or v.allows_extra), None)


def _kind_words(field: FormField) -> str:
    words = {"array": "an array", "integer": "an integer", "enum": "a choice", "union": "a union"}
    return words.get(field.kind, f"a {field.kind}")


def _value_for(key: str, field: FormField | None, text: str, raw_json: bool) -> Any:
    if raw_json:
        try:
            return parse_json(text)
        except ValueError as error:
            raise UsageError(f"{key}: {error}", hint=f"{key}:= takes JSON, e.g. {key}:='[1, 2]'") from None
    if field is None:
        return _json_or_text(text)
    if text == "" and field.kind not in ("string", "json"):
        if field.nullable:
            return None
        if not (field.kind == "enum" and "" in (field.enum or [])):
            raise UsageError(f"{key}: expected {_a(field.summary())}, got an empty value")
    try:
        return coerce_value(field, text)
    except ValueError as error:
        raise UsageError(f"{key}: {error}", hint=f"{key} is {_a(field.summary())}") from None


def _a(summary: str) -> str:
    """``integer`` → ``an integer``; ``one of a, b`` stays as is."""
    if summary.startswith(("one of", "JSON")) or summary[:1] in "0123456789":
        return summary
    return ("an " if summary[:1].lower() in "aeiou" else "a ") + summary


def _container(arguments: dict[str, Any], segments: tuple[str, ...], key: str) -> dict[str, Any]:
    node = arguments
    for depth, name in enumerate(segments):
        child = node.get(name)
        if child is None:
            child = node[name] = {}
        elif not isinstance(child, dict):
            where = ".".join(segments[: depth + 1])
            raise UsageError(f"{key}: {where} is already set to a non-object value")
        node = child
    return node
