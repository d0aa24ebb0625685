"""ResultView: renders what a server returned (tool result, prompt, resource contents), errors and progress.

Give it wire-form dicts (``show_tool_result``, ``show_prompt_result``, ``show_resource_contents``)
or a message (``show_error``) or progress (``show_progress``). Long content is cut to the render
limits with a notice ("showing X of Y"), and ``x`` re-renders it in full (a text past
``SHOW_ALL_LIMIT``, or kept whole in a spill file, is read page by page: :mod:`.paged_text`);
``w`` saves (writes) binary content (the focused block, else every binary block), else each cut
text whole, after asking where, as 0600 files (:mod:`.result_saving`); ``y`` copies the result as JSON (OSC 52); ``r`` switches text
between rendered (Markdown, pretty JSON) and exactly as received. Binding ids: ``result-show-all``,
``result-save``, ``result-copy``, ``result-raw``, ``result-cancel``. Messages up:
:class:`ResultView.OpenResource` (a resource link was activated) and
:class:`ResultView.CancelRequested` (escape while a call is running).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ProgressBar, Static

from mcptui.core.spill_check import CHECK_KEY
from mcptui.ui.safe_text import safe_text
from mcptui.ui.widgets.result_blocks import (
    SHOW_ALL_KEY,
    BinaryBlock,
    JsonBlock,
    ResourceLinkBlock,
    TextBlock,
    TruncationNotice,
    content_widget,
    resource_contents_widget,
)
from mcptui.ui.widgets.result_format import TOTAL_LINES, pretty_json
from mcptui.ui.widgets.result_parts import LineBudget, as_list, as_result, schema_check
from mcptui.ui.widgets.result_saving import ResultSaver, SpillSaved

MAX_BLOCKS = 100  # content blocks rendered before "show all"
_ACTIONS = ("show_all", "save", "copy", "toggle_raw", "cancel")  # the keys check_action switches


class ResultView(VerticalScroll, can_focus=True):
    """The result pane: one widget per content block, an error style, progress and save/copy keys."""

    DEFAULT_CSS = """
    ResultView .prompt-message, ResultView .structured-block, ResultView .structured-row { height: auto; }
    ResultView .structured-row > JsonBlock, ResultView .binary-info { width: 1fr; }
    """

    BINDINGS = [
        Binding(SHOW_ALL_KEY, "show_all", "Show all", id="result-show-all"),
        # not s/c: those are the pane keys (servers, console) everywhere text is not typed
        Binding("w", "save", "Save", id="result-save"),
        Binding("y", "copy", "Copy JSON", id="result-copy"),
        Binding("r", "toggle_raw", "Raw/rendered", id="result-raw"),
        Binding("escape", "cancel", "Cancel call", id="result-cancel"),
    ]

    class OpenResource(Message):
        """A resource link in the result was activated: read ``uri``."""

        def __init__(self, uri: str) -> None:
            super().__init__()
            self.uri = uri

    class CancelRequested(Message):
        """The user asked to cancel the running call (escape while progress is shown)."""

    def __init__(
        self,
        *,
        save_dir: Path | None = None,
        cancel_hint: str = "press escape to cancel",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.save_dir = save_dir
        self.cancel_hint = cancel_hint
        self.result: dict[str, Any] | None = None
        self.mode = "empty"  # empty | tool | prompt | resource | error | progress
        self.show_all = False
        self.raw = False  # text shown exactly as received (no Markdown / JSON rendering)
        self._render_args: tuple[Any, ...] = ()
        self._progress_bar: ProgressBar | None = None
        self._progress_label: Static | None = None
        self.saver = ResultSaver(self)
        self._enabled: tuple[bool, ...] = ()  # which of _ACTIONS the footer was last told are on

    # ----------------------------------------------------------------- public API

    def show_tool_result(
        self,
        result: dict[str, Any],
        elapsed_ms: float | None = None,
        output_schema: dict[str, Any] | None = None,
    ) -> AwaitComplete:
        """Render a wire ``CallToolResult`` (``isError`` shown as an error)."""
        result = as_result(result, "content")
        self._start("tool", result, (elapsed_ms, output_schema))
        is_error = bool(result.get("isError"))
        self.set_class(is_error, "-error")
        self.border_title = "Tool error" if is_error else "Result"
        self.border_subtitle = f"{elapsed_ms:.0f} ms" if elapsed_ms is not None else ""
        widgets = self._content_widgets(as_list(result.get("content")))
        if "structuredContent" in result:
            widgets.append(self._structured_widget(result.get("structuredContent"), output_schema))
        if not widgets:
            widgets.append(Static("(the tool returned no content)", classes="empty-note"))
        return self._replace(widgets)

    def show_prompt_result(self, result: dict[str, Any]) -> AwaitComplete:
        """Render a wire ``GetPromptResult``: the description, then each message under its role."""
        result = as_result(result, "messages")
        self._start("prompt", result)
        self.set_class(False, "-error")
        self.border_title = "Prompt"
        self.border_subtitle = ""
        widgets: list[Widget] = []
        if result.get("description"):
            widgets.append(
                Static(safe_text(result["description"], multiline=True), classes="prompt-description")
            )
        messages = as_list(result.get("messages"))
        limit = None if self.show_all else MAX_BLOCKS
        budget = LineBudget(None if self.show_all else TOTAL_LINES)
        for message in messages[:limit]:
            role = str(message.get("role", "?")) if isinstance(message, dict) else "?"
            content = message.get("content") if isinstance(message, dict) else message
            block = budget.spend(
                content_widget(content, capped=not self.show_all, raw=self.raw, **budget.args())
            )
            widgets.append(
                Vertical(
                    Static(safe_text(role, style="bold"), classes=f"role role-{role}"),
                    block,
                    classes="prompt-message",
                )
            )
        if limit is not None and len(messages) > limit:
            widgets.append(self._more_notice(len(messages) - limit, "messages"))
        if not messages:
            widgets.append(Static("(the prompt has no messages)", classes="empty-note"))
        return self._replace(widgets)

    def show_resource_contents(self, result: dict[str, Any]) -> AwaitComplete:
        """Render a wire ``ReadResourceResult`` (text and blob contents)."""
        result = as_result(result, "contents")
        self._start("resource", result)
        self.set_class(False, "-error")
        self.border_title = "Resource"
        self.border_subtitle = ""
        contents = as_list(result.get("contents"))
        limit = None if self.show_all else MAX_BLOCKS
        budget = LineBudget(None if self.show_all else TOTAL_LINES)
        widgets: list[Widget] = [
            budget.spend(
                resource_contents_widget(
                    item if isinstance(item, dict) else {"text": str(item)},
                    capped=not self.show_all,
                    raw=self.raw,
                    **budget.args(),
                )
            )
            for item in contents[:limit]
        ]
        if limit is not None and len(contents) > limit:
            widgets.append(self._more_notice(len(contents) - limit, "contents"))
        if not widgets:
            widgets.append(Static("(the resource has no contents)", classes="empty-note"))
        return self._replace(widgets)

    def show_error(self, message: str) -> AwaitComplete:
        """Show a failure (a request error, a timeout...) in the error style."""
        self._start("error", {"error": message})
        self.add_class("-error")
        self.border_title = "Error"
        self.border_subtitle = ""
        return self._replace([Static(safe_text(message, multiline=True), classes="error-message")])

    def show_progress(
        self, progress: float, total: float | None = None, message: str | None = None
    ) -> AwaitComplete:
        """Show (or update in place) the progress of a running call, with the cancel hint."""
        if self.mode == "progress" and self._progress_bar is not None and self._progress_label is not None:
            self._progress_bar.update(total=total, progress=progress)
            self._progress_label.update(safe_text(message or "Running…", multiline=True))
            return AwaitComplete(_nothing()).call_next(self)
        self._start("progress", None)
        self.set_class(False, "-error")
        self.border_title = "Running…"
        self.border_subtitle = ""
        self._progress_label = Static(
            safe_text(message or "Running…", multiline=True), classes="progress-message"
        )
        self._progress_bar = ProgressBar(total=total, show_eta=False, classes="progress-bar")
        self._progress_bar.progress = progress
        hint = Static(Text(self.cancel_hint), classes="cancel-hint")
        return self._replace([self._progress_label, self._progress_bar, hint])

    def clear(self) -> AwaitComplete:
        """Empty the view."""
        self._start("empty", None)
        self.set_class(False, "-error")
        self.border_title = "Result"
        self.border_subtitle = ""
        return self._replace([])

    def copy_json(self) -> str:
        """The current result as held, as indented JSON text (``""`` when there is none); a
        result kept aside is its cut copy here: ``y`` copies it whole (:meth:`action_copy`)."""
        return pretty_json(self.result) if self.result is not None else ""

    @property
    def truncated(self) -> bool:
        """True when part of the current result is not rendered (``x`` shows it)."""
        return bool(self.query(TruncationNotice))

    # ----------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_all":
            return self.truncated
        if action == "save":
            return bool(self.saver.saveable())
        if action in ("copy", "toggle_raw"):
            return self.result is not None
        if action == "cancel":
            return self.mode == "progress"
        return True

    def action_show_all(self) -> None:
        """Render the current result without the limits (a long text is read page by page)."""
        self.show_all = True
        self._render_again()

    def action_toggle_raw(self) -> None:
        """Switch text between rendered (Markdown, pretty JSON) and exactly as received."""
        self.raw = not self.raw
        self.notify("Showing text as received" if self.raw else "Rendering Markdown and JSON")
        self._render_again()

    def _render_again(self) -> None:
        if self.mode not in ("tool", "prompt", "resource") or self.result is None:
            return
        if self.mode == "tool":
            self.show_tool_result(self.result, *self._render_args)
        elif self.mode == "prompt":
            self.show_prompt_result(self.result)
        else:
            self.show_resource_contents(self.result)

    def action_save(self) -> None:
        """Save the focused block, else every saveable block of the result."""
        self.saver.save()

    def action_copy(self) -> None:
        """Copy the result as JSON to the clipboard (OSC 52: works over SSH); a result kept
        aside is copied whole or not at all (:mod:`mcptui.ui.copy_json`)."""
        if self.result is not None:
            from mcptui.ui.copy_json import copy_result_json

            copy_result_json(self.app, self.result)

    def action_cancel(self) -> None:
        self.post_message(self.CancelRequested())

    def save_block(self, block: BinaryBlock | TextBlock) -> None:
        """Ask where to save one block's bytes (default: :attr:`save_dir`, else the downloads folder)."""
        self.saver.ask(block)

    def write_block(self, block: BinaryBlock | TextBlock, target: Path) -> Path | None:
        """Write one block's bytes to ``target`` (a fresh name if it exists), 0600; notify the path
        (a spilled text: written by a worker, :class:`SpillSaved` follows)."""
        return self.saver.write(block, target)

    # ----------------------------------------------------------------- internals

    @on(BinaryBlock.SaveRequested)
    def _save_requested(self, event: BinaryBlock.SaveRequested) -> None:
        event.stop()
        self.save_block(event.block)

    @on(SpillSaved)
    def _spill_saved(self, event: SpillSaved) -> None:
        event.stop()
        if event.path is None:
            self.notify(f"Could not save the whole {event.what}: {event.error}", severity="error")
        else:
            self.notify(f"Saved the whole {event.what} to {event.path}")

    @on(ResourceLinkBlock.Activated)
    def _link_activated(self, event: ResourceLinkBlock.Activated) -> None:
        event.stop()
        self.post_message(self.OpenResource(event.uri))

    def _start(self, mode: str, result: dict[str, Any] | None, render_args: tuple[Any, ...] = ()) -> None:
        if result is not self.result or mode != self.mode:
            self.show_all = False
        self.mode = mode
        self.result = result
        self._render_args = render_args
        if mode != "progress":
            self._progress_bar = self._progress_label = None

    def _content_widgets(self, content: list[Any]) -> list[Widget]:
        limit = None if self.show_all else MAX_BLOCKS
        budget = LineBudget(None if self.show_all else TOTAL_LINES)
        widgets = [
            budget.spend(content_widget(block, capped=not self.show_all, raw=self.raw, **budget.args()))
            for block in content[:limit]
        ]

        if limit is not None and len(content) > limit:
            widgets.append(self._more_notice(len(content) - limit, "content blocks"))
        return widgets

    def _structured_widget(self, structured: Any, output_schema: dict[str, Any] | None) -> Widget:
        capped = not self.show_all
        panes: list[Widget] = [
            JsonBlock(structured, caption="structuredContent", capped=capped, classes="structured")
        ]
        if output_schema is not None:
            panes.append(
                JsonBlock(output_schema, caption="outputSchema", capped=capped, classes="output-schema")
            )
        children: list[Widget] = [Horizontal(*panes, classes="structured-row")]
        if output_schema is not None:
            whole = (self.result or {}).get(CHECK_KEY)  # a result kept aside: judged whole by core
            children.append(schema_check(structured, output_schema, whole))
        return Vertical(*children, classes="structured-block")

    def _more_notice(self, hidden: int, what: str) -> TruncationNotice:
        return TruncationNotice(
            f"… {hidden:,} more {what} not shown — press {SHOW_ALL_KEY} to show all",
            classes="truncation-notice",
        )

    def _replace(self, widgets: list[Widget]) -> AwaitComplete:
        async def swap() -> None:
            # one layout and one paint for the old blocks out and the new in (not one each)
            with self.app.batch_update():
                await self.remove_children()
                if widgets:
                    await self.mount_all(widgets)
                self.scroll_home(animate=False)
            self._bindings_changed()

        return AwaitComplete(swap()).call_next(self)

    def _bindings_changed(self) -> None:
        """Tell the footer, only when it shows this view's keys (the focus is in it) and one of
        them was switched on or off: each time it is told, the footer is rebuilt, which costs a
        layout and a paint of the screen (tens of ms on a loaded machine). Focus moving in
        refreshes the footer anyway."""
        focused = self.screen.focused
        if focused is None or (focused is not self and self not in focused.ancestors):
            self._enabled = ()  # its keys are not on the footer (focus coming in refreshes it)
            return
        enabled = tuple(bool(self.check_action(action, ())) for action in _ACTIONS)
        if enabled != self._enabled:
            self._enabled = enabled
            self.refresh_bindings()


async def _nothing() -> None:
    return None
