"""Saving what the result view shows: binary blocks, cut text, and text kept in a spill file.

:class:`ResultSaver` is the part of :class:`~mcptui.ui.widgets.result_view.ResultView` that
asks where (default: the view's ``save_dir``, else the user's downloads folder; never the working
directory) and writes 0600 files under a fresh name, telling the path. A block held in memory is
written at once; a text or blob kept aside whole (:mod:`mcptui.core.spill`: tens of megabytes) is
decoded and written page by page in a worker thread, and the view is told when it is done
(:class:`SpillSaved`), so the keys keep working meanwhile.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

from mcptui.ui.widgets.attachments import Attachment, fresh_target, save_attachment, suggested_name
from mcptui.ui.widgets.result_blocks import BinaryBlock, TextBlock
from mcptui.ui.widgets.result_format import human_size

if TYPE_CHECKING:
    from mcptui.ui.widgets.result_view import ResultView


class SpillSaved(Message):
    """A spilled text or blob was written whole to ``path`` (None: it failed, ``error`` says why)."""

    def __init__(self, path: Path | None, error: str | None = None, what: str = "text") -> None:
        super().__init__()
        self.path = path
        self.error = error
        self.what = what


class ResultSaver:
    """The save keys of one result view."""

    def __init__(self, view: ResultView) -> None:
        self.view = view

    def saveable(self) -> list[Any]:
        """Blocks ``w`` saves: binary content, and text cut to the render limits, paged or kept aside."""
        view = self.view
        blocks: list[Any] = [b for b in view.query(BinaryBlock) if b.attachment is not None]
        return blocks or [
            b for b in view.query(TextBlock) if b.truncated or b.paged or b.spilled is not None or b.lost
        ]

    def folder(self) -> Path:
        from mcptui.core import locations

        return self.view.save_dir or locations.save_dir()

    def save(self) -> None:
        """Save the focused block, else every saveable block (asking for a folder when several)."""
        view = self.view
        focused = view.screen.focused
        saveable = self.saveable()
        blocks = [block for block in saveable if focused is not None and block in focused.ancestors]
        blocks = blocks or saveable
        if len(blocks) > 1:
            from mcptui.ui.screens.save_dialog import save_where

            def write_all(folder: Path) -> None:
                for block in blocks:
                    self.write(block, folder / suggested_name(block.attachment))

            save_where(
                view.app, f"{len(blocks)} files into the folder", self.folder(), write_all, folder=True
            )
        elif blocks:
            self.ask(blocks[0])

    def ask(self, block: BinaryBlock | TextBlock) -> None:
        """Ask where to save one block's bytes."""
        view = self.view
        if block.lost:
            from mcptui.core import spill

            view.notify(f"Not saved: {spill.GONE} ({spill.GONE_WHY})", severity="warning")
            return
        if block.attachment is None:
            view.notify("Nothing to save: the content is empty or not valid base64", severity="warning")
            return
        from mcptui.ui.screens.save_dialog import save_where

        attachment = block.attachment
        default = self.folder() / suggested_name(attachment)
        size = block.spilled.size if block.spilled is not None else len(attachment.data)
        what = f"{attachment.kind} ({attachment.mime_type}, {human_size(size)})"
        save_where(view.app, what, default, lambda path: self.write(block, path))

    def write(self, block: BinaryBlock | TextBlock, target: Path) -> Path | None:
        """Write one block's bytes to ``target`` (a fresh name if it exists), 0600; tell the path.

        A spilled text is written by a worker: the path is returned at once, and
        :class:`SpillSaved` follows when the file is whole.
        """
        attachment = block.attachment
        if attachment is None or block.lost:
            return None
        directory = target.parent
        try:
            if block.spilled is not None:
                return self._write_spilled(block, attachment, directory, target.name)
            path = save_attachment(attachment, directory, target.name)
        except OSError as error:
            self.view.notify(f"Could not save to {directory}: {error.strerror or error}", severity="error")
            return None
        self.view.notify(f"Saved {attachment.kind} ({attachment.mime_type}) to {path}")
        return path

    def _write_spilled(
        self, block: BinaryBlock | TextBlock, attachment: Attachment, directory: Path, name: str
    ) -> Path:
        from mcptui.core.private_files import open_private

        path = fresh_target(directory, name)
        handle = open_private(path, "xb")  # made here: the name is ours before the worker starts
        view = self.view
        view.notify(
            f"Saving {attachment.kind} ({human_size(block.spilled.size if block.spilled else 0)}) to {path}…"
        )

        def write() -> None:
            try:
                with handle:
                    for page in block.byte_pages():
                        handle.write(page)
            except (OSError, ValueError) as error:
                view.app.call_from_thread(view.post_message, SpillSaved(None, str(error), attachment.kind))
                return
            view.app.call_from_thread(view.post_message, SpillSaved(path, what=attachment.kind))

        view.run_worker(write, thread=True, group="result-save", description="save a long text")
        return path
