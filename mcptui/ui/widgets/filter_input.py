"""A filter box that narrows its list in the same frame as the keystroke.

A plain :class:`~textual.widgets.Input` reports a new value with a ``Changed`` message. By the
time a parent handles it, the frame showing the typed character has usually been drawn, and
the narrowed list waits for the next one (~17 ms at 60 fps, half of a keystroke's reaction).
:class:`FilterInput` calls its ``apply`` function from the value's watcher instead, so the
character and the narrowed list are drawn together. ``Changed`` is still posted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Input


class FilterInput(Input):
    """An input whose ``apply(value)`` runs as soon as its value changes."""

    def __init__(self, *, apply: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.apply = apply

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self.apply(value)
