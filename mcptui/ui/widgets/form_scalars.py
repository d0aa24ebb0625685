"""Scalar field boxes of the argument form: string, number/integer, boolean, enum, null and raw JSON.

Each one renders its editor from the starting value and reads it back; typed text becomes a
value through the core's ``coerce_value`` (see :class:`~mcptui.ui.widgets.form_fields.FieldBox`
for the shared head, hint, null toggle and error line).
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from mcptui.core.schema_form import FormField, coerce_value
from mcptui.core.schema_form.model import Path, show
from mcptui.core.schema_form.values import parse_json
from mcptui.core.secret_args import is_secret_property
from mcptui.ui.safe_text import safe_body, safe_line, safe_text

from .form_fields import MISSING, FieldBox, ReadContext, json_text

MULTILINE_FORMATS = frozenset({"textarea", "multiline", "markdown", "text"})
MULTILINE_MIN_LENGTH = 200  # a maxLength above this suggests a text area


class StringBox(FieldBox):
    """A string: an Input (with completion when offered), or a TextArea for long text.

    A secret (``format: password``, ``writeOnly``, or a secret-looking name) is a masked
    Input; **F3** shows or hides what was typed.
    """

    BINDINGS = [Binding("f3", "toggle_reveal", "Show/hide", id="form-reveal")]

    @property
    def secret(self) -> bool:
        return is_secret_property(self.form_field.name, self.form_field.schema)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_reveal":
            return self.secret
        return True

    def action_toggle_reveal(self) -> None:
        for box in self.query(Input):
            box.password = not box.password

    @property
    def multiline(self) -> bool:
        if self.secret:
            return False
        f = self.form_field
        max_length = f.constraints.get("maxLength")
        long_text = isinstance(max_length, int) and max_length > MULTILINE_MIN_LENGTH
        has_newline = isinstance(self.value, str) and "\n" in self.value
        return (f.format or "").lower() in MULTILINE_FORMATS or long_text or has_newline

    def _initial_text(self) -> str:
        """The editor's first text: a default may come from the server, and editors show text raw."""
        if self.value is MISSING or self.value is None:
            return ""
        return safe_body(self.value if isinstance(self.value, str) else show(self.value))

    def compose_editor(self) -> ComposeResult:
        f = self.form_field
        if self.multiline:
            yield TextArea(self._initial_text(), soft_wrap=True, classes="field-textarea")
            return
        placeholder = safe_line(f.format or ("required" if f.required else "optional"))
        yield Input(
            self._initial_text(),
            placeholder=placeholder,
            suggester=None if self.secret else self.ctx.suggester(self),
            compact=True,
            password=self.secret,
            classes="field-input" + (" secret-input" if self.secret else ""),
        )

    @property
    def text(self) -> str:
        for area in self.query(TextArea):
            return area.text
        for box in self.query(Input):
            return box.value
        return ""

    @on(events.DescendantFocus)
    def _offer_completions(self) -> None:
        """On entering an empty field that offers completion, list what the server suggests."""
        for box in self.query(Input):
            prefetch = getattr(box.suggester, "prefetch", None)
            if prefetch is not None and not box.value:
                self.run_worker(prefetch(""), exclusive=True, group="completion", exit_on_error=False)

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
        options = [
            (safe_text(label), index) for index, (label, _value) in enumerate(self.form_field.options())
        ]
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
            yield Static(safe_text(self.note, multiline=True), classes="field-hint")

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
