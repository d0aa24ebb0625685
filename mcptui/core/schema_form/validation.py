"""Check a value against a JSON Schema and word each problem for people.

``jsonschema`` is imported inside :func:`validate` so importing the form model stays cheap (the
CLI imports it on every run). A schema the validator itself cannot handle yields no issues:
the server validates too, and a false alarm would block a legitimate call. A value that plainly
fits a plain schema (:mod:`.plain_check`) is not given to ``jsonschema`` at all.
"""

from __future__ import annotations

import re
from typing import Any

from .model import Issue, Path, path_text, show
from .plain_check import plainly_fits

_ARTICLES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "object": "an object",
    "array": "a list",
    "null": "null",
}
_SIGNS = {"minimum": "≥", "maximum": "≤", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}


def validate(schema: dict[str, Any] | None, value: Any) -> list[Issue]:
    """Every problem with ``value`` under ``schema``, each as ``Issue(path, "where: what")``."""
    if not isinstance(schema, dict) or not schema or plainly_fits(schema, value):
        return []  # plainly_fits: jsonschema would find nothing either (not imported: ~150 M instructions)
    try:
        import jsonschema
        from jsonschema import validators

        cls = validators.validator_for(schema, default=jsonschema.Draft202012Validator)
        validator = cls(schema, format_checker=_format_checker(jsonschema))
        errors = validator.iter_errors(value)
    except Exception:
        return []
    found: dict[Issue, None] = {}  # insertion-ordered set: linear de-duplication
    expanded: set[tuple[Any, ...]] = set()  # objects whose missing fields were listed already
    try:
        for error in errors:
            if error.validator == "required":
                # jsonschema yields one error per missing field; each lists them all once
                where = (tuple(error.absolute_path), id(error.schema))
                if where in expanded:
                    continue
                expanded.add(where)
            for issue in _issues_for(error):
                found.setdefault(issue, None)
    except Exception:
        pass  # the schema broke the validator part-way: keep what was found
    return list(found)


def _format_checker(jsonschema: Any) -> Any:
    """jsonschema's checker plus plain checks for formats whose optional packages are absent."""
    checker = jsonschema.FormatChecker()
    for name, check in (("date-time", _is_date_time), ("uri", _is_uri), ("time", _is_time)):
        if name not in checker.checkers:
            checker.checks(name, raises=ValueError)(check)
    return checker


def _is_date_time(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    from datetime import datetime

    text = value.strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}", text):
        return False
    datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "Zz" else text)
    return True


def _is_time(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    from datetime import time

    text = value.strip()
    time.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "Zz" else text)
    return True


