"""Private files: everything mcptui writes that holds user data is 0600 in 0700 folders.

The modes are set explicitly (``os.open`` with a mode, then ``chmod``), so they hold whatever
the umask is. Folders that already exist are tightened only when mcptui created them here or
they are mcptui's own (a user's chosen download folder is left as it is: pass ``own=False``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO, Any

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path, *, own: bool = True) -> Path:
    """Create ``path`` (and missing parents) as 0700; an existing own folder is tightened."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    for folder in missing if not own else [*missing, path]:
        with contextlib.suppress(OSError):
            os.chmod(folder, DIR_MODE)
    return path


def open_private(path: Path, mode: str = "w", *, encoding: str | None = "utf-8") -> IO[Any]:
    """Open ``path`` for writing (``w``, ``a``, ``x``, with ``b`` for bytes) as a 0600 file."""
    flags = os.O_WRONLY | os.O_CREAT
    if "a" in mode:
        flags |= os.O_APPEND
    elif "x" in mode:
        flags |= os.O_EXCL
    else:
        flags |= os.O_TRUNC
    fd = os.open(path, flags, FILE_MODE)
    with contextlib.suppress(OSError):
        os.fchmod(fd, FILE_MODE)
    if "b" in mode:
        return os.fdopen(fd, "ab" if "a" in mode else "wb")
    return os.fdopen(fd, "a" if "a" in mode else "w", encoding=encoding)


def write_private(path: Path, data: bytes | str, *, exclusive: bool = False) -> Path:
    """Write ``data`` to ``path`` as a 0600 file (``exclusive``: fail if it exists)."""
    binary = isinstance(data, bytes)
    mode = ("x" if exclusive else "w") + ("b" if binary else "")
    with open_private(Path(path), mode) as handle:
        handle.write(data)
    return Path(path)
