"""Resource templates (RFC 6570 URI templates): which variables they have, and expanding them.

Built on the SDK's :class:`mcp.shared.uri_template.UriTemplate` (levels 1-3, and the explode
modifier on ``{/var*}``, ``{.var*}``, ``{;var*}``). That parser is made for servers routing URIs
back to handlers, so it refuses some templates that expand fine: a prefix modifier (``{id:3}``),
explode on other operators (``{?list*}``), a repeated variable, two ``{?...}`` expressions,
adjacent variables (``{a}{b}``) and two multi-segment variables (``{+a}/{+b}``). For those the
template is split into its expressions here and each variable is expanded by the SDK on its own;
the modifiers are applied here: ``:N`` keeps a string's first N characters and ``*`` changes
nothing for a string (RFC 6570 §2.4), the only values a form gives.

Which variables must be filled (for the form): those of query and fragment expressions
(``{?q}``, ``{&page}``, ``{#frag}``) may be left out; the others build the URI's path.

Importing the SDK costs ~0.5 s, so it is imported on first use: by then a client has
connected (the CLI) or :func:`mcptui.core.speed.load_sdk` has loaded it (the TUI).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mcptui.core.errors import UsageError

if TYPE_CHECKING:
    from mcp.shared.uri_template import UriTemplate

OPERATORS = "+#./;?&"
OPTIONAL_OPERATORS = ("?", "&", "#")
_EXPRESSION = re.compile(r"\{([^{}]*)\}")
_PREFIX = {"#": "#", ".": ".", "/": "/", ";": ";", "?": "?", "&": "&"}
_SEPARATOR = {".": ".", "/": "/", ";": ";", "?": "&", "&": "&"}
_SDK_EXPLODES = ("/", ".", ";")


@dataclass(frozen=True)
class TemplateVariable:
    """One variable of a URI template: its name, its expression's operator, its modifiers."""

    name: str
    operator: str = ""
    explode: bool = False
    prefix: int | None = None  # ``{name:3}``: at most this many characters

    @property
    def required(self) -> bool:
        return self.operator not in OPTIONAL_OPERATORS


class TemplateError(UsageError):
    """A URI template that cannot be expanded (malformed, or a value of the wrong type)."""


def _sdk_parse(template: str) -> UriTemplate:
    from mcp.shared.uri_template import UriTemplate

    return UriTemplate.parse(template)


def _split_expression(body: str) -> tuple[str, list[TemplateVariable]]:
    operator = body[:1] if body[:1] in OPERATORS else ""
    variables = []
    for spec in body[len(operator) :].split(","):
        spec = spec.strip()
        explode = spec.endswith("*")
        name, _, length = spec.rstrip("*").partition(":")
        prefix = int(length) if length.isdigit() else None
        if name:
            variables.append(TemplateVariable(name.strip(), operator, explode, prefix))
    return operator, variables


def _expressions(template: str) -> list[tuple[str, list[TemplateVariable]]]:
    return [_split_expression(body) for body in _EXPRESSION.findall(template)]


def template_variables(template: str) -> list[TemplateVariable]:
    """The variables of ``template`` in order, each name once (its first use)."""
    seen: dict[str, TemplateVariable] = {}
    for _operator, variables in _expressions(template or ""):
        for variable in variables:
            seen.setdefault(variable.name, variable)
    return list(seen.values())


def _value(value: object) -> str | list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, Sequence | set) and not isinstance(value, bytes | bytearray):
        return [item if isinstance(item, str) else json.dumps(item) for item in value]
    return json.dumps(value)


def _defined(values: Mapping[str, object]) -> dict[str, str | list[str]]:
    out: dict[str, str | list[str]] = {}
    for name, raw in values.items():
        value = _value(raw)
        if value is not None:
            out[name] = value
    return out


def _expand_one(variable: TemplateVariable, value: str | list[str] | None) -> str | None:
    """``variable`` alone, expanded by the SDK, without its operator's leading character.

    The SDK parses it even without a value, so a malformed name raises as it would in a
    template the SDK expands whole.
    """
    star = "*" if variable.explode and variable.operator in _SDK_EXPLODES else ""
    alone = _sdk_parse(f"{{{variable.operator}{variable.name}{star}}}")
    if value is None or (not isinstance(value, str) and not value):
        return None  # undefined (an empty list too, RFC 6570 §2.3)
    if isinstance(value, str) and variable.prefix is not None:
        value = value[: variable.prefix]
    piece = alone.expand({variable.name: value})
    return piece[len(_PREFIX.get(variable.operator, "")) :]


def _expand_by_expression(template: str, values: dict[str, str | list[str]]) -> str:
    def replace(match: re.Match[str]) -> str:
        operator, variables = _split_expression(match.group(1))
        if not variables:
            raise TemplateError(f"URI template {template!r}: empty expression {match.group(0)!r}")
        pieces = [piece for v in variables if (piece := _expand_one(v, values.get(v.name))) is not None]
        if not pieces:
            return ""
        return _PREFIX.get(operator, "") + _SEPARATOR.get(operator, ",").join(pieces)

    return _EXPRESSION.sub(replace, template)


def expand_template(template: str, values: Mapping[str, object]) -> str:
    """``template`` with ``values`` filled in (RFC 6570); a variable without a value is left out.

    ``None`` counts as no value; numbers and booleans are written as JSON (``7``, ``true``).
    Raises :class:`TemplateError` for a malformed template.
    """
    from mcp.shared.uri_template import InvalidUriTemplate

    defined = _defined(values)
    try:
        parsed = _sdk_parse(template)
    except InvalidUriTemplate:
        pass  # valid for expansion but not for matching (see the module docstring), or malformed
    else:
        return parsed.expand(defined)
    if any(brace in _EXPRESSION.sub("", template) for brace in "{}"):
        raise TemplateError(f"URI template {template!r} is malformed: a brace without its pair")
    try:
        return _expand_by_expression(template, defined)
    except InvalidUriTemplate as error:
        raise TemplateError(f"URI template {template!r} is malformed: {error}") from None
