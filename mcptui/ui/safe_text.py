"""The UI's display boundary: untrusted text becomes plain, inert Rich ``Text``.

Every string that came from a server, an authorization server or a stdio child is shown
through :func:`safe_text` (or :func:`safe_line` / :func:`safe_body` where a widget wants a
``str`` that is not parsed as markup): control characters and escape sequences are made
visible by :mod:`mcptui.core.sanitize`, and the result is a ``Text``, so brackets such as
``[bold red]x[/]`` or ``[link=...]`` stay literal.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from mcptui.core.sanitize import sanitize

__all__ = ["safe_body", "safe_line", "safe_markup", "safe_text"]


def safe_line(value: Any) -> str:
    """``value`` as one inert line (newlines and tabs made visible)."""
    return sanitize(value)


def safe_body(value: Any) -> str:
    """``value`` as inert multi-line text (newlines and tabs kept)."""
    return sanitize(value, multiline=True)


def safe_markup(value: Any) -> str:
    """``value`` as one inert line, markup-escaped, for APIs that only take markup strings.

    Textual's command palette parses its titles and help texts as markup.
    """
    from textual.markup import escape

    return escape(sanitize(value))


def safe_text(value: Any, style: str = "", *, multiline: bool = False) -> Text:
    """A plain ``Text`` (never markup) of ``value`` with control characters made visible."""
    return Text(sanitize(value, multiline=multiline), style=style)
