"""Sign-in from inside the agent, at the calling terminal.

A warm connection outlives the command that opened it, so its auth engine gets a
:class:`RoutingInteraction`: each lease points it at that command's person (the CLI's own
:class:`~mcptui.cli.auth_tty.TerminalInteraction`, or a fail-fast notice without a TTY) and
its terminal; every prompt runs with that terminal as :data:`~.terminal.CURRENT`, so the
CLI's prompts and pasted answers travel over that client's socket. The browser is opened
by the client (an ``open-url`` frame), on its own display.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from typing import Any

from mcptui.agent.terminal import CURRENT, RemoteTerminal


class RoutingInteraction:
    """An ``AuthInteraction`` that forwards to the current lease's interaction, at its terminal."""

    def __init__(self) -> None:
        self.target: Any = None
        self.terminal: RemoteTerminal | None = None

    def lend(self, target: Any, terminal: RemoteTerminal | None) -> None:
        self.target, self.terminal = target, terminal

    @property
    def can_prompt(self) -> bool:
        return bool(getattr(self.target, "can_prompt", False))

    @property
    def can_show_codes(self) -> bool:
        return bool(getattr(self.target, "can_show_codes", self.can_prompt))

    @contextlib.asynccontextmanager
    async def _at_terminal(self) -> AsyncIterator[None]:
        token = CURRENT.set(self.terminal)
        try:
            yield
        finally:
            CURRENT.reset(token)

    async def _forward(self, name: str, *args: Any, default: Any = None) -> Any:
        method = getattr(self.target, name, None)
        if method is None:
            return default
        async with self._at_terminal():
            return await method(*args)

    async def show_authorization(self, prompt: Any) -> None:
        await self._forward("show_authorization", prompt)

    async def show_device_code(self, prompt: Any) -> None:
        await self._forward("show_device_code", prompt)

    async def read_pasted_response(self, prompt: Any) -> str | None:
        return await self._forward("read_pasted_response", prompt)

    async def ask_token(self, prompt: Any) -> Any:
        return await self._forward("ask_token", prompt)

    async def ask_client(self, prompt: Any) -> Any:
        return await self._forward("ask_client", prompt)

    async def confirm_scope(self, server: str, scope: str | None) -> str | None:
        return await self._forward("confirm_scope", server, scope, default=scope)

    async def open_url(self, url: str) -> bool:
        """The BrowserOptions opener: the client opens ``url`` (False when it has no display)."""
        from mcptui.core.browser_launch import headless_reason

        terminal = self.terminal
        if terminal is None or terminal.gone or headless_reason(os.environ) is not None:
            return False
        return await terminal.open_url(url)


def routed_auth_factory(args: Any, interaction: RoutingInteraction) -> Any:
    """The CLI's auth factory for ``args``, with ``interaction`` as the person and the browser."""
    from dataclasses import replace

    from mcptui.cli.context import auth_options
    from mcptui.core.auth import make_auth_factory

    options = auth_options(args)
    options.browser = replace(options.browser, opener=interaction.open_url)
    return make_auth_factory(interaction, options=options)
