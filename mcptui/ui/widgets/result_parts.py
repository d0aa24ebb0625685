"""Pieces of the result view with no widget state: the line budget, shape fixes, the schema check.

:class:`LineBudget` shares the rendered lines of one result between its blocks; :func:`as_result`
and :func:`as_list` accept what a buggy server sends instead of a dict or a list;
:func:`schema_check` is the line under structured content saying whether it fits the tool's
output schema.
"""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import Static

from mcptui.ui.safe_text import safe_text
from mcptui.ui.widgets.result_format import MAX_LINES


class LineBudget:
    """Lines left to render for one result, shared by its blocks in order (None = no limit)."""

    def __init__(self, total: int | None) -> None:
        self.remaining = total

    def args(self) -> dict[str, Any]:
        """``max_lines`` for the next block (nothing when unlimited)."""
        return {} if self.remaining is None else {"max_lines": min(MAX_LINES, self.remaining)}

    def spend(self, widget: Widget) -> Widget:
        if self.remaining is not None:
            self.remaining = max(0, self.remaining - int(getattr(widget, "shown_lines", 1)))
        return widget


def as_result(result: Any, key: str) -> dict[str, Any]:
    """A result dict; anything else (a server bug) is kept and shown as one JSON block."""
    if isinstance(result, dict):
        return result
    return {key: [result]}


def as_list(value: Any) -> list[Any]:
    """Content lists as given; a single block (a server bug) becomes a list of one."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def schema_check(structured: Any, output_schema: dict[str, Any], whole: Any = None) -> Static:
    """A line saying whether the structured content matches the output schema.

    A result kept aside is never judged by its cut copy: ``whole`` is core's note on the check
    made on the whole result (core/spill_check.py); without one, a cut copy is "not checked".
    """
    from mcptui.core.spill_whole import cut_texts

    if isinstance(whole, dict):
        if whole.get("checked"):
            line = f"✓ structuredContent matches the outputSchema ({whole.get('note', '')})"
            return Static(safe_text(line), classes="schema-check -ok")
        return Static(
            safe_text(f"output schema {whole.get('note', 'not checked')}"), classes="schema-check -unknown"
        )
    if cut := cut_texts(structured):
        line = f"output schema not checked: structuredContent is cut here ({cut.count} long string(s) kept aside)"
        return Static(safe_text(line), classes="schema-check -unknown")
    try:
        from mcptui.core.schema_form import validate
    except ImportError:  # pragma: no cover - the schema model ships with the package
        return Static("")
    try:
        issues = validate(output_schema, structured)
    except Exception as error:  # a schema the validator cannot read must not break the view
        return Static(safe_text(f"output schema not checked: {error}"), classes="schema-check -unknown")
    if not issues:
        return Static("✓ structuredContent matches the outputSchema", classes="schema-check -ok")
    lines = "\n".join(f"  • {issue}" for issue in issues[:20])
    more = f"\n  … {len(issues) - 20} more" if len(issues) > 20 else ""
    return Static(
        safe_text(f"✗ structuredContent does not match the outputSchema:\n{lines}{more}", multiline=True),
        classes="schema-check -bad",
    )
