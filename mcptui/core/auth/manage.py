"""What ``mcptui auth login|status|logout|token`` do, without any printing.

``login`` probes the server without credentials and runs the flow on its challenge;
``status`` describes the saved state (never the token itself); ``refresh_now`` trades the
saved refresh token for a new access token; ``logout`` revokes at the authorization server
when it can and deletes the local state; ``store_token`` saves a pasted token or Basic
credentials.
"""

from __future__ import annotations

from typing import Any

from mcptui.core.auth.discovery import canonical_resource
from mcptui.core.auth.flow import AuthFlow
from mcptui.core.auth.http import AuthHttp, Reporter
from mcptui.core.auth.interaction import AuthInteraction
from mcptui.core.auth.options import AuthOptions
from mcptui.core.auth.redaction import fingerprint
from mcptui.core.auth.token_endpoint import revoke
from mcptui.core.auth.token_store import ServerRecord, TokenSet, TokenStore
from mcptui.core.auth.www_authenticate import bearer_challenge, challenges_of
from mcptui.core.errors import AuthError
from mcptui.core.events import EventSink
from mcptui.core.server_config import ServerConfig

PROBE_BODY = {
    "jsonrpc": "2.0",
    "id": 0,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-11-25",
        "capabilities": {},
        "clientInfo": {"name": "mcptui", "version": "0"},
    },
}


async def login(
    config: ServerConfig,
    *,
    interaction: AuthInteraction,
    store: TokenStore,
    options: AuthOptions,
    sink: EventSink | None = None,
) -> ServerRecord:
    """Sign in now: probe the server for its challenge, then run the flow."""
    if not config.url:
        raise AuthError(
            f"{config.name} is not an HTTP server; stdio servers take credentials from their environment"
        )
    report = Reporter(config.name, sink)
    challenge = None
    async with AuthHttp(config.name, transport=options.http_transport, resource=config.url) as http:
        report("challenge", "start", f"POST {config.url} without credentials")
        response = await http.request(
            "POST",
            config.url,
            json_body=PROBE_BODY,
            headers={"Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-11-25"},
        )
        challenge = bearer_challenge(challenges_of(response))
        report(
            "challenge",
            "info",
            f"HTTP {response.status_code}"
            + (f" (challenge: {challenge.describe(with_scheme=False)})" if challenge else ""),
            http=http.last,
        )
        if response.status_code not in (401, 403) and challenge is None:
            report(
                "challenge",
                "info",
                "the server did not ask for credentials; signing in anyway via its metadata",
            )
    flow = AuthFlow(config, store=store, interaction=interaction, report=report, options=options)
    return await flow.authorize(challenge)


def status(config: ServerConfig, *, store: TokenStore, now: float) -> dict[str, Any]:
    """The saved state for the server, safe to print (a fingerprint, never the token)."""
    server_url = canonical_resource(config.url or "")
    record = store.load_server(server_url)
    out: dict[str, Any] = {
        "server": config.name,
        "url": server_url,
        "signedIn": record is not None,
        "storedAt": str(store.server_path(server_url)),
        "tokenStore": getattr(store, "kind", "file"),  # file | keyring (secrets in the OS keyring)
    }
    if record is None:
        return out
    tokens = record.tokens
    out.update(
        {
            "method": record.method,
            "issuer": record.issuer,
            "clientId": record.client_id,
            "clientKind": record.client_kind,
            "scopes": (tokens.scope if tokens else None) or record.requested_scope,
            "expiresAt": tokens.expires_at if tokens else None,
            "expiresIn": round(tokens.expires_at - now) if tokens and tokens.expires_at else None,
            "expired": bool(tokens and tokens.expires_at is not None and tokens.expires_at <= now),
            "hasRefreshToken": bool(tokens and tokens.refresh_token),
            "tokenFingerprint": fingerprint(tokens.access_token) if tokens and tokens.access_token else None,
            "revocable": bool(record.revocation_endpoint),
        }
    )
    if record.method == "basic":
        out["username"] = record.username
    return out


