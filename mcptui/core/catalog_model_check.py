"""When the SDK's version-free model check of a catalog chunk is proven to pass, without running it.

:func:`catalog_items.page_checker` runs two checks on every chunk, as the SDK's ``list_tools``
does: the negotiated version's wire model (``mcp_types.methods.validate_server_result``, the
protocol check), then the version-free ``mcp.types`` model (``ListToolsResult``...), whose typed
items :func:`catalog_pages.kept_items` needs only for an item it keeps as its dump. On the demo's
50,000 tools the second check costs ~0.042 s, and ~0.005 s more to free its typed copies.

Its outcome is decided here from the model's own core schema (pydantic's, read once per result
model) and the chunk's values, and the check is left out only when it certainly passes:

- the result model and its item model are plain models: no custom ``__init__``, no
  ``model_post_init``, not a root model, no validator of any kind (a ``function-*`` schema
  anywhere fails the whitelist), a config with nothing but aliases, titles and extra-field
  handling (no ``strict``, no string transforms or limits);
- the item list field is a bare ``list`` of that item model (no length limits);
- every field the chunk's items carry is a bare ``str`` or ``dict[str, Any]`` (``str`` keys,
  ``any`` values), possibly ``nullable`` and with a plain ``default``; every other field has a
  default (is not required);
- and the chunk's values are exactly of those types (``str``, ``dict``, None where nullable),
  which :func:`implied` looks up a field at a time at C speed. The page was parsed by
  ``json.loads`` (:mod:`catalog_proof`), so every ``dict`` key is a ``str``.

Such a model accepts such an item without a conversion: the check could only pass. Anything
else in the schema (any key not in the whitelist) keeps the check. The envelope (cursor,
``_meta``...) is the same for every chunk and was checked with the page
(:func:`catalog_items.page_checker` runs the check on it first). The wire check runs on every
chunk unless :mod:`catalog_wire_check` proves it passes too; an item it refuses sends the chunk
down the item-by-item path with both checks.
"""

from __future__ import annotations

import operator
from typing import Any

_Fields = dict[
    str, tuple[frozenset[type] | None, bool]
]  # wire name -> (types taken as they are, has a default)
_NOISE = frozenset({"metadata", "serialization", "ref"})  # what changes no validation outcome
_CONFIG = frozenset({"title", "validate_by_alias", "validate_by_name", "extra_fields_behavior"})
_FIELD = frozenset({"type", "schema", "validation_alias", "serialization_alias", "serialization_exclude"})
_MODEL = frozenset({"type", "cls", "schema", "custom_init", "root_model", "config"})
_FIELDS = frozenset({"type", "fields", "model_name", "computed_fields"})


def bare_schema(schema: Any) -> dict[str, Any] | None:
    """``schema`` without the keys that change no validation outcome; None: not a schema dict."""
    return {k: v for k, v in schema.items() if k not in _NOISE} if isinstance(schema, dict) else None


def _value_types(schema: Any) -> frozenset[type] | None:
    """The Python types a field's schema surely accepts as they are; None: not a whitelisted form."""
    bare = bare_schema(schema)
    if bare is None:
        return None
    if bare == {"type": "str"}:
        return frozenset({str})
    if bare.get("type") == "dict" and set(bare) == {"type", "keys_schema", "values_schema"}:
        keys, values = bare_schema(bare["keys_schema"]), bare_schema(bare["values_schema"])
        return frozenset({dict}) if keys == {"type": "str"} and values == {"type": "any"} else None
    if bare.get("type") == "nullable" and set(bare) == {"type", "schema"}:
        inner = _value_types(bare["schema"])
        return inner | {type(None)} if inner is not None else None
    return None


