"""Text helpers for the result view: classify text (JSON / Markdown / plain), pretty-print, cap, size.

Pure functions over strings and bytes, so they are cheap to test
and shared by every content block. Capping never hides anything silently: it returns how much
was left out so the caller can say so.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import struct
from dataclasses import dataclass
from typing import Any, Literal

TextKind = Literal["json", "markdown", "plain"]

MAX_LINES = 300  # lines of one block rendered before "show all"
TOTAL_LINES = 2_000  # lines of all blocks of one result rendered before "show all"
MAX_CHARS = 30_000  # characters of one block rendered before "show all"
PRETTY_LIMIT = 200_000  # JSON text longer than this is shown as it came (parsing it would stall the UI)
SHOW_ALL_LIMIT = 100_000  # characters "show all" renders at once (~0.1 s); past it, page by page

_MARKDOWN_SIGNALS = (
    re.compile(r"^#{1,6} \S", re.MULTILINE),  # heading
    re.compile(r"^```", re.MULTILINE),  # fence
    re.compile(r"^\s*[-*+] \S", re.MULTILINE),  # bullet list
    re.compile(r"^\s*\d+\. \S", re.MULTILINE),  # numbered list
    re.compile(r"\*\*[^*\n]+\*\*"),  # bold
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),  # link
    re.compile(r"^\|.*\|\s*$\n^\|[\s:|-]+\|\s*$", re.MULTILINE),  # table
    re.compile(r"^> \S", re.MULTILINE),  # quote
)
_STRONG_SIGNALS = 2  # headings and fences alone count double


def parse_json(text: str) -> tuple[bool, Any]:
    """``(True, value)`` when ``text`` is a JSON object or array (scalars stay plain text)."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{":
        return False, None
    try:
        return True, json.loads(stripped)
    except ValueError:
        return False, None


def looks_like_markdown(text: str) -> bool:
    """A cheap guess: a heading or a fence, or at least two other Markdown signals."""
    sample = text[:20_000]
    score = 0
    for index, pattern in enumerate(_MARKDOWN_SIGNALS):
        if pattern.search(sample):
            score += _STRONG_SIGNALS if index < 2 else 1
    return score >= 2


def classify_text(text: str, mime_type: str | None = None) -> TextKind:
    """How to show a text block: the MIME type decides when given, else the content."""
    mime = (mime_type or "").lower().split(";")[0].strip()
    if "markdown" in mime:
        return "markdown"
    if len(text) > PRETTY_LIMIT:
        return "plain"
    if "json" in mime:
        return "json" if _is_json(text) else "plain"
    if parse_json(text)[0]:
        return "json"
    if mime and (mime == "text/plain" or not mime.startswith("text/")):
        return "plain"
    return "markdown" if looks_like_markdown(text) else "plain"


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def pretty_json(value: Any) -> str:
    """Indented JSON, non-ASCII kept readable; anything not serialisable shown with ``repr``."""
    return json.dumps(value, indent=2, ensure_ascii=False, default=repr)


@dataclass(frozen=True)
class Capped:
    """A text cut to the render limits, with what was left out."""

    text: str
    hidden_lines: int = 0
    hidden_chars: int = 0
    total_chars: int = 0  # of the whole text (0 when not cut)
    lines_known: bool = True  # False: the whole text is in a spill file, its lines not counted

    @property
    def truncated(self) -> bool:
        return bool(self.hidden_lines or self.hidden_chars)

    def notice(self, key: str = "x", save_key: str = "w") -> str:
        """``"… 1,204 more lines not shown — press x to show all, w to save (showing 300 of
        1,504 lines, 29.3 KB of 147 KB)"``; past :data:`SHOW_ALL_LIMIT` "show all" reads it
        page by page (it says so)."""
        if self.hidden_lines:
            what = f"{self.hidden_lines:,} more line{'s' if self.hidden_lines != 1 else ''}"
        else:
            what = f"{self.hidden_chars:,} more characters"
        shown_lines = self.text.count("\n") + 1 if self.text else 0
        total = self.total_chars or len(self.text) + self.hidden_chars
        if self.lines_known:
            showing = (
                f"showing {shown_lines:,} of {shown_lines + self.hidden_lines:,} lines, "
                f"{human_size(len(self.text))} of {human_size(total)}"
            )
        else:  # kept aside whole (a spill file): its lines are counted only when read
            what = f"about {human_size(max(0, total - len(self.text)))} more"
            showing = f"showing {shown_lines:,} lines, {human_size(len(self.text))} of {human_size(total)}"
        if total > SHOW_ALL_LIMIT:
            return f"… {what} not shown — press {key} to show all (read page by page), {save_key} to save ({showing})"
        return f"… {what} not shown — press {key} to show all, {save_key} to save ({showing})"


def cap_text(text: str, max_lines: int | None = MAX_LINES, max_chars: int | None = MAX_CHARS) -> Capped:
    """Cut ``text`` to ``max_lines`` lines and ``max_chars`` characters (None = no limit)."""
    if max_lines is None and max_chars is None:
        return Capped(text)
    if max_lines is not None and max_lines <= 0:
        return Capped("", hidden_lines=text.count("\n") + 1)
    shown = text
    if max_chars is not None and len(shown) > max_chars:
        shown = shown[:max_chars]
    if max_lines is not None:
        lines = shown.split("\n")
        if len(lines) > max_lines:
            shown = "\n".join(lines[:max_lines])
    if shown == text:
        return Capped(text)
    total_lines = text.count("\n") + 1
    shown_lines = shown.count("\n") + 1
    if total_lines > shown_lines:
        return Capped(shown, hidden_lines=total_lines - shown_lines, total_chars=len(text))
    return Capped(shown, hidden_chars=len(text) - len(shown), total_chars=len(text))


def human_size(size: int) -> str:
    """``1536`` → ``1.5 KB``."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"  # pragma: no cover


def decode_base64(data: str) -> bytes | None:
    """The bytes of a base64 blob, or None when it is not valid base64."""
    try:
        return base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        return None


def image_dimensions(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF or JPEG from its header (no image library needed)."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data[:2] == b"\xff\xd8":
        return _jpeg_dimensions(data)
    return None


def _jpeg_dimensions(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        length = struct.unpack(">H", data[index + 2 : index + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return width, height
        index += 2 + length
    return None
