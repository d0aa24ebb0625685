"""How the command line answers requests from the server (elicitation, sampling, roots).

- Elicitation on a terminal: the message, then one prompt per field on stderr with the
  schema's default prefilled (Enter keeps it), values coerced by the field's schema; Ctrl-D
  declines. Without a terminal it declines, unless ``--accept-defaults`` answers with the
  schema's defaults (and declines if a required field has none).
- Sampling is declined with a note: the command line has no model to sample from.
- Roots: only the folders of the server's ``roots`` entry and ``--root`` (none by default).

Every note goes to stderr, so stdout keeps only the command's result.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import threading
from typing import Any, TextIO

from mcptui.core.errors import McpTuiError
from mcptui.core.handlers import ElicitAction
from mcptui.core.sanitize import sanitize_body, sanitize_line


def _coerce(schema: dict[str, Any], text: str) -> Any:
    """A typed value for ``text`` per ``schema`` (raises ValueError with a human message)."""
    from mcptui.core.schema_form import build_form, coerce_value

    return coerce_value(build_form(schema), text)


def schema_defaults(schema: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(defaults of the fields that have one, required fields without a default)."""
    props = schema.get("properties") or {}
    required = set(schema.get("required") or [])
    values = {k: p["default"] for k, p in props.items() if isinstance(p, dict) and "default" in p}
    missing = [k for k in props if k in required and k not in values]
    missing += [k for k in required if k not in props]
    return values, missing


def _field_label(name: str, prop: dict[str, Any], required: bool) -> str:
    title = prop.get("title") or name
    kind = prop.get("type", "")
    if "enum" in prop:
        kind = "|".join(map(str, prop["enum"]))
    label = f"{title} ({kind}{', required' if required else ''})"
    if prop.get("description"):
        label += f" — {prop['description']}"
    if "default" in prop:
        default = prop["default"]
        shown = default if isinstance(default, str) else json.dumps(default)
        label += f" [{shown}]"
    return label + ": "


class CliHandlers:
    """:class:`~mcptui.core.handlers.ClientHandlers` for one CLI run."""

    def __init__(
        self,
        *,
        accept_defaults: bool = False,
        interactive: bool | None = None,
        stdin: TextIO | None = None,
        stderr: TextIO | None = None,
        roots: list[str] | None = None,
    ) -> None:
        self.accept_defaults = accept_defaults
        self.root_paths = list(roots or [])
        self._stdin = stdin
        self._stderr = stderr
        if interactive is None:
            interactive = _isatty(stdin or sys.stdin) and _isatty(stderr or sys.stderr)
        self.interactive = interactive

    def _note(self, text: str) -> None:
        print(sanitize_body(text), file=self._stderr or sys.stderr, flush=True)

    async def _readline(self, prompt: str) -> str | None:
        stream = self._stderr or sys.stderr
        stream.write(sanitize_line(prompt))
        stream.flush()
        line = await _read_line_in_daemon_thread(self._stdin or sys.stdin)
        return None if line == "" else line.rstrip("\r\n")

    async def elicit(
        self, server: str, message: str, schema: dict[str, Any]
    ) -> tuple[ElicitAction, dict[str, Any] | None]:
        if self.interactive:
            return await self._ask(server, message, schema)
        if not self.accept_defaults:
            self._note(
                f"note: {server or 'the server'} asked for input ({message!r}); declined because stdin "
                "is not a terminal (use --accept-defaults to answer with the defaults)"
            )
            return "decline", None
        values, missing = schema_defaults(schema)
        if missing:
            self._note(
                f"note: {server or 'the server'} asked for input ({message!r}); declined: "
                f"no default for required field(s) {', '.join(missing)}"
            )
            return "decline", None
        self._note(f"note: answered the server's request for input ({message!r}) with the defaults")
        return "accept", values

    async def _ask(
        self, server: str, message: str, schema: dict[str, Any]
    ) -> tuple[ElicitAction, dict[str, Any] | None]:
        self._note(f"{server or 'the server'} asks: {message}")
        self._note("(Enter keeps the [default], Ctrl-D declines)")
        props = schema.get("properties") or {}
        required = set(schema.get("required") or [])
        content: dict[str, Any] = {}
        for name, prop in props.items():
            prop = prop if isinstance(prop, dict) else {}
            while True:
                text = await self._readline(_field_label(name, prop, name in required))
                if text is None:
                    self._note("declined")
                    return "decline", None
                if text == "":
                    if "default" in prop:
                        content[name] = prop["default"]
                        break
                    if name not in required:
                        break
                    self._note(f"  {name} is required")
                    continue
                try:
                    content[name] = _coerce(prop, text)
                    break
                except (ValueError, McpTuiError) as exc:
                    self._note(f"  {exc}")
        return "accept", content

    async def sample(self, server: str, params: dict[str, Any]) -> dict[str, Any] | None:
        self._note(
            f"note: {server or 'the server'} asked the client to sample a language model "
            "(sampling/createMessage); the command line cannot, so it was declined"
        )
        return None

    def roots(self, server: str) -> list[dict[str, Any]]:
        from mcptui.core.roots import root_entries

        return root_entries(self.root_paths)


async def _read_line_in_daemon_thread(stream: TextIO) -> str:
    """``stream.readline()`` off the event loop, in a daemon thread.

    Not ``asyncio.to_thread``: on Ctrl-C, ``asyncio.run`` would wait for that worker, which
    stays blocked in ``readline`` until Enter. A daemon thread is simply abandoned.
    """
    loop = asyncio.get_running_loop()
    done: asyncio.Future[str] = loop.create_future()

    def settle(line: str | None, error: BaseException | None) -> None:
        if done.done():
            return
        if error is not None:
            done.set_exception(error)
        else:
            done.set_result(line or "")

    def read() -> None:
        try:
            line, error = stream.readline(), None
        except (OSError, ValueError) as exc:
            line, error = None, exc
        with contextlib.suppress(RuntimeError):  # the loop may be closed already
            loop.call_soon_threadsafe(settle, line, error)

    threading.Thread(target=read, name="mcptui-stdin", daemon=True).start()
    try:
        return await done
    except (OSError, ValueError):
        return ""


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
