"""One invalid catalog item must not hide the others: the checks of a page, item by item.

The SDK's typed ``list_tools`` (prompts, resources, templates) refuses a whole page because one
item breaks the schema. Pages are read without the SDK's validation (:func:`send_unvalidated`,
:mod:`catalog_pages`) and checked by :func:`page_checker` with the SDK's own validators, for the
negotiated protocol version, some items at a time; an item that fails is checked on its own,
and the items that pass are kept (:func:`split_items` does it for a whole page). Each item that
fails becomes one record in ``Catalog.invalid``: its kind, name (when it has a string one),
index in the server's list, and the first field the validator named with its message,
sanitized. :func:`describe` turns a record into the one line every front end shows;
:func:`refusal` is the error for calling one.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from mcptui.core.catalog import Catalog
from mcptui.core.errors import TransportError
from mcptui.core.sanitize import sanitize

FIELD_CHARS = 120
MESSAGE_CHARS = 160


@dataclass(frozen=True)
class ListSpec:
    """One of the four catalog lists, as the SDK and the wire name it."""

    kind: str  # the record's kind: tool, prompt, resource, resourceTemplate
    words: str  # how a message names one item
    method: str
    wire_field: str  # the items' key in the result
    sdk_field: str  # the typed result's attribute
    request: str  # mcp.types request class
    result: str  # mcp.types result class
    name_key: str  # what identifies an item besides its name


SPECS: dict[str, ListSpec] = {
    spec.kind: spec
    for spec in (
        ListSpec(
            "tool", "tool", "tools/list", "tools", "tools", "ListToolsRequest", "ListToolsResult", "name"
        ),
        ListSpec(
            "prompt",
            "prompt",
            "prompts/list",
            "prompts",
            "prompts",
            "ListPromptsRequest",
            "ListPromptsResult",
            "name",
        ),
        ListSpec(
            "resource",
            "resource",
            "resources/list",
            "resources",
            "resources",
            "ListResourcesRequest",
            "ListResourcesResult",
            "uri",
        ),
        ListSpec(
            "resourceTemplate",
            "resource template",
            "resources/templates/list",
            "resourceTemplates",
            "resource_templates",
            "ListResourceTemplatesRequest",
            "ListResourceTemplatesResult",
            "uriTemplate",
        ),
    )
}


def first_problem(error: Any, skip: int = 0) -> tuple[str, str]:
    """(field path, message) of a pydantic error's first problem; ``skip`` drops leading loc parts."""
    try:
        first = error.errors(include_url=False, include_input=False)[0]
    except Exception:  # noqa: BLE001 - not a pydantic error after all
        return "", sanitize(str(error))[:MESSAGE_CHARS]
    where = ".".join(str(part) for part in tuple(first.get("loc", ()))[skip:])
    return sanitize(where)[:FIELD_CHARS], sanitize(str(first.get("msg", "")))[:MESSAGE_CHARS]


def invalid_record(spec: ListSpec, item: Any, index: int, error: Any) -> dict[str, Any]:
    """The ``Catalog.invalid`` entry for ``item`` (what the server sent at ``index``)."""
    where, what = first_problem(error, skip=2)  # loc is (list field, 0, ...) for a one-item page
    record: dict[str, Any] = {
        "kind": spec.kind,
        "name": None,
        "index": index,
        "field": where,
        "message": what,
    }
    if isinstance(item, dict):
        if isinstance(item.get("name"), str):
            record["name"] = sanitize(item["name"])[:FIELD_CHARS]
        if spec.name_key != "name" and isinstance(item.get(spec.name_key), str):
            record[spec.name_key] = sanitize(item[spec.name_key])[:FIELD_CHARS]
    else:
        record["field"], record["message"] = "", f"not an object ({type(item).__name__})"
    return record


def page_checker(spec: ListSpec, version: str, raw: dict[str, Any]) -> Any:
    """A function checking some of ``raw``'s items as the SDK checks a page; None when the page
    itself (not an item) is wrong. The function returns the items' typed models, or raises.

    The checks are the SDK's own (``ClientSession.send_request``): the negotiated version's wire
    schema, then the version-free model, with the page's envelope (``nextCursor``, ``_meta``...)
    around the items, a negative ``ttlMs`` floored and a later revision's fields dropped first.
    """
    import mcp.types as types
    from mcp_types import methods

    items = raw.get(spec.wire_field)
    cursor = raw.get("nextCursor")
    if not isinstance(items, list) or not (cursor is None or isinstance(cursor, str)):
        return None
    envelope = {key: value for key, value in raw.items() if key != spec.wire_field}
    ttl = envelope.get("ttlMs")
    if isinstance(ttl, int | float) and not isinstance(ttl, bool) and ttl < 0:
        envelope["ttlMs"] = 0  # as send_request does: a negative cache TTL is floored, not refused
    foreign = _later_revision_fields(spec.method, version)
    model_envelope = {key: value for key, value in envelope.items() if key not in foreign}
    result_type = getattr(types, spec.result)

    def check(page_items: list[Any], typed: bool = True) -> list[Any] | None:
        """The typed items, validated as the SDK would (the wire schema, then the model).

        ``typed=False``: the caller has proven the model's check passes
        (:mod:`catalog_model_check`): the wire check alone, and None; when this version lists
        no wire schema for the method, the model's check runs all the same."""
        try:
            methods.validate_server_result(spec.method, version, {**envelope, spec.wire_field: page_items})
        except KeyError:  # a method this version does not list: the SDK skips it too
            typed = True
        if not typed:
            return None
        page = result_type.model_validate({**model_envelope, spec.wire_field: page_items}, by_name=False)
        return list(getattr(page, spec.sdk_field))

    try:
        check([])
    except Exception:  # noqa: BLE001 - the page's own fields are wrong: not an item problem
        return None
    return check


