"""Every call made from the TUI, per server: kept in memory and appended to a JSONL file.

One file per server under ``history_dir()/history/<cache_slug>.jsonl`` (0600, in a 0700
folder); one JSON object a line (kind, name, arguments, result or error, timing).

- Secrets stay out: an argument whose schema says ``format: password`` / ``writeOnly`` or
  whose name looks secret is stored as :data:`~mcptui.core.secret_args.SECRET_MARKER`; a
  re-run asks for it again.
- Bounded: at most ``keep`` entries and ``max_bytes`` bytes per server. A result larger than
  :data:`RESULT_LIMIT` is stored as a note with a preview; the file is trimmed to its newest
  lines when it grows past either bound.
- Honest about big results: a result kept aside (core/spill.py) is held in memory as its cut
  copy, whose markers point at its spill file while that exists (the view reads the whole from
  there); :attr:`CallRecord.cut` says so. The file never stores a cut copy as if it were the
  result: it stores a note saying it was cut, with a preview.
- Lazy: a server's file is read when its history is first shown, and only its last
  ``max_bytes`` bytes, however large the file has grown.

No widget code here: the history pane is a view over this store.
"""

from __future__ import annotations

import functools
import json
import os
import shlex
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from mcptui.core import local_files, locations
from mcptui.core.private_files import open_private, private_dir, write_private
from mcptui.core.secret_args import without_secrets

KEEP = 500
MAX_BYTES = 5_000_000
RESULT_LIMIT = 64_000  # serialized characters of one result kept in the file
PREVIEW = 2_000
STORED_CUT_KEY = "_mcptuiTruncated"  # a stored result that is a note: about how many characters it had

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

    @functools.cached_property
    def cut(self) -> str | None:
        """How the result held here is cut, in a few words (None: it is the whole result)."""
        return cut_note(self.result)

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


def cut_note(result: dict[str, Any] | None) -> str | None:
    """How ``result`` is cut, in a few words: a copy kept aside, or a note stored for a big one."""
    if not isinstance(result, dict):
        return None
    if isinstance(result.get(STORED_CUT_KEY), int | float):
        return f"cut: only a preview of about {result[STORED_CUT_KEY]:,} characters is kept in the history"
    from mcptui.core.spill_whole import cut_texts

    cut = cut_texts(result)
    if not cut:
        return None
    if cut.missing:
        return "cut: the whole result is no longer kept"
    return f"cut: {cut.size / (1 << 20):.1f} MiB kept aside for this session (show all, save)"


def _size_at_least(value: Any, limit: int, depth: int = 0) -> int:
    """About how many characters ``value`` serializes to, counted only until past ``limit``
    (a 50 MB result is not serialized on the loop just to learn that it is too big)."""
    if isinstance(value, str):
        return len(value) + 2
    if depth > 50 or not isinstance(value, dict | list):
        return 8
    total = 2
    for key, item in value.items() if isinstance(value, dict) else enumerate(value):
        total += (len(key) + 4 if isinstance(key, str) else 0) + _size_at_least(
            item, limit - total, depth + 1
        )
        if total > limit:
            break
    return total


def _preview(value: Any, depth: int = 0) -> Any:
    """``value`` with every string cut to :data:`PREVIEW` characters (copied only where cut)."""
    if isinstance(value, str):
        return value[:PREVIEW]
    if depth > 50 or not isinstance(value, dict | list):
        return value
    if isinstance(value, dict):
        return {key: _preview(item, depth + 1) for key, item in list(value.items())[:PREVIEW]}
    return [_preview(item, depth + 1) for item in value[:PREVIEW]]


def _stored_result(result: dict[str, Any] | None, limit: int) -> dict[str, Any] | None:
    """``result`` as the file keeps it: itself when small, else a note with a preview."""
    if result is None:
        return None
    from mcptui.core.spill_whole import cut_texts

    kept_aside = cut_texts(result)  # a cut copy: stored as a note, never as if it were the result
    if not kept_aside and _size_at_least(result, limit) <= limit:
        text = json.dumps(result, ensure_ascii=False, default=str)
        if len(text) <= limit:
            return result
    size = _size_at_least(result, 1 << 62) + kept_aside.size  # a walk, no copy
    text = json.dumps(_preview(result), ensure_ascii=False, default=str)
    why = (
        "cut when it arrived (kept aside for that session only)" if kept_aside else "not kept in the history"
    )
    note = f"[result of about {size:,} characters {why}; its first {PREVIEW:,} follow]"
    return {
        "content": [{"type": "text", "text": note}, {"type": "text", "text": text[:PREVIEW]}],
        "isError": bool(result.get("isError")),
        STORED_CUT_KEY: size,
    }


