"""The 2026-07-28 tasks this client started, remembered on disk (there is no tasks/list in 2026).

The tasks extension drops tasks/list (a server cannot leak one caller's tasks to another) and
asks clients to keep task ids durably so that they can resume after a restart. Every one-shot
``mcptui`` command is a new process, so the ids live in one 0600 file (``tasks.json`` in the
data folder), per server (keyed by a digest of the server's identity, never its URL or
command), at most :data:`PER_SERVER` each (the oldest go first). An entry is dropped once its
``ttlMs`` has run out since ``createdAt``, or when the server no longer knows the task.
A task id may be a bearer token for the server's state: the file is private, and ids are only
shown to the user who started the tasks.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcptui.core.tasks import TaskInfo

if TYPE_CHECKING:
    from mcptui.core.server_config import ServerConfig

PER_SERVER = 50
FILE_NAME = "tasks.json"


def _server_key(config: ServerConfig) -> str:
    return hashlib.sha256(config.key.encode()).hexdigest()[:20]


def _expired(entry: dict[str, Any], now: datetime) -> bool:
    ttl, created = entry.get("ttlMs"), entry.get("createdAt")
    if not isinstance(ttl, int) or not isinstance(created, str):
        return False
    try:
        born = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        return False
    if born.tzinfo is None:
        born = born.replace(tzinfo=UTC)
    return (now - born).total_seconds() * 1000 > ttl


class KnownTasks:
    """The remembered tasks of every server (see the module docstring); ``path`` None: the default."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        if self._path is None:
            from mcptui.core import locations

            return locations.data_dir() / FILE_NAME
        return self._path

    def _load(self) -> dict[str, dict[str, dict[str, Any]]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, dict[str, dict[str, Any]]]) -> None:
        from mcptui.core.private_files import private_dir, write_private

        with contextlib.suppress(OSError):  # remembering is a convenience: never fail a call for it
            private_dir(self.path.parent)
            write_private(self.path, json.dumps(data, ensure_ascii=False))

    def remember(self, config: ServerConfig, task: TaskInfo) -> None:
        """Keep (or update) ``task`` for ``config``'s server; written only when something changed."""
        if not task.task_id:
            return
        data = self._load()
        tasks = data.setdefault(_server_key(config), {})
        entry = {
            "taskId": task.task_id,
            "status": task.status,
            "tool": task.tool or (tasks.get(task.task_id) or {}).get("tool"),
            "createdAt": task.created_at,
            "ttlMs": task.ttl,
        }
        if tasks.get(task.task_id) == entry:
            return
        tasks.pop(task.task_id, None)
        tasks[task.task_id] = entry
        for old in list(tasks)[:-PER_SERVER]:
            del tasks[old]
        self._save(data)

    def forget(self, config: ServerConfig, task_id: str) -> None:
        data = self._load()
        if data.get(_server_key(config), {}).pop(task_id, None) is not None:
            self._save(data)

    def tasks(self, config: ServerConfig) -> list[TaskInfo]:
        """The remembered tasks of ``config``'s server, oldest first; expired ones are dropped."""
        data = self._load()
        key = _server_key(config)
        entries = data.get(key, {})
        now = datetime.now(UTC)
        alive = {tid: e for tid, e in entries.items() if isinstance(e, dict) and not _expired(e, now)}
        if len(alive) != len(entries):
            data[key] = alive
            self._save(data)
        return [
            TaskInfo(
                task_id=str(tid),
                status=str(entry.get("status", "")),
                created_at=str(entry.get("createdAt") or ""),
                ttl=entry.get("ttlMs") if isinstance(entry.get("ttlMs"), int) else None,
                tool=entry.get("tool") if isinstance(entry.get("tool"), str) else None,
                extension=True,
            )
            for tid, entry in alive.items()
        ]
