"""Whether a value certainly fits a simple JSON Schema, answered without importing ``jsonschema``.

``jsonschema`` (with ``referencing``, ``rpds``, ``attrs`` and its format checks) costs a cold
``mcptui call`` ~150 M instructions to import, twice on its path: our check of the arguments
before the call (:func:`mcptui.core.schema_form.validate`) and the SDK's check of the tool's
structured result against its ``outputSchema`` (:mod:`mcptui.core.sdk_output_check`). Most tool
schemas are plain (the demo's ``echo``: an object of typed, required properties), and for those
a value that fits can be recognised in a few Python comparisons.

:func:`plainly_fits` is one-sided on purpose: True means jsonschema (draft 2020-12, the default
of both callers) would find no error; False means only "not known here", and the caller asks
jsonschema exactly as before. So it never hides a problem, and a value that does not fit always
gets jsonschema's own words. Understood, with the JSON types as jsonschema checks them:

- boolean schemas; ``type`` (a name or a non-empty list of distinct names; ``integer`` only for
  a Python ``int``, never ``1.0``), ``enum`` and ``const`` (strings, numbers, booleans and null,
  compared by JSON kind: ``True`` is not ``1``), ``required``, ``properties``,
  ``additionalProperties``, ``items`` (one schema);
- annotations that never make a value invalid (``title``, ``description``, ``default``,
  ``examples``, ``$comment``, ``deprecated``, ``readOnly``, ``writeOnly``), each of the type the
  meta-schema demands.

Any other keyword (``$ref``, ``$schema``, ``format``, ``pattern``, ``minimum``, ``anyOf``...), an
ill-formed keyword, a value of another Python type than JSON's (a tuple, a subclass), a key that
is not a string, or nesting deeper than :data:`MAX_DEPTH`: not known, False.

``whole=True`` (for the SDK, which also checks the schema itself against the meta-schema) also
requires every subschema to be understood and well formed, visited by the value or not, so that
the SDK's ``check_schema`` could not have failed either.
"""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 32

_TYPES: dict[str, tuple[type, ...]] = {
    "null": (type(None),),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
    "array": (list,),
    "object": (dict,),
}
# annotation keyword → the Python type the 2020-12 meta-schema demands of it (object: any value)
_ANNOTATIONS: dict[str, type] = {
    "title": str,
    "description": str,
    "default": object,
    "examples": list,
    "$comment": str,
    "deprecated": bool,
    "readOnly": bool,
    "writeOnly": bool,
}
_CHECKED = frozenset({"type", "enum", "const", "required", "properties", "additionalProperties", "items"})
_SCALARS = (str, int, float, bool, type(None))
_JSON = (*_SCALARS, list, dict)


class _Unknown(Exception):
    """The schema or the value is outside what this module understands: ask jsonschema."""


def plainly_fits(schema: Any, value: Any, *, whole: bool = False) -> bool:
    """True when ``value`` certainly fits ``schema`` (draft 2020-12); False: not known here."""
    try:
        return _fits(schema, value, whole, 0)
    except _Unknown:
        return False


def _fits(schema: Any, value: Any, whole: bool, depth: int) -> bool:
    if depth > MAX_DEPTH:
        raise _Unknown
    if type(value) not in _JSON:
        raise _Unknown  # a Python type JSON has no name for (a tuple, a subclass of list...)
    if type(schema) is bool:
        return schema
    if type(schema) is not dict:
        raise _Unknown
    for key, rule in schema.items():
        if key in _CHECKED:
            continue
        kind = _ANNOTATIONS.get(key)
        if kind is None or (kind is not object and type(rule) is not kind):
            raise _Unknown  # a keyword not understood, or an ill-formed annotation
    if not _type_fits(schema, value):
        return False
    if "enum" in schema and not _enum_fits(schema["enum"], value):
        return False
    if "const" in schema and not _same(schema["const"], value):
        return False
    return _object_fits(schema, value, whole, depth) and _items_fit(schema, value, whole, depth)


def _type_fits(schema: dict[str, Any], value: Any) -> bool:
    if "type" not in schema:
        return True
    rule = schema["type"]
    names = [rule] if type(rule) is str else rule
    if type(names) is not list or not names:
        raise _Unknown
    if any(type(name) is not str or name not in _TYPES for name in names) or len(set(names)) != len(names):
        raise _Unknown
    if type(value) is bool:  # jsonschema: a bool is never an integer or a number
        return "boolean" in names
    return any(type(value) in _TYPES[name] for name in names)


def _enum_fits(members: Any, value: Any) -> bool:
    if type(members) is not list:
        raise _Unknown
    if type(value) not in _SCALARS:
        raise _Unknown
    if any(type(member) in _SCALARS and _same(member, value) for member in members):
        return True
    raise _Unknown  # perhaps equal in a way only jsonschema judges (lists, objects): ask it


def _same(member: Any, value: Any) -> bool:
    """Equal as JSON values, for scalars only (other pairs: not known)."""
    if type(value) not in _SCALARS or type(member) not in _SCALARS:
        raise _Unknown
    if type(value) is bool or type(member) is bool or value is None or member is None:
        return value is member
    if (type(value) is str) != (type(member) is str):
        return False
    return bool(value == member)


def _object_fits(schema: dict[str, Any], value: Any, whole: bool, depth: int) -> bool:
    required = schema.get("required", [])
    if type(required) is not list or any(type(name) is not str for name in required):
        raise _Unknown
    if len(set(required)) != len(required):
        raise _Unknown  # the meta-schema wants them distinct
    properties = schema.get("properties", {})
    if type(properties) is not dict:
        raise _Unknown
    extra = schema.get("additionalProperties", True)
    if whole:
        for subschema in (*properties.values(), extra):
            _well_formed(subschema, depth + 1)
    if type(value) is not dict:
        return True  # these keywords apply to objects only
    if any(type(key) is not str for key in value):
        raise _Unknown
    if any(name not in value for name in required):
        return False
    for key, item in value.items():
        subschema = properties.get(key, extra)
        if not _fits(subschema, item, whole, depth + 1):
            return False
    return True


def _items_fit(schema: dict[str, Any], value: Any, whole: bool, depth: int) -> bool:
    if "items" not in schema:
        return True
    items = schema["items"]
    if type(items) not in (bool, dict):
        raise _Unknown  # a list of schemas: another draft's tuple form
    if whole:
        _well_formed(items, depth + 1)
    if type(value) is not list:
        return True
    return all(_fits(items, item, whole, depth + 1) for item in value)


def _well_formed(schema: Any, depth: int) -> None:
    """Raise :class:`_Unknown` unless ``schema``, and all below it, is understood and well formed."""
    if type(schema) is dict:  # checked as if a value visited it: a null fits no object keyword
        _fits(
            {key: rule for key, rule in schema.items() if key not in ("type", "enum", "const")},
            None,
            True,
            depth,
        )
        if "type" in schema:
            _type_fits(schema, None)
        if "enum" in schema and type(schema["enum"]) is not list:
            raise _Unknown
    elif type(schema) is not bool:
        raise _Unknown
