"""Field widgets of the argument form: the :class:`FieldBox` base, the read/build contexts, ``MISSING``.

One box per :class:`~mcptui.core.schema_form.FormField`: a head (label, type, a "null" toggle
for nullable fields), the editor, the description as a muted hint and an error line. A box is
built with its starting value (``MISSING`` = not set) and reads its value back with
:meth:`FieldBox.read`; scalar editors live in ``form_scalars.py``, containers (object, array,
union) in ``form_groups.py``. Typed text
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
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from mcptui.core.sanitize import json_safe
from mcptui.core.schema_form import FormField, Issue, path_text
from mcptui.core.schema_form.model import Path
from mcptui.ui.safe_text import safe_line, safe_text


class _Missing:
    """The "not set" marker (distinct from an explicit ``null``)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


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
    """A value as editable JSON text (control characters escaped: editors show text as is)."""
    return json_safe(json.dumps(value, indent=2, ensure_ascii=False, default=repr))


def is_shown(widget: Widget) -> bool:
    """Is ``widget`` displayed (it and every container up to its screen)? Hidden ones must not take focus."""
    node: Any = widget
    while node is not None and not isinstance(node, Screen):
        if not node.display or not node.visible:
            return False
        node = node.parent
    return True


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
        hint = (
            Static(safe_text(f.description, multiline=True), classes="field-hint")
            if f.description and self.show_head
            else None
        )
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
        return Text.assemble(
            (safe_line(self.label_text), "bold"), (safe_line(f"  {self.form_field.summary()}"), "dim")
        )

    def relabel(self, label: str) -> None:
        """Change the label (array items are renumbered after a removal)."""
        self.label_text = label
        for head in self.query_children(".field-label").results(Static):
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
        self._error.update(safe_text(f"✗ {message}" if message else "", multiline=True))
        self._error.display = bool(message)

    @property
    def error_text(self) -> str:
        """The error shown under the field ("" when valid)."""
        if self._error is None or not self.has_class("-invalid"):
            return ""
        return str(self._error.render()).removeprefix("✗ ")

    def focus_editor(self) -> bool:
        """Focus the first focusable widget of the editor (or the null toggle) that is on screen."""
        for widget in self.query("*"):
            if widget.focusable and is_shown(widget):
                widget.focus()
                return True
        return False

    def show_suggestions(self, choices: list[str]) -> None:
        """List completion values under the field (mounted on first use, hidden when none)."""
        shown = ", ".join(choices[:8]) + (f" … (+{len(choices) - 8})" if len(choices) > 8 else "")
        text = safe_text(f"suggestions: {shown}  (→ accepts the first)")
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
