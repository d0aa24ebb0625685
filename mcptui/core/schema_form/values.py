"""Values for a form: starting values, text → typed value, and pruning before sending.

``coerce_value`` is the one place text typed by a person (a TUI input box, a CLI ``key=value``)
becomes a typed JSON value; it raises ``ValueError`` with a short message such as
``expected an integer, got 'abc'`` that callers prefix with the field's name.
"""

from __future__ import annotations

import copy
import json
import math
from typing import Any

from .model import FormField, show

TRUE_WORDS = frozenset({"true", "yes", "y", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "n", "off", "0"})


def initial_value(field: FormField) -> Any:
    """The value a fresh form starts with.

    The schema default when there is one (objects: their default, with missing properties
    filled from the properties' own defaults); an object without a default is a dict holding
    every property's initial value; an array without a default is ``[]``; a required
    single-value enum (a ``const``) is that value; anything else without a default is ``None``.
    """
    if field.kind == "object":
        if field.has_default and not isinstance(field.default, dict):
            return copy.deepcopy(field.default)
        value = copy.deepcopy(field.default) if field.has_default else {}
        for child in field.children:
            if child.name not in value:
                value[child.name] = initial_value(child)
        return value
    if field.has_default:
        return copy.deepcopy(field.default)
    if field.kind == "array":
        return []
    if field.kind == "enum" and field.required and field.enum and len(field.enum) == 1:
        return field.enum[0]
    return None


def prune_empty(value: Any, field: FormField) -> Any:
    """Drop properties left empty before sending.

    Inside objects, a property whose value is ``None``, ``""``, ``[]`` or ``{}`` (after pruning
    its own contents) is dropped when optional. A required property is kept unless it is
    ``None`` and not nullable (so validation reports it as missing instead of mistyped).
    Array items are pruned inside but never removed. Unknown keys are dropped only when ``None``.
    """
    if field.kind == "object" and isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            child = field.child(key)
            if child is None:
                if item is not None:
                    out[key] = item
                continue
            item = prune_empty(item, child)
            if not _drop(item, child):
                out[key] = item
        return out
    if field.kind == "array" and isinstance(value, list) and field.item is not None:
        return [prune_empty(v, field.item) for v in value]
    return value


def _drop(value: Any, field: FormField) -> bool:
    if value is None:
        return not (field.required and field.nullable)
    empty = (isinstance(value, str) and value == "") or (isinstance(value, list | dict) and not value)
    return empty and not field.required


def coerce_value(field: FormField, text: str) -> Any:
    """Text from an input box → a typed value for ``field``; raises ``ValueError`` (human message).

    Empty text means "not set" (``None``) for every kind but ``string`` (and an enum that lists
    ``""``). ``null`` is accepted for nullable non-string fields.
    """
    kind = field.kind
    if kind == "string":
        return text
    if text == "" and not (kind == "enum" and "" in (field.enum or [])):
        return None
    if field.nullable and text.strip() == "null" and kind != "enum":
        return None
    if kind == "integer":
        return parse_integer(text)
    if kind == "number":
        return parse_number(text)
    if kind == "boolean":
        return parse_boolean(text)
    if kind == "null":
        if text.strip() == "null":
            return None
        raise ValueError(f"expected null, got {text!r}")
    if kind == "enum":
        return _coerce_enum(field, text)
    if kind == "object":
        value = parse_json(text, "a JSON object")
        if not isinstance(value, dict):
            raise ValueError(f"expected a JSON object, got {text!r}")
        return value
    if kind == "array":
        if text.lstrip().startswith("["):
            return parse_json(text, "a JSON array")
        return [coerce_value(field.item, text) if field.item else _json_or_text(text)]
    if kind == "union":
        return _coerce_union(field, text)
    return _coerce_json(field, text)


