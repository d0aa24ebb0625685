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
from mcptui.core.auth.http import Reporter
from mcptui.core.auth.httpx_auth import McpAuth
from mcptui.core.auth.interaction import (
    AuthInteraction,
    AuthorizationPrompt,
    ClientAnswer,
    ClientPrompt,
    DevicePrompt,
    NonInteractive,
    TokenAnswer,
    TokenPrompt,
)
from mcptui.core.auth.keyring_store import KeyringTokenStore, select_token_store
from mcptui.core.auth.options import AuthOptions
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
    "DevicePrompt",
    "KeyringTokenStore",
    "McpAuth",
    "NonInteractive",
    "TokenAnswer",
    "TokenPrompt",
    "TokenStore",
    "make_auth_factory",
    "select_token_store",
]


def make_auth_factory(
    interaction: AuthInteraction,
    *,
    store: TokenStore | None = None,
    options: AuthOptions | None = None,
    token_store: str | None = None,
    **option_overrides: Any,
) -> Callable[[ServerConfig, EventSink], McpAuth | None]:
    """A factory giving each HTTP server its :class:`McpAuth` (None for stdio or ``method: none``).

    ``option_overrides`` are :class:`AuthOptions` fields (``scope=``, ``client_id=``,
    ``callback_port=``, ``browser=BrowserOptions(no_browser=True)``...). ``token_store`` is
    ``"keyring"`` or ``"file"`` (default: ``$MCPTUI_TOKEN_STORE``, else the file); when the
    keyring is wanted but missing, the first server's sink gets one ``AuthStep`` info saying so.
    """
    opts = options or AuthOptions()
    for key, value in option_overrides.items():
        if not hasattr(opts, key):
            raise TypeError(f"unknown auth option {key!r}")
        setattr(opts, key, value)
    fallback_reported = False  # the keyring fallback is said once, not once per server

    def factory(config: ServerConfig, sink: EventSink) -> McpAuth | None:
        if config.is_stdio or not config.url or config.auth.method == "none":
            return None
        nonlocal fallback_reported
        if store is not None:
            chosen = store
        else:
            chosen, fallback = select_token_store(
                token_store,
                notify=lambda message: Reporter(config.name, sink)(
                    "saved-token", "failed", message, advice="sign in again if needed"
                ),
            )
            if fallback and not fallback_reported:
                fallback_reported = True
                Reporter(config.name, sink)("token-store", "info", fallback)
        return McpAuth(
            config,
            report=Reporter(config.name, sink),
            interaction=interaction,
            store=chosen,
            options=opts,
        )

    return factory
