"""The "changed" demo variant: the demo's catalog with known differences, for catalog diffs.

``python -m mcptui.demo --variant changed`` (or ``mcptui demo --variant changed``) serves the
same demo with its tools/list and prompts/list results rewritten by :class:`ChangedCatalogMiddleware`:

- tool ``write_stderr`` removed (breaking);
- tool ``translate`` added (answered here);
- ``echo`` gains a required input field ``repeat`` (breaking);
- ``show_image``'s ``color`` enum loses ``"yellow"`` (breaking);
- ``get_forecast`` is no longer read-only (``readOnlyHint`` true → false: breaking);
- ``add``'s description changes;
- prompt ``summarize`` gains an optional argument ``audience``.

:data:`EXPECTED_CHANGES` lists them for the tests. The default demo is untouched.
"""

from __future__ import annotations

import copy
from typing import Any

from mcp.server.context import CallNext, ServerRequestContext
from mcp.types import CallToolResult, TextContent

VARIANTS = ("default", "changed")
REMOVED_TOOL = "write_stderr"
ADDED_TOOL: dict[str, Any] = {
    "name": "translate",
    "title": "Translate (pretend)",
    "description": "Pretends to translate a text (added in the changed variant).",
    "inputSchema": {
        "type": "object",
        "properties": {"text": {"type": "string", "title": "Text"}},
        "required": ["text"],
    },
    "annotations": {"readOnlyHint": True, "openWorldHint": False},
}
ADD_DESCRIPTION = "Add two integers (the changed variant says so in other words)."

# (kind, name, path, breaking) of every change the variant makes, as catalog_diff reports them
EXPECTED_CHANGES: list[tuple[str, str, str, bool]] = [
    ("tool", "add", "description", False),
    ("tool", "echo", "inputSchema.properties.repeat", False),
    ("tool", "echo", "inputSchema.required.repeat", True),
    ("tool", "get_forecast", "annotations.readOnlyHint", True),
    ("tool", "show_image", "inputSchema.properties.color.enum", True),
    ("tool", "translate", "", False),
    ("tool", "write_stderr", "", True),
    ("prompt", "summarize", "arguments.audience", False),
]


def change_tool(tool: dict[str, Any]) -> dict[str, Any] | None:
    """The variant's version of one demo tool (None: removed)."""
    name = tool.get("name")
    if name == REMOVED_TOOL:
        return None
    tool = copy.deepcopy(tool)
    schema = tool.get("inputSchema") or {}
    if name == "echo":
        schema.setdefault("properties", {})["repeat"] = {"type": "integer", "title": "Repeat", "minimum": 1}
        schema["required"] = [*schema.get("required", []), "repeat"]
    elif name == "show_image":
        color = schema.get("properties", {}).get("color", {})
        color["enum"] = [v for v in color.get("enum", []) if v != "yellow"]
    elif name == "get_forecast":
        tool.setdefault("annotations", {})["readOnlyHint"] = False
    elif name == "add":
        tool["description"] = ADD_DESCRIPTION
    return tool


def change_prompt(prompt: dict[str, Any]) -> dict[str, Any]:
    if prompt.get("name") != "summarize":
        return prompt
    prompt = copy.deepcopy(prompt)
    audience = {"name": "audience", "description": "Who will read it", "required": False}
    prompt["arguments"] = [*prompt.get("arguments", []), audience]
    return prompt


def _dump(value: Any) -> Any:
    return (
        value.model_dump(by_alias=True, exclude_none=True, mode="json")
        if hasattr(value, "model_dump")
        else value
    )


class ChangedCatalogMiddleware:
    """Rewrite tools/list and prompts/list results into the changed variant's catalog."""

    async def __call__(self, ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> Any:
        params = ctx.params or {}
        if ctx.method == "tools/call" and params.get("name") == ADDED_TOOL["name"]:
            text = str((params.get("arguments") or {}).get("text", ""))
            return CallToolResult(content=[TextContent(type="text", text=f"(translated) {text}")])
        result = await call_next(ctx)
        if ctx.method not in ("tools/list", "prompts/list"):
            return result
        result = _dump(result)
        if not isinstance(result, dict):
            return result
        if ctx.method == "tools/list" and isinstance(result.get("tools"), list):
            tools = [t for t in (change_tool(_dump(t)) for t in result["tools"]) if t is not None]
            result = {**result, "tools": [*tools, copy.deepcopy(ADDED_TOOL)]}
        elif isinstance(result.get("prompts"), list):
            result = {**result, "prompts": [change_prompt(_dump(p)) for p in result["prompts"]]}
        return result
