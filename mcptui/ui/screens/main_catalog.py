"""The catalog side of the main screen: the tree, its filter box, the status line over it, and
"go to" an item.

:class:`CatalogSide` is the part of :class:`~mcptui.ui.screens.main_screen.MainScreen` (held as
``catalog_side``) that draws the selected server's catalog (its changes since the last visit
marked), says in the status line whether it is connecting, stale or failed (server text made
inert), filters the tree, and selects an item chosen elsewhere (the go-to palette).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Static

from mcptui.core.events import ConnectionState
from mcptui.core.session_state import ServerSnapshot
from mcptui.ui.catalog_marks import changes_line, item_marks
from mcptui.ui.safe_text import safe_text
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
from mcptui.ui.widgets.filter_input import FilterInput
from mcptui.ui.widgets.server_list import ServerList

if TYPE_CHECKING:
    from mcptui.ui.screens.main_screen import MainScreen


class CatalogSide:
    """The catalog tree, its filter and status line, for the main screen it holds."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.shown_catalog: Any = None  # the catalog object the tree draws

    def show(self, session: ServerSnapshot) -> None:
        """Draw ``session``'s catalog in the tree, with its changes since the last visit marked."""
        self.shown_catalog = session.catalog
        tree = self.screen.query_one(CatalogTree)
        tree.marks = item_marks(session.catalog_changes)
        self.screen.settle(session.catalog)  # (a first catalog after the panes: before its tree and form)
        tree.show_catalog(session.name, session.catalog)

    def show_status(self, session: ServerSnapshot) -> None:
        """The line over the tree: connecting, a stale catalog, an error, or what changed."""
        status = self.screen.query_one("#catalog-status", Static)
        catalog = session.catalog
        early_only = catalog is not None and catalog.prefetched and not catalog.stale and not session.error
        if session.state == ConnectionState.CONNECTING or (
            early_only and session.state == ConnectionState.DISCONNECTED  # the live one starts after it
        ):
            early = " (showing the catalog fetched at launch)" if catalog and catalog.prefetched else ""
            text = "◌ connecting…" + (
                early or (" (showing the cached catalog)" if catalog is not None else "")
            )
        elif catalog is not None and catalog.stale:
            text = f"⚠ stale catalog: {session.error or catalog.error or 'not connected'} · F7 retry"
        elif session.error:
            text = f"✖ {session.error} · F7 retry"
        else:
            text = changes_line(session.catalog_changes)
        status.update(safe_text(text))
        status.set_class(bool(text), "-visible")
        status.set_class(catalog is not None and catalog.stale or bool(session.error), "-problem")

    def filter(self, text: str) -> None:
        """The filter box changed: show only the items matching ``text``."""
        self.screen.query_one(CatalogTree).set_filter(text)

    def filter_submitted(self) -> None:
        """Enter in the filter box: the first match selected, the focus back in the tree."""
        tree = self.screen.query_one(CatalogTree)
        first = tree.first_match()
        if first is not None:
            tree.select_item(first)
        tree.focus()

    def goto(self, item: CatalogItem) -> None:
        """Select ``item``'s server, show it in the tree and the detail pane."""
        screen = self.screen
        screen.select_server(item.server)
        screen.query_one(ServerList).refresh_sessions(list(screen.sessions.values()), item.server)
        tree = screen.query_one(CatalogTree)
        tree.select_item(item)
        box = screen.query_one("#catalog-filter", FilterInput)
        if box.value != tree.filter_text:  # the tree dropped a filter hiding the item: so does the box
            box.value = tree.filter_text
            tree.select_item(item)
        screen.show_item(item)
        tree.focus()
