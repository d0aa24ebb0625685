"""Container fields of the argument form (object, array, union) and :func:`make_box`, the field factory.

- :class:`ObjectBox` — a bordered group of child boxes; keys it does not know are kept aside and
  sent unchanged (they came from raw JSON or a history entry), so nothing is lost.
- :class:`ArrayBox` — one sub-form per item, each with a remove button, and an add button;
  ``ctrl+n`` adds an item, ``ctrl+r`` removes the focused one (binding ids ``form-add-item``,
  ``form-remove-item``).
- :class:`UnionBox` — a Select picks the variant; each variant's sub-form is kept while you
  switch, so switching back restores what you typed.

A value that does not fit its field (a number where an object is expected, from raw JSON) is
shown in a JSON box instead of being dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Select, Static

from mcptui.core.schema_form import FormField, initial_value
from mcptui.core.schema_form.model import Path
from mcptui.ui.safe_text import safe_text

from .form_fields import MISSING, BuildContext, FieldBox, ReadContext
from .form_scalars import BooleanBox, EnumBox, JsonBox, NullBox, NumberBox, StringBox


def seed_value(form_field: FormField) -> Any:
    """The starting value of a fresh form: defaults filled, everything else ``MISSING``."""
    if form_field.kind == "object" and not (
        form_field.has_default and not isinstance(form_field.default, dict)
    ):
        base = dict(form_field.default) if form_field.has_default else {}
        for child in form_field.children:
            if child.name not in base:
                value = seed_value(child)
                if value is not MISSING:
                    base[child.name] = value
        return base
    value = initial_value(form_field)
    if value is None and not form_field.has_default:
        return MISSING
    if value == [] and not form_field.has_default:
        return MISSING
    return value


def _fits(form_field: FormField, value: Any) -> bool:
    """Whether the field's own editor can hold ``value`` without changing it."""
    if value is MISSING or value is None:
        return True
    kind = form_field.kind
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "enum":
        return any(type(c) is type(value) and c == value for c in form_field.enum or [])
    return True


_BOXES: dict[str, type[FieldBox]] = {
    "string": StringBox,
    "number": NumberBox,
    "integer": NumberBox,
    "boolean": BooleanBox,
    "enum": EnumBox,
    "null": NullBox,
    "json": JsonBox,
}


def make_box(
    form_field: FormField,
    value: Any = MISSING,
    *,
    path: Path = (),
    ctx: BuildContext | None = None,
    label: str | None = None,
    show_head: bool = True,
) -> FieldBox:
    """The box for ``form_field`` holding ``value`` (``MISSING`` = not set)."""
    kwargs: dict[str, Any] = {"path": path, "ctx": ctx, "label": label, "show_head": show_head}
    if not _fits(form_field, value):
        return JsonBox(form_field, value, note="shown as JSON: this value does not fit the form", **kwargs)
    if form_field.kind == "object":
        return ObjectBox(form_field, value, **kwargs)
    if form_field.kind == "array":
        return ArrayBox(form_field, value, **kwargs)
    if form_field.kind == "union":
        return UnionBox(form_field, value, **kwargs)
    return _BOXES.get(form_field.kind, JsonBox)(form_field, value, **kwargs)


class ObjectBox(FieldBox):
    HINT_FIRST = True
    """An object: a bordered group of its properties (the form's root has no border or head)."""

    DEFAULT_CSS = "ObjectBox .object-group, ObjectBox .object-root { height: auto; }"

    def __init__(self, form_field: FormField, value: Any = MISSING, **kwargs: Any) -> None:
        super().__init__(form_field, value, **kwargs)
        known = {child.name for child in form_field.children}
        given = value if isinstance(value, dict) else {}
        self.extra = {key: item for key, item in given.items() if key not in known}
        self.children_boxes: list[FieldBox] = []

    def compose_editor(self) -> ComposeResult:
        given = self.value if isinstance(self.value, dict) else {}
        group = Vertical(classes="object-group" if self.path else "object-root")
        with group:
            for child in self.form_field.children:
                box = make_box(
                    child, given.get(child.name, MISSING), path=(*self.path, child.name), ctx=self.ctx
                )
                self.children_boxes.append(box)
                yield box
            if self.extra:
                names = ", ".join(sorted(self.extra))
                yield Static(
                    safe_text(f"also sent as given (edit in raw JSON): {names}"),
                    classes="field-hint extra-note",
                )

    def read_value(self, ctx: ReadContext, path: Path) -> Any:
        out: dict[str, Any] = {}
        for box in self.children_boxes:
            out[box.form_field.name] = box.read(ctx, (*path, box.form_field.name))
        out.update(self.extra)
        return out

    def boxes(self, path: Path) -> Iterator[tuple[Path, FieldBox]]:
        yield path, self
        if self.is_null:
            return
        for box in self.children_boxes:
            yield from box.boxes((*path, box.form_field.name))


