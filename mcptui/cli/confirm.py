"""``mcptui call`` on a destructive tool: ask on a terminal, else require ``--yes``.

A tool annotated ``destructiveHint: true`` (or, on a server marked cautious, one not marked
read-only; see :mod:`mcptui.core.tool_safety`) is only sent after the user answers ``y`` on
the terminal (the question goes to stderr, the answer is read from stdin). Without a
terminal there is nobody to ask: the call is refused (exit 1) unless ``--yes`` is given.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from mcptui.core.errors import UsageError
from mcptui.core.redact import REDACTED
from mcptui.core.secret_args import secret_argument_names
from mcptui.core.tool_safety import needs_confirmation, why_confirm


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def confirm_call(
    tool: dict[str, Any],
    arguments: dict[str, Any],
    *,
    cautious: bool,
    yes: bool,
    stdin: TextIO | None = None,
    stderr: TextIO | None = None,
) -> None:
    """Return when the call may go; raise :class:`UsageError` when it must not."""
    if yes or not needs_confirmation(tool, cautious=cautious):
        return
    stdin = stdin or sys.stdin
    stderr = stderr or sys.stderr
    name = str(tool.get("name", "?"))
    reason = why_confirm(tool)
    if not _isatty(stdin):
        raise UsageError(
            f"{name} needs confirmation ({reason}) and stdin is not a terminal",
            hint="pass --yes to call it anyway",
        )
    secret = secret_argument_names(tool.get("inputSchema") or {}, arguments)
    shown = {k: (REDACTED if k in secret else v) for k, v in arguments.items()}
    stderr.write(f"{name}: {reason}.\narguments: {json.dumps(shown, ensure_ascii=False, default=str)}\n")
    stderr.write(f"Call {name}? [y/N] ")
    stderr.flush()
    answer = stdin.readline().strip().lower()
    if answer not in ("y", "yes"):
        raise UsageError(f"{name} was not called", hint="answer y to call it, or pass --yes")
