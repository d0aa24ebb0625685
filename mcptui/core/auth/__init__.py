"""The auth engine: MCP authorization (OAuth 2.1 + PRM + PKCE), saved tokens, and prompts.

The connection builds its MCP ``httpx2.AsyncClient`` with ``auth=auth_factory(config, sink)``
where ``auth_factory = make_auth_factory(interaction)``. See :mod:`.httpx_auth` for the order
credentials are tried in, :mod:`.flow` for the OAuth flow, :mod:`.manage` for the
``mcptui auth`` subcommands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mcptui.core.auth.browser import BrowserOptions
from mcptui.core.auth.flow import AuthOptions
from mcptui.core.auth.http import Reporter
from mcptui.core.auth.httpx_auth import McpAuth
from mcptui.core.auth.interaction import (
    AuthInteraction,
    AuthorizationPrompt,
    ClientAnswer,
    ClientPrompt,
    NonInteractive,
    TokenAnswer,
    TokenPrompt,
)
from mcptui.core.auth.token_store import TokenStore
from mcptui.core.events import EventSink
from mcptui.core.server_config import ServerConfig

__all__ = [
    "AuthInteraction",
    "AuthOptions",
    "AuthorizationPrompt",
    "BrowserOptions",
    "ClientAnswer",
    "ClientPrompt",
    "McpAuth",
    "NonInteractive",
    "TokenAnswer",
    "TokenPrompt",
    "TokenStore",
    "make_auth_factory",
]


def make_auth_factory(
    interaction: AuthInteraction,
    *,
    store: TokenStore | None = None,
    options: AuthOptions | None = None,
    **option_overrides: Any,
) -> Callable[[ServerConfig, EventSink], McpAuth | None]:
    """A factory giving each HTTP server its :class:`McpAuth` (None for stdio or ``method: none``).

    ``option_overrides`` are :class:`AuthOptions` fields (``scope=``, ``client_id=``,
    ``callback_port=``, ``browser=BrowserOptions(no_browser=True)``...).
    """
    opts = options or AuthOptions()
    for key, value in option_overrides.items():
        if not hasattr(opts, key):
            raise TypeError(f"unknown auth option {key!r}")
        setattr(opts, key, value)

    def factory(config: ServerConfig, sink: EventSink) -> McpAuth | None:
        if config.is_stdio or not config.url or config.auth.method == "none":
            return None
        token_store = (
            store
            if store is not None
            else TokenStore(
                notify=lambda message: Reporter(config.name, sink)(
                    "saved-token", "failed", message, advice="sign in again if needed"
                )
            )
        )
        return McpAuth(
            config,
            report=Reporter(config.name, sink),
            interaction=interaction,
            store=token_store,
            options=opts,
        )

    return factory
