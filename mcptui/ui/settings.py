"""The TUI's own settings: ``config_dir()/settings.json`` (keymap, theme, safety and history bounds).

Kept deliberately small and forgiving: a missing file means defaults, a malformed one is
reported once (as a notice in the UI) and ignored. Example::

    {"theme": "ansi-dark", "timings": true, "keymap": {"focus-console": "f4", "send-call": "f9"}}

``keymap`` maps binding ids (see the F1 help or the README key table) to comma-separated
keys, exactly as Textual's ``App.set_keymap`` takes them. ``confirmDestructive`` (default
true) asks before a destructive tool is sent. ``historyEntries`` / ``historyBytes`` bound each
server's history file (defaults 500 entries, 5 MB).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mcptui.core import local_files, locations


def settings_file() -> Path:
    """Where the TUI settings live."""
    return locations.config_dir() / "settings.json"


@dataclass
class UiSettings:
    """What the settings file may hold, and what went wrong reading it."""

    theme: str | None = None
    timings: bool = True  # show clocks and elapsed times (console, history, results)
    keymap: dict[str, str] = field(default_factory=dict)
    confirm_destructive: bool = True  # ask before sending a destructive tool call
    history_entries: int = 500  # per server
    history_bytes: int = 5_000_000  # per server's history file
    problem: str | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> UiSettings:
        """Read the settings; never raises (a problem is kept in ``problem``)."""
        path = path or settings_file()
        try:
            data = local_files.read_json(path)
        except FileNotFoundError:
            return cls()
        except local_files.LocalFileError as error:
            return cls(problem=f"{path}: ignored, {error.why}")
        if not isinstance(data, dict):
            return cls(problem=f"{path}: ignored, expected a JSON object")
        keymap = data.get("keymap") or {}
        if not isinstance(keymap, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
        ):
            return cls(problem=f"{path}: 'keymap' must map binding ids to key strings")
        theme = data.get("theme")
        timings = data.get("timings", True)
        confirm = data.get("confirmDestructive", True)
        defaults = cls()

        def count(key: str, default: int) -> int:
            value = data.get(key, default)
            return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default

        return cls(
            theme=theme if isinstance(theme, str) else None,
            keymap=dict(keymap),
            timings=timings if isinstance(timings, bool) else True,
            confirm_destructive=confirm if isinstance(confirm, bool) else True,
            history_entries=count("historyEntries", defaults.history_entries),
            history_bytes=count("historyBytes", defaults.history_bytes),
        )
