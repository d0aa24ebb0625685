"""Human output of the command line: catalogs, tool results, resources, prompts.

Compact and readable: one line per tool (``add(a: int*, b: int*)  Add two numbers``), text
content as-is, JSON pretty-printed, binary content summarised (``[image image/png, 1.2 KB]``)
and optionally written to ``--save-dir``. Nothing is cut silently: when a description is
shortened to one line, a footer says so and points to ``--json``. Works on wire-form dicts
only (no SDK import).
"""

from __future__ import annotations

import base64
import binascii
import json
import mimetypes
import re
import sys
from pathlib import Path
from typing import Any

from mcptui.core.private_files import private_dir, write_private
from mcptui.core.sanitize import sanitize_line

TYPE_NAMES = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "array": "list",
    "object": "obj",
    "null": "null",
}
SIG_WIDTH = 36
EXTENSIONS = {
    "audio/wav": ".wav",
    "audio/x-wav": ".wav",
    "audio/mpeg": ".mp3",
    "audio/ogg": ".ogg",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
    "text/markdown": ".md",
    "application/json": ".json",
}


def _deref(schema: Any, root: Any) -> Any:
    """Follow a local ``$ref`` (``#/$defs/X``) once; anything else is returned as-is."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if not isinstance(ref, str) or not ref.startswith("#/") or not isinstance(root, dict):
        return schema
    node: Any = root
    for part in ref[2:].split("/"):
        node = node.get(part.replace("~1", "/").replace("~0", "~")) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else schema


def type_label(schema: Any, root: Any = None) -> str:
    """A short type name for a JSON schema (``int``, ``list[str]``, ``a|b|c``)."""
    schema = _deref(schema, root)
    if not isinstance(schema, dict):
        return "any"
    if "enum" in schema and isinstance(schema["enum"], list):
        values = [str(v) for v in schema["enum"]]
        return "|".join(values) if len(values) <= 4 else "|".join(values[:3]) + f"|…{len(values)}"
    if "const" in schema:
        return json.dumps(schema["const"])
    kind = schema.get("type")
    if isinstance(kind, list):
        return "|".join(TYPE_NAMES.get(k, str(k)) for k in kind)
    if kind == "array":
        items = schema.get("items")
        return f"list[{type_label(items, root)}]" if isinstance(items, dict) and items else "list"
    if kind:
        return TYPE_NAMES.get(kind, str(kind))
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            return "|".join(type_label(s, root) for s in schema[key])
    if "properties" in schema:
        return "obj"
    return "any"


def signature(name: str, input_schema: Any) -> str:
    """``add(a: int*, b: int*)``: ``*`` marks required arguments."""
    schema = input_schema if isinstance(input_schema, dict) else {}
    required = set(schema.get("required") or [])
    props = schema.get("properties") or {}
    args = [
        f"{key}: {type_label(prop, schema)}{'*' if key in required else ''}" for key, prop in props.items()
    ]
    return f"{name}({', '.join(args)})"


def prompt_signature(prompt: dict[str, Any]) -> str:
    args = [f"{a.get('name', '?')}{'*' if a.get('required') else ''}" for a in prompt.get("arguments") or []]
    return f"{prompt.get('name', '?')}({', '.join(args)})"


class Shortened:
    """Counts what was shortened for display, so the footer can say so."""

    def __init__(self) -> None:
        self.count = 0

    def one_line(self, text: Any) -> str:
        if not text:
            return ""
        lines = [ln.strip() for ln in str(text).strip().splitlines() if ln.strip()]
        if len(lines) > 1:
            self.count += 1
            return lines[0] + " …"
        return lines[0] if lines else ""


def _rows(rows: list[tuple[str, str]]) -> list[str]:
    """Two columns; a left cell wider than SIG_WIDTH gets its right cell on the next line."""
    width = min(SIG_WIDTH, max((len(left) for left, _ in rows), default=0))
    out = []
    for left, right in rows:
        if len(left) > width and right:
            out.append(f"  {left}")
            out.append(f"  {'':<{width}}  {right}")
        else:
            out.append(f"  {left:<{width}}  {right}".rstrip())
    return out


def render_catalog(catalog: Any, *, target: str) -> str:
    """The ``mcptui list`` page for a :class:`~mcptui.core.catalog.Catalog`."""
    short = Shortened()
    info = catalog.server_info or {}
    who = " ".join(x for x in (info.get("name"), info.get("version")) if x) or "(unnamed server)"
    head = [f"{target} — {who}"]
    era = f"protocol {catalog.protocol_version or '?'}"
    transport = f" · transport {catalog.transport}" if catalog.transport else ""
    head.append(f"  {era}{transport}")
    if catalog.stale:
        why = f" ({catalog.error})" if catalog.error else ""
        head.append(f"  STALE: connecting failed{why}; this is the last catalog seen")
    out = head
    if catalog.instructions:
        out.append(f"  instructions: {short.one_line(catalog.instructions)}")
    sections = [
        (
            "Tools",
            [
                (signature(t.get("name", "?"), t.get("inputSchema")), short.one_line(_title_or_desc(t)))
                for t in catalog.tools
            ],
        ),
        ("Prompts", [(prompt_signature(p), short.one_line(_title_or_desc(p))) for p in catalog.prompts]),
        ("Resources", [(r.get("uri", "?"), _resource_note(r, short)) for r in catalog.resources]),
        (
            "Resource templates",
            [(r.get("uriTemplate", "?"), _resource_note(r, short)) for r in catalog.resource_templates],
        ),
    ]
    for title, rows in sections:
        out.append("")
        out.append(f"{title} ({len(rows)})")
        out.extend(_rows(rows) if rows else ["  (none)"])
    counts = catalog.counts()
    out.append("")
    out.append(
        f"{counts['tools']} tools, {counts['prompts']} prompts, {counts['resources']} resources, "
        f"{counts['resourceTemplates']} templates"
    )
    if short.count:
        what = "description" if short.count == 1 else "descriptions"
        out.append(f"({short.count} {what} shortened to the first line; --json shows everything)")
    return "\n".join(out)


def _title_or_desc(item: dict[str, Any]) -> str:
    return item.get("description") or item.get("title") or ""


def _resource_note(resource: dict[str, Any], short: Shortened) -> str:
    bits = [resource.get("name") or resource.get("title") or ""]
    if resource.get("mimeType"):
        bits.append(f"({resource['mimeType']})")
    desc = short.one_line(resource.get("description"))
    if desc:
        bits.append(f"— {desc}")
    return " ".join(b for b in bits if b)


def human_size(count: int) -> str:
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count / (1024 * 1024):.1f} MB"


def _decode(data: str) -> bytes | None:
    try:
        return base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        return None


class BinarySaver:
    """Writes binary contents into ``--save-dir`` with predictable names."""

    def __init__(self, directory: str | None, stem: str) -> None:
        self.directory = Path(directory).expanduser() if directory else None
        self.stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem) or "result"
        self.count = 0
        self.problem: str | None = None  # why the last save failed
        self.warned = False

    def save(self, raw: bytes, mime: str | None) -> Path | None:
        if self.directory is None:
            return None
        self.count += 1
        base = (mime or "").split(";")[0].strip().lower()
        ext = EXTENSIONS.get(base) or mimetypes.guess_extension(base) or ".bin"
        path = self.directory / f"{self.stem}-{self.count}{ext}"
        try:
            private_dir(self.directory, own=False)
            write_private(path, raw)
        except OSError as exc:  # the result is still shown; only the file is missing
            self.problem = f"not saved: cannot write {exc.filename or path}: {exc.strerror or exc}"
            if not self.warned:
                self.warned = True
                print(f"warning: --save-dir: {sanitize_line(self.problem)}", file=sys.stderr)
            return None
        return path


def _binary_line(label: str, mime: str | None, data: str, saver: BinarySaver, extra: str = "") -> str:
    raw = _decode(data or "")
    size = human_size(len(raw)) if raw is not None else "undecodable base64"
    line = f"[{label} {mime or 'application/octet-stream'}, {size}]{extra}"
    if raw is not None:
        path = saver.save(raw, mime)
        line += f" saved to {path}" if path else (f" ({saver.problem})" if saver.problem else "")
    return line


def render_content(item: dict[str, Any], saver: BinarySaver) -> str:
    """One content block (text, image, audio, resource link, embedded resource)."""
    kind = item.get("type")
    if kind == "text":
        return str(item.get("text", ""))
    if kind in ("image", "audio"):
        return _binary_line(kind, item.get("mimeType"), item.get("data", ""), saver)
    if kind == "resource_link":
        extra = " ".join(
            x for x in (item.get("name"), f"({item['mimeType']})" if item.get("mimeType") else "") if x
        )
        return f"[resource link] {item.get('uri', '?')}" + (f" {extra}" if extra else "")
    if kind == "resource":
        return render_resource_contents(item.get("resource") or {}, saver, embedded=True)
    return "[" + str(kind or "content") + "] " + json.dumps(item, ensure_ascii=False)


def render_resource_contents(contents: dict[str, Any], saver: BinarySaver, *, embedded: bool = False) -> str:
    uri = contents.get("uri", "?")
    mime = contents.get("mimeType")
    if "blob" in contents:
        return _binary_line("blob", mime, contents.get("blob", ""), saver, f" {uri}")
    head = f"[resource {uri}" + (f" ({mime})" if mime else "") + "]"
    text = str(contents.get("text", ""))
    return f"{head}\n{text}" if embedded else text


def pretty_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _as_json(text: str) -> Any:
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{":
        return None
    try:
        return json.loads(stripped)
    except ValueError:
        return None


def _same_as_text(structured: Any, texts: list[str]) -> bool:
    """True when ``structuredContent`` only repeats the text content (the SDK's usual echo)."""
    if any(_as_json(t) == structured for t in texts):
        return True
    # primitive outputs are wrapped as {"result": value} and also sent as text
    if isinstance(structured, dict) and list(structured) == ["result"] and len(texts) == 1:
        value = structured["result"]
        return texts[0] == (value if isinstance(value, str) else json.dumps(value))
    return False


def render_tool_result(result: dict[str, Any], saver: BinarySaver) -> str:
    """A CallToolResult for people; text that duplicates ``structuredContent`` is shown once."""
    structured = result.get("structuredContent")
    content = result.get("content") or []
    texts = [str(item.get("text", "")) for item in content if item.get("type") == "text"]
    blocks: list[str] = []
    echoed = structured is not None and _same_as_text(structured, texts)
    for item in content:
        if echoed and item.get("type") == "text" and _as_json(item.get("text", "")) == structured:
            continue  # shown below as structuredContent
        blocks.append(render_content(item, saver))
    if structured is not None and not (
        echoed and blocks and len(texts) == 1 and _as_json(texts[0]) != structured
    ):
        blocks.append("structuredContent:\n" + pretty_json(structured))
    if not blocks:
        blocks.append("(no content)")
    return "\n".join(blocks)


def render_read_result(result: dict[str, Any], saver: BinarySaver) -> str:
    contents = result.get("contents") or []
    if len(contents) == 1:
        return render_resource_contents(contents[0], saver)
    if not contents:
        return "(no contents)"
    return "\n".join(render_resource_contents(c, saver, embedded=True) for c in contents)


def render_prompt_result(result: dict[str, Any], saver: BinarySaver) -> str:
    out: list[str] = []
    if result.get("description"):
        out.append(f"# {result['description']}")
    for message in result.get("messages") or []:
        content = message.get("content")
        items = content if isinstance(content, list) else [content or {}]
        body = "\n".join(render_content(item, saver) for item in items)
        out.append(f"[{message.get('role', '?')}] {body}")
    return "\n".join(out) if out else "(no messages)"
