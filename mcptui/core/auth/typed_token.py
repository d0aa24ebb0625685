"""Credentials typed by the person: a bearer token or Basic credentials, asked when OAuth is not
possible or the saved credentials are refused.

:class:`TypedToken` is the part of :class:`~mcptui.core.auth.httpx_auth.McpAuth` (held as
``typed``) that asks the interaction for them (with where to get one, :mod:`.hints`), stores the
answer under the store's lock, after revoking the saved tokens it replaces (their refresh token
must not linger), and says so. While it asks, the connection's connect timeout pauses
(:attr:`asking`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mcptui.core.auth.hints import hint_for
from mcptui.core.auth.interaction import TokenPrompt
from mcptui.core.auth.token_store import ServerRecord, TokenSet

if TYPE_CHECKING:
    from mcptui.core.auth.httpx_auth import McpAuth


class TypedToken:
    """Asks the person for credentials for one server's McpAuth."""

    def __init__(self, auth: McpAuth) -> None:
        self.auth = auth
        self.asking = False  # a question is open (the connect timeout pauses meanwhile)

    async def ask(self, reason: str) -> ServerRecord | None:
        """Ask the person for credentials (``reason``: why); the stored record, or None when
        nobody can be asked or the person gave none."""
        auth = self.auth
        if not auth.interaction.can_prompt:
            return None
        self.asking = True
        try:
            answer = await auth.interaction.ask_token(
                TokenPrompt(
                    server=auth.config.name,
                    server_url=auth.server_url,
                    reason=reason,
                    hint=hint_for(auth.server_url),
                )
            )
        finally:
            self.asking = False
        if answer is None:
            return None
        if answer.kind == "basic":
            record = ServerRecord(
                server_url=auth.server_url, method="basic", username=answer.username, password=answer.password
            )
        elif answer.token:
            record = ServerRecord(
                server_url=auth.server_url, method="bearer", tokens=TokenSet(answer.token.strip())
            )
        else:
            return None
        async with auth.store.alocked(auth.server_url):
            from mcptui.core.auth.manage import revoke_replaced

            replaced = auth.store.load_server(auth.server_url)  # its refresh token must not linger
            await revoke_replaced(
                auth.flow, replaced, report=auth.report, http_transport=auth.options.http_transport
            )
            auth.store.save_server(record)
        auth.report("token", "ok", f"stored the {record.method} credentials you entered")
        auth._record = record
        return record
