"""Make untrusted text safe to show on a terminal: the one sanitizer for every front end.

Anything a server, an authorization server or a stdio child sends may hold terminal control
sequences (clear screen, cursor moves, OSC 0 window title, OSC 8 links, OSC 52 clipboard
writes, DCS...), BEL, backspace, DEL or Unicode bidi overrides that reorder what is shown.
Rich's ``Text`` passes ESC bytes through untouched, so every such string goes through here
before it reaches a terminal.

Each dangerous character is replaced by a visible, inert stand-in, so nothing is hidden and
nothing is interpreted:

- C0 controls and DEL become Unicode Control Pictures: ESC → ``␛``, BEL → ``␇``,
  backspace → ``␈``, CR → ``␍``, NUL → ``␀``, DEL → ``␡`` (newline ``␊`` and tab ``␉``
  in single-line mode only). An escape sequence thus reads ``␛[2J`` or ``␛]0;title␇``.
- C1 controls (U+0080–U+009F, e.g. the 8-bit CSI U+009B), bidi embeddings, overrides and
  isolates (U+202A–U+202E, U+2066–U+2069), the marks U+200E, U+200F, U+061C and the line /
  paragraph separators U+2028, U+2029 become the escape text ``\\x9b`` / ``\\u202e``.

:func:`sanitize_line` is for names, titles, URLs and error lines; :func:`sanitize_body` keeps
newlines and tabs (a ``\\r\\n`` pair becomes ``\\n``) for result bodies and descriptions.
Both return the very same string when nothing needs changing (one regex scan).
"""

from __future__ import annotations

import re
from typing import Any

_C0 = list(range(0x20))
_OTHER = [*range(0x80, 0xA0), 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_OTHER += [0x2028, 0x2029]


def _picture(code: int) -> str:
    return chr(0x2400 + code)


_LINE_TABLE: dict[int, str] = {c: _picture(c) for c in _C0}
_LINE_TABLE[0x7F] = "\u2421"  # ␡
for _code in _OTHER:
    _LINE_TABLE[_code] = f"\\x{_code:02x}" if _code < 0x100 else f"\\u{_code:04x}"
_BODY_TABLE = {c: v for c, v in _LINE_TABLE.items() if c not in (0x09, 0x0A)}

_CLASS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_LINE_RE = re.compile(f"[{_CLASS}]")
# the same class without \t (0x09) and \n (0x0A)
_BODY_RE = re.compile("[\x00-\x08\x0b-\x1f" + _CLASS[len("\x00-\x1f") :] + "]")


def sanitize_line(text: str) -> str:
    """``text`` for one line: every control character (newline and tab too) made visible."""
    if not text or _LINE_RE.search(text) is None:
        return text
    return text.translate(_LINE_TABLE)


def sanitize_body(text: str) -> str:
    """``text`` for a multi-line body: newlines and tabs kept, other controls made visible."""
    if not text or _BODY_RE.search(text) is None:
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
        if _BODY_RE.search(text) is None:
            return text
    return text.translate(_BODY_TABLE)


def sanitize(value: Any, *, multiline: bool = False) -> str:
    """``str(value)`` sanitized (``None`` → ``""``); ``multiline`` keeps newlines and tabs."""
    text = "" if value is None else value if isinstance(value, str) else str(value)
    return sanitize_body(text) if multiline else sanitize_line(text)


_JSON_UNSAFE_RE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_safe(text: str) -> str:
    """JSON text with the controls ``json.dumps(ensure_ascii=False)`` leaves raw escaped too.

    ``json.dumps`` escapes U+0000–U+001F but not DEL, C1 controls or bidi overrides; those can
    only occur inside JSON strings, so writing them as ``\\u009b`` keeps the same value.
    """
    if not text or _JSON_UNSAFE_RE.search(text) is None:
        return text
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def has_controls(text: str) -> bool:
    """True when :func:`sanitize_body` would change ``text``."""
    return bool(text) and _BODY_RE.search(text) is not None
