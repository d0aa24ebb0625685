"""Marks for catalog items that changed since the last visit (the live catalog vs the cached one).

The session manager computes the diff (``ServerSnapshot.catalog_changes``, a
:class:`~mcptui.core.catalog_diff.CatalogDiff`); this module turns it into a mark per tree item
(``+`` added, ``•`` changed, ``!`` breaking) and the one status line that explains them.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from mcptui.ui.safe_text import safe_text

# diff kind -> catalog tree kind
TREE_KINDS = {"tool": "tool", "prompt": "prompt", "resource": "resource", "resourceTemplate": "template"}
MARKS: dict[str, tuple[str, str]] = {
    "added": ("+", "green"),
    "changed": ("•", "yellow"),
    "breaking": ("!", "bold red"),
}
LEGEND = "+ added · • changed · ! breaking"

Marks = dict[tuple[str, str], str]  # (tree kind, item key) -> added | changed | breaking


def item_marks(diff: Any) -> Marks:
    """The mark of every item still in the catalog that the diff touches (removed ones are gone)."""
    if diff is None:
        return {}
    return {
        (TREE_KINDS[kind], name): mark
        for (kind, name), mark in diff.changed_items().items()
        if kind in TREE_KINDS and mark != "removed"
    }


def marked_label(label: str, kind: str, key: str, marks: Marks) -> Text:
    """The tree label of an item: its (sanitized) label, then its mark if it changed."""
    text = safe_text(label)
    mark = marks.get((kind, key))
    if mark is not None:
        symbol, style = MARKS[mark]
        text.append(f" {symbol}", style=style)
    return text


def changes_line(diff: Any) -> str:
    """``3 changed since last visit (1 breaking), 1 removed · + added · • changed · ! breaking``."""
    if diff is None or not diff.changes:
        return ""
    items = diff.changed_items()
    removed = sum(1 for mark in items.values() if mark == "removed")
    touched = len(items) - removed
    breaking = len({(c.kind, c.name) for c in diff.changes if c.breaking})
    parts = [f"{touched} changed since last visit" if touched else "changes since last visit"]
    if breaking:
        parts[0] += f" ({breaking} breaking)"
    if removed:
        parts.append(f"{removed} removed")
    return f"{', '.join(parts)} · {LEGEND}"
