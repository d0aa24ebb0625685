"""Stand-ins used only while the real ArgumentForm / ResultView modules are absent.

Same public surface as the real widgets (``ArgumentForm.Submitted``, ``.arguments``,
``.validate()``; ``ResultView.show_*``) but a raw JSON editor and a plain JSON view.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.widgets import Static, TextArea


class ArgumentForm(TextArea):
    """Arguments as raw JSON."""

    @dataclass
    class Submitted(Message):
        arguments: dict[str, Any]

    def __init__(
        self, schema: dict[str, Any], *, values: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(json.dumps(values or {}, indent=2), language=None, **kwargs)
        self.schema = schema

    @property
    def arguments(self) -> dict[str, Any]:
        try:
            value = json.loads(self.text or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def validate(self) -> list[str]:
        try:
            value = json.loads(self.text or "{}")
        except ValueError as error:
            return [f"not valid JSON: {error}"]
        return [] if isinstance(value, dict) else ["arguments must be a JSON object"]


class ResultView(Static):
    """Results as pretty JSON."""

    def show_tool_result(self, result: dict[str, Any], elapsed_ms: float | None = None) -> None:
        self.update(json.dumps(result, indent=2))

    def show_prompt_result(self, result: dict[str, Any], elapsed_ms: float | None = None) -> None:
        self.update(json.dumps(result, indent=2))

    def show_resource_contents(self, result: dict[str, Any], elapsed_ms: float | None = None) -> None:
        self.update(json.dumps(result, indent=2))

    def show_error(self, message: str) -> None:
        self.update(f"Error: {message}")

    def show_progress(self, progress: float, total: float | None, message: str | None) -> None:
        self.update(f"{progress}/{total} {message or ''}")