def read_tail(path: Path, max_bytes: int) -> list[str]:
    """The whole lines among the last ``max_bytes`` bytes of ``path`` (reads no more than that)."""
    with path.open("rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        start = max(0, size - max_bytes)
        fh.seek(start)
        data = fh.read(size - start)
    if start > 0:  # the first line is probably cut: drop it
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    return data.decode("utf-8", errors="replace").splitlines()


class HistoryStore:
    """Per-server call history, newest last."""

    def __init__(
        self,
        directory: Path | None = None,
        *,
        keep: int = KEEP,
        max_bytes: int = MAX_BYTES,
        on_write_error: Callable[[str], None] | None = None,
    ) -> None:
        self.directory = directory if directory is not None else locations.history_dir() / "history"
        self.on_write_error = on_write_error  # told once when the file cannot be written
        self.write_problem: str | None = None
        self.keep = keep
        self.max_bytes = max_bytes
        self._records: dict[str, list[CallRecord]] = {}
        self._slugs: dict[str, str] = {}
        self._lines: dict[str, int] = {}  # lines in each server's file, as far as we know

    def _path(self, slug: str) -> Path:
        return self.directory / f"{slug}.jsonl"

    def records(self, server: str) -> list[CallRecord]:
        return self._records.get(server, [])

    def load(self, server: str, slug: str) -> list[CallRecord]:
        """Read the stored history of ``server`` (once, its tail only); unreadable lines are skipped."""
        self._slugs[server] = slug
        if server in self._records:
            return self._records[server]
        loaded: list[CallRecord] = []
        try:
            lines = read_tail(self._path(slug), self.max_bytes)
        except OSError:
            lines = []
        self._lines[server] = len(lines)
        for line in lines[-self.keep :]:
            try:
                data = local_files.check_fields(local_files.parse_json(line), RECORD_FIELDS)
                loaded.append(CallRecord.from_dict(data))
            except (ValueError, TypeError):
                continue  # a line of another shape ([] , a number, wrong field types) is skipped
        self._records[server] = loaded
        return loaded

    def add(self, record: CallRecord, schema: dict[str, Any] | None = None) -> None:
        """Keep ``record`` (secret arguments replaced by a marker) and append it to the server's file.

        ``schema`` is the tool's input schema (it marks password / writeOnly fields). A file
        error never breaks a call: the record is still kept for this session, and
        ``on_write_error`` is told once.
        """
        record.arguments = without_secrets(schema, record.arguments)
        records = self._records.setdefault(record.server, [])
        records.append(record)
        del records[: -self.keep]
        slug = self._slugs.get(record.server)
        if slug is None:
            return
        stored = {
            **asdict(record),
            "result": _stored_result(record.result, min(RESULT_LIMIT, self.max_bytes // 4)),
        }
        try:
            private_dir(self.directory)
            path = self._path(slug)
            with open_private(path, "a") as fh:
                fh.write(json.dumps(stored, ensure_ascii=False, default=str) + "\n")
                size = fh.tell()
            self._lines[record.server] = self._lines.get(record.server, 0) + 1
            if size > self.max_bytes or self._lines[record.server] > self.keep + max(1, self.keep // 4):
                self._trim(record.server, path)
        except OSError as exc:
            if self.write_problem is None:
                self.write_problem = (
                    f"history: cannot write {exc.filename or self.directory} ({exc.strerror or exc}); "
                    "calls are kept for this session only"
                )
                if self.on_write_error is not None:
                    self.on_write_error(self.write_problem)

    def _trim(self, server: str, path: Path) -> None:
        """Rewrite ``path`` with its newest lines: at most ``keep`` of them, in 3/4 of ``max_bytes``."""
        lines = read_tail(path, self.max_bytes * 3 // 4)[-self.keep :]
        tmp = path.with_name(path.name + ".tmp")
        write_private(tmp, "".join(line + "\n" for line in lines))
        os.replace(tmp, path)  # atomic: a crash leaves the old file or the new one
        self._lines[server] = len(lines)
