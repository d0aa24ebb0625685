"""Field widgets of the argument form: the :class:`FieldBox` base and the scalar editors.

One box per :class:`~mcptui.core.schema_form.FormField`: a head (label, type, a "null" toggle
for nullable fields), the editor, the description as a muted hint and an error line. A box is
built with its starting value (``MISSING`` = not set) and reads its value back with
:meth:`FieldBox.read`; containers (object, array, union) live in ``form_groups.py``. Typed text
is turned into values by the core's ``coerce_value``; in strict mode a bad entry is recorded as
an :class:`~mcptui.core.schema_form.Issue`, in lenient mode (switching to raw JSON) the text
itself is kept so nothing typed is lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from mcptui.core.schema_form import FormField, Issue, coerce_value, path_text
from mcptui.core.schema_form.model import Path, show
from mcptui.core.schema_form.values import parse_json


class _Missing:
    """The "not set" marker (distinct from an explicit ``null``)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()
MULTILINE_FORMATS = frozenset({"textarea", "multiline", "markdown", "text"})
MULTILINE_MIN_LENGTH = 200  # a maxLength above this suggests a text area


@dataclass
class ReadContext:
    """How to read values: ``strict`` records bad entries as issues; lenient keeps the raw text."""

    strict: bool = True
    issues: list[Issue] = field(default_factory=list)

    def problem(self, path: Path, detail: str) -> None:
        where = path_text(path)
        self.issues.append(Issue(path=path, message=f"{where}: {detail}" if where else detail, detail=detail))


@dataclass
class BuildContext:
    """What every box needs when it is built: how to get a completion suggester for a field."""

    suggester_for: Any = None  # Callable[[FieldBox], Suggester | None] | None

    def suggester(self, box: FieldBox) -> Suggester | None:
        return self.suggester_for(box) if self.suggester_for else None


def json_text(value: Any) -> str:
    """A value as editable JSON text."""
    return json.dumps(value, indent=2, ensure_ascii=False, default=repr)


