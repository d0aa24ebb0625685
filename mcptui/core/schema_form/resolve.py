"""Local ``$ref`` resolution and ``allOf`` merging for the form builder.

Only references inside the document (``#/$defs/X``, ``#/definitions/X``, any JSON pointer,
``#anchor``) are followed; anything else is reported as unresolvable and the caller degrades
that node to raw JSON. Nothing here raises on a malformed schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

Schema = dict[str, Any]


def resolve_pointer(root: Any, ref: str) -> Any:
    """The node ``ref`` points at inside ``root``, or ``None`` when it is not a local reference."""
    if not isinstance(ref, str) or not ref.startswith("#"):
        return None
    fragment = unquote(ref[1:])
    if fragment == "":
        return root
    if not fragment.startswith("/"):
        return _find_anchor(root, fragment)
    node = root
    for raw in fragment[1:].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _find_anchor(node: Any, name: str, depth: int = 0) -> Any:
    if depth > 32:
        return None
    children: Iterable[Any]
    if isinstance(node, dict):
        if node.get("$anchor") == name or node.get("$id") == f"#{name}":
            return node
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = _find_anchor(child, name, depth + 1)
        if found is not None:
            return found
    return None


class Unresolvable(Exception):
    """A ``$ref`` that is remote, dangling, or loops back on a reference being expanded."""

    def __init__(self, schema: Any, target: Any = None) -> None:
        super().__init__("unresolvable $ref")
        self.schema = schema
        self.target = target  # the (one level) resolved node when known, for annotations


def expand_ref(root: Any, schema: Any, stack: tuple[str, ...]) -> tuple[Any, tuple[str, ...]]:
    """Follow ``$ref`` chains on ``schema``; keywords beside a ``$ref`` override the target's.

    Returns the expanded schema and the reference stack grown by the refs followed. Raises
    :class:`Unresolvable` for a remote/dangling reference or a cycle (a ref already on ``stack``).
    """
    hops = 0
    while isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        target = resolve_pointer(root, ref) if isinstance(ref, str) else None
        if target is None or ref in stack or hops > 32:
            raise Unresolvable(schema, target if isinstance(target, dict) else None)
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        if target is True:
            target = {}
        if not isinstance(target, dict):
            raise Unresolvable(schema)
        schema = {**target, **siblings}
        stack = (*stack, ref)
        hops += 1
    return schema, stack


def merge_all_of(root: Any, schema: Schema, stack: tuple[str, ...]) -> tuple[Schema, tuple[str, ...]]:
    """Fold ``allOf`` parts (refs expanded, nested ``allOf`` flattened) into one schema.

    The outer schema's own keywords are applied last, so its title/description/default win.
    """
    merged: Schema = {}
    parts = schema.get("allOf")
    for part in parts if isinstance(parts, list) else []:
        if part is True:
            continue
        if not isinstance(part, dict):
            raise Unresolvable(schema)
        part, stack = expand_ref(root, part, stack)
        if "allOf" in part:
            part, stack = merge_all_of(root, part, stack)
        _merge_into(merged, part)
    _merge_into(merged, {k: v for k, v in schema.items() if k != "allOf"})
    return merged, stack


def _as_types(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for t in value if isinstance(t, str)]
    return []


def _merge_into(target: Schema, part: Schema) -> None:
    for key, value in part.items():
        if key not in target:
            target[key] = dict(value) if key == "properties" and isinstance(value, dict) else value
        elif key == "properties" and isinstance(value, dict) and isinstance(target[key], dict):
            props = target[key]
            for name, sub in value.items():
                props[name] = {"allOf": [props[name], sub]} if name in props else sub
        elif key == "required" and isinstance(value, list) and isinstance(target[key], list):
            target[key] = target[key] + [r for r in value if r not in target[key]]
        elif key == "type":
            mine, theirs = _as_types(target[key]), _as_types(value)
            both = [t for t in mine if t in theirs]
            if not both and "number" in mine and "integer" in theirs:
                both = ["integer"]
            if not both and "integer" in mine and "number" in theirs:
                both = ["integer"]
            target[key] = (both[0] if len(both) == 1 else both) if both else value
        elif key == "additionalProperties":
            target[key] = False if value is False or target[key] is False else value
        else:
            target[key] = value