class ArrayItem(Horizontal):
    """One item row: the item's sub-form and its remove button."""

    DEFAULT_CSS = "ArrayItem { height: auto; } ArrayItem > FieldBox { width: 1fr; }"

    def __init__(self, box: FieldBox) -> None:
        super().__init__(classes="array-item")
        self.box = box

    def compose(self) -> ComposeResult:
        yield self.box
        yield Button("✕", classes="remove-item", compact=True, tooltip="Remove this item (ctrl+r)")


class ArrayBox(FieldBox):
    HINT_FIRST = True
    """An array: a sub-form per item, with add and remove."""

    DEFAULT_CSS = "ArrayBox .array-group, ArrayBox .array-items { height: auto; }"
    BINDINGS = [
        Binding("ctrl+n", "add_item", "Add item", id="form-add-item"),
        Binding("ctrl+r", "remove_item", "Remove item", id="form-remove-item"),
    ]

    def __init__(self, form_field: FormField, value: Any = MISSING, **kwargs: Any) -> None:
        super().__init__(form_field, value, **kwargs)
        self._items: Vertical | None = None
        self._empty: Static | None = None

    @property
    def item_field(self) -> FormField:
        return self.form_field.item or FormField(path=(), name="", kind="json")

    def compose_editor(self) -> ComposeResult:
        values = self.value if isinstance(self.value, list) else []
        with Vertical(classes="array-group"):
            self._items = Vertical(*[self._item(v, i) for i, v in enumerate(values)], classes="array-items")
            yield self._items
            self._empty = Static("(no items)", classes="array-empty")
            self._empty.display = not values
            yield self._empty
            yield Button("+ Add item (ctrl+n)", classes="add-item", compact=True)

    def _item(self, value: Any, index: int) -> ArrayItem:
        box = make_box(self.item_field, value, path=(*self.path, index), ctx=self.ctx, label=f"[{index}]")
        return ArrayItem(box)

    @property
    def items(self) -> list[ArrayItem]:
        return list(self._items.query_children(ArrayItem)) if self._items is not None else []

    async def add_item(self, value: Any = MISSING) -> FieldBox:
        """Append an item (a fresh one starts from the item schema's defaults) and focus it."""
        assert self._items is not None
        if value is MISSING:
            value = seed_value(self.item_field)
        item = self._item(value, len(self.items))
        await self._items.mount(item)
        self._renumber()
        item.box.focus_editor()
        return item.box

    async def remove_item(self, item: ArrayItem) -> None:
        """Remove ``item`` and focus its neighbour (or the add button)."""
        items = self.items
        index = items.index(item)
        await item.remove()
        self._renumber()
        rest = self.items
        if rest:
            rest[min(index, len(rest) - 1)].box.focus_editor()
        else:
            self.query_one(".add-item", Button).focus()

    def _renumber(self) -> None:
        items = self.items
        for index, item in enumerate(items):
            if item.box.label_text != f"[{index}]":
                item.box.relabel(f"[{index}]")
        if self._empty is not None:
            self._empty.display = not items

    @on(Button.Pressed, ".add-item")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        if event.button.parent is not None and event.button.parent.parent is self._editor:
            event.stop()
            await self.add_item()

    @on(Button.Pressed, ".remove-item")
    async def _remove_pressed(self, event: Button.Pressed) -> None:
        item = event.button.parent
        if isinstance(item, ArrayItem) and item.parent is self._items:
            event.stop()
            await self.remove_item(item)

    async def action_add_item(self) -> None:
        await self.add_item()

    async def action_remove_item(self) -> None:
        focused = self.screen.focused
        for item in self.items:
            if focused is not None and (focused is item or item in focused.ancestors):
                await self.remove_item(item)
                return

    def read_value(self, ctx: ReadContext, path: Path) -> Any:
        return [item.box.read(ctx, (*path, index)) for index, item in enumerate(self.items)]

    def boxes(self, path: Path) -> Iterator[tuple[Path, FieldBox]]:
        yield path, self
        if self.is_null:
            return
        for index, item in enumerate(self.items):
            yield from item.box.boxes((*path, index))


