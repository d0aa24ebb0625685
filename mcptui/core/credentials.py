"""Where a front end's saved credentials live, chosen once, and what it can do with them.

:class:`Credentials` builds the token store once (``MCPTUI_TOKEN_STORE=keyring|file``, or an
explicit ``token_store`` / ``store`` option), gives every HTTP server's connection an auth
engine on that store, and answers status / refresh / logout on the same store, so what the
auth panel shows and deletes is what the connections use. The auth package (it imports
httpx2) is imported on first use.
"""

from __future__ import annotations

import time
from typing import Any

from mcptui.core.events import AuthStep, EventSink, null_sink
from mcptui.core.server_config import ServerConfig

AuthFactory = Any  # Callable[[ServerConfig, EventSink], McpAuth | None]


class Credentials:
    """The credential store choice and the auth use cases on it (status, refresh, logout)."""

    def __init__(
        self, interaction: Any = None, options: dict[str, Any] | None = None, *, sink: EventSink = null_sink
    ) -> None:
        options = dict(options or {})
        self._store: Any = options.pop("store", None)
        self._preference: str | None = options.pop("token_store", None)
        self._options = options  # AuthOptions fields (scope=, client_id=, callback_port=...)
        self.interaction = interaction
        self.sink = sink
        self.fallback: str | None = None  # why the wished-for store could not be used
        self._factory: Any = None

    def store(self) -> Any:
        """The one token store (built on first use)."""
        if self._store is None:
            from mcptui.core.auth import select_token_store

            def notify(message: str) -> None:
                self.sink(
                    AuthStep(
                        step="saved-token", status="failed", detail=message, advice="sign in again if needed"
                    )
                )

            self._store, self.fallback = select_token_store(self._preference, notify=notify)
            if self.fallback:
                self.sink(AuthStep(step="token-store", status="info", detail=self.fallback))
        return self._store

    def options(self) -> Any:
        from mcptui.core.auth.options import AuthOptions

        options = AuthOptions()
        for key, value in self._options.items():
            if hasattr(options, key):
                setattr(options, key, value)
        return options

    def auth_factory(self, config: ServerConfig, sink: EventSink) -> Any:
        """The auth engine for ``config`` on the one store (None for stdio or ``method: none``)."""
        if self._factory is None:
            from mcptui.core.auth import make_auth_factory

            self._factory = make_auth_factory(self.interaction, store=self.store(), options=self.options())
        return self._factory(config, sink)

    @staticmethod
    def applies(config: ServerConfig) -> bool:
        """Only an HTTP server can hold OAuth credentials."""
        return bool(config.url) and not config.is_stdio

    def status(self, config: ServerConfig, now: float | None = None) -> dict[str, Any]:
        """What is saved for ``config`` (never the token itself: a fingerprint)."""
        if not self.applies(config):
            return {"signedIn": False}
        from mcptui.core.auth.manage import status

        return status(config, store=self.store(), now=time.time() if now is None else now)

    async def refresh(self, config: ServerConfig, sink: EventSink) -> None:
        """Trade the saved refresh token for a new access token now (raises a McpTuiError)."""
        from mcptui.core.auth.manage import refresh_now

        await refresh_now(
            config, store=self.store(), options=self.options(), interaction=self.interaction, sink=sink
        )

    async def logout(self, config: ServerConfig, sink: EventSink) -> dict[str, Any]:
        """Revoke where the server allows it and delete what is saved."""
        from mcptui.core.auth.manage import logout

        return await logout(
            config, store=self.store(), options=self.options(), interaction=self.interaction, sink=sink
        )
