"""ArgumentForm: a form generated from a JSON Schema, with a raw JSON mode, validation and completion.

Built on the core model (:mod:`mcptui.core.schema_form`): one box per field (``form_fields.py``,
``form_groups.py``), defaults filled, required fields marked ``*``, descriptions as muted hints.
Keys (binding ids in brackets): Enter in a text box or ``F9`` / ``alt+enter`` anywhere in the
form sends [``send``]; ``f6`` switches between the form and a raw JSON editor holding the same
arguments [``form-toggle-json``] (invalid JSON is reported and nothing is lost); in an array
``ctrl+n`` adds and ``ctrl+r`` removes an item [``form-add-item``, ``form-remove-item``].

Sending validates against the schema first: problems are shown next to their fields and
summed up under the form, and nothing is posted. A valid form posts
:class:`ArgumentForm.Submitted` with the pruned arguments (empty optional fields left out).

``completer(argument_name, value, context) -> list[str]`` (async, optional) offers completions
for top-level string fields: the first match is suggested inline (→ accepts it) and the others
are listed under the field. ``context`` holds the other top-level string arguments already set
(:mod:`.form_completion`). Problems are placed on their fields by :mod:`.form_issues`.
"""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static, TextArea

from mcptui.core.schema_form import FormField, Issue, build_form, prune_empty, validate

from .form_completion import Completer, FormCompletion
from .form_fields import MISSING, BuildContext, FieldBox, ReadContext, json_text
from .form_groups import make_box, seed_value
from .form_issues import show_issues
from .form_scalars import json_text_area

#: Above this many fields a schema is edited as raw JSON only: one widget per field would take
#: seconds and hundreds of MB to build (5,000 properties: ~60 s, 1 GB), and nobody fills them in.
FORM_FIELD_LIMIT = 300


def count_fields(field: FormField, limit: int = FORM_FIELD_LIMIT) -> int:
    """How many fields ``field`` holds (nested ones included); counting stops past ``limit``."""
    count = 0
    stack = [field]
    while stack and count <= limit + 1:
        node = stack.pop()
        count += 1
        stack.extend(node.children)
        stack.extend(node.variants)
        if node.item is not None:
            stack.append(node.item)
    return count - 1  # the root is not a field