class FieldBox(Vertical):
    """One form field: head, editor, hint, error. Subclasses implement the editor and ``read_value``."""

    DEFAULT_CSS = """
    FieldBox { height: auto; }
    FieldBox .field-head, FieldBox .field-editor, FieldBox .bool-row { height: auto; }
    FieldBox .field-head > Static { width: auto; }
    """
    HINT_FIRST = False  # containers show their description above their group

    def __init__(
        self,
        form_field: FormField,
        value: Any = MISSING,
        *,
        path: Path = (),
        ctx: BuildContext | None = None,
        label: str | None = None,
        show_head: bool = True,
    ) -> None:
        super().__init__(classes=f"field-box kind-{form_field.kind}")
        self.form_field = form_field
        self.value = value
        self.path = path
        self.ctx = ctx or BuildContext()
        self.label_text = form_field.label() if label is None else label
        self.show_head = show_head
        self.is_null = form_field.nullable and value is None and form_field.kind != "null"
        self._null_box: Checkbox | None = None
        self._editor: Vertical | None = None
        self._error: Static | None = None
        self._suggestions: Static | None = None

    # --------------------------------------------------------------- composition

    def compose(self) -> ComposeResult:
        f = self.form_field
        if self.show_head:
            label = Static(self._head_text(), classes="field-label" + (" -required" if f.required else ""))
            if f.nullable and f.kind != "null":
                self._null_box = Checkbox("null", self.is_null, compact=True, classes="null-toggle")
                with Horizontal(classes="field-head"):
                    yield label
                    yield self._null_box
            else:
                yield label
        hint = Static(Text(f.description), classes="field-hint") if f.description and self.show_head else None
        if hint is not None and self.HINT_FIRST:
            yield hint
        self._editor = Vertical(classes="field-editor")
        self._editor.disabled = self.is_null
        with self._editor:
            yield from self.compose_editor()
        if hint is not None and not self.HINT_FIRST:
            yield hint

    def compose_editor(self) -> ComposeResult:
        yield from ()

    def _head_text(self) -> Text:
        return Text.assemble((self.label_text, "bold"), (f"  {self.form_field.summary()}", "dim"))

    def relabel(self, label: str) -> None:
        """Change the label (array items are renumbered after a removal)."""
        self.label_text = label
        for head in self.query_children(".field-label"):
            head.update(self._head_text())
        for row in self.query_children(".field-head"):
            row.query_one(".field-label", Static).update(self._head_text())

    # --------------------------------------------------------------- values

    def read(self, ctx: ReadContext, path: Path) -> Any:
        """This field's value (``None`` when null or not set)."""
        if self.is_null:
            return None
        return self.read_value(ctx, path)

    def read_value(self, ctx: ReadContext, path: Path) -> Any:
        return None

    def boxes(self, path: Path) -> Iterator[tuple[Path, FieldBox]]:
        """This box and every box inside it, each with its current path."""
        yield path, self

    # --------------------------------------------------------------- errors and focus

    def set_error(self, message: str | None) -> None:
        """Show ``message`` under the field (None clears it); the error line is mounted on first use."""
        self.set_class(bool(message), "-invalid")
        if self._error is None:
            if not message:
                return
            self._error = Static(classes="field-error")
            self.mount(self._error)
        self._error.update(Text(f"✗ {message}" if message else ""))
        self._error.display = bool(message)

    @property
    def error_text(self) -> str:
        """The error shown under the field ("" when valid)."""
        if self._error is None or not self.has_class("-invalid"):
            return ""
        return str(self._error.render()).removeprefix("✗ ")

    def focus_editor(self) -> bool:
        """Focus the first focusable widget of the editor (or the null toggle)."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return True
        return False

    def show_suggestions(self, choices: list[str]) -> None:
        """List completion values under the field (mounted on first use, hidden when none)."""
        shown = ", ".join(choices[:8]) + (f" … (+{len(choices) - 8})" if len(choices) > 8 else "")
        text = Text(f"suggestions: {shown}  (→ accepts the first)")
        if self._suggestions is None:
            if not choices:
                return
            self._suggestions = Static(text, classes="field-suggestions")
            self.mount(self._suggestions, after=self._editor)
        self._suggestions.update(text)
        self._suggestions.display = bool(choices)

    @on(Checkbox.Changed)
    def _null_toggled(self, event: Checkbox.Changed) -> None:
        if event.checkbox is not self._null_box:
            return
        event.stop()
        self.is_null = event.value
        if self._editor is not None:
            self._editor.disabled = event.value
        self.set_error(None)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _edited(self) -> None:
        if self.has_class("-invalid"):
            self.set_error(None)


class StringBox(FieldBox):
    """A string: an Input (with completion when offered), or a TextArea for long text."""

    @property
    def multiline(self) -> bool:
        f = self.form_field
        max_length = f.constraints.get("maxLength")
        long_text = isinstance(max_length, int) and max_length > MULTILINE_MIN_LENGTH
        has_newline = isinstance(self.value, str) and "\n" in self.value
        return (f.format or "").lower() in MULTILINE_FORMATS or long_text or has_newline

    def _initial_text(self) -> str:
        if self.value is MISSING or self.value is None:
            return ""
        return self.value if isinstance(self.value, str) else show(self.value)

    def compose_editor(self) -> ComposeResult:
        f = self.form_field
        if self.multiline:
            yield TextArea(self._initial_text(), soft_wrap=True, classes="field-textarea")
            return
        placeholder = f.format or ("required" if f.required else "optional")
        yield Input(
            self._initial_text(),
            placeholder=placeholder,
            suggester=self.ctx.suggester(self),
            compact=True,
            classes="field-input",
        )

    @property
    def text(self) -> str:
        for area in self.query(TextArea):
            return area.text
        for box in self.query(Input):
            return box.value
        return ""

    def read_value(self, ctx: ReadContext, path: Path) -> Any:
        text = self.text
        if text == "" and self.form_field.required:
            return None  # reported as "required" rather than sent as ""
        return text


class NumberBox(FieldBox):
    """A number or an integer: an Input restricted to numeric text."""

    def compose_editor(self) -> ComposeResult:
        f = self.form_field
        text = "" if self.value is MISSING or self.value is None else show(self.value)
        yield Input(
            text,
            type="integer" if f.kind == "integer" else "number",
            placeholder=f.kind,
            valid_empty=True,
            compact=True,
            classes="field-input",
        )

    def read_value(self, ctx: ReadContext, path: Path) -> Any:
        text = self.query_one(Input).value
        if text.strip() == "":
            return None
        try:
            return coerce_value(self.form_field, text)
        except ValueError as error:
            if ctx.strict:
                ctx.problem(path, str(error))
                return None
            return text


class BooleanBox(FieldBox):
    """A boolean: a checkbox, plus the state in words ("not set" until touched, when optional)."""

    def __init__(self, form_field: FormField, value: Any = MISSING, **kwargs: Any) -> None:
        super().__init__(form_field, value, **kwargs)
        if isinstance(value, bool):
            self.state: bool | None = value
        else:
            self.state = False if form_field.required else None

    def compose_editor(self) -> ComposeResult:
        yield Checkbox(self._state_words(), bool(self.state), compact=True, classes="field-bool")

    def _state_words(self) -> str:
        return "not set" if self.state is None else ("true" if self.state else "false")

    @on(Checkbox.Changed, ".field-bool")
    def _switched(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.set_error(None)
        self.state = event.value
        event.checkbox.label = self._state_words()

    def read_value(self, ctx: ReadContext, path: Path) -> Any:
        return self.state


class EnumBox(FieldBox):
    """One of a list of values: a Select (blank = not set)."""

    def compose_editor(self) -> ComposeResult:
        options = [(label, index) for index, (label, _value) in enumerate(self.form_field.options())]
        selected = self._index_of(self.value)
        yield Select(
            options,
            prompt="(choose)" if not self.form_field.required else "(choose — required)",
            allow_blank=True,
            value=selected if selected is not None else Select.NULL,
            compact=True,
            classes="field-select",
        )

    def _index_of(self, value: Any) -> int | None:
        if value is MISSING or value is None:
            return None
        for index, candidate in enumerate(self.form_field.enum or []):
            if type(candidate) is type(value) and candidate == value:
                return index
        for index, candidate in enumerate(self.form_field.enum or []):
            if show(candidate) == show(value):
                return index
        return None

    def read_value(self, ctx: ReadContext, path: Path) -> Any:
        selected = self.query_one(Select).value
        if selected is Select.NULL or not isinstance(selected, int):
            return None
        return (self.form_field.enum or [])[selected]


class NullBox(FieldBox):
    """A field whose only allowed value is null."""

    def compose_editor(self) -> ComposeResult:
        yield Static("null", classes="null-value")

    def read_value(self, ctx: ReadContext, path: Path) -> Any:
        return None


class JsonBox(FieldBox):
    """Anything the form cannot model (free-form objects, tuples...): a TextArea holding JSON."""

    def __init__(
        self, form_field: FormField, value: Any = MISSING, *, note: str | None = None, **kwargs: Any
    ):
        super().__init__(form_field, value, **kwargs)
        self.note = note

    def compose_editor(self) -> ComposeResult:
        text = (
            ""
            if self.value is MISSING or (self.value is None and not self.is_null)
            else json_text(self.value)
        )
        yield json_text_area(text, classes="field-textarea field-json")
        if self.note:
            yield Static(Text(self.note), classes="field-hint")

    def read_value(self, ctx: ReadContext, path: Path) -> Any:
        text = self.query_one(TextArea).text
        if text.strip() == "":
            return None
        try:
            if self.form_field.kind != "json":  # a value that did not fit its field: plain JSON
                return parse_json(text)
            return coerce_value(self.form_field, text)
        except ValueError as error:
            if ctx.strict:
                ctx.problem(path, str(error))
                return None
            return text


def json_text_area(text: str, *, classes: str = "") -> TextArea:
    """A TextArea for JSON (syntax highlighting when tree-sitter's JSON grammar is installed)."""
    area = TextArea(text, soft_wrap=False, tab_behavior="indent", show_line_numbers=False, classes=classes)
    try:
        if "json" in area.available_languages:
            area.language = "json"
    except Exception:  # highlighting is a nicety; never fail the form over it
        pass
    return area


def focusable_descendant(widget: Widget) -> Widget | None:
    """The first focusable widget inside ``widget``."""
    return next((w for w in widget.query("*") if w.focusable), None)