def _later_revision_fields(method: str, version: str) -> frozenset[str]:
    """Result keys a later protocol revision adds, which the SDK drops before its model check."""
    from mcp.client import session

    later = getattr(session, "_later_revision_fields", None)  # private in mcp 2.3
    return frozenset(later(method, version)) if later is not None else frozenset()


def refuse_page(spec: ListSpec, version: str, raw: Any) -> None:
    """Raise the SDK's own error for a page whose own fields are wrong (what ``list_tools`` raises)."""
    import mcp.types as types
    from mcp_types import methods

    if isinstance(raw, dict):
        raw = dict(raw)
        ttl = raw.get("ttlMs")
        if isinstance(ttl, int | float) and not isinstance(ttl, bool) and ttl < 0:
            raw["ttlMs"] = 0  # floored first, as send_request does
    with contextlib.suppress(KeyError):
        methods.validate_server_result(spec.method, version, raw)
    if isinstance(raw, dict):
        foreign = _later_revision_fields(spec.method, version)
        raw = {key: value for key, value in raw.items() if key not in foreign}
    getattr(types, spec.result).model_validate(raw, by_name=False)
    raise TransportError(f"the server's {spec.method} result is not a valid page")


def split_items(
    spec: ListSpec, version: str, raw: dict[str, Any], start: int
) -> tuple[list[Any], list[dict[str, Any]]] | None:
    """The typed items of a raw page that validate, and a record per item that does not.

    None when the page itself (not an item) is wrong: then the SDK's own error stands.
    """
    check = page_checker(spec, version, raw)
    if check is None:
        return None
    good: list[Any] = []
    bad: list[dict[str, Any]] = []
    for offset, item in enumerate(raw[spec.wire_field]):
        try:
            good.extend(check([item]))
        except Exception as exc:  # noqa: BLE001 - pydantic's ValidationError, or a schema check's
            bad.append(invalid_record(spec, item, start + offset, exc))
    return good, bad


# ---------------------------------------------------------------- the SDK seam (private names)
# mcp 2.3's ClientSession.send_request validates every result against the method's schema before
# it looks at the result type it is given, so no public call returns a refused page, and each
# typed page is a whole typed copy of the list. send_unvalidated (and catalog_pages.absorb_tools,
# the SDK's list_tools bookkeeping) are where mcptui touches the session's private parts; each
# does what the SDK does on its own typed path minus the refusal and the copy.


async def send_unvalidated(client: Any, request: Any) -> Any:
    """``request``'s raw result dict, as ``ClientSession.send_request`` sends it, not validated."""
    session = client.session
    data = request.model_dump(by_alias=True, mode="json", exclude_none=True)
    opts: dict[str, Any] = {}
    session._stamp(data, opts)  # noqa: SLF001 - version headers / 2026 _meta, as send_request adds
    if client.read_timeout_seconds is not None:
        opts["timeout"] = client.read_timeout_seconds
    return await session._dispatcher.send_raw_request(data["method"], data.get("params"), opts)  # noqa: SLF001


# ---------------------------------------------------------------- what front ends show


def describe(record: dict[str, Any]) -> str:
    """One line: ``invalid tool 'broken' (tools[1]) left out: inputSchema.type: Input should be …``."""
    spec = SPECS.get(str(record.get("kind")), SPECS["tool"])
    name = record.get("name") or record.get(spec.name_key)
    named = f" {sanitize(name)!r}" if isinstance(name, str) else ""
    where = f"{spec.wire_field}[{record.get('index')}]"
    return f"invalid {spec.words}{named} ({where}) left out: {reason(record)}"


def reason(record: dict[str, Any]) -> str:
    """``field: message`` (sanitized) of an invalid record."""
    field, message = sanitize(record.get("field") or ""), sanitize(record.get("message") or "invalid")
    return f"{field}: {message}" if field else message


def warning_lines(catalog: Catalog) -> list[str]:
    """Every line a front end warns with for ``catalog``: lists cut short, items left out."""
    return [*catalog.truncated, *(describe(record) for record in catalog.invalid)]


def find_invalid(catalog: Catalog, kind: str, key: str) -> dict[str, Any] | None:
    """The invalid record of the ``kind`` item named (or with URI) ``key``, if any."""
    spec = SPECS[kind]
    wanted = {key, sanitize(key)[:FIELD_CHARS]}  # records hold sanitized names
    for record in catalog.invalid:
        if record.get("kind") == kind and wanted & {record.get("name"), record.get(spec.name_key)}:
            return record
    return None


def refusal(catalog: Catalog, kind: str, key: str) -> TransportError | None:
    """The error for using an item the server defined invalidly (None: it is not one)."""
    record = find_invalid(catalog, kind, key)
    if record is None:
        return None
    spec = SPECS[kind]
    verb = "called" if kind == "tool" else "used"
    return TransportError(
        f"the server's definition of {spec.words} {sanitize(key)!r} is invalid ({reason(record)}); "
        f"it cannot be {verb}",
        hint=f"the server must fix its {spec.method} entry; the other {spec.wire_field} work",
    )
