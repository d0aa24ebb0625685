"""The SDK's output-schema check of a tool's result, without ``jsonschema`` when plainly passed.

``ClientSession.call_tool`` (mcp/client/session.py) runs ``validate_tool_result`` on every
successful ``CallToolResult``: for a tool with an ``outputSchema`` it imports ``jsonschema`` and
``referencing``, checks the schema against its meta-schema (``check_schema``), compiles a
validator and runs it on ``structuredContent`` (the spec: clients SHOULD validate structured
results against the output schema). In a cold ``mcptui call`` that import alone is ~150 M
instructions (with ``rpds``, ``attrs`` and jsonschema's format checks), most of the call's cost
above ``list``.

:func:`install` wraps the method: when the session knows the tool's schema and the structured
content *plainly fits* it with the schema wholly understood
(:func:`mcptui.core.schema_form.plain_check.plainly_fits` with ``whole=True``: every subschema
understood and well formed, so ``check_schema`` passes too, and the value fits under draft
2020-12, the SDK's default), the result is accepted as the SDK would have accepted it. Every
other case (no schema known yet, so the SDK lists the tools; no structured content; a schema
or value not understood; a value that does not fit) runs the SDK's own method unchanged, with
its own errors and messages. Validation is never weakened: the shortcut only ever skips a check
that would have passed.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any


def install() -> None:
    """Wrap ``ClientSession.validate_tool_result`` (once)."""
    session_class: Any = importlib.import_module("mcp.client.session").ClientSession
    original = session_class.validate_tool_result
    if getattr(original, "mcptui_plain", False):
        return

    @functools.wraps(original)
    async def validate_tool_result(self: Any, name: str, result: Any) -> None:
        schemas = getattr(self, "_tool_output_schemas", None)
        if isinstance(schemas, dict) and plainly_passes(schemas.get(name), result):
            return
        await original(self, name, result)

    validate_tool_result.mcptui_plain = True  # type: ignore[attr-defined]
    session_class.validate_tool_result = validate_tool_result


def plainly_passes(schema: Any, result: Any) -> bool:
    """True when the SDK's check of ``result`` against ``schema`` certainly passes."""
    if not isinstance(schema, dict):
        return False  # no schema (the SDK has nothing to check) or not known: the SDK's way
    structured = getattr(result, "structured_content", None)
    if structured is None:
        return False
    from mcptui.core.schema_form.plain_check import plainly_fits  # not before a call: `list` needs none

    return plainly_fits(schema, structured, whole=True)
