"""Copying a result as JSON (the result view's ``y``, the history's ``y``): the whole result, or a
clear word that it is cut.

A result kept aside (core/spill.py) is held as its cut copy. Its copy never goes to the clipboard
as if it were the result: the whole result is rebuilt from its spill file by a worker thread
(core/spill_whole.py) and copied when it is at most :data:`COPY_LIMIT`; past that (an OSC 52
copy travels through the terminal, and most terminals drop one far smaller), or once its spill
file is gone, nothing is copied and a notice says the result is cut, how large it is, and that
``w`` in the result view saves its content whole. The note core adds about a spilled result's
schema check is not part of the server's result: it is left out of the copy.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from mcptui.core.spill_check import CHECK_KEY
from mcptui.core.spill_whole import NoLongerKept, TooLarge, cut_texts, whole
from mcptui.ui.widgets.result_format import pretty_json

MIB = 1 << 20
COPY_LIMIT = 8 * MIB  # bytes of cut strings read back for one copy


def as_copied(result: Any) -> Any:
    """``result`` as the server sent it (core's note about its schema check left out)."""
    if isinstance(result, dict) and CHECK_KEY in result:
        return {key: value for key, value in result.items() if key != CHECK_KEY}
    return result


def copy_result_json(app: App[Any], result: Any) -> None:
    """Copy ``result`` as indented JSON: whole (a cut one read back in a worker), or say why not."""
    result = as_copied(result)
    cut = cut_texts(result)
    if not cut:
        text = pretty_json(result)
        app.copy_to_clipboard(text)
        app.notify(f"Copied the result as JSON ({len(text):,} characters)")
        return
    if cut.missing:
        _not_copied(app, "its whole is no longer kept (only the newest big results are)")
        return
    if cut.size > COPY_LIMIT:
        _not_copied(app, f"it is {cut.size / MIB:.1f} MiB, more than a copy takes ({COPY_LIMIT // MIB} MiB)")
        return
    app.notify(f"Reading the whole result back ({cut.size / MIB:.1f} MiB) to copy it…", timeout=2)
    app.run_worker(
        lambda: _copy_whole(app, result), thread=True, group="copy-json", exclusive=True, exit_on_error=False
    )


def _copy_whole(app: App[Any], result: Any) -> None:
    try:
        text = pretty_json(whole(result, COPY_LIMIT))
    except (TooLarge, NoLongerKept) as why:
        app.call_from_thread(_not_copied, app, str(why))
        return
    app.call_from_thread(_copied_whole, app, text)


def _copied_whole(app: App[Any], text: str) -> None:
    app.copy_to_clipboard(text)
    app.notify(f"Copied the whole result as JSON ({len(text):,} characters, read back from its spill file)")


def _not_copied(app: App[Any], why: str) -> None:
    app.notify(
        f"Not copied: this result is cut here and {why}. Press w in the result to save its content whole.",
        severity="warning",
        timeout=8,
    )
