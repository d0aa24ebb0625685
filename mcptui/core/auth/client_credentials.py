"""The client credentials grant, for machines with no user: a secret or a private_key_jwt assertion.

A private_key_jwt assertion is signed for the issuer; refused as ``invalid_client``, it is
tried once more for the token endpoint (older servers), unless ``assertion_audience`` is set.
Which grant a sign-in uses is the flow's decision (:func:`mcptui.core.auth.flow.choose_grant`).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from mcptui.core.auth.discovery import AuthServer
from mcptui.core.auth.http import AuthHttp
from mcptui.core.auth.registration import choose_secret_method
from mcptui.core.auth.token_endpoint import ClientAuth, TokenRefused, client_credentials
from mcptui.core.auth.token_store import ServerRecord, TokenSet
from mcptui.core.errors import AuthError

if TYPE_CHECKING:
    from mcptui.core.auth.flow import AuthFlow


async def client_credentials_record(
    flow: AuthFlow, http: AuthHttp, server: AuthServer, scope: str | None
) -> ServerRecord:
    """Get a token with the client credentials grant (secret or private_key_jwt) and save it."""
    client_id = flow.options.client_id or flow.config.auth.client_id
    secret = flow.options.client_secret or flow.config.auth.client_secret
    key_path = flow.options.private_key_path or flow.config.auth.extra.get("private_key")
    if not client_id or not (secret or key_path):
        raise flow.report.fail(
            "token",
            AuthError(
                "the client credentials grant needs a client id and a secret or private key",
                hint="pass --client-id with --client-secret (or a private key in the server's auth config)",
            ),
        )
    if "client_credentials" not in server.grant_types:
        raise flow.report.fail(
            "token",
            AuthError(
                f"the authorization server {server.issuer} does not support the client credentials grant"
            ),
        )
    if key_path:
        method, pem = "private_key_jwt", ClientAuth.load_key(str(key_path))
    else:
        method, pem = choose_secret_method(server), None
    pinned_audience = flow.config.auth.extra.get("assertion_audience")
    client = ClientAuth(
        client_id,
        method,
        secret,
        pem,
        flow.config.auth.extra.get("key_id"),
        str(flow.config.auth.extra.get("signing_alg", "RS256")),
        issuer=server.issuer,
        audience=str(pinned_audience or "issuer"),
    )
    assert server.token_endpoint

    async def get(client: ClientAuth) -> TokenSet:
        assert server.token_endpoint
        return await client_credentials(
            http=http,
            report=flow.report,
            endpoint=server.token_endpoint,
            client=client,
            scope=scope,
            resource=flow.server_url,
            now=flow.options.clock(),
        )

    try:
        tokens = await get(client)
    except TokenRefused as exc:
        if exc.error != "invalid_client" or method != "private_key_jwt" or pinned_audience:
            raise
        flow.report(
            "token",
            "info",
            "the assertion signed for the issuer was refused; trying once with the token endpoint as audience",
            advice="set assertion_audience in the server's auth config to skip this",
        )
        tokens = await get(dataclasses.replace(client, audience="token_endpoint"))
    return await flow.save_tokens(
        server,
        tokens,
        scope=scope,
        client_id=client_id,
        client_kind="client-credentials",
        token_auth_method=method,
    )
