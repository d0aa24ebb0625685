"""How the main screen fits a small terminal (80×24 over SSH) and which keys work where.

* Below :data:`NARROW` columns the sidebar (servers, filter, catalog) collapses while the focus
  is elsewhere and comes back as soon as a sidebar key (``s``, ``t``, ``/``) lands in it;
  F3 shows or hides it at any size.
* Below :data:`SHORT` rows the header goes and the console starts hidden (F4 or ``c`` shows it),
  so the item's first fields, Send and a result line fit.
* Single-letter pane keys work wherever no text is being typed, and nowhere else (they are not
  offered in the footer while typing); Esc always leaves a text field for its pane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from textual.widget import Widget

    from mcptui.ui.screens.main_screen import MainScreen

NARROW = 100
SHORT = 30
SIDEBAR = "#sidebar"
# actions bound to a printable key: they would type into a text field, so they are off there
LETTER_ACTIONS = ("focus_pane", "goto", "toggle_description")


def typing_in(widget: Widget | None) -> bool:
    """Is ``widget`` a place where printable keys type text?"""
    return isinstance(widget, (Input, TextArea)) and not getattr(widget, "read_only", False)


class LayoutPolicy:
    """Sidebar collapse, short-screen layout and typing-aware keys, for the main screen it holds."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.sidebar_pinned: bool | None = None  # F3's choice; None: automatic (by width)
        self._was_short: bool | None = None

    @property
    def narrow(self) -> bool:
        return self.screen.size.width < NARROW

    @property
    def typing(self) -> bool:
        return typing_in(self.screen.focused)

    def _in_sidebar(self, widget: Widget | None) -> bool:
        sidebar = self.screen.query_one(SIDEBAR)
        while widget is not None:
            if widget is sidebar:
                return True
            widget = widget.parent  # type: ignore[assignment]
        return False

    def update(self) -> None:
        """Apply the size classes and the sidebar's visibility for the current focus."""
        screen = self.screen
        short = screen.size.height < SHORT
        screen.set_class(self.narrow, "-narrow")
        screen.set_class(short, "-short")
        if screen.panes.ready and short != self._was_short:
            self._was_short = short
            screen.query_one("#console").display = not short
        sidebar = screen.query_one(SIDEBAR)
        pinned = self.sidebar_pinned
        wanted = not self.narrow if pinned is None else pinned
        # nothing else to show yet, or the focus is in it: never hide what holds the focus
        sidebar.display = wanted or not screen.panes.ready or self._in_sidebar(screen.focused)

    def toggle_sidebar(self) -> None:
        screen = self.screen
        sidebar = screen.query_one(SIDEBAR)
        showing = bool(sidebar.display)
        self.sidebar_pinned = not showing
        if showing and self._in_sidebar(screen.focused) and screen.panes.ready:
            self.leave_sidebar()
        self.update()

    def leave_sidebar(self) -> None:
        """Move the focus out of the sidebar (to the item's form, else its Send button)."""
        from mcptui.ui.widgets.detail_pane import DetailPane

        self.screen.query_one(DetailPane).focus_form()
        self.screen.set_focus(None)

    def letter_key_allowed(self, action: str) -> bool:
        """False for a printable-key action while a text field has the focus (hidden, not run)."""
        return not (action in LETTER_ACTIONS and self.typing)

    def leave_field(self) -> bool:
        """Esc in a text field: focus its pane (the list of a filter box, the item's Send button)."""
        screen = self.screen
        focused = screen.focused
        if not typing_in(focused):
            return False
        assert focused is not None
        if focused.id == "catalog-filter":
            screen.set_focus(screen.query_one("#catalog"))
        elif focused.id == "console-filter":
            screen.set_focus(screen.query_one("ConsoleView"))
        else:
            screen.set_focus(screen.query_one("#send-button"))
        return True
