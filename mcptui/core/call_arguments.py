"""What a call of a catalog item takes and sends, shared by the TUI and the CLI.

- :func:`item_schema`: the object schema a tool, prompt or resource template is called with
  (the form model's input; prompts and templates through :mod:`mcptui.core.schema_form.adapters`);
- :func:`prompt_arguments`: values checked against a prompt's declared arguments, as strings;
- :func:`template_uri`: a resource template filled in (:mod:`mcptui.core.uri_templates`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal

from mcptui.core.errors import UsageError
from mcptui.core.schema_form.adapters import prompt_schema, template_schema
from mcptui.core.uri_templates import expand_template, template_variables

ItemKind = Literal["tool", "prompt", "resource", "template"]
EMPTY_SCHEMA: dict[str, Any] = {"type": "object", "properties": {}}


def item_schema(kind: ItemKind, data: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments of a catalog item as an object schema (static resources take none)."""
    if kind == "tool":
        schema = data.get("inputSchema")
        return schema if isinstance(schema, dict) and schema else EMPTY_SCHEMA
    if kind == "prompt":
        arguments = data.get("arguments")
        return prompt_schema(arguments if isinstance(arguments, list) else None)
    if kind == "template":
        return template_schema(str(data.get("uriTemplate") or ""))
    return EMPTY_SCHEMA


def prompt_arguments(prompt: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, str]:
    """``values`` checked against ``prompt``'s arguments: none unknown, none required missing.

    Prompt arguments are strings: any other value is sent as its JSON text.
    """
    schema = item_schema("prompt", prompt)
    declared: dict[str, Any] = schema["properties"]
    unknown = [k for k in values if k not in declared]
    if unknown:
        known = ", ".join(declared) or "none"
        raise UsageError(
            f"prompt {prompt.get('name')!r} has no argument {unknown[0]!r}", hint=f"its arguments: {known}"
        )
    missing = [k for k in schema["required"] if k not in values]
    if missing:
        raise UsageError(
            f"prompt {prompt.get('name')!r} needs {', '.join(missing)}",
            hint=" ".join(f"{k}=..." for k in missing),
        )
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in values.items()}


def template_uri(uri_template: str, values: Mapping[str, Any]) -> str:
    """The URI ``uri_template`` gives with ``values``; every path variable must have one."""
    missing = [v.name for v in template_variables(uri_template) if v.required and values.get(v.name) is None]
    if missing:
        raise UsageError(
            f"resource template {uri_template!r} needs {', '.join(missing)}",
            hint=" ".join(f"{k}=..." for k in missing),
        )
    return expand_template(uri_template, values)
