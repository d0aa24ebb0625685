"""The footer: the keys that work in the focused widget, essentials first, so F1 is never cut.

Textual's Footer lists bindings from the focused widget outwards, so on a narrow terminal the
app's own keys (help, palette, quit) fall off the right edge. :class:`KeyFooter` shows the
same active bindings (those a ``check_action`` hides stay hidden: pane keys while typing)
in a fixed order: the essentials first, then the focused widget's, then the rest.

Textual's footer draws no key until the bindings are announced, then recomposes on every
``refresh_bindings`` (a focus change, each snapshot...): 35-45 ms of CPU each time (headless,
load 2.4), which the TUI's cold catalog waited behind. :class:`KeyFooter` composes its keys in
the first frame and recomposes only when the keys it would draw differ from those it drew.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ESSENTIAL_IDS = ("help", "send-call", "send", "leave-field", "cancel-call", "palette", "quit")


class KeyFooter(Footer):
    """A compact footer whose first keys are always the essential ones."""

    _drawn: tuple[tuple[Any, ...], ...] | None = None  # the keys of the last compose

    def _ordered(self) -> list[tuple[Binding, bool, str]]:
        """The keys to draw: (binding, enabled, tooltip), essentials first."""
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding, enabled, tooltip)
        rank = {binding_id: index for index, binding_id in enumerate(ESSENTIAL_IDS)}
        return sorted(first.values(), key=lambda entry: rank.get(entry[0].id or "", len(ESSENTIAL_IDS)))

    def _keys(self, ordered: list[tuple[Binding, bool, str]]) -> tuple[tuple[Any, ...], ...]:
        display = self.app.get_key_display
        return tuple(
            (b.key, display(b), b.description, b.action, enabled, tooltip) for b, enabled, tooltip in ordered
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Recompose only when the keys to draw changed (Textual's footer always does)."""
        if self._drawn is not None and screen is self.screen and self._keys(self._ordered()) == self._drawn:
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        # the keys now, in the first frame: Textual's footer draws none until the bindings are
        # announced, then recomposes; they are the same keys, so then nothing is redone
        ordered = self._ordered()
        self._drawn = self._keys(ordered)
        self.styles.grid_size_columns = len(ordered)
        compact = "-compact" if self.compact else ""  # given now: no restyle of each key at mount
        for binding, enabled, tooltip in ordered:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip or binding.description,
                classes=compact,
            ).data_bind(compact=Footer.compact)
