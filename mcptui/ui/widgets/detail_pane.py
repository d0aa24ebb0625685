"""The selected item: its description, annotations, argument form and result.

Tools get a form from their ``inputSchema``; prompts from their ``arguments`` (all strings);
resource templates from the variables of their URI template (the schemas and the expansion are
the core's, :mod:`mcptui.core.call_arguments`); static resources have no form.
Sending validates the form first, then posts :class:`DetailPane.SendRequested`; the screen
runs the call and reports back through :meth:`call_started`, :meth:`call_progress` and
:meth:`call_finished`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Label, Static

from mcptui.core import call_arguments
from mcptui.core.errors import McpTuiError
from mcptui.core.history import CallKind, CallRecord
from mcptui.ui.safe_text import safe_body, safe_line, safe_text
from mcptui.ui.widgets.catalog_tree import CatalogItem

if TYPE_CHECKING:  # imported when first needed: they pull in Markdown and highlighting
    from mcptui.ui.widgets.argument_form import ArgumentForm, Completer
    from mcptui.ui.widgets.result_view import ResultView

FOLD_LINES = 3  # a description longer than this folds (``i`` shows it all)
FOLD_CHARS = 180


def item_schema(item: CatalogItem) -> dict[str, Any]:
    """The object schema the item's form is built from (:func:`mcptui.core.call_arguments.item_schema`)."""
    return call_arguments.item_schema(item.kind, item.data)


def describe_item(item: CatalogItem) -> Text:
    """Title, description, annotations and other metadata as one block of text."""
    data = item.data
    text = Text()
    kind = {"tool": "tool", "prompt": "prompt", "resource": "resource", "template": "resource template"}[
        item.kind
    ]
    text.append(safe_line(data.get("title") or data.get("name") or item.key), style="bold")
    text.append(f"  {kind}", style="dim")
    if item.kind in ("resource", "template"):
        text.append("\n" + safe_line(item.key), style="underline")
        if data.get("mimeType"):
            text.append("  " + safe_line(data["mimeType"]), style="dim")
    if data.get("description"):
        text.append("\n\n" + safe_body(str(data["description"]).strip()))
    annotations = data.get("annotations") or {}
    if annotations:
        flags = [f"{k}={json.dumps(v)}" for k, v in annotations.items()]
        text.append("\n\nannotations: " + safe_line("  ".join(flags)), style="dim")
    if data.get("outputSchema"):
        text.append("\nstructured output (has an output schema)", style="dim")
    return text


def fold_description(description: str) -> str | None:
    """The first lines of a long description ("…" marks the cut), or None when it is short."""
    text = description.strip()
    lines = text.splitlines()
    if len(lines) <= FOLD_LINES and len(text) <= FOLD_CHARS:
        return None
    shown = "\n".join(lines[:FOLD_LINES])[:FOLD_CHARS].rstrip()
    return f"{shown} … (i: more)"


