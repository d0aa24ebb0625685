"""When the SDK's wire check of a catalog chunk is proven to pass, without running it (no Textual).

The SDK checks every list page against the negotiated version's wire model
(``mcp_types.methods.validate_server_result``, the protocol check) and throws the typed copy
away; :func:`catalog_items.page_checker` runs that check a chunk at a time. On the demo's 50,000
tools (2026-07-28) it is 0.13 s of CPU between the answer and the catalog, the largest part of
the read. :mod:`catalog_model_check` already leaves out the second, version-free check where it
certainly passes; this does the same for the wire check, where the models are nested: a tool's
``inputSchema`` is a model of its own (``type`` must be the string ``"object"``, ``$schema`` a
string), and so are ``outputSchema``, ``_meta``, icons.

The wire model's core schema (pydantic's, read once per schema object) is read into a
:class:`Shape` tree, and only these forms are taken; anything else anywhere makes that field
unprovable (the check runs whenever such a field is present):

- bare ``str``, ``bool``, ``Any``; a ``Literal`` of strings; a ``list`` of a taken form (no
  length limits); a ``dict`` of ``str`` keys and taken values; ``X | None``; a union of bare
  types (``dict[str, Any] | bool``: a value is taken by the choice of its type);
- a plain model: no custom ``__init__``, no post-init hook, not a root model, no validator (a
  ``function-*`` schema is not in the whitelist), a config of aliases, titles and extra fields
  ignored or kept (not forbidden, not typed), fields whose defaults are plain values.

A chunk's values (from the JSON parse: exact ``dict``, ``list``, ``str``...) are then looked up a
field at a time at C speed (``map``, ``itemgetter``, ``set``): every value of the field's exact
accepted types, every string literal among the allowed ones, every required field present. A
dict holding a field's Python name where it differs from its alias (``schema_`` for ``$schema``)
is not taken: the SDK validates by alias alone, and such a key is refused here rather than
reasoned about. What is proven would pass the check; an item that would fail it is never taken,
so the chunk then goes through the check (and the item-by-item path) as before.
"""

from __future__ import annotations

import itertools
import operator
from typing import Any

from mcptui.core.catalog_model_check import bare_schema, listed_items, model_fields

_NONE = type(None)


class Shape:
    """What a field's schema surely accepts, checked on all of a field's values at once."""

    def accepts(self, values: list[Any]) -> bool:  # pragma: no cover - every shape overrides it
        raise NotImplementedError

    def or_none(self) -> Shape:
        return _Nullable(self)


class _Types(Shape):
    """Values of these exact types, taken as they are (``str``, ``bool``, ``dict[str, Any]``)."""

    def __init__(self, types: frozenset[type]) -> None:
        self.types = types

    def accepts(self, values: list[Any]) -> bool:
        return self.types.issuperset(map(type, values))

    def or_none(self) -> Shape:
        return _Types(self.types | {_NONE})


class _AnyValue(Shape):
    def accepts(self, values: list[Any]) -> bool:
        return True

    def or_none(self) -> Shape:
        return self


class _Nothing(Shape):
    """No value (a form not taken): only an empty list of values passes."""

    def accepts(self, values: list[Any]) -> bool:
        return not values


class _Nullable(Shape):
    """None, or what ``inner`` accepts."""

    def __init__(self, inner: Shape) -> None:
        self.inner = inner

    def accepts(self, values: list[Any]) -> bool:
        if _NONE in set(map(type, values)):
            values = [value for value in values if value is not None]
        return self.inner.accepts(values)


class _Literal(Shape):
    """One of these strings."""

    def __init__(self, expected: frozenset[str]) -> None:
        self.expected = expected

    def accepts(self, values: list[Any]) -> bool:
        return {str}.issuperset(map(type, values)) and self.expected.issuperset(values)


class _List(Shape):
    """A list (no length limits) of what ``items`` accepts."""

    def __init__(self, items: Shape) -> None:
        self.items = items

    def accepts(self, values: list[Any]) -> bool:
        if not {list}.issuperset(map(type, values)):
            return False
        return self.items.accepts(list(itertools.chain.from_iterable(values)))


class _Dict(Shape):
    """A dict of string keys whose values ``values`` accepts."""

    def __init__(self, values: Shape) -> None:
        self.values = values

    def accepts(self, values: list[Any]) -> bool:
        if not {dict}.issuperset(map(type, values)):
            return False
        if not {str}.issuperset(map(type, itertools.chain.from_iterable(values))):
            return False
        return self.values.accepts(list(itertools.chain.from_iterable(map(dict.values, values))))


