"""What a server offers (tools, prompts, resources, templates) and its on-disk cache.

A :class:`Catalog` holds plain dicts in MCP wire form (camelCase field names, exactly as the
server sent them) so it serialises as-is, needs no SDK import to read, and is what ``--json``
prints. :class:`CatalogCache` keeps the last good catalog of each server in the platformdirs
cache dir, so a later session can show it, marked stale, when the server is unreachable.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mcptui.core import first_shown, local_files

from .private_files import private_dir

CACHE_FORMAT = 1
CATALOG_FIELDS: dict[str, type | tuple[type, ...]] = {
    "tools": list,
    "prompts": list,
    "resources": list,
    "resource_templates": list,
    "server_info": dict,
    "capabilities": dict,
    "instructions": str,
    "protocol_version": str,
    "transport": str,
    "fetched_at": (int, float),
    "truncated": list,
    "invalid": list,
}


@dataclass
class Catalog:
    """A snapshot of one server's offer."""

    tools: list[dict[str, Any]] = field(default_factory=list)
    prompts: list[dict[str, Any]] = field(default_factory=list)
    resources: list[dict[str, Any]] = field(default_factory=list)
    resource_templates: list[dict[str, Any]] = field(default_factory=list)
    server_info: dict[str, Any] = field(default_factory=dict)
    capabilities: dict[str, Any] = field(default_factory=dict)
    instructions: str | None = None
    protocol_version: str | None = None
    transport: str | None = None
    fetched_at: float = field(default_factory=time.time)
    stale: bool = False
    error: str | None = None
    truncated: list[str] = field(default_factory=list)  # one line per list cut short (see paginate)
    # one record per item the server sent that is not valid MCP, left out (see catalog_items)
    invalid: list[dict[str, Any]] = field(default_factory=list)
    prefetched: bool = False  # fetched at launch by another process (see prefetch), not yet live

    def tool(self, name: str) -> dict[str, Any] | None:
        return next((t for t in self.tools if t.get("name") == name), None)

    def prompt(self, name: str) -> dict[str, Any] | None:
        return next((p for p in self.prompts if p.get("name") == name), None)

    def counts(self) -> dict[str, int]:
        return {
            "tools": len(self.tools),
            "prompts": len(self.prompts),
            "resources": len(self.resources),
            "resourceTemplates": len(self.resource_templates),
        }

    def to_wire(self) -> dict[str, Any]:
        """The catalog as ``--json`` prints it (MCP wire field names)."""
        return {
            "serverInfo": self.server_info,
            "protocolVersion": self.protocol_version,
            "capabilities": self.capabilities,
            "instructions": self.instructions,
            "tools": self.tools,
            "prompts": self.prompts,
            "resources": self.resources,
            "resourceTemplates": self.resource_templates,
            **({"stale": True, "fetchedAt": self.fetched_at} if self.stale else {}),
            **({"truncated": True, "truncatedReasons": list(self.truncated)} if self.truncated else {}),
            **({"invalid": list(self.invalid)} if self.invalid else {}),
        }

    def to_dict(self) -> dict[str, Any]:
        """The fields as a new dict that shares the item lists and dicts (no deep copy)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Catalog:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


SLICE = 2000  # items a json.dumps call encodes at a time (see encode_in_slices)


def encode_in_slices(data: dict[str, Any]) -> str:
    """``json.dumps(data)``, the same text, with the catalog's long lists encoded ``SLICE`` items
    at a time: one ``json.dumps`` of 50,000 tools is a single C call that holds the GIL for
    0.1-0.3 s, right after the first catalog is drawn (the UI's first keystrokes waited for it:
    the worst headless keystroke 279 -> 523 ms once the write moved there); a slice takes a few
    ms, and the event loop gets the GIL between two. Each long list is first written as a
    random marker (no server text can guess it), then replaced by its slices joined.
    """
    catalog = data.get("catalog")
    if not isinstance(catalog, dict):
        return json.dumps(data)
    long_lists = {k: v for k, v in catalog.items() if isinstance(v, list) and len(v) > SLICE}
    if not long_lists:
        return json.dumps(data)
    token = uuid.uuid4().hex
    marks = {key: f"{token}:{key}" for key in long_lists}
    text = json.dumps({**data, "catalog": {**catalog, **marks}})
    for key, items in long_lists.items():
        slices = (json.dumps(items[i : i + SLICE])[1:-1] for i in range(0, len(items), SLICE))
        text = text.replace(json.dumps(marks[key]), "[" + ", ".join(slices) + "]", 1)
    return text


class CatalogCache:
    """Last good catalog per server, one JSON file each, written atomically."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.problem: str | None = None  # set when a cache file was set aside (one line naming it)
        self.writes = 0  # cache files written (tests count them)
        self._latest: dict[str, Catalog] = {}  # per slug, the catalog a background save should write
        self._lock = threading.Lock()  # one background write at a time
        self._threads: list[threading.Thread] = []

    def save_soon(self, slug: str, catalog: Catalog) -> None:
        """:meth:`save` in a background thread, off the event loop; a newer catalog of the same
        server supersedes one not yet written. :meth:`flush` waits for the writes. In the TUI the
        write waits for the first catalog to be drawn (:mod:`mcptui.core.first_shown`): its
        ``json.dumps`` holds the GIL for the whole catalog."""
        self._latest[slug] = catalog
        thread = threading.Thread(target=self._save_latest, args=(slug, catalog), name="catalog-cache")
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _save_latest(self, slug: str, catalog: Catalog) -> None:
        first_shown.wait()
        with self._lock:
            if self._latest.get(slug) is catalog:
                self.save(slug, catalog)
                del self._latest[slug]  # not kept alive by the cache once written

    def flush(self, timeout: float | None = None) -> None:
        """Wait until the background writes started so far are done (the first-catalog gate
        is released first: nothing waits on a UI that never draws)."""
        first_shown.release()
        for thread in list(self._threads):
            thread.join(timeout)

    def _path(self, slug: str) -> Path:
        return self.directory / f"{slug}.catalog.json"

    def save(self, slug: str, catalog: Catalog) -> None:
        """Store ``catalog``; failures are swallowed (a cache must never break a session).

        The catalog is not copied (its lists are shared) and is encoded by ``json.dumps`` calls,
        which take the C encoder (``json.dump`` to a file takes the pure-Python one: ~10x slower
        on a 50,000-tool catalog), its long lists a slice at a time (:func:`encode_in_slices`).
        """
        try:
            private_dir(self.directory)
            data = {
                "format": CACHE_FORMAT,
                "catalog": {**catalog.to_dict(), "stale": False, "error": None, "prefetched": False},
            }
            text = encode_in_slices(data)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".catalog-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, self._path(slug))
            self.writes += 1
        except (OSError, TypeError, ValueError):
            pass

    def load(self, slug: str) -> Catalog | None:
        """The cached catalog marked stale, or None when there is none (or it is unreadable)."""
        self.flush()  # a write still under way is read back, not raced
        path = self._path(slug)
        try:
            data = local_files.check_fields(local_files.read_json(path), {"format": int, "catalog": dict})
            if data.get("format") != CACHE_FORMAT:
                return None
            catalog = catalog_from_data(data.get("catalog"))
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError) as exc:
            why = exc.why if isinstance(exc, local_files.LocalFileError) else "of the wrong shape"
            self.problem = local_files.set_aside(path, "catalog cache file", why)
            return None
        catalog.stale = True
        return catalog


def catalog_from_data(data: Any) -> Catalog:
    """A catalog from its JSON form (``Catalog.to_dict``); ValueError when it is not one."""
    catalog = Catalog.from_dict(local_files.check_fields(data, CATALOG_FIELDS))
    for name in ("tools", "prompts", "resources", "resource_templates", "invalid"):
        if not local_files.is_list_of_dicts(getattr(catalog, name)):
            raise local_files.LocalFileError(f"of the wrong shape ({name!r} is not a list of objects)")
    return catalog