class DetailPane(Vertical):
    """What the selected item is, and how to call it."""

    HELP = """\
## Item

The selected tool, prompt or resource: its description, annotations and a form generated
from its schema. Fill it in, then **F9** (or **Enter** in the form) sends it; **Esc**
cancels a running call. The result appears below; progress shows while it runs.
Secret fields are masked (**F3** shows or hides them). A tool the server marks destructive
asks for confirmation before it is sent (`confirmDestructive` in settings.json).
"""

    @dataclass
    class SendRequested(Message):
        item: CatalogItem
        kind: CallKind
        name: str
        arguments: dict[str, Any]

    def __init__(self, *, id: str | None = None, timings: bool = True) -> None:  # noqa: A002
        super().__init__(id=id)
        self.timings = timings
        self.item: CatalogItem | None = None
        self.running_call: int | None = None
        self._form: ArgumentForm | None = None
        self._result: ResultView | None = None
        self.foldable = False  # the item's description is long enough to fold
        self.description_expanded = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-top"):
            yield Static("Select a tool, prompt or resource in the catalog.", id="detail-info")
            yield Vertical(id="form-holder")
        with Horizontal(id="call-bar"):
            yield Button("Send  F9", id="send-button", variant="primary", disabled=True)
            yield Button("Cancel  Esc", id="cancel-button", disabled=True)
            yield Label("", id="call-status")
        yield Vertical(id="result-holder")

    def on_mount(self) -> None:
        # the result view (and its Markdown/highlighting imports) comes after the first frame
        self.call_after_refresh(self._mount_result_view)

    def _mount_result_view(self) -> None:
        from mcptui.ui.widgets.result_view import ResultView

        if self._result is None:
            holder = self.query_one("#result-holder", Vertical)
            if not holder.is_attached:
                self.call_after_refresh(self._mount_result_view)
                return
            self._result = ResultView(id="result")
            holder.mount(self._result)

    @property
    def form(self) -> ArgumentForm | None:
        """The form of the current item (None for static resources)."""
        return self._form

    @property
    def result_view(self) -> ResultView:
        if self._result is None:
            self._mount_result_view()
        assert self._result is not None
        return self._result

    def show_item(
        self,
        item: CatalogItem | None,
        values: dict[str, Any] | None = None,
        completer: Completer | None = None,
    ) -> None:
        """Show ``item`` (None clears), with ``values`` prefilled in its form."""
        if item == self.item and values is None:
            return
        if item != self.item and self.running_call is None:
            self._clear_result()  # another item: the last one's result is not this one's
        self.item = item
        holder = self.query_one("#form-holder", Vertical)
        holder.remove_children()
        self._form = None
        self.description_expanded = False
        self._describe()
        self.query_one("#send-button", Button).disabled = item is None
        self.screen.refresh_bindings()  # Send and the description key follow the item shown
        if item is None or item.kind == "resource":
            return
        from mcptui.ui.widgets.argument_form import ArgumentForm

        self._form = ArgumentForm(
            item_schema(item),
            values=values,
            completer=completer if item.kind in ("prompt", "template") else None,
            show_send_button=False,
            classes="argument-form",
        )
        holder.mount(self._form)

    def _clear_result(self) -> None:
        self._status("")
        if self._result is not None:
            self._result.clear()

    def _describe(self) -> None:
        item = self.item
        info = self.query_one("#detail-info", Static)
        if item is None:
            self.foldable = False
            info.update("Select a tool, prompt or resource in the catalog.")
            return
        folded = fold_description(str(item.data.get("description") or ""))
        self.foldable = folded is not None
        if folded is not None and not self.description_expanded:
            item = CatalogItem(item.server, item.kind, item.key, {**item.data, "description": folded})
        info.update(describe_item(item))

    def toggle_description(self) -> None:
        """Show the whole description, or fold it back to its first lines."""
        if self.foldable:
            self.description_expanded = not self.description_expanded
            self._describe()

    def focus_form(self, field_name: str | None = None) -> None:
        """Focus the field ``field_name`` (else the first field) once mounted, else the Send button."""
        self.call_after_refresh(self._focus_first_field, field_name)

    def _focus_first_field(self, field_name: str | None = None) -> None:
        form = self.form
        if field_name is not None and form is not None and form.is_attached:
            from mcptui.ui.widgets.form_fields import FieldBox

            boxes = [b for b in form.query(FieldBox) if tuple(b.path) == (field_name,)]
            if boxes:
                for field_widget in boxes[0].query("Input, TextArea, Select, Switch, Checkbox"):
                    if field_widget.focusable:
                        field_widget.focus()
                        return
        if form is not None and form.is_attached and form.focus_first():
            return  # the first field on screen (never the hidden raw JSON editor)
        self.query_one("#send-button", Button).focus()

    def request_send(self, arguments: dict[str, Any] | None = None) -> None:
        """Send the current item: validate the form (it posts Submitted when valid), or send ``arguments``."""
        item = self.item
        if item is None:
            return
        form = self.form
        if arguments is None and form is not None:
            if not form.submit():
                self._status(Text("✖ fix the highlighted fields", style="red"))
            return
        arguments = arguments or {}
        try:
            if item.kind == "template":
                uri = call_arguments.template_uri(item.key, arguments)
                self.post_message(self.SendRequested(item, "resource", uri, arguments))
            elif item.kind == "resource":
                self.post_message(self.SendRequested(item, "resource", item.key, {}))
            elif item.kind == "prompt":
                prompt_arguments = call_arguments.prompt_arguments(item.data, arguments)
                self.post_message(self.SendRequested(item, "prompt", item.key, dict(prompt_arguments)))
            else:
                self.post_message(self.SendRequested(item, "tool", item.key, arguments))
        except McpTuiError as error:
            self._status(safe_text(f"✖ {error.message}", style="red"))

    def _status(self, text: str | Text) -> None:
        self.query_one("#call-status", Label).update(text)

    def call_started(self, call_id: int, name: str) -> None:
        self.running_call = call_id
        self.query_one("#cancel-button", Button).disabled = False
        self._status(safe_text(f"◌ calling {name}…", style="yellow"))

    def call_progress(self, progress: float, total: float | None, message: str | None) -> None:
        self.result_view.show_progress(progress, total, message)
        share = f"{progress:g}/{total:g}" if total else f"{progress:g}"
        if not total and not progress and message:  # no count to show (a task's status comes so)
            share = ""
        line = " ".join(part for part in ("◌", share, message or "") if part)
        self._status(safe_text(line, style="yellow"))

    def call_finished(self, record: CallRecord) -> None:
        self.running_call = None
        self.query_one("#cancel-button", Button).disabled = True
        elapsed = f"{record.elapsed_ms:.0f} ms" if self.timings and record.elapsed_ms is not None else ""
        suffix = f" · {elapsed}" if elapsed else ""
        view = self.result_view
        if record.cancelled:
            view.show_error(f"{record.name}: cancelled{suffix}")
            self._status(Text(f"cancelled{suffix}", style="yellow"))
            return
        if record.error is not None:
            view.show_error(record.error)
            self._status(Text(f"✖ error{suffix}", style="red"))
            return
        result = record.result or {}
        if record.kind == "tool":
            schema = self.item.data.get("outputSchema") if self.item and self.item.kind == "tool" else None
            view.show_tool_result(result, record.elapsed_ms if self.timings else None, schema)
        elif record.kind == "prompt":
            view.show_prompt_result(result)
        else:
            view.show_resource_contents(result)
        failed = result.get("isError")
        self._status(
            Text(f"{'✖ tool error' if failed else '✔ ok'}{suffix}", style="red" if failed else "green")
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "send-button":
            self.request_send()
        elif event.button.id == "cancel-button":
            self.post_message(self.CancelRequested())

    def on_argument_form_submitted(self, event: ArgumentForm.Submitted) -> None:
        event.stop()
        self.request_send(event.arguments)

    def on_result_view_cancel_requested(self, event: ResultView.CancelRequested) -> None:
        event.stop()
        self.post_message(self.CancelRequested())

    class CancelRequested(Message):
        """The Cancel button was pressed."""
