"""Compare two catalog snapshots (:mod:`catalog_snapshot`): what was added, removed or changed.

:func:`diff_snapshots` returns a :class:`CatalogDiff`: a list of :class:`Change`, each with the
item it concerns (``kind`` and ``name``), a ``path`` inside it (``inputSchema.properties.city.type``),
what happened (``added``, ``removed``, ``changed``, ``narrowed``, ``widened``), a one-line detail
and whether it is **breaking**: a change that can make a client (or an agent) that worked with
the old catalog fail or misbehave with the new one. Exit codes: 0 same, 1 different, 2 breaking.

The rules
---------
Items (tools and prompts by name, resources by URI, templates by URI template):
  removed: breaking. Added: not.
Tools:
  title, description, icons, other fields changed: not breaking.
  inputSchema (what callers send; it may only accept more):
    property removed: breaking. Property added: not (unless it is also required, below).
    a name added to ``required``: breaking. Removed from ``required``: not.
    type narrowed (accepts fewer types, e.g. ``["string","null"]`` → ``"string"``, number →
    integer) or changed to another: breaking. Widened: not.
    enum value removed, or an enum added where there was none: breaking. Value added / enum dropped: not.
    const changed: breaking. default changed: not (reported).
    a bound tightened (minimum/minLength/minItems raised, maximum/maxLength/maxItems lowered,
    or one added), pattern or format changed, additionalProperties turned false: breaking;
    the reverse: not.
    title/description/examples changed: not. anyOf/oneOf/allOf/not/if/then/else changed:
    breaking (not analysed, so not proven safe). Local ``$ref``s are followed.
  outputSchema (what callers receive; it may only promise more):
    the schema removed: breaking; added: not. Property removed: breaking; added: not.
    a name removed from ``required``: breaking; added: not. Type widened or changed, enum value
    added or enum dropped: breaking; narrowed / value removed: not. Bounds: not breaking.
  annotations (effective values, with the spec's defaults: readOnlyHint false, destructiveHint
  true, idempotentHint false, openWorldHint true): a change that makes the tool less safe than
  it said is breaking: readOnlyHint true → false, destructiveHint false → true (when not
  read-only), idempotentHint true → false, openWorldHint false → true. The reverse, and the
  title annotation: not.
  execution.taskSupport (absent = "forbidden"): breaking when a way of calling it that worked
  stops working: to "required" (plain calls fail) or from "optional"/"required" to "forbidden".
Prompts:
  argument removed: breaking. Argument added: breaking when required, else not. An argument
  becoming required: breaking; becoming optional: not. Descriptions, title: not.
Resources and templates:
  mimeType changed: breaking. name, title, description, size, annotations: not.
Capabilities (compared as flattened paths, ``resources.subscribe``):
  one removed (or turned false): breaking. One added: not.
Instructions changed: not breaking. Server info, protocol version, transport and taken-at are
context (shown, never a change): the same catalog over another era or transport is "same".

Pure functions over plain data; no SDK import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mcptui.core.catalog import Catalog
from mcptui.core.catalog_diff_schema import compare_schemas
from mcptui.core.catalog_snapshot import ITEM_KEYS, taken_at

EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_BREAKING = 2

KINDS: dict[str, str] = {
    "tools": "tool",
    "prompts": "prompt",
    "resources": "resource",
    "resourceTemplates": "resourceTemplate",
}
ANNOTATION_DEFAULTS: dict[str, bool] = {
    "readOnlyHint": False,
    "destructiveHint": True,
    "idempotentHint": False,
    "openWorldHint": True,
}
# the value each hint must not move to (from the other one) without breaking clients
UNSAFE_VALUE: dict[str, bool] = {
    "readOnlyHint": False,
    "destructiveHint": True,
    "idempotentHint": False,
    "openWorldHint": True,
}
TASK_MODES: dict[str, frozenset[str]] = {
    "forbidden": frozenset({"plain"}),
    "optional": frozenset({"plain", "task"}),
    "required": frozenset({"task"}),
}
CONTEXT_FIELDS = ("serverInfo", "protocolVersion", "transport", "takenAt")


@dataclass(frozen=True)
class Change:
    """One difference: where (kind, name, path), what, and whether it breaks clients."""

    kind: str  # tool | prompt | resource | resourceTemplate | capability | instructions
    name: str  # the item's identity ("" for catalog-wide changes)
    what: str  # added | removed | changed | narrowed | widened
    path: str = ""  # inside the item ("" for the item itself)
    detail: str = ""
    breaking: bool = False
    before: Any = None
    after: Any = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "name": self.name, "change": self.what}
        if self.path:
            out["path"] = self.path
        out["detail"] = self.detail
        out["breaking"] = self.breaking
        if self.before is not None:
            out["before"] = self.before
        if self.after is not None:
            out["after"] = self.after
        return out


@dataclass(frozen=True)
class CatalogDiff:
    """Every change from snapshot ``before`` to snapshot ``after``, and both sides' context."""

    changes: list[Change] = field(default_factory=list)
    before: dict[str, Any] = field(default_factory=dict)  # context: serverInfo, protocolVersion...
    after: dict[str, Any] = field(default_factory=dict)

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]

    @property
    def exit_code(self) -> int:
        if not self.changes:
            return EXIT_SAME
        return EXIT_BREAKING if self.breaking else EXIT_DIFFERENT

    def changed_items(self) -> dict[tuple[str, str], str]:
        """(kind, name) → "added" / "removed" / "changed" / "breaking" for every item touched."""
        out: dict[tuple[str, str], str] = {}
        for change in self.changes:
            key = (change.kind, change.name)
            mark = change.what if change.what in ("added", "removed") and not change.path else "changed"
            if change.breaking and mark == "changed":
                mark = "breaking"
            if out.get(key) not in ("added", "removed", "breaking"):
                out[key] = mark
        return out

    def summary(self) -> str:
        if not self.changes:
            return "no changes"
        items = len(self.changed_items())
        broken = len(self.breaking)
        tail = f" ({broken} breaking)" if broken else ""
        return f"{len(self.changes)} change(s) in {items} item(s){tail}"

    def to_json(self) -> dict[str, Any]:
        return {
            "same": not self.changes,
            "breaking": bool(self.breaking),
            "exitCode": self.exit_code,
            "summary": self.summary(),
            "before": self.before,
            "after": self.after,
            "changes": [c.to_json() for c in self.changes],
        }


