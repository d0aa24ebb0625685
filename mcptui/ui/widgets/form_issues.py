"""Where an argument form's problems are shown: next to their fields, and summed up under it.

:func:`show_issues` marks each :class:`~mcptui.core.schema_form.Issue` on the box at its path
(or the deepest box holding it; one it cannot place is listed under the form) and writes the
summary line; server text in a message is made inert (``safe_text``).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from mcptui.core.schema_form import Issue
from mcptui.ui.safe_text import safe_text

from .form_fields import FieldBox


def show_issues(
    boxes: list[tuple[Any, FieldBox]], errors: Static, issues: list[Issue], *, focus: bool = False
) -> None:
    """Mark each issue on its box (``boxes``: the form's, path first; [] in raw JSON mode) and
    sum them up in ``errors``; with ``focus``, the first marked field takes the focus."""
    for _path, box in boxes:
        box.set_error(None)
    placed: dict[int, tuple[FieldBox, list[str]]] = {}
    unplaced: list[str] = []
    for issue in issues:
        target = box_for(boxes, issue.path)
        if target is None:
            unplaced.append(issue.message)
            continue
        box, exact = target
        placed.setdefault(id(box), (box, []))[1].append(
            issue.detail or issue.message if exact else issue.message
        )
    for box, messages in placed.values():
        box.set_error("; ".join(messages))
    errors.display = bool(issues)
    if not issues:
        errors.update("")
    else:
        count = f"{len(issues)} problem{'s' if len(issues) != 1 else ''}"
        lines = [f"✗ {count}: fix before sending"] + [f"  • {message}" for message in unplaced]
        if placed:
            lines.append("  (see the marked fields)")
        errors.update(safe_text("\n".join(lines), multiline=True))
    if focus and placed:
        first = next(box for _path, box in boxes if id(box) in placed)
        first.focus_editor()


def box_for(boxes: list[tuple[Any, FieldBox]], path: tuple[Any, ...]) -> tuple[FieldBox, bool] | None:
    """The box at ``path`` (exact), else the deepest box holding it; never the root."""
    best: tuple[FieldBox, bool] | None = None
    best_len = 0
    for box_path, box in boxes:
        if not box_path:
            continue
        if box_path == path:
            return box, True
        if len(box_path) > best_len and path[: len(box_path)] == box_path:
            best, best_len = (box, False), len(box_path)
    return best
