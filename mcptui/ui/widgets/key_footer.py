"""The footer: the keys that work in the focused widget, essentials first, so F1 is never cut.

Textual's Footer lists bindings from the focused widget outwards, so on a narrow terminal the
app's own keys (help, palette, quit) fall off the right edge. :class:`KeyFooter` shows the
same active bindings (those a ``check_action`` hides stay hidden: pane keys while typing)
in a fixed order: the essentials first, then the focused widget's, then the rest.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ESSENTIAL_IDS = ("help", "send-call", "send", "leave-field", "cancel-call", "palette", "quit")


class KeyFooter(Footer):
    """A compact footer whose first keys are always the essential ones."""

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        first: dict[str, tuple] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding, enabled, tooltip)
        rank = {binding_id: index for index, binding_id in enumerate(ESSENTIAL_IDS)}
        ordered = sorted(first.values(), key=lambda entry: rank.get(entry[0].id or "", len(ESSENTIAL_IDS)))
        self.styles.grid_size_columns = len(ordered)
        for binding, enabled, tooltip in ordered:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip or binding.description,
            ).data_bind(compact=Footer.compact)
