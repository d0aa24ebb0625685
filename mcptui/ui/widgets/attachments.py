"""Saving binary content (images, audio, resource blobs) from a result to a file.

The file name comes from the resource URI when there is one, else from the kind and a
timestamp; the extension from the MIME type. An existing file is never overwritten: a counter
is added instead. Pure filesystem code, no Textual.
"""

from __future__ import annotations

import mimetypes
import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

_EXTRA_EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
    "audio/wav": ".wav",
    "audio/x-wav": ".wav",
    "audio/mpeg": ".mp3",
    "audio/ogg": ".ogg",
    "application/octet-stream": ".bin",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Attachment:
    """Decoded binary content of one block, ready to be written."""

    kind: str  # "image", "audio", "blob"
    mime_type: str
    data: bytes
    uri: str | None = None


def extension_for(mime_type: str) -> str:
    """``image/png`` → ``.png`` (``.bin`` when unknown)."""
    mime = mime_type.lower().split(";")[0].strip()
    if mime in _EXTRA_EXTENSIONS:
        return _EXTRA_EXTENSIONS[mime]
    return mimetypes.guess_extension(mime) or ".bin"


def suggested_name(attachment: Attachment) -> str:
    """A safe file name for ``attachment`` (no directory part)."""
    ext = extension_for(attachment.mime_type)
    if attachment.uri:
        parsed = urlparse(attachment.uri)
        where = (parsed.netloc + parsed.path) if parsed.scheme else attachment.uri
        tail = unquote(where.rstrip("/").rsplit("/", 1)[-1])
        tail = _UNSAFE.sub("_", tail).strip("._")
        if tail:
            return tail if Path(tail).suffix else tail + ext
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return f"mcptui-{attachment.kind}-{stamp}{ext}"


def fresh_target(directory: Path, name: str) -> Path:
    """``directory / name``, or with a counter added (``name-1.txt``) when that exists; the
    folder is made (0700 when it is new)."""
    from mcptui.core.private_files import private_dir

    private_dir(directory, own=False)
    wanted = Path(name)
    target = directory / wanted
    counter = 1
    while target.exists():
        target = directory / f"{wanted.stem}-{counter}{wanted.suffix}"
        counter += 1
    return target


def save_attachment(attachment: Attachment, directory: Path, name: str | None = None) -> Path:
    """Write ``attachment`` into ``directory`` under a fresh name (a 0600 file) and return the path."""
    from mcptui.core.private_files import write_private

    target = fresh_target(directory, name or suggested_name(attachment))
    return write_private(target, attachment.data, exclusive=True)
