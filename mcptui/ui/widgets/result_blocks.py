"""One widget per MCP content block: text (JSON / Markdown / plain), binary, resource link, structured.

:func:`content_widget` turns a wire-form content block (``{"type": "text", ...}``, ``image``,
``audio``, ``resource``, ``resource_link``) into a widget. Text longer than the render limits is
cut with a visible notice, its body drawn a visible row at a time (:class:`.text_rows.TextRows`);
binary blocks show type and size with a Save button; resource links post
:class:`ResourceLinkBlock.Activated`. All server text is sanitized and goes through Rich ``Text``
(never console markup), so brackets in a result cannot restyle the screen.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Static

from mcptui.core import spill
from mcptui.ui.safe_text import safe_body, safe_line, safe_text
from mcptui.ui.widgets.attachments import Attachment
from mcptui.ui.widgets.paged_text import PagedText, PageSource, text_pages
from mcptui.ui.widgets.result_format import (
    MAX_LINES,
    SHOW_ALL_LIMIT,
    Capped,
    cap_text,
    classify_text,
    decode_base64,
    human_size,
    image_dimensions,
    pretty_json,
)
from mcptui.ui.widgets.text_rows import TextRows

SHOW_ALL_KEY = "x"


class TruncationNotice(Static):
    """The line that says how much was left out and which key shows it."""


class GoneNotice(Static):
    """The line under a text cut when it arrived whose spill file is gone: the rest is no longer
    available (not a :class:`TruncationNotice`: "show all" has nothing more to show)."""


class CappedBlock(Vertical):
    """A block whose text is cut to the render limits: the caption, the notice, the line count."""

    caption: str | None
    cut: Capped

    @property
    def truncated(self) -> bool:
        return self.cut.truncated

    @property
    def shown_lines(self) -> int:
        """How many lines this block renders (for the view's line budget)."""
        return self.cut.text.count("\n") + 1 if self.cut.text else 0

    def caption_widget(self) -> Static | None:
        return Static(safe_text(self.caption), classes="block-caption") if self.caption else None

    def notice_widget(self) -> TruncationNotice | None:
        if not self.cut.truncated:
            return None
        return TruncationNotice(self.cut.notice(SHOW_ALL_KEY), classes="truncation-notice")


class TextBlock(CappedBlock):
    """Text shown as highlighted JSON, rendered Markdown or plain text, cut to the render limits.

    ``max_lines`` (default :data:`MAX_LINES`) lets the view share one line budget between
    blocks; ``capped=False`` shows everything: past :data:`SHOW_ALL_LIMIT`, or when the whole
    text was kept aside (``spilled``: a big message, :mod:`mcptui.core.spill`), in a
    :class:`PagedText` that reads it page by page off the UI thread.
    """

    DEFAULT_CSS = "TextBlock, JsonBlock, BinaryBlock, BinaryBlock .binary-row { height: auto; }"

    def __init__(
        self,
        text: str,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        capped: bool = True,
        raw: bool = False,
        max_lines: int = MAX_LINES,
    ):
        super().__init__(classes="content-block text-block")
        self.spilled = spill.find(text)  # the whole text is in a spill file; this is its head
        self.lost = self.spilled is None and spill.lost(text)  # its head only: the file is gone
        if self.spilled is not None or self.lost:
            text = spill.head_of(text)
        self.text = text
        self.mime_type = mime_type
        self.caption = caption
        self.kind = "plain" if raw or self.spilled or self.lost else classify_text(text, mime_type)
        shown = pretty_json(json.loads(text)) if self.kind == "json" else text
        self.paged = not capped and (self.spilled is not None or len(shown) > SHOW_ALL_LIMIT)
        self._shown = shown
        if self.spilled is not None:
            head = cap_text(shown, max_lines=max_lines) if capped else Capped(shown)
            size = max(self.spilled.size, len(head.text) + 1)
            self.cut = Capped(
                head.text, hidden_chars=size - len(head.text), total_chars=size, lines_known=False
            )
        else:
            self.cut = cap_text(shown, max_lines=max_lines) if capped else Capped(shown)
        if self.paged:
            self.cut = Capped(shown[:0])

    @property
    def attachment(self) -> Attachment:
        """The whole text as received, for saving (``w``); encoded only when asked (not for a
        spilled text: the view saves that from its spill file)."""
        mime = self.mime_type or ("application/json" if self.kind == "json" else "text/plain")
        return Attachment("text", mime, self.text.encode("utf-8", "surrogatepass"))

    def byte_pages(self) -> Iterator[bytes]:
        """The whole text as UTF-8, page by page (for saving, in a worker thread)."""
        for page in self.pages()():
            yield page.encode("utf-8", "surrogatepass")

    def pages(self) -> PageSource:
        """The whole text, page by page (read from the spill file when it was kept aside)."""
        spilled = self.spilled
        if spilled is None:
            return text_pages(self._shown)
        return lambda: spill.read_pages(spilled)

    def compose(self) -> ComposeResult:
        if caption := self.caption_widget():
            yield caption
        if self.paged:
            yield PagedText(self.pages(), self.spilled.size if self.spilled else len(self._shown))
        elif self.cut.text or not self.cut.truncated:
            if self.kind == "json":
                yield TextRows(self.cut.text, highlight_json=True, classes="json-text")
            elif self.kind == "markdown":
                from textual.widgets import Markdown  # markdown-it and pygments: only when shown

                yield Markdown(safe_body(self.cut.text), classes="markdown-text")
            else:
                yield TextRows(self.cut.text, classes="plain-text")
        if notice := self.notice_widget():
            yield notice
        if self.lost:
            yield GoneNotice(f"… {spill.GONE} ({spill.GONE_WHY})", classes="gone-notice")


class JsonBlock(CappedBlock):
    """Any JSON value, pretty and highlighted, cut to the render limits."""

    def __init__(
        self,
        value: Any,
        *,
        caption: str | None = None,
        capped: bool = True,
        classes: str = "",
        max_lines: int = MAX_LINES,
    ):
        super().__init__(classes=f"content-block json-block {classes}".strip())
        self.value = value
        self.caption = caption
        text = pretty_json(value)
        self.cut = cap_text(text, max_lines=max_lines) if capped else Capped(text)

    def compose(self) -> ComposeResult:
        if caption := self.caption_widget():
            yield caption
        yield TextRows(self.cut.text, highlight_json=True, classes="json-text")
        if notice := self.notice_widget():
            yield notice


class BinaryBlock(Vertical):
    """An image, audio clip or resource blob: its type and size, and a Save button."""

    class SaveRequested(Message):
        """The user asked to save this block's bytes."""

        def __init__(self, block: BinaryBlock) -> None:
            super().__init__()
            self.block = block

    def __init__(self, kind: str, mime_type: str, data_b64: str, *, uri: str | None = None):
        super().__init__(classes=f"content-block binary-block {kind}-block")
        self.spilled = spill.find(data_b64)  # a big blob kept aside: saved from its spill file
        self.lost = self.spilled is None and spill.lost(data_b64)  # kept aside, its file gone
        data = b"" if self.spilled is not None or self.lost else decode_base64(data_b64 or "")
        self.attachment = (
            Attachment(kind, mime_type or "application/octet-stream", data or b"", uri)
            if data or self.spilled is not None
            else None
        )
        self.kind = kind
        self.mime_type = mime_type or "application/octet-stream"
        self.uri = uri

    def byte_pages(self) -> Iterator[bytes]:
        """The blob kept aside, decoded page by page (in a worker thread)."""
        if self.spilled is None:
            yield self.attachment.data if self.attachment is not None else b""
            return
        carry = ""
        for page in spill.read_pages(self.spilled):
            text = carry + "".join(page.split())
            cut = len(text) - len(text) % 4
            carry = text[cut:]
            yield base64.b64decode(text[:cut])
        if carry:
            yield base64.b64decode(carry + "=" * (-len(carry) % 4))

    def describe(self) -> str:
        """``image · image/png · 1.2 KB · 64×48 px``."""
        parts = [self.kind, self.mime_type]
        if self.spilled is not None:
            parts.append(f"about {human_size(self.spilled.size * 3 // 4)}, kept aside (w saves it)")
        elif self.lost:
            parts.append(f"cut when it arrived: {spill.GONE}")
        elif self.attachment is None:
            parts.append("no data (empty or not valid base64)")
        else:
            parts.append(human_size(len(self.attachment.data)))
            if self.kind == "image":
                size = image_dimensions(self.attachment.data)
                if size:
                    parts.append(f"{size[0]}×{size[1]} px")
        if self.uri:
            parts.append(self.uri)
        return " · ".join(parts)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="binary-row"):
            yield Static(safe_text(self.describe()), classes="binary-info")
            if self.attachment is not None:
                yield Button("Save (w)", classes="save-button", compact=True)

    @on(Button.Pressed, ".save-button")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.SaveRequested(self))