def diff_snapshots(before: dict[str, Any], after: dict[str, Any]) -> CatalogDiff:
    """Every change from ``before`` to ``after`` (two snapshot documents), in a stable order."""
    changes: list[Change] = []
    for listing, kind in KINDS.items():
        key = ITEM_KEYS[listing]
        old = {str(i.get(key, "")): i for i in before.get(listing) or []}
        new = {str(i.get(key, "")): i for i in after.get(listing) or []}
        for name in sorted(set(old) | set(new)):
            if name not in new:
                changes.append(Change(kind, name, "removed", detail=f"{kind} removed", breaking=True))
            elif name not in old:
                changes.append(Change(kind, name, "added", detail=f"{kind} added"))
            elif old[name] != new[name]:
                changes.extend(diff_item(kind, name, old[name], new[name]))
    changes.extend(diff_capabilities(before.get("capabilities") or {}, after.get("capabilities") or {}))
    if before.get("instructions") != after.get("instructions"):
        changes.append(
            Change(
                "instructions", "", "changed", detail="server instructions changed",
                before=before.get("instructions"), after=after.get("instructions"),
            )
        )  # fmt: skip
    return CatalogDiff(
        changes,
        {k: before.get(k) for k in CONTEXT_FIELDS},
        {k: after.get(k) for k in CONTEXT_FIELDS},
    )


def diff_catalogs(before: Catalog, after: Catalog) -> CatalogDiff:
    """:func:`diff_snapshots` of two catalogs (equal lists cost one comparison, not a walk)."""
    lists = ("tools", "prompts", "resources", "resource_templates", "capabilities", "instructions")
    if all(getattr(before, name) == getattr(after, name) for name in lists):
        return CatalogDiff()
    return diff_snapshots(_document(before), _document(after))


def _document(catalog: Catalog) -> dict[str, Any]:
    """What :func:`diff_snapshots` reads of a catalog, without the snapshot's sorted copies."""
    return {
        "takenAt": taken_at(catalog.fetched_at),
        "serverInfo": catalog.server_info,
        "protocolVersion": catalog.protocol_version,
        "transport": catalog.transport,
        "capabilities": catalog.capabilities,
        "instructions": catalog.instructions,
        "tools": catalog.tools,
        "prompts": catalog.prompts,
        "resources": catalog.resources,
        "resourceTemplates": catalog.resource_templates,
    }