class _Model(Shape):
    """A plain model's dict: each field by alias ``(alias, shape or None: unprovable, required)``;
    ``names``: the fields' Python names that differ from their aliases (a dict holding one is not
    taken)."""

    def __init__(self, fields: tuple[tuple[str, Shape | None, bool], ...], names: frozenset[str]) -> None:
        self.fields = fields
        self.names = names

    def accepts(self, values: list[Any]) -> bool:
        if not values:
            return True  # nothing to check (a nullable field that is None all through)
        if not {dict}.issuperset(map(type, values)):
            return False
        keys = set().union(*values)  # every key of every dict, at C speed (twice chain's)
        if not self.names.isdisjoint(keys):
            return False
        for alias, shape, required in self.fields:
            if alias not in keys:
                if required:
                    return False  # missing from every dict: the check fails
                continue
            if shape is None:
                return False
            try:
                present = list(map(operator.itemgetter(alias), values))
            except KeyError:
                if required:
                    return False  # missing from some dict
                present = [value[alias] for value in values if alias in value]
            if not shape.accepts(present):
                return False
        return True


def shape_of(schema: Any) -> Shape | None:
    """The :class:`Shape` of a core schema of a whitelisted form; None for any other form."""
    bare = bare_schema(schema)
    if bare is None:
        return None
    kind, keys = bare.get("type"), set(bare)
    if keys == {"type"} and kind in ("str", "bool", "any"):
        return _AnyValue() if kind == "any" else _Types(frozenset({str if kind == "str" else bool}))
    if kind == "dict" and keys == {"type", "keys_schema", "values_schema"}:
        if bare_schema(bare["keys_schema"]) != {"type": "str"}:
            return None
        if bare_schema(bare["values_schema"]) == {"type": "any"}:
            return _Types(frozenset({dict}))
        values = shape_of(bare["values_schema"])
        return _Dict(values) if values is not None else None
    if kind == "union" and keys == {"type", "choices"}:
        # a value some choice takes is taken by the union (smart mode tries each): choices of
        # exact types alone, so that the types a value has say which choice takes it
        choices = [shape_of(choice) for choice in bare["choices"]]
        if not all(isinstance(choice, _Types) for choice in choices):
            return None
        return _Types(frozenset().union(*(choice.types for choice in choices)))  # type: ignore[union-attr]
    if kind == "nullable" and keys == {"type", "schema"}:
        inner = shape_of(bare["schema"])
        return inner.or_none() if inner is not None else _Nullable(_Nothing())  # None alone taken
    if kind == "literal" and keys == {"type", "expected"}:
        expected = bare["expected"]
        strings = isinstance(expected, list) and all(type(value) is str for value in expected)
        return _Literal(frozenset(expected)) if strings else None
    if kind == "list" and keys == {"type", "items_schema"}:
        items = shape_of(bare["items_schema"])
        return _List(items) if items is not None else None
    if kind == "model":
        return _model_shape(bare)
    return None


def _model_shape(bare: dict[str, Any]) -> _Model | None:
    if getattr(bare.get("cls"), "__pydantic_post_init__", None) is not None:
        return None
    config = bare.get("config") or {}
    if config.get("validate_by_alias", True) is not True:
        return None
    if config.get("extra_fields_behavior", "ignore") not in ("ignore", "allow"):
        return None  # forbidden extra keys would need every key looked at
    found = model_fields(bare)  # the rest of the whitelist, shared with catalog_model_check
    if found is None:
        return None
    names = frozenset(name for name, alias, _inner, _default in found if name != alias)
    fields = tuple((alias, shape_of(inner), not has_default) for _name, alias, inner, has_default in found)
    if not names.isdisjoint(alias for alias, _shape, _required in fields):
        return None  # one field's alias is another's name
    return _Model(fields, names)


_read: dict[tuple[Any, str], tuple[Any, Shape | None]] = {}  # (model, list) -> (its schema, item shape)


def item_shape(result_model: Any, wire_field: str, schema: Any) -> Shape | None:
    """The item shape of ``result_model`` (core schema ``schema``) whose ``wire_field`` is a
    bare list of a taken model; None otherwise. Read once per schema object."""
    known = _read.get((result_model, wire_field))
    if known is None or known[0] is not schema:
        known = _read[(result_model, wire_field)] = (schema, _item_shape(schema, wire_field))
    return known[1]


def _item_shape(schema: Any, wire_field: str) -> Shape | None:
    item = shape_of(listed_items(schema, wire_field))
    return item if isinstance(item, _Model) else None


def implied(method: str, version: str, wire_field: str, chunk: list[Any]) -> bool:
    """True when the SDK's wire check of ``chunk`` (items of a ``method`` page of protocol
    ``version``, as parsed from JSON; the page's envelope checked already) certainly passes."""
    from mcp_types import methods

    adapter_for = getattr(methods, "_adapter", None)  # the SDK's cached TypeAdapter per wire model
    target = methods.SERVER_RESULTS.get((method, version))
    if adapter_for is None or not isinstance(target, type):
        return False  # no wire schema for the method (the SDK skips it), or a union of models
    schema = getattr(adapter_for(target), "core_schema", None)
    if not isinstance(schema, dict):
        return False  # not built: the check builds it
    shape = item_shape(target, wire_field, schema)
    try:
        return shape is not None and shape.accepts(chunk)
    except TypeError:  # an unhashable value where a literal was expected
        return False