def _parse_numeric(text: str) -> int | float:
    """An exact int when the text is one, else a float (NaN when it is not a number at all)."""
    s = text.strip()
    try:
        return int(s, 10)
    except ValueError:
        pass
    try:
        return float(s)
    except ValueError:
        return math.nan


def parse_integer(text: str) -> int:
    number = _parse_numeric(text)
    if isinstance(number, int):
        return number
    if number.is_integer() and abs(number) < 2**63:
        return int(number)
    raise ValueError(f"expected an integer, got {text!r}")


def parse_number(text: str) -> int | float:
    number = _parse_numeric(text)
    if isinstance(number, int) or math.isfinite(number):
        return number
    raise ValueError(f"expected a number, got {text!r}")


def parse_boolean(text: str) -> bool:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"expected true or false, got {text!r}")


def parse_json(text: str, what: str = "JSON") -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        reason = getattr(error, "msg", str(error))
        pos = getattr(error, "pos", None)
        where = f" at character {pos + 1}" if isinstance(pos, int) else ""
        raise ValueError(f"expected {what}, got invalid JSON ({reason}{where})") from None


def _coerce_enum(field: FormField, text: str) -> Any:
    values = field.enum or []
    labels = field.enum_labels or []
    stripped = text.strip()
    for value in values:
        if isinstance(value, str) and value == text:
            return value
    for value in values:
        if not isinstance(value, str) and show(value) == stripped:
            return value
    for label, value in zip(labels, values, strict=False):
        if label == stripped:
            return value
    folded = [v for v in values if show(v).lower() == stripped.lower()]
    folded += [v for lab, v in zip(labels, values, strict=False) if lab.lower() == stripped.lower()]
    if len({show(v) for v in folded}) == 1:
        return folded[0]
    if field.nullable and stripped == "null":
        return None
    raise ValueError(f"expected one of: {', '.join(show(v) for v in values)}; got {text!r}")


_UNION_ORDER = {"null": 0, "boolean": 1, "integer": 2, "number": 3, "enum": 4, "object": 5, "array": 5}


def _coerce_union(field: FormField, text: str) -> Any:
    variants = sorted(field.variants, key=lambda v: _UNION_ORDER.get(v.kind, 6 if v.kind != "string" else 7))
    looks_json = text.lstrip()[:1] in ("[", "{")
    for variant in variants:
        if variant.kind in ("object", "array") and not looks_json:
            continue
        try:
            return coerce_value(variant, text)
        except ValueError:
            continue
    expected = " or ".join(dict.fromkeys(v.title or v.kind for v in field.variants))
    raise ValueError(f"expected {expected}, got {text!r}")


def _declared_types(schema: dict[str, Any]) -> set[str]:
    t = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(t, str):
        return {t}
    if isinstance(t, list):
        return {x for x in t if isinstance(x, str)}
    return set()


def _coerce_json(field: FormField, text: str) -> Any:
    declared = _declared_types(field.schema)
    if declared and "string" not in declared:
        return parse_json(text)
    return _json_or_text(text)


def _json_or_text(text: str) -> Any:
    """JSON when the text parses as JSON, else the text itself (for fields that take anything)."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def fits(field: FormField, value: Any) -> bool:
    """Whether ``value`` has the shape ``field`` describes (kind, enum membership, object keys)."""
    kind = field.kind
    if value is None:
        return kind in ("null", "json") or field.nullable
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "enum":
        return any(type(value) is type(v) and value == v for v in field.enum or [])
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        if not isinstance(value, dict):
            return False
        names = {c.name for c in field.children}
        missing = any(c.required and c.name not in value for c in field.children)
        return not missing and (field.allows_extra or set(value) <= names)
    if kind == "union":
        return pick_variant(field, value) is not None
    return kind == "json"


def pick_variant(field: FormField, value: Any) -> int | None:
    """Index of the first union alternative ``value`` fits (to show an existing value), else ``None``."""
    return next((i for i, variant in enumerate(field.variants) if fits(variant, value)), None)
