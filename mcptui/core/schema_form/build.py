"""JSON Schema → :class:`FormField` tree (:func:`build_form`).

Understands what MCP servers really send: pydantic output (titles, ``anyOf [X, null]`` for
Optional, ``$defs``/``$ref``, defaults), zod output (``additionalProperties: false``,
``$schema``, ``#/definitions`` and ``#/properties/...`` refs), type lists, ``const``, ``oneOf``
of titled consts, ``enumNames``. Anything it cannot model (tuples, remote or recursive refs,
missing ``type``, garbage) becomes kind ``"json"``, edited as raw JSON; it never raises.
"""

from __future__ import annotations

from typing import Any, cast

from .model import FormField, Kind, Path, show, type_summary
from .resolve import Schema, Unresolvable, expand_ref, merge_all_of

RefStack = tuple[str, ...]  # the $refs being expanded above a node

MAX_DEPTH = 24

CONSTRAINT_KEYS = (
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
)
_SCALARS = ("string", "number", "integer", "boolean", "null")
_SHAPE_KEYS = ("type", "const", "enum", "$ref", "properties", "items", "anyOf", "oneOf", "allOf")


def build_form(schema: Schema | bool | None) -> FormField:
    """The form for a tool's input schema (or any schema). ``None``/``{}`` → an empty object."""
    if schema is None or schema == {} or schema is True:
        return FormField(path=(), name="", kind="object", required=True, schema={})
    return _Builder(schema).build(schema, (), "", required=True, stack=(), depth=0)


class _Builder:
    def __init__(self, root: Any) -> None:
        self.root = root

    def build(
        self, schema: Any, path: Path, name: str, *, required: bool, stack: RefStack, depth: int
    ) -> FormField:
        try:
            return self._build(schema, path, name, required=required, stack=stack, depth=depth)
        except Unresolvable as problem:
            own = schema if isinstance(schema, dict) else problem.schema
            return _json_field(own, path, name, required, annotations=problem.target)
        except Exception:  # never raise on a weird schema (RecursionError included)
            return _json_field(schema, path, name, required)

    def _build(
        self, schema: Any, path: Path, name: str, *, required: bool, stack: RefStack, depth: int
    ) -> FormField:
        if not isinstance(schema, dict) or depth > MAX_DEPTH:
            return _json_field(schema, path, name, required)
        schema, stack = expand_ref(self.root, schema, stack)
        if "allOf" in schema:
            schema, stack = merge_all_of(self.root, schema, stack)
        f = _base_field(schema, path, name, required)
        if "const" in schema or isinstance(schema.get("enum"), list):
            return _enum(f, schema)
        for key in ("anyOf", "oneOf"):
            options = schema.get(key)
            if isinstance(options, list) and options and _shapes_value(options):
                return self._alternatives(f, schema, key, options, stack, depth)
        types = _types(schema)
        if "null" in types:
            f.nullable = True
            types = [t for t in types if t != "null"]
            if not types:
                f.kind = "null"
                return f
        if len(types) > 1:
            f.kind = "union"
            f.variants = [
                self.build({**schema, "type": t}, path, name, required=required, stack=stack, depth=depth + 1)
                for t in types
            ]
            for v in f.variants:
                v.nullable = False
                v.title = type_summary(v)
            return f
        kind = types[0] if types else _infer(schema)
        if kind in _SCALARS:
            f.kind = cast(Kind, kind)
            return f
        if kind == "object":
            return self._object(f, schema, stack, depth)
        if kind == "array":
            return self._array(f, schema, stack, depth)
        return f  # json

    def _alternatives(
        self, f: FormField, schema: Schema, key: str, options: list[Any], stack: RefStack, depth: int
    ) -> FormField:
        expanded: list[tuple[Any, RefStack]] = []
        for option in options:
            try:
                expanded.append(
                    expand_ref(self.root, option, stack) if isinstance(option, dict) else (option, stack)
                )
            except Unresolvable:
                expanded.append((option, stack))
        real = [(o, s) for o, s in expanded if not _is_null(o)]
        if len(real) < len(expanded):
            f.nullable = True
        if not real:
            f.kind = "null"
            return f
        consts = [_const_of(o) for o, _ in real]
        if all(c is not None for c in consts):
            f.kind = "enum"
            f.enum = [c[0] for c in consts if c is not None]
            f.enum_labels = [
                str(o.get("title") or show(c[0]))
                for (o, _), c in zip(real, consts, strict=True)
                if c is not None
            ]
            return f
        outer = {k: v for k, v in schema.items() if k != key}
        if len(real) == 1:
            option, option_stack = real[0]
            merged = {**option, **outer} if isinstance(option, dict) else option
            built = self.build(
                merged, f.path, f.name, required=f.required, stack=option_stack, depth=depth + 1
            )
            built.nullable = built.nullable or f.nullable
            return built
        f.kind = "union"
        f.variants = []
        for option, option_stack in real:
            variant = self.build(
                option, f.path, f.name, required=f.required, stack=option_stack, depth=depth + 1
            )
            variant.title = variant.title or type_summary(variant)
            f.nullable = f.nullable or variant.nullable or variant.kind == "null"
            variant.nullable = False
            f.variants.append(variant)
        f.variants = [v for v in f.variants if v.kind != "null"] or f.variants
        return f

    def _object(self, f: FormField, schema: Schema, stack: RefStack, depth: int) -> FormField:
        props = schema.get("properties")
        props = props if isinstance(props, dict) else {}
        extra = schema.get("additionalProperties", True)
        if schema.get("unevaluatedProperties") is False:
            extra = False
        f.allows_extra = extra is not False
        if not props and f.path != () and f.allows_extra:
            return f  # a free-form mapping: edited as JSON
        f.kind = "object"
        required = schema.get("required")
        required = {r for r in required if isinstance(r, str)} if isinstance(required, list) else set()
        f.children = [
            self.build(sub, (*f.path, key), str(key), required=key in required, stack=stack, depth=depth + 1)
            for key, sub in props.items()
        ]
        return f

    def _array(self, f: FormField, schema: Schema, stack: RefStack, depth: int) -> FormField:
        items = schema.get("items", True)
        if "prefixItems" in schema or isinstance(items, list):
            return f  # tuples: edited as JSON
        f.kind = "array"
        f.item = self.build(items, (*f.path, 0), "", required=False, stack=stack, depth=depth + 1)
        return f