class ResourceLinkBlock(Static, can_focus=True):
    """A link to a resource: Enter or a click posts :class:`Activated` with its URI."""

    BINDINGS = [Binding("enter", "open", "Open resource", id="result-open-link")]

    class Activated(Message):
        """Open the linked resource."""

        def __init__(self, uri: str) -> None:
            super().__init__()
            self.uri = uri

    def __init__(self, link: dict[str, Any]):
        self.link = link
        self.uri = str(link.get("uri", ""))
        text = Text("↗ ", style="bold")
        text.append(safe_line(link.get("name") or link.get("title") or self.uri), style="underline")
        if link.get("name") or link.get("title"):
            text.append("  " + safe_line(self.uri), style="dim")
        if link.get("mimeType"):
            text.append("  (" + safe_line(link["mimeType"]) + ")", style="dim")
        if link.get("description"):
            text.append("\n  " + safe_body(link["description"]), style="italic")
        super().__init__(text, classes="content-block resource-link-block")

    def action_open(self) -> None:
        self.post_message(self.Activated(self.uri))

    def on_click(self) -> None:
        self.action_open()


def content_widget(
    block: Any, *, capped: bool = True, raw: bool = False, max_lines: int = MAX_LINES
) -> Widget:
    """The widget for one wire-form content block (unknown kinds are shown as JSON)."""
    if not isinstance(block, dict):
        return JsonBlock(block, caption="unrecognised content", capped=capped, max_lines=max_lines)
    kind = block.get("type")
    if kind == "text":
        return TextBlock(
            str(block.get("text", "")),
            mime_type=_meta_mime(block),
            capped=capped,
            raw=raw,
            max_lines=max_lines,
        )
    if kind in ("image", "audio"):
        return BinaryBlock(kind, str(block.get("mimeType") or ""), str(block.get("data") or ""))
    if kind == "resource":
        return resource_contents_widget(
            block.get("resource") or {}, capped=capped, raw=raw, embedded=True, max_lines=max_lines
        )
    if kind == "resource_link":
        return ResourceLinkBlock(block)
    return JsonBlock(block, caption=f"content of type {kind!r}", capped=capped, max_lines=max_lines)


def resource_contents_widget(
    contents: dict[str, Any],
    *,
    capped: bool = True,
    raw: bool = False,
    embedded: bool = False,
    max_lines: int = MAX_LINES,
) -> Widget:
    """One ``TextResourceContents`` / ``BlobResourceContents`` entry."""
    uri = str(contents.get("uri") or "")
    mime = contents.get("mimeType")
    prefix = "embedded resource " if embedded else ""
    if "blob" in contents:
        return BinaryBlock("blob", str(mime or ""), str(contents.get("blob") or ""), uri=uri or None)
    caption = f"{prefix}{uri}" + (f" · {mime}" if mime else "")
    return TextBlock(
        str(contents.get("text", "")),
        mime_type=mime,
        caption=caption,
        capped=capped,
        raw=raw,
        max_lines=max_lines,
    )


def _meta_mime(block: dict[str, Any]) -> str | None:
    """Some servers hint a text block's MIME type in ``_meta`` or ``annotations``."""
    for holder in (block.get("_meta"), block.get("annotations")):
        if isinstance(holder, dict):
            for key in ("mimeType", "mime_type"):
                if isinstance(holder.get(key), str):
                    return holder[key]
    return None