def diff_item(kind: str, name: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """The changes inside one item present on both sides."""
    changes: list[Change] = []

    def emit(path: str, what: str, detail: str, breaking: bool, before: Any, after: Any) -> None:
        changes.append(Change(kind, name, what, path, detail, breaking, before, after))

    handled: set[str] = set()
    if kind == "tool":
        handled = {"inputSchema", "outputSchema", "annotations", "execution"}
        compare_schemas(
            old.get("inputSchema") or {}, new.get("inputSchema") or {}, "input", emit, "inputSchema"
        )
        _output_schema(old.get("outputSchema"), new.get("outputSchema"), emit)
        _annotations(old.get("annotations") or {}, new.get("annotations") or {}, emit)
        _task_support(old, new, emit)
    elif kind == "prompt":
        handled = {"arguments"}
        _prompt_arguments(old.get("arguments") or [], new.get("arguments") or [], emit)
    elif old.get("mimeType") != new.get("mimeType"):
        handled = {"mimeType"}
        emit("mimeType", "changed", "mimeType changed", True, old.get("mimeType"), new.get("mimeType"))
    for key in sorted(set(old) | set(new)):
        if key not in handled and old.get(key) != new.get(key):
            what = "added" if key not in old else "removed" if key not in new else "changed"
            emit(key, what, f"{key} {what}", False, old.get(key), new.get(key))
    return changes


def _output_schema(old: Any, new: Any, emit: Any) -> None:
    if old == new:
        return
    if new is None:
        emit("outputSchema", "removed", "output schema removed", True, old, None)
    elif old is None:
        emit("outputSchema", "added", "output schema added", False, None, new)
    else:
        compare_schemas(old, new, "output", emit, "outputSchema")


def _annotations(old: dict[str, Any], new: dict[str, Any], emit: Any) -> None:
    for key in sorted(set(old) | set(new)):
        if old.get(key) == new.get(key):
            continue
        where = f"annotations.{key}"
        if key not in ANNOTATION_DEFAULTS:
            emit(where, "changed", f"{key} changed", False, old.get(key), new.get(key))
            continue
        before = bool(old.get(key, ANNOTATION_DEFAULTS[key]))
        after = bool(new.get(key, ANNOTATION_DEFAULTS[key]))
        if before == after:
            emit(
                where,
                "changed",
                f"{key} now explicit (same effective value)",
                False,
                old.get(key),
                new.get(key),
            )
            continue
        unsafe = after == UNSAFE_VALUE[key]
        if key == "destructiveHint" and bool(new.get("readOnlyHint", False)):
            unsafe = False  # destructiveHint only means something for a tool that writes
        emit(where, "changed", f"{key} {str(before).lower()} → {str(after).lower()}", unsafe, before, after)


def _task_support(old: dict[str, Any], new: dict[str, Any], emit: Any) -> None:
    def mode(tool: dict[str, Any]) -> str:
        execution = tool.get("execution")
        value = execution.get("taskSupport") if isinstance(execution, dict) else None
        return value if isinstance(value, str) and value in TASK_MODES else "forbidden"

    before, after = mode(old), mode(new)
    if before != after:
        breaking = not TASK_MODES[before] <= TASK_MODES[after]
        emit("execution.taskSupport", "changed", f"taskSupport {before} → {after}", breaking, before, after)
    rest_old = {k: v for k, v in (old.get("execution") or {}).items() if k != "taskSupport"}
    rest_new = {k: v for k, v in (new.get("execution") or {}).items() if k != "taskSupport"}
    if rest_old != rest_new:
        emit("execution", "changed", "execution changed", False, rest_old, rest_new)


def _prompt_arguments(old: list[Any], new: list[Any], emit: Any) -> None:
    before = {str(a.get("name")): a for a in old if isinstance(a, dict)}
    after = {str(a.get("name")): a for a in new if isinstance(a, dict)}
    for name in sorted(set(before) | set(after)):
        where = f"arguments.{name}"
        if name not in after:
            emit(where, "removed", "argument removed", True, before[name], None)
            continue
        required = bool(after[name].get("required", False))
        if name not in before:
            word = "required" if required else "optional"
            emit(where, "added", f"{word} argument added", required, None, after[name])
            continue
        was = bool(before[name].get("required", False))
        if was != required:
            detail = "argument now required" if required else "argument now optional"
            emit(f"{where}.required", "changed", detail, required, was, required)
        for key in sorted((set(before[name]) | set(after[name])) - {"name", "required"}):
            if before[name].get(key) != after[name].get(key):
                emit(
                    f"{where}.{key}",
                    "changed",
                    f"{key} changed",
                    False,
                    before[name].get(key),
                    after[name].get(key),
                )


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict) and value:
        out: dict[str, Any] = {prefix: True} if prefix else {}
        for key, inner in value.items():
            out.update(_flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: True if value == {} else value} if prefix else {}


def diff_capabilities(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Capabilities compared path by path (``tools``, ``tools.listChanged``...)."""
    before, after = _flatten(old), _flatten(new)
    changes: list[Change] = []
    for path in sorted(set(before) | set(after)):
        was, now = before.get(path), after.get(path)
        if was == now:
            continue
        if now in (None, False):
            changes.append(
                Change("capability", path, "removed", detail="capability removed", breaking=True, before=was)
            )
        elif was in (None, False):
            changes.append(Change("capability", path, "added", detail="capability added", after=now))
        else:
            changes.append(
                Change("capability", path, "changed", detail="capability changed", before=was, after=now)
            )
    return changes
