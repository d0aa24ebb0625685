"""Completion for an argument form's top-level string fields (the server's completion/complete).

:class:`FormCompletion` is the part of :class:`~mcptui.ui.widgets.argument_form.ArgumentForm`
that asks its ``completer(argument_name, value, context)`` for values, with the other top-level
string arguments already set as ``context``; :class:`CompletionSuggester` puts the first match
inline in the field (→ accepts it) and lists the others under it. Values come from the server:
they are made inert before they are shown.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.suggester import Suggester

from mcptui.ui.safe_text import safe_body

from .form_fields import FieldBox, ReadContext
from .form_groups import ObjectBox
from .form_scalars import StringBox

Completer = Callable[[str, str, dict[str, str]], Awaitable[list[str]]]


class CompletionSuggester(Suggester):
    """Asks the form's completer for values of one top-level string field."""

    def __init__(self, completion: FormCompletion, box: FieldBox) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.completion = completion
        self.box = box

    async def get_suggestion(self, value: str) -> str | None:
        choices = await self.prefetch(value)
        return next((choice for choice in choices if choice.startswith(value) and choice != value), None)

    async def prefetch(self, value: str) -> list[str]:
        """Ask for completions of ``value`` and list them under the field."""
        # completion values come from the server: shown in the Input, so made inert first
        choices = [
            safe_body(choice) for choice in await self.completion.complete(self.box.form_field.name, value)
        ]
        self.box.show_suggestions(choices)
        return choices


class FormCompletion:
    """Asks a form's completer for the values of its top-level string fields."""

    def __init__(self, completer: Completer | None, root: Callable[[], Any]) -> None:
        self.completer = completer
        self.root = root  # the form's root box (None while it has none)

    async def complete(self, argument: str, value: str) -> list[str]:
        """Completion values from the completer ([] when there is none or it fails)."""
        if self.completer is None:
            return []
        context = self.context(argument)
        try:
            choices = await self.completer(argument, value, context)
        except Exception:  # a server without completion support must not break typing
            return []
        return [str(choice) for choice in choices or []]

    def suggester_for(self, box: FieldBox) -> Suggester | None:
        """A top-level string field's suggester (None for any other field)."""
        if isinstance(box, StringBox) and len(box.path) == 1:
            return CompletionSuggester(self, box)
        return None

    def context(self, argument: str) -> dict[str, str]:
        """The other top-level string arguments already set (for the completer)."""
        root = self.root()
        if not isinstance(root, ObjectBox):
            return {}
        context: dict[str, str] = {}
        for box in root.children_boxes:
            name = box.form_field.name
            if name == argument:
                continue
            value = box.read(ReadContext(strict=False), (name,))
            if isinstance(value, str) and value:
                context[name] = value
        return context