def _is_uri(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$", value) is not None and " " not in value


def _issue(path: Path, detail: str) -> Issue:
    where = path_text(path)
    return Issue(path=path, message=f"{where}: {detail}" if where else detail, detail=detail)


def _issues_for(error: Any) -> list[Issue]:
    path: Path = tuple(error.absolute_path)
    kind, expected, instance = error.validator, error.validator_value, error.instance
    if kind == "required" and isinstance(instance, dict):
        missing = [r for r in expected if isinstance(r, str) and r not in instance]
        return [_issue((*path, name), "required") for name in missing]
    if kind in ("additionalProperties", "unevaluatedProperties") and isinstance(instance, dict):
        extras = _extra_keys(error.schema, instance)
        if extras:
            return [_issue((*path, key), "unknown field") for key in extras]
    if (
        kind in ("dependentRequired", "dependencies")
        and isinstance(instance, dict)
        and isinstance(expected, dict)
    ):
        return [
            _issue((*path, need), f"required when {key} is set")
            for key, needs in expected.items()
            if key in instance and isinstance(needs, list)
            for need in needs
            if isinstance(need, str) and need not in instance
        ] or [_issue(path, _describe(error))]
    if kind in ("anyOf", "oneOf") and error.context:
        return _alternatives(error, path)
    return [_issue(path, _describe(error))]


#: Keywords that bound a count: what the value must do, and what is counted.
_COUNTED = {
    "minLength": ("be at least", "character"),
    "maxLength": ("be at most", "character"),
    "minItems": ("have at least", "item"),
    "maxItems": ("have at most", "item"),
    "minProperties": ("have at least", "field"),
    "maxProperties": ("have at most", "field"),
}


def _describe(error: Any) -> str:
    kind, expected = error.validator, error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "type":
        return f"must be {_type_words(expected)}"
    if kind in _SIGNS:
        sign = _SIGNS[kind]
        if kind in ("minimum", "maximum") and schema.get(f"exclusive{kind.title()}") is True:
            sign = sign.replace("≥", ">").replace("≤", "<")
        return f"must be {sign} {show(expected)}"
    if kind == "multipleOf":
        return f"must be a multiple of {show(expected)}"
    if kind in _COUNTED:
        verb, noun = _COUNTED[kind]
        return f"must {verb} {expected} {noun}{'s' if expected != 1 else ''}"
    if kind == "pattern":
        return f"must match {expected}"
    if kind == "enum":
        return "must be one of: " + ", ".join(show(v) for v in expected)
    if kind == "const":
        return f"must be {show(expected)}"
    if kind == "uniqueItems":
        return "items must be unique"
    if kind == "format":
        return f"must be a valid {expected}"
    if kind == "oneOf":
        return "matches more than one allowed form"
    if kind in ("anyOf", "oneOf"):
        return "does not match any allowed form"
    if kind == "not":
        return "is not allowed here"
    if kind is None or kind == "false":
        return "not allowed"
    message = str(error.message)
    return message if len(message) <= 120 else message[:117] + "..."


def _type_words(expected: Any) -> str:
    names = [expected] if isinstance(expected, str) else [t for t in expected or [] if isinstance(t, str)]
    words = [_ARTICLES.get(t, t) for t in names]
    if len(words) <= 1:
        return words[0] if words else "of another type"
    return ", ".join(words[:-1]) + " or " + words[-1]


def _alternatives(error: Any, path: Path) -> list[Issue]:
    options = error.validator_value if isinstance(error.validator_value, list) else []
    consts = [o["const"] for o in options if isinstance(o, dict) and "const" in o]
    if options and len(consts) == len(options):
        return [_issue(path, "must be one of: " + ", ".join(show(c) for c in consts))]
    types: list[str] = []
    for option in options:
        t = option.get("type") if isinstance(option, dict) else None
        if t is None or any(k not in ("type", "title", "description") for k in option):
            types = []
            break
        types += [t] if isinstance(t, str) else list(t)
    if types:
        return [_issue(path, f"must be {_type_words(list(dict.fromkeys(types)))}")]
    from jsonschema.exceptions import best_match

    context = list(error.context)
    if error.instance is not None:  # "must be null" is rarely the helpful half of Optional[X]
        nulls = {i for i, o in enumerate(options) if isinstance(o, dict) and o.get("type") == "null"}
        context = [e for e in context if not (e.relative_schema_path and e.relative_schema_path[0] in nulls)]
    best = best_match(context) if context else None
    if best is not None:
        return _issues_for(best)
    return [_issue(path, _describe(error))]


def _extra_keys(schema: Any, instance: dict[str, Any]) -> list[str]:
    if not isinstance(schema, dict):
        return []
    props = schema.get("properties")
    props = props if isinstance(props, dict) else {}
    patterns = schema.get("patternProperties")
    patterns = patterns if isinstance(patterns, dict) else {}
    extras = []
    for key in instance:
        if key in props:
            continue
        if any(_search(pattern, key) for pattern in patterns):
            continue
        extras.append(key)
    return extras


def _search(pattern: str, key: str) -> bool:
    try:
        return re.search(pattern, key) is not None
    except re.error:
        return False
