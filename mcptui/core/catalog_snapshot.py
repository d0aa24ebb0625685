"""A catalog snapshot: one server's whole offer as a versioned, stable JSON document.

``mcptui snapshot TARGET > file.json`` writes one; ``mcptui diff`` reads two (or takes them
live). The document holds the server's items in MCP wire form, exactly as sent (tools with
``inputSchema``/``outputSchema``/``annotations``/``execution``, prompts with their arguments,
resources, resource templates), plus the capabilities, server info, protocol version,
transport and when it was taken. Items are sorted by their identity (name, or URI for
resources and URI template for templates) and every object's keys are sorted, so two snapshots
of the same server differ line by line only where the server changed: they diff cleanly in git.

Pure functions over plain data; no SDK import.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from mcptui.core.catalog import Catalog

SNAPSHOT_FORMAT = "mcptui-catalog-snapshot"
SNAPSHOT_VERSION = 1

# snapshot list -> the field that identifies an item in it
ITEM_KEYS: dict[str, str] = {
    "tools": "name",
    "prompts": "name",
    "resources": "uri",
    "resourceTemplates": "uriTemplate",
}


class SnapshotError(ValueError):
    """A document that is not a catalog snapshot this version can read."""


def _sorted_keys(value: Any) -> Any:
    """``value`` with every object's keys in sorted order (list order kept)."""
    if isinstance(value, dict):
        return {str(k): _sorted_keys(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, list):
        return [_sorted_keys(v) for v in value]
    return value


def _items(items: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return [_sorted_keys(i) for i in sorted(items, key=lambda i: str(i.get(key, "")))]


def taken_at(timestamp: float) -> str:
    """A catalog's fetch time as the snapshot's ``takenAt`` (UTC, ISO 8601, seconds)."""
    moment = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def from_catalog(catalog: Catalog) -> dict[str, Any]:
    """The snapshot document of ``catalog`` (top-level keys in a fixed, readable order)."""
    document: dict[str, Any] = {
        "format": SNAPSHOT_FORMAT,
        "version": SNAPSHOT_VERSION,
        "takenAt": taken_at(catalog.fetched_at),
        "serverInfo": _sorted_keys(catalog.server_info),
        "protocolVersion": catalog.protocol_version,
        "transport": catalog.transport,
        "capabilities": _sorted_keys(catalog.capabilities),
        "instructions": catalog.instructions,
        "tools": _items(catalog.tools, "name"),
        "prompts": _items(catalog.prompts, "name"),
        "resources": _items(catalog.resources, "uri"),
        "resourceTemplates": _items(catalog.resource_templates, "uriTemplate"),
    }
    incomplete = list(catalog.truncated) + [
        f"left out an invalid {r.get('kind', 'item')} (#{r.get('index', '?')})" for r in catalog.invalid
    ]
    if incomplete:
        document["incomplete"] = incomplete
    return document


def dumps(document: dict[str, Any]) -> str:
    """The document as text: two-space indent, keys in the document's order, a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _check_list(document: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = document.get(name, [])
    if not isinstance(value, list) or not all(isinstance(i, dict) for i in value):
        raise SnapshotError(f"{name!r} is not a list of objects")
    return value


def loads(text: str) -> dict[str, Any]:
    """A snapshot document read from ``text``; SnapshotError when it is not one."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SnapshotError(f"not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(document, dict) or document.get("format") != SNAPSHOT_FORMAT:
        raise SnapshotError(f'not an mcptui catalog snapshot (no "format": {SNAPSHOT_FORMAT!r})')
    version = document.get("version")
    if version != SNAPSHOT_VERSION:
        raise SnapshotError(f"snapshot version {version!r} (this mcptui reads version {SNAPSHOT_VERSION})")
    for name in ITEM_KEYS:
        _check_list(document, name)
    for name in ("capabilities", "serverInfo"):
        if not isinstance(document.get(name, {}), dict):
            raise SnapshotError(f"{name!r} is not an object")
    return document