async def refresh_now(
    config: ServerConfig,
    *,
    store: TokenStore,
    options: AuthOptions,
    interaction: AuthInteraction,
    sink: EventSink | None = None,
) -> ServerRecord:
    """Refresh the saved access token now (even when not about to expire); the new record.

    Goes through the engine's own refresh (both locks, token rotation, a refused refresh
    token forgotten). Raises :class:`AuthError` when nothing can be refreshed.
    """
    from mcptui.core.auth.httpx_auth import McpAuth  # httpx_auth builds on this module's neighbours

    server_url = canonical_resource(config.url or "")
    record = store.load_server(server_url)
    hint = f"sign in again: mcptui auth login {config.name}"
    if record is None or record.tokens is None:
        raise AuthError(f"{config.name}: no saved token to refresh", hint=hint)
    if not record.tokens.refresh_token or not record.token_endpoint:
        raise AuthError(f"{config.name}: the saved token cannot be refreshed (no refresh token)", hint=hint)
    report = Reporter(config.name, sink)
    report("refresh", "start", "refreshing the saved access token on request")
    auth = McpAuth(config, report=report, interaction=interaction, store=store, options=options)
    new = await auth.refresh(record, force=True)
    if new is None or new.tokens is None:
        report("refresh", "failed", "the authorization server refused the refresh token", advice=hint)
        raise AuthError(f"{config.name}: the authorization server refused the refresh token", hint=hint)
    report("refresh", "ok", "got a new access token")
    return new


async def logout(
    config: ServerConfig,
    *,
    store: TokenStore,
    options: AuthOptions,
    interaction: AuthInteraction,
    sink: EventSink | None = None,
    forget_client: bool = False,
) -> dict[str, Any]:
    """Revoke (refresh token first, then access token) when possible; delete local state."""
    server_url = canonical_resource(config.url or "")
    report = Reporter(config.name, sink)
    async with store.alocked(server_url):
        record = store.load_server(server_url)
        revoked: list[str] = []
        problems: list[str] = []
        if record is not None and record.tokens is not None and record.revocation_endpoint:
            flow = AuthFlow(config, store=store, interaction=interaction, report=report, options=options)
            async with AuthHttp(config.name, transport=options.http_transport, resource=server_url) as http:
                pairs = [
                    ("refresh_token", record.tokens.refresh_token),
                    ("access_token", record.tokens.access_token),
                ]
                for hint, token in pairs:
                    if not token:
                        continue
                    try:
                        if await revoke(
                            http=http,
                            report=report,
                            endpoint=record.revocation_endpoint,
                            client=flow.client_auth_for(record),
                            token=token,
                            hint=hint,
                        ):
                            revoked.append(hint)
                    except AuthError as exc:
                        problems.append(exc.message)
        deleted = store.delete_server(server_url)
        if forget_client and record is not None and record.issuer:
            store.delete_client(record.issuer)
    report("logout", "ok", "deleted the saved credentials" if deleted else "nothing was saved")
    return {"server": config.name, "deleted": deleted, "revoked": revoked, "problems": problems}


async def revoke_replaced(
    flow: AuthFlow, record: ServerRecord | None, *, report: Reporter, http_transport: Any = None
) -> bool:
    """Revoke ``record``'s refresh token (RFC 7009) before another record replaces it.

    False when there is none to revoke, no revocation endpoint, or the revocation failed
    (reported, never raised: replacing the record goes on).
    """
    if record is None or record.tokens is None or not record.tokens.refresh_token:
        return False
    if not record.revocation_endpoint:
        report("revoke", "info", "the replaced refresh token cannot be revoked: no revocation endpoint")
        return False
    try:
        async with AuthHttp(flow.config.name, transport=http_transport, resource=record.server_url) as http:
            return await revoke(
                http=http,
                report=report,
                endpoint=record.revocation_endpoint,
                client=flow.client_auth_for(record),
                token=record.tokens.refresh_token,
                hint="refresh_token",
            )
    except AuthError as exc:
        report("revoke", "failed", f"could not revoke the replaced refresh token: {exc.message}")
        return False


async def store_token(
    config: ServerConfig,
    *,
    store: TokenStore,
    token: str | None = None,
    username: str | None = None,
    password: str | None = None,
) -> ServerRecord:
    """Save a pasted bearer token (or Basic credentials) for the server."""
    server_url = canonical_resource(config.url or "")
    if username is not None:
        record = ServerRecord(server_url=server_url, method="basic", username=username, password=password)
    else:
        value = (token or "").strip()
        if value.lower().startswith("bearer "):
            value = value[7:].strip()
        if not value:
            raise AuthError("the token is empty", hint="paste the token itself (without quotes)")
        record = ServerRecord(server_url=server_url, method="bearer", tokens=TokenSet(value))
    async with store.alocked(server_url):
        store.save_server(record)
    return record
