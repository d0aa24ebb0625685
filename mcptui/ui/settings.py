"""The TUI's own settings: ``config_dir()/settings.json`` (keymap and theme).

Kept deliberately small and forgiving: a missing file means defaults, a malformed one is
reported once (as a notice in the UI) and ignored. Example::

    {"theme": "ansi-dark", "timings": true, "keymap": {"focus-console": "f4", "send-call": "f9"}}

``keymap`` maps binding ids (see the F1 help or the README key table) to comma-separated
keys, exactly as Textual's ``App.set_keymap`` takes them.
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
        return cls(
            theme=theme if isinstance(theme, str) else None,
            keymap=dict(keymap),
            timings=timings if isinstance(timings, bool) else True,
        )
