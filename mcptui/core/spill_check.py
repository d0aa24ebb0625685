"""The output-schema check of a tool result kept aside, made on the whole result, never the cut copy.

The SDK checks a tool's ``structuredContent`` against its output schema inside
``Client.call_tool``. For a result kept aside (:mod:`mcptui.core.spill`) it would judge the small
copy, where a cut string fails a ``minLength`` or ``pattern`` the whole text meets, and passes a
``maxLength``, ``enum`` or ``const`` the whole text breaks. So, on a connection that keeps big
messages aside, :func:`guard` makes the session's check step aside for a result holding cut
strings (only strings this process cut: a marker a server forged is judged as text), and
:func:`check_whole` runs the SDK's own check on the whole structured content, read back from
the spill file in a worker thread (:mod:`mcptui.core.spill_whole`). Its outcome is the SDK's:
an invalid result fails the call with the SDK's message, as a small one would.

A whole value past ``MCPTUI_WHOLE_MB`` (or whose spill file is already gone) is not judged at
all: the result carries :data:`CHECK_KEY` saying "not checked" and why, for the view. A result
that was judged whole carries it too, so that the view does not judge the cut copy again.
"""

from __future__ import annotations

from typing import Any

from mcptui.core import spill
from mcptui.core.spill_whole import NoLongerKept, TooLarge, cut_texts, whole_in_thread

CHECK_KEY = "_mcptuiOutputCheck"  # on a spilled wire result: {"checked": bool, "note": str}


def guard(session: Any) -> None:
    """Make ``session``'s output-schema check step aside for a result with cut strings (once)."""
    original = session.validate_tool_result
    if getattr(original, "_mcptui_whole", False):
        return

    async def validate_tool_result(name: str, result: Any) -> None:
        if cut_texts(getattr(result, "structured_content", None)):
            return  # judged on the whole result by check_whole, or reported as not checked
        await original(name, result)

    validate_tool_result._mcptui_whole = True  # type: ignore[attr-defined]
    session.validate_tool_result = validate_tool_result


QUOTE_CHARS = 300  # characters of the SDK's message kept on each side of a long quoted value


def _bounded(name: str, message: str, cause: BaseException | None) -> str:
    """The SDK's verdict on the whole result, its quote of the value cut to a readable size."""
    said = getattr(cause, "message", None)  # a jsonschema error's one line ("... is too long")
    text = f"Invalid structured content returned by tool {name}: {said}" if isinstance(said, str) else message
    if len(text) > 2 * QUOTE_CHARS:
        cut = len(text) - 2 * QUOTE_CHARS
        text = f"{text[:QUOTE_CHARS]}… [{cut:,} characters not shown] …{text[-QUOTE_CHARS:]}"
    where = "/".join(str(part) for part in getattr(cause, "absolute_path", ()) or ())
    at = f" (at structuredContent/{where})" if where else ""
    return f"{text}{at}; judged on the whole result, read back from its spill file"


def note(checked: bool, text: str) -> dict[str, Any]:
    return {"checked": checked, "note": text}


async def check_whole(session: Any, name: str, result: Any) -> dict[str, Any] | None:
    """Judge a spilled tool ``result`` (the SDK's model) on its whole structured content.

    Returns the :data:`CHECK_KEY` note for the wire result (None: nothing was cut, or no schema
    to judge by); raises the SDK's ``RuntimeError`` when the whole result does not match.
    """
    structured = getattr(result, "structured_content", None)
    cut = cut_texts(structured)
    if getattr(result, "is_error", False) or not cut:
        return None
    from mcptui.core import tool_bookkeeping

    tool_bookkeeping.flush(session)  # done by call_tool already, unless called another way
    schemas = getattr(session, "_tool_output_schemas", None)
    if isinstance(schemas, dict) and name in schemas and schemas[name] is None:
        return None  # the tool declares no output schema: nothing to judge
    try:
        whole = await whole_in_thread(structured)
    except TooLarge as why:
        return note(False, f"not checked: result too large ({why}; MCPTUI_WHOLE_MB raises it)")
    except NoLongerKept as why:
        return note(False, f"not checked: {why}")
    try:
        await session.validate_tool_result(name, result.model_copy(update={"structured_content": whole}))
    except RuntimeError as error:  # the SDK's message quotes the (whole, megabytes long) value
        raise RuntimeError(_bounded(name, str(error), error.__cause__)) from None
    return note(
        True, f"judged on the whole result ({cut.size / spill.MIB:.1f} MiB read back from its spill file)"
    )