def _base_field(schema: Schema, path: Path, name: str, required: bool) -> FormField:
    title, description = schema.get("title"), schema.get("description")
    fmt = schema.get("format")
    constraints = {k: schema[k] for k in CONSTRAINT_KEYS if k in schema}
    for key in ("exclusiveMinimum", "exclusiveMaximum"):  # draft-4 booleans are not bounds
        if isinstance(constraints.get(key), bool):
            constraints.pop(key)
    return FormField(
        path=path,
        name=name,
        kind="json",
        title=title if isinstance(title, str) else None,
        description=description if isinstance(description, str) else None,
        required=required,
        nullable=schema.get("nullable") is True,
        default=schema.get("default"),
        has_default="default" in schema,
        format=fmt if isinstance(fmt, str) else None,
        constraints=constraints,
        schema=schema,
        read_only=schema.get("readOnly") is True,
    )


def _json_field(schema: Any, path: Path, name: str, required: bool, annotations: Any = None) -> FormField:
    if isinstance(schema, dict):
        f = _base_field(schema, path, name, required)
    else:
        f = FormField(path=path, name=name, kind="json", required=required, schema={})
    if isinstance(annotations, dict):
        f.title = f.title or (annotations.get("title") if isinstance(annotations.get("title"), str) else None)
        if not f.description and isinstance(annotations.get("description"), str):
            f.description = annotations["description"]
        f.schema = {**annotations, **{k: v for k, v in f.schema.items() if k != "$ref"}}
    f.kind = "json"
    return f


def _enum(f: FormField, schema: Schema) -> FormField:
    if "const" in schema:
        values, labels = [schema["const"]], None
    else:
        values = list(schema["enum"])
        names = schema.get("enumNames")
        labels = [str(n) for n in names] if isinstance(names, list) and len(names) == len(values) else None
    if None in values:
        f.nullable = True
        keep = [i for i, v in enumerate(values) if v is not None]
        values = [values[i] for i in keep]
        labels = [labels[i] for i in keep] if labels else None
    f.kind = "enum" if values else "null"
    f.enum = values if values else None
    f.enum_labels = labels if values else None
    return f


def _types(schema: Schema) -> list[str]:
    t = schema.get("type")
    if isinstance(t, str):
        return [t]
    if isinstance(t, list):
        return list(dict.fromkeys(x for x in t if isinstance(x, str)))
    return []


def _infer(schema: Schema) -> str:
    if isinstance(schema.get("properties"), dict):
        return "object"
    if "items" in schema or "prefixItems" in schema:
        return "array"
    return "json"


def _shapes_value(options: list[Any]) -> bool:
    """Whether anyOf/oneOf alternatives describe value shapes (not just extra constraints)."""
    return any(not isinstance(o, dict) or any(k in o for k in _SHAPE_KEYS) for o in options)


def _is_null(option: Any) -> bool:
    if not isinstance(option, dict):
        return False
    t = option.get("type")
    if t == "null" or t == ["null"]:
        return True
    if "const" in option and option["const"] is None:
        return True
    return option.get("enum") == [None]


def _const_of(option: Any) -> tuple[Any] | None:
    """``(value,)`` when an alternative allows exactly one value, else ``None``."""
    if not isinstance(option, dict):
        return None
    if "const" in option:
        return (option["const"],)
    enum = option.get("enum")
    if isinstance(enum, list) and len(enum) == 1:
        return (enum[0],)
    return None
