"""Object schemas for things that are not tools, so they reuse the same form and ``key=value`` code.

The one place a prompt's arguments or a resource template's variables become a form model,
for the TUI's detail pane and the CLI's ``prompt`` command alike:

- a prompt's ``arguments`` list (every argument is a string, some required);
- a resource template's URI variables (RFC 6570: ``{id}``, ``{+path}``, ``{?q,page}``...;
  parsed by :mod:`mcptui.core.uri_templates`): query and fragment variables are optional.
"""

from __future__ import annotations

from typing import Any

from mcptui.core.uri_templates import template_variables


def prompt_schema(arguments: list[dict[str, Any]] | None) -> dict[str, Any]:
    """``prompts/list`` arguments → an object schema of strings (undeclared keys not allowed)."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for argument in arguments or []:
        name = argument.get("name") if isinstance(argument, dict) else None
        if not isinstance(name, str) or not name or name in properties:
            continue
        prop: dict[str, Any] = {"type": "string"}
        for key in ("title", "description"):
            if isinstance(argument.get(key), str):
                prop[key] = argument[key]
        properties[name] = prop
        if argument.get("required") is True:
            required.append(name)
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def template_schema(uri_template: str) -> dict[str, Any]:
    """A resource template's variables as an object schema of strings."""
    variables = template_variables(uri_template)
    return {
        "type": "object",
        "properties": {v.name: {"type": "string"} for v in variables},
        "required": [v.name for v in variables if v.required],
        "additionalProperties": False,
    }
