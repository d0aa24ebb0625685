"""Object schemas for things that are not tools, so they reuse the same form and ``key=value`` code.

- a prompt's ``arguments`` list (every argument is a string, some required);
- a resource template's URI variables (RFC 6570: ``{id}``, ``{+path}``, ``{?q,page}``...).
"""

from __future__ import annotations

import re
from typing import Any

_EXPRESSION = re.compile(r"\{([+#./;?&]?)([^{}]+)\}")


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


def template_variables(uri_template: str) -> list[tuple[str, bool]]:
    """``(name, required)`` for each variable of a URI template, in order, without duplicates.

    Variables in query/fragment-style expressions (``{?q}``, ``{&x}``, ``{#frag}``) are optional;
    path-style ones (``{id}``, ``{+path}``, ``{/seg}``...) are required.
    """
    seen: dict[str, bool] = {}
    for operator, body in _EXPRESSION.findall(uri_template or ""):
        for spec in body.split(","):
            name = spec.strip().split(":", 1)[0].rstrip("*").strip()
            if name and name not in seen:
                seen[name] = operator not in ("?", "&", "#")
    return list(seen.items())


def template_schema(uri_template: str) -> dict[str, Any]:
    """A resource template's variables as an object schema of strings."""
    variables = template_variables(uri_template)
    return {
        "type": "object",
        "properties": {name: {"type": "string"} for name, _ in variables},
        "required": [name for name, required in variables if required],
        "additionalProperties": False,
    }
