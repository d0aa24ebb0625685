"""Every call made from the TUI, per server: kept in memory and appended to a JSONL file.

One file per server under ``history_dir()/history/<cache_slug>.jsonl``; one JSON object a
line (kind, name, arguments, result or error, timing). Loading reads the newest
:data:`KEEP` records. No widget code here: the history pane is a view over this store.
"""

from __future__ import annotations

import json
import shlex
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from mcptui.core import local_files, locations

KEEP = 500

CallKind = Literal["tool", "prompt", "resource"]
RECORD_FIELDS: dict[str, type | tuple[type, ...]] = {
    "server": str,
    "kind": str,
    "name": str,
    "arguments": dict,
    "result": dict,
    "error": str,
    "elapsed_ms": (int, float),
    "at": (int, float),
    "cancelled": bool,
}


@dataclass
class CallRecord:
    """One call: what was asked, what came back, how long it took."""

    server: str
    kind: CallKind
    name: str
    arguments: dict[str, Any] = field(default_factory=dict)
    result: dict[str, Any] | None = None
    error: str | None = None
    elapsed_ms: float | None = None
    at: float = field(default_factory=time.time)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled and not (self.result or {}).get("isError")

    def outcome(self) -> str:
        """A one-word status for lists."""
        if self.cancelled:
            return "cancelled"
        if self.error is not None:
            return "error"
        if (self.result or {}).get("isError"):
            return "tool-error"
        return "ok"

    def result_json(self) -> str:
        """The result (or error) as pretty JSON, for the clipboard."""
        payload: Any = self.result if self.result is not None else {"error": self.error}
        return json.dumps(payload, indent=2, ensure_ascii=False)

    def as_command(self, target: str | None, stdio_command: list[str] | None = None) -> str:
        """The same call as an ``mcptui`` command line.

        ``target`` names the server (a config name or URL); for a stdio server pass its
        command line as ``stdio_command`` instead: it goes after ``--``.
        """
        words = [shlex.quote(target)] if target and not stdio_command else []
        if self.kind == "tool":
            head = ["mcptui", "call", *words, shlex.quote(self.name)]
            if self.arguments:
                head += ["--args", shlex.quote(json.dumps(self.arguments, ensure_ascii=False))]
        elif self.kind == "prompt":
            head = ["mcptui", "prompt", *words, shlex.quote(self.name)]
            head += [shlex.quote(f"{k}={v}") for k, v in self.arguments.items()]
        else:
            head = ["mcptui", "read", *words, shlex.quote(self.name)]
        if stdio_command:
            head += ["--", shlex.join(stdio_command)]
        return " ".join(head)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CallRecord:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


class HistoryStore:
    """Per-server call history, newest last."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else locations.history_dir() / "history"
        self._records: dict[str, list[CallRecord]] = {}
        self._slugs: dict[str, str] = {}

    def _path(self, slug: str) -> Path:
        return self.directory / f"{slug}.jsonl"

    def records(self, server: str) -> list[CallRecord]:
        return self._records.get(server, [])

    def load(self, server: str, slug: str) -> list[CallRecord]:
        """Read the stored history of ``server`` (once); unreadable lines are skipped."""
        self._slugs[server] = slug
        if server in self._records:
            return self._records[server]
        loaded: list[CallRecord] = []
        try:
            lines = self._path(slug).read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        for line in lines[-KEEP:]:
            try:
                data = local_files.check_fields(local_files.parse_json(line), RECORD_FIELDS)
                loaded.append(CallRecord.from_dict(data))
            except (ValueError, TypeError):
                continue  # a line of another shape ([] , a number, wrong field types) is skipped
        self._records[server] = loaded
        return loaded

    def add(self, record: CallRecord) -> None:
        """Keep ``record`` and append it to the server's file (file errors are ignored)."""
        records = self._records.setdefault(record.server, [])
        records.append(record)
        del records[:-KEEP]
        slug = self._slugs.get(record.server)
        if slug is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with self._path(slug).open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(asdict(record), ensure_ascii=False, default=str) + "\n")
        except OSError:
            pass
