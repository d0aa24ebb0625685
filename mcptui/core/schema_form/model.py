"""The form model: :class:`FormField` (one node of a JSON-Schema form) and :class:`Issue`.

Plain dataclasses with no behaviour beyond navigation and display text, so the TUI (one widget
per field) and the CLI (``key=value`` coercion) read the same structure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["string", "number", "integer", "boolean", "null", "enum", "object", "array", "union", "json"]
PathPart = str | int
Path = tuple[PathPart, ...]

KINDS: tuple[str, ...] = (
    "string",
    "number",
    "integer",
    "boolean",
    "null",
    "enum",
    "object",
    "array",
    "union",
    "json",
)


@dataclass
class FormField:
    """One value of the form: a scalar input, an object of fields, an array, a union or raw JSON."""

    path: Path
    name: str
    kind: Kind
    title: str | None = None
    description: str | None = None
    required: bool = False
    nullable: bool = False
    default: Any = None
    has_default: bool = False
    enum: list[Any] | None = None
    enum_labels: list[str] | None = None
    children: list[FormField] = field(default_factory=list)
    item: FormField | None = None
    variants: list[FormField] = field(default_factory=list)
    format: str | None = None
    constraints: dict[str, Any] = field(default_factory=dict)
    schema: dict[str, Any] = field(default_factory=dict)
    allows_extra: bool = True  # objects: may hold keys not in ``children`` (additionalProperties not false)
    read_only: bool = False

    def label(self) -> str:
        """Title, else property name, else "value"; ``" *"`` appended when required."""
        text = self.title or self.name or "value"
        return f"{text} *" if self.required else text

    def child(self, name: str) -> FormField | None:
        """The object property called ``name``, if declared (an index: wide objects stay linear)."""
        if len(self.children) < 16:
            return next((c for c in self.children if c.name == name), None)
        index = self.__dict__.get("_index")
        if index is None or len(index) != len(self.children):
            index = {}
            for c in self.children:
                index.setdefault(c.name, c)
            self.__dict__["_index"] = index
        return index.get(name)

    def find(self, path: Path) -> FormField | None:
        """The field at ``path`` relative to this one (indexes go through ``item``, unions through variants)."""
        node: FormField | None = self
        for part in path:
            if node is None:
                return None
            if node.kind == "union":  # the first alternative that has this part
                node = next((v for v in node.variants if v.find((part,)) is not None), None)
                if node is None:
                    return None
            if isinstance(part, int):
                node = node.item if node.kind == "array" else None
            else:
                node = node.child(part) if node.kind == "object" else None
        return node

    def options(self) -> list[tuple[str, Any]]:
        """``(label, value)`` pairs of an enum field (labels default to the value's text)."""
        values = self.enum or []
        labels = self.enum_labels or [show(v) for v in values]
        return list(zip(labels, values, strict=False))

    def summary(self) -> str:
        """A short type description: ``integer ≥ 0``, ``array of string``, ``one of a, b``..."""
        return type_summary(self)


@dataclass(frozen=True)
class Issue:
    """A validation problem: where (``path``) and a short human message that names the place."""

    path: Path
    message: str  # "address.city: required" (no prefix for the root)
    detail: str = ""  # the message without the path: "required"

    def __str__(self) -> str:
        return self.message


def show(value: Any) -> str:
    """A value as people read it: strings bare, everything else as JSON."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def path_text(path: Path) -> str:
    """``("address", "city")`` → ``address.city``; ``("tags", 0)`` → ``tags[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_BOUNDS = (
    ("minimum", "≥"),
    ("exclusiveMinimum", ">"),
    ("maximum", "≤"),
    ("exclusiveMaximum", "<"),
)


def untitled_object(f: FormField) -> str:
    """An object without a title, named by what tells it apart: a discriminator (``kind: dog``),
    else its first properties (``object (x, y)``). Servers that strip titles (FastMCP) would
    otherwise show unions as ``object | object``."""
    for child in f.children:
        schema = child.schema if isinstance(child.schema, dict) else {}
        if "const" in schema:
            return f"{child.name}: {show(schema['const'])}"
        if child.kind == "enum" and len(child.enum or []) == 1:
            return f"{child.name}: {show((child.enum or [])[0])}"
    names = [child.name for child in f.children[:3]]
    if not names:
        return "object"
    return f"object ({', '.join(names)}{', …' if len(f.children) > 3 else ''})"


def type_summary(f: FormField) -> str:
    """See :meth:`FormField.summary`."""
    if f.kind == "enum":
        text = "one of " + ", ".join(show(v) for v in f.enum or [])
    elif f.kind == "array":
        text = f"array of {type_summary(f.item)}" if f.item and f.item.kind != "json" else "array"
    elif f.kind == "object":
        title = f.schema.get("title") if isinstance(f.schema, dict) else None
        text = str(title) if title else untitled_object(f)
    elif f.kind == "union":
        text = " | ".join(type_summary(v) for v in f.variants)
    elif f.kind == "json":
        text = "JSON"
    else:
        text = f.kind
        if f.format:
            text += f" ({f.format})"
        bounds = [f"{sign} {show(f.constraints[key])}" for key, sign in _BOUNDS if key in f.constraints]
        if bounds:
            text += " " + ", ".join(bounds)
    return f"{text} or null" if f.nullable and f.kind != "null" else text
