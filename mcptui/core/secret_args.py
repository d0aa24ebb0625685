"""Arguments that hold secrets: found by schema (``format: password``, ``writeOnly``) or by name.

The name rules are :func:`mcptui.core.redact.is_secret_name` (password, token, secret,
api_key, authorization...). Such values never reach the history file: they are replaced by
:data:`SECRET_MARKER`, and a re-run asks for them again. The form masks them on screen.
"""

from __future__ import annotations

from typing import Any

from .redact import is_secret_name

SECRET_MARKER = "‹secret: not saved›"


def is_secret_property(name: str, schema: Any) -> bool:
    """True when property ``name`` with JSON Schema ``schema`` holds a secret."""
    if isinstance(schema, dict) and (schema.get("format") == "password" or schema.get("writeOnly") is True):
        return True
    return is_secret_name(name)


def secret_argument_names(schema: dict[str, Any] | None, arguments: dict[str, Any] | None = None) -> set[str]:
    """The top-level argument names that are secret, from the schema and the arguments given."""
    properties = (schema or {}).get("properties") or {}
    names = (
        {n for n, s in properties.items() if is_secret_property(n, s)}
        if isinstance(properties, dict)
        else set()
    )
    names |= {n for n in (arguments or {}) if is_secret_name(n)}
    return names


def without_secrets(schema: dict[str, Any] | None, arguments: dict[str, Any]) -> dict[str, Any]:
    """``arguments`` with each secret value replaced by :data:`SECRET_MARKER` (same object if none)."""
    secret = secret_argument_names(schema, arguments) & set(arguments)
    if not secret:
        return arguments
    return {k: (SECRET_MARKER if k in secret else v) for k, v in arguments.items()}


def omitted(arguments: dict[str, Any]) -> list[str]:
    """The argument names whose value was kept out of the history."""
    return [k for k, v in arguments.items() if v == SECRET_MARKER]