class ArgumentForm(Vertical):
    """A form for a tool's (or prompt's, or elicitation's) arguments. See the module docstring."""

    DEFAULT_CSS = """
    ArgumentForm { height: auto; }
    ArgumentForm .form-fields, ArgumentForm .form-buttons, ArgumentForm .form-errors { height: auto; }
    """
    BINDINGS = [
        Binding("f6", "toggle_json", "Raw JSON", id="form-toggle-json", priority=True),
        Binding("f9,alt+enter", "send", "Send", id="send"),
    ]

    class Submitted(Message):
        """The form was sent and is valid: ``arguments`` is ready for the server."""

        def __init__(self, form: ArgumentForm, arguments: dict[str, Any]) -> None:
            super().__init__()
            self.form = form
            self.arguments = arguments

        @property
        def control(self) -> ArgumentForm:
            return self.form

    def __init__(
        self,
        schema: dict[str, Any] | None,
        *,
        values: dict[str, Any] | None = None,
        completer: Completer | None = None,
        send_label: str = "Send",
        show_send_button: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.schema = schema
        self.root_field: FormField = build_form(schema)
        self.completer = completer
        self.completion = FormCompletion(completer, lambda: self._root)  # top-level string fields
        self.send_label = send_label
        self.show_send_button = show_send_button
        self.mode = "form"  # "form" | "json"
        self._initial = self._seed(values, keep_defaults=True)
        wide = count_fields(self.root_field) > FORM_FIELD_LIMIT
        self.field_count = len(self.root_field.children) if wide else None  # set: raw JSON only
        self._root: FieldBox | None = None
        self._fields = Vertical(classes="form-fields")
        self._json = json_text_area("", classes="form-json")
        self._errors = Static("", classes="form-errors")
        self._mode_label = Static("", classes="form-mode")

    # --------------------------------------------------------------- composition

    def compose(self) -> ComposeResult:
        if self.field_count is not None:
            yield from self._compose_json_only()
            return
        with self._fields:
            if self.root_field.kind == "object" and not self.root_field.children:
                yield Static("This takes no arguments.", classes="no-arguments")
            self._root = self._make_root(self._initial)
            yield self._root
        self._json.display = False
        yield self._json
        self._errors.display = False
        yield self._errors
        with Horizontal(classes="form-buttons"):
            if self.show_send_button:
                yield Button(
                    f"{self.send_label} (enter)", variant="primary", compact=True, classes="send-button"
                )
            yield Button("Raw JSON (f6)", compact=True, classes="json-button")
            yield self._mode_label
        self._update_mode_label()

    def _compose_json_only(self) -> ComposeResult:
        """A schema too wide for a form: its size said, the arguments edited as JSON."""
        self.mode = "json"
        yield Static(
            f"This takes {self.field_count:,} fields, too many for a form: "
            "write the arguments as JSON (the schema is in the detail pane).",
            classes="form-too-wide",
        )
        initial = prune_empty(self._initial, self.root_field) if isinstance(self._initial, dict) else {}
        self._json.load_text(json_text(initial))
        yield self._json
        self._errors.display = False
        yield self._errors
        with Horizontal(classes="form-buttons"):
            if self.show_send_button:
                yield Button(
                    f"{self.send_label} (f9)", variant="primary", compact=True, classes="send-button"
                )
            yield Static("raw JSON only", classes="form-mode")

    def _make_root(self, value: Any) -> FieldBox:
        ctx = BuildContext(suggester_for=self.completion.suggester_for if self.completer else None)
        return make_box(self.root_field, value, path=(), ctx=ctx, show_head=False)

    def _seed(self, values: dict[str, Any] | None, *, keep_defaults: bool) -> Any:
        base = seed_value(self.root_field) if keep_defaults else MISSING
        if values is None:
            return base
        if isinstance(base, dict) and isinstance(values, dict):
            return {**base, **values}
        return values

    def _update_mode_label(self) -> None:
        words = "form · f6: raw JSON" if self.mode == "form" else "raw JSON · f6: back to the form"
        self._mode_label.update(words)

    # --------------------------------------------------------------- public API

    @property
    def arguments(self) -> dict[str, Any]:
        """The current arguments, empty optional fields left out (not validated).

        In raw JSON mode: the JSON when it parses as an object, else what the form last held.
        """
        if self.mode == "json":
            try:
                value = json.loads(self._json.text or "{}")
            except ValueError:
                value = None
            if isinstance(value, dict):
                return value
        value, _issues = self._read(strict=False)
        return value if isinstance(value, dict) else {}

    def validate(self) -> list[str]:
        """Check the arguments against the schema, show the problems, and return their messages."""
        _arguments, issues = self._check()
        self._show_issues(issues)
        return [issue.message for issue in issues]

    def submit(self) -> bool:
        """Validate and post :class:`Submitted` when valid (returns whether it was posted)."""
        arguments, issues = self._check()
        self._show_issues(issues, focus=True)
        if issues:
            return False
        self.post_message(self.Submitted(self, arguments))
        return True

    def set_values(self, values: dict[str, Any], *, keep_defaults: bool = True) -> AwaitComplete:
        """Fill the form with ``values``.

        With ``keep_defaults``, top-level fields missing from ``values`` show their default; a value
        given for an object is taken whole. Without it the form holds exactly ``values``.
        """
        seeded = self._seed(values, keep_defaults=keep_defaults)
        if self.mode == "json":
            self._json.load_text(json_text(values))
        return AwaitComplete(self._rebuild(seeded)).call_next(self)

    def focus_first(self) -> bool:
        """Focus the first field (the JSON editor in raw mode); False when there is none."""
        if self.mode == "json":
            self._json.focus()
            return True
        return self._root.focus_editor() if self._root is not None else False

    async def complete(self, argument: str, value: str) -> list[str]:
        """Completion values from the completer ([] when there is none or it fails)."""
        return await self.completion.complete(argument, value)

    # --------------------------------------------------------------- actions and events

    def action_send(self) -> None:
        self.submit()

    async def action_toggle_json(self) -> None:
        """Switch between the form and the raw JSON editor, carrying the arguments across."""
        if self.field_count is not None:
            self.notify(f"{self.field_count:,} fields: too many for a form, raw JSON only")
            return
        if self.mode == "form":
            value, _issues = self._read(strict=False)
            self._json.load_text(json_text(value if isinstance(value, dict) else {}))
            self._show_issues([])
            self.mode = "json"
            self._fields.display = False
            self._json.display = True
            self._json.focus()
        else:
            parsed = self._parse_json()
            if parsed is None:
                return
            await self._rebuild(self._seed(parsed, keep_defaults=False))
            self._show_issues([])
            self.mode = "form"
            self._json.display = False
            self._fields.display = True
            self.focus_first()
        self._update_mode_label()

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    @on(Button.Pressed, ".send-button")
    def _send_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    @on(Button.Pressed, ".json-button")
    async def _json_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_toggle_json()

    @on(TextArea.Changed, ".form-json")
    def _json_edited(self) -> None:
        if self._errors.display:
            self._show_issues([])

    # --------------------------------------------------------------- internals

    async def _rebuild(self, value: Any) -> None:
        if self.field_count is not None:  # raw JSON only: no field widgets, ever
            return
        if self._root is not None:
            await self._root.remove()
        self._root = self._make_root(value)
        await self._fields.mount(self._root)

    def _read(self, *, strict: bool) -> tuple[Any, list[Issue]]:
        ctx = ReadContext(strict=strict)
        if self._root is None:
            initial = prune_empty(self._initial, self.root_field) if isinstance(self._initial, dict) else {}
            return initial, []
        raw = self._root.read(ctx, ())
        value = prune_empty(raw, self.root_field)
        if value is None and self.root_field.kind == "object":
            value = {}
        return value, ctx.issues

    def _show_issues(self, issues: list[Issue], *, focus: bool = False) -> None:
        boxes = list(self._root.boxes(())) if self._root is not None and self.mode == "form" else []
        show_issues(boxes, self._errors, issues, focus=focus)

    def _parse_json(self) -> dict[str, Any] | None:
        """The JSON editor's object, or None after showing why it is not usable."""
        text = self._json.text
        try:
            value = json.loads(text) if text.strip() else {}
        except ValueError as error:
            where = (
                f" at line {error.lineno}, column {error.colno}"
                if isinstance(error, json.JSONDecodeError)
                else ""
            )
            reason = getattr(error, "msg", str(error))
            self._errors.update(Text(f"Invalid JSON ({reason}{where}): fix it, then press f6 again."))
            self._errors.display = True
            return None
        if not isinstance(value, dict):
            self._errors.update(Text('The arguments must be a JSON object: {"name": value, ...}'))
            self._errors.display = True
            return None
        return value

    def _check(self) -> tuple[dict[str, Any], list[Issue]]:
        if self.mode == "json":
            text = self._json.text
            try:
                value = json.loads(text) if text.strip() else {}
            except ValueError as error:
                reason = getattr(error, "msg", str(error))
                where = (
                    f" at line {error.lineno}, column {error.colno}"
                    if isinstance(error, json.JSONDecodeError)
                    else ""
                )
                return {}, [Issue(path=(), message=f"invalid JSON ({reason}{where})", detail="invalid JSON")]
            if not isinstance(value, dict):
                return {}, [
                    Issue(path=(), message="the arguments must be a JSON object", detail="not an object")
                ]
            return value, validate(self.schema, value)
        value, problems = self._read(strict=True)
        bad_paths = {issue.path for issue in problems}
        issues = problems + [issue for issue in validate(self.schema, value) if issue.path not in bad_paths]
        return (value if isinstance(value, dict) else {}), issues
