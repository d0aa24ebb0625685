"""Which tool calls need the user's confirmation before they are sent.

A tool annotated ``destructiveHint: true`` always does. On a server marked ``"cautious":
true`` in its config, so does any tool not annotated ``readOnlyHint: true`` and without a
``destructiveHint`` saying otherwise. Annotations come from the server, so they are only
hints: this is a guard against a slip of the finger, not against a hostile server.
"""

from __future__ import annotations

from typing import Any


def needs_confirmation(tool: dict[str, Any] | None, *, cautious: bool = False) -> bool:
    """True when calling ``tool`` (a wire Tool dict) should be confirmed first."""
    annotations = (tool or {}).get("annotations") or {}
    if not isinstance(annotations, dict):
        annotations = {}
    destructive = annotations.get("destructiveHint")
    if destructive is True:
        return True
    if not cautious:
        return False
    return annotations.get("readOnlyHint") is not True and destructive is None


def why_confirm(tool: dict[str, Any] | None) -> str:
    """A short reason for the confirmation prompt."""
    annotations = (tool or {}).get("annotations") or {}
    if isinstance(annotations, dict) and annotations.get("destructiveHint") is True:
        return "the server marks it destructive"
    return "the server is marked cautious and the tool is not marked read-only"
