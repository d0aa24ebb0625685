"""Static payloads for the demo server: a PNG built in code, Markdown and JSON documents, item data."""

from __future__ import annotations

import json
import struct
import zlib

COLORS: dict[str, tuple[int, int, int]] = {
    "red": (220, 50, 47),
    "green": (133, 153, 0),
    "blue": (38, 139, 210),
    "yellow": (181, 137, 0),
}


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def make_png(width: int = 8, height: int = 8, color: str = "blue") -> bytes:
    """A valid RGB PNG of one solid colour with a diagonal white stripe, built with zlib+struct only."""
    red, green, blue = COLORS.get(color, COLORS["blue"])
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type: none
        for x in range(width):
            rows.extend((255, 255, 255) if x == y else (red, green, blue))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(bytes(rows)))
        + _png_chunk(b"IEND", b"")
    )


README_MARKDOWN = """# mcptui demo server

This server exists to exercise every feature of the **mcptui** explorer:

- tools with rich input schemas, structured output, images, embedded resources and links
- progress, cancellation, log notifications, `tools/list_changed`
- elicitation and sampling (both protocol eras)
- prompts with completion, static resources and resource templates

| resource | kind |
| --- | --- |
| `demo://readme` | Markdown text |
| `demo://config.json` | JSON |
| `demo://logo.png` | binary (PNG blob) |
"""

CONFIG_DOCUMENT: dict[str, object] = {
    "name": "mcptui-demo",
    "features": ["tools", "prompts", "resources", "completion", "progress", "logging"],
    "limits": {"max_steps": 1000, "page_size": None},
    "enabled": True,
}

CONFIG_JSON = json.dumps(CONFIG_DOCUMENT, indent=2)

ITEMS: dict[str, dict[str, object]] = {
    "1": {"id": "1", "name": "apple", "price": 0.5, "tags": ["fruit", "red"]},
    "2": {"id": "2", "name": "banana", "price": 0.25, "tags": ["fruit", "yellow"]},
    "3": {"id": "3", "name": "carrot", "price": 0.1, "tags": ["vegetable", "orange"]},
    "42": {"id": "42", "name": "towel", "price": 9.99, "tags": ["essential"]},
}

GREETING_NAMES = ["alice", "albert", "bob", "carol", "dave"]

LANGUAGES = ["python", "perl", "php", "rust", "ruby", "go", "typescript"]

MARKDOWN_REPORT = """# Quarterly report

## Summary

Revenue grew **12 %** while costs fell *3 %*.

| quarter | revenue | costs |
| --- | ---: | ---: |
| Q1 | 100 | 80 |
| Q2 | 112 | 77 |

```python
def growth(a: float, b: float) -> float:
    return (b - a) / a
```

> Numbers are made up; this is a demo.

- [x] render headings
- [x] render tables
- [ ] take over the world
"""