def model_fields(model: Any) -> list[tuple[str, str, Any, bool]] | None:
    """A plain model schema's fields, in order: (Python name, wire alias, the schema under a
    plain default, whether it has one). None: not a plain model (a custom ``__init__``, a root
    model, a config beyond aliases, titles and extra-field handling, a field of another form, a
    factory or a validated default). Shared with :mod:`catalog_wire_check`."""
    bare = bare_schema(model)
    if bare is None or bare.get("type") != "model" or not _MODEL.issuperset(bare):
        return None
    if bare.get("custom_init") is not False or bare.get("root_model") is not False:
        return None
    if not _CONFIG.issuperset(bare.get("config") or {}):
        return None
    fields = bare_schema(bare.get("schema"))
    if fields is None or fields.get("type") != "model-fields" or not _FIELDS.issuperset(fields):
        return None
    found: list[tuple[str, str, Any, bool]] = []
    for name, field in fields["fields"].items():
        field = bare_schema(field)
        if field is None or field.get("type") != "model-field" or not _FIELD.issuperset(field):
            return None
        alias = field.get("validation_alias", name)
        if not isinstance(alias, str):
            return None
        inner = bare_schema(field["schema"])
        has_default = inner is not None and inner.get("type") == "default"
        if has_default:
            assert inner is not None
            if set(inner) != {"type", "schema", "default"}:
                return None  # a factory, a validated default, on_error...: not plain
            inner = inner["schema"]
        found.append((name, alias, inner, has_default))
    return found


def _fields(model: Any) -> _Fields | None:
    """A plain model schema's fields by wire name: (the types accepted as they are, or None for
    a field of another form; whether it has a default). None: the model is not plain."""
    found = model_fields(model)
    if found is None:
        return None
    alias_of = {name: alias for name, alias, _inner, _default in found}
    if any(alias in alias_of and alias_of[alias] != alias for _name, alias, _inner, _default in found):
        return None  # a key that is one field's alias and another's name (validate_by_name): not plain
    return {alias: (_value_types(inner), has_default) for _name, alias, inner, has_default in found}


_read: dict[tuple[type, str], tuple[Any, _Fields | None]] = {}  # (model, list) -> (its schema, fields)


def _item_fields(result_model: type, wire_field: str) -> _Fields | None:
    """The item model's fields, when ``result_model`` (built) is plain and its ``wire_field`` a
    bare list of a plain item model; else None (the check always runs). Read once per schema
    object (a model not built yet, or rebuilt since, is read again)."""
    schema = getattr(result_model, "__pydantic_core_schema__", None)
    if not isinstance(schema, dict):
        return None  # not built (a lazy model's stand-in): not cached
    known = _read.get((result_model, wire_field))
    if known is None or known[0] is not schema:
        known = _read[(result_model, wire_field)] = (
            schema,
            _plain_item_fields(result_model, schema, wire_field),
        )
    return known[1]


def _plain_item_fields(result_model: type, schema: dict[str, Any], wire_field: str) -> _Fields | None:
    if getattr(result_model, "__pydantic_post_init__", None) is not None:
        return None
    envelope = _fields(schema)
    if envelope is None:
        return None
    item_model = bare_schema(listed_items(schema, wire_field))
    cls = item_model.get("cls") if item_model else None
    if cls is None or getattr(cls, "__pydantic_post_init__", None) is not None:
        return None
    return _fields(item_model)


def listed_items(schema: Any, wire_field: str) -> Any:
    """The items schema of a model schema's ``wire_field`` when that field is a bare list (no
    default, no length limits); None otherwise. Shared with :mod:`catalog_wire_check`."""
    bare = bare_schema(schema)
    fields = bare_schema(bare.get("schema")) if bare is not None and bare.get("type") == "model" else None
    for name, field in (fields or {}).get("fields", {}).items():
        if isinstance(field, dict) and field.get("validation_alias", name) == wire_field:
            listed = bare_schema(field.get("schema"))
            if listed is None or set(listed) != {"type", "items_schema"} or listed["type"] != "list":
                return None
            return listed["items_schema"]
    return None


def implied(result_model: type, wire_field: str, keys: tuple[str, ...], chunk: list[Any]) -> bool:
    """True when ``result_model``'s check of ``chunk`` (items from ``json.loads``, every one
    with exactly the keys ``keys``) certainly passes; False: run it."""
    fields = _item_fields(result_model, wire_field)
    if fields is None or not fields.keys() >= set(keys):
        return False
    if any(not has_default for name, (_types, has_default) in fields.items() if name not in keys):
        return False  # a required field is missing: the check would fail
    for key in keys:
        accepted = fields[key][0]
        if accepted is None:
            return False
        try:
            if not accepted.issuperset(map(type, map(operator.itemgetter(key), chunk))):
                return False
        except (TypeError, KeyError):
            return False
    return True
