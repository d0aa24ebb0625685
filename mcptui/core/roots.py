"""Roots a server is given: only the folders the user chose (none by default).

A server entry's ``roots`` list and the command line's ``--root PATH`` name folders; ``~``
and ``${VAR}`` are expanded, the result must be an existing directory, and it is offered as
a ``file://`` URI. Nothing here reads the working directory: a server sees no folder unless
the user named it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


class RootError(ValueError):
    """A root that is not an existing directory (the message says which and why)."""


def resolve_root(value: str, expand: Any = None, *, relative_ok: bool = False) -> str:
    """The absolute path of one root; raises :class:`RootError` when it is not a folder.

    A relative path is refused unless ``relative_ok`` (the command line, where it means the
    working directory the user typed it in); in a servers file it would depend on where
    mcptui happened to start.
    """
    if not isinstance(value, str) or not value.strip():
        raise RootError("a root must be a non-empty path")
    text = expand(value) if expand is not None else os.path.expandvars(value)
    path = Path(text).expanduser()
    if not path.is_absolute():
        if not relative_ok:
            raise RootError(f"root {value!r} is not an absolute path (start it with / or ~)")
        path = Path.cwd() / path
    path = Path(os.path.normpath(path))
    if not path.is_dir():
        what = "does not exist" if not path.exists() else "is not a directory"
        raise RootError(f"root {value!r} ({path}) {what}")
    return str(path)


def root_entries(paths: list[str]) -> list[dict[str, Any]]:
    """``roots/list`` entries for ``paths``: ``{"uri": "file:///…", "name": "<folder name>"}``."""
    return [{"uri": Path(p).as_uri(), "name": Path(p).name or p} for p in paths]