_PY_KINDS: list[tuple[type | tuple[type, ...], tuple[str, ...]]] = [
    (bool, ("boolean", "enum", "json")),
    (int, ("integer", "number", "enum", "json")),
    (float, ("number", "enum", "json")),
    (str, ("enum", "string", "json")),
    (dict, ("object", "json")),
    (list, ("array", "json")),
]


def variant_for(form_field: FormField, value: Any) -> int:
    """The index of the union variant that best holds ``value`` (0 when nothing fits)."""
    variants = form_field.variants
    if value is MISSING:
        return 0
    if value is None:
        return next((i for i, v in enumerate(variants) if v.kind == "null" or v.nullable), 0)
    for py_type, kinds in _PY_KINDS:
        if not isinstance(value, py_type):
            continue
        for kind in kinds:
            matches = [i for i, v in enumerate(variants) if v.kind == kind]
            if kind == "enum":
                matches = [i for i in matches if _enum_has(variants[i], value)]
            if kind == "object" and len(matches) > 1 and isinstance(value, dict):
                return max(matches, key=lambda i: _key_overlap(variants[i], value))
            if matches:
                return matches[0]
        break
    return 0


def _enum_has(form_field: FormField, value: Any) -> bool:
    return any(type(c) is type(value) and c == value for c in form_field.enum or [])


def _key_overlap(form_field: FormField, value: dict[str, Any]) -> tuple[int, int, int]:
    """How well an object variant matches ``value``: discriminator constants first, then keys."""
    names = {c.name for c in form_field.children}
    constants = sum(
        1
        for c in form_field.children
        if c.kind == "enum" and c.name in value and len(c.enum or []) == 1 and _enum_has(c, value[c.name])
    )
    required = {c.name for c in form_field.children if c.required}
    return (constants, len(names & set(value)) - len(set(value) - names), -len(required - set(value)))


class UnionBox(FieldBox):
    HINT_FIRST = True
    """One of several shapes: a Select picks the variant, below it that variant's sub-form."""

    DEFAULT_CSS = "UnionBox .union-group { height: auto; }"

    def __init__(self, form_field: FormField, value: Any = MISSING, **kwargs: Any) -> None:
        super().__init__(form_field, value, **kwargs)
        self.active = variant_for(form_field, value)
        self.variant_boxes: dict[int, FieldBox] = {}
        self._select: Select[int] | None = None
        self._group: Vertical | None = None

    def compose_editor(self) -> ComposeResult:
        options = [
            (safe_text(variant.title or variant.summary()), i)
            for i, variant in enumerate(self.form_field.variants)
        ]
        self._select = Select(
            options, value=self.active, allow_blank=False, compact=True, classes="variant-select"
        )
        yield self._select
        self._group = Vertical(classes="union-group")
        with self._group:
            yield self._variant_box(self.active, self.value)

    def _variant_box(self, index: int, value: Any) -> FieldBox:
        variant = self.form_field.variants[index]
        box = make_box(variant, value, path=self.path, ctx=self.ctx, show_head=False)
        self.variant_boxes[index] = box
        return box

    @on(Select.Changed)
    async def _variant_changed(self, event: Select.Changed) -> None:
        if event.select is not self._select or not isinstance(event.value, int):
            return
        event.stop()
        await self.switch_to(event.value)

    async def switch_to(self, index: int) -> None:
        """Show variant ``index`` (its earlier input is kept)."""
        if index == self.active and index in self.variant_boxes:
            return
        self.active = index
        if self._select is not None and self._select.value != index:
            with self._select.prevent(Select.Changed):
                self._select.value = index
        for number, box in self.variant_boxes.items():
            box.display = number == index
        if index not in self.variant_boxes and self._group is not None:
            variant = self.form_field.variants[index]
            await self._group.mount(self._variant_box(index, seed_value(variant)))
        self.set_error(None)

    @property
    def active_box(self) -> FieldBox:
        return self.variant_boxes[self.active]

    def read_value(self, ctx: ReadContext, path: Path) -> Any:
        return self.active_box.read(ctx, path)

    def boxes(self, path: Path) -> Iterator[tuple[Path, FieldBox]]:
        yield path, self
        if self.is_null:
            return
        for sub_path, box in self.active_box.boxes(path):
            if box is not self.active_box:
                yield sub_path, box
