"""The demo authorization server's in-memory provider (SDK ``OAuthAuthorizationServerProvider``).

Short-lived access tokens, rotating refresh tokens (the old one dies on use), revocation,
RFC 9207 ``iss`` on every authorization response, an optional consent step, known Client
ID Metadata Documents, a pre-registered machine client for the client credentials grant,
and loopback redirect URIs matched on any port (RFC 8252 §7.3). Time comes from an
injectable clock so tests can expire tokens without sleeping.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from mcp.server.auth.provider import (
    AccessToken,
    AuthorizationCode,
    AuthorizationParams,
    AuthorizeError,
    OAuthAuthorizationServerProvider,
    RefreshToken,
    TokenError,
    construct_redirect_uri,
)
from mcp.shared.auth import InvalidRedirectUriError, OAuthClientInformationFull, OAuthToken

READ_SCOPE = "mcp:read"
WRITE_SCOPE = "notes:write"
ALL_SCOPES = [READ_SCOPE, WRITE_SCOPE]
MACHINE_CLIENT_ID = "demo-machine"
MACHINE_CLIENT_SECRET = "demo-machine-secret"  # noqa: S105 - a documented demo credential
CIMD_CLIENT_URL = "https://mcptui.example/oauth/client.json"
SUBJECT = "demo-user"


def _loopback(uri: str) -> tuple[str, str, str] | None:
    parts = urlsplit(uri)
    if parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1"):
        return parts.scheme, parts.hostname or "", parts.path
    return None


class LoopbackClient(OAuthClientInformationFull):
    """A client whose loopback redirect URIs match on any port (RFC 8252 §7.3)."""

    def validate_redirect_uri(self, redirect_uri: Any) -> Any:  # type: ignore[override]
        if redirect_uri is not None and self.redirect_uris:
            wanted = _loopback(str(redirect_uri))
            if wanted and any(_loopback(str(u)) == wanted for u in self.redirect_uris):
                return redirect_uri
        try:
            return super().validate_redirect_uri(redirect_uri)
        except InvalidRedirectUriError:
            raise


@dataclass
class PendingConsent:
    client_id: str
    params: AuthorizationParams


@dataclass
class DemoProvider(OAuthAuthorizationServerProvider[AuthorizationCode, RefreshToken, AccessToken]):
    """All state in memory; ``counters`` lets tests see what happened at the AS."""

    issuer: str
    resource: str
    access_ttl: int = 600
    consent_page: bool = False
    clock: Callable[[], float] = time.time
    clients: dict[str, OAuthClientInformationFull] = field(default_factory=dict)
    codes: dict[str, AuthorizationCode] = field(default_factory=dict)
    access: dict[str, AccessToken] = field(default_factory=dict)
    refresh: dict[str, RefreshToken] = field(default_factory=dict)
    pending: dict[str, PendingConsent] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    cimd_docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    grantable: list[str] | None = None  # tests: grant at most these scopes, whatever is asked

    def __post_init__(self) -> None:
        self.cimd_docs.setdefault(
            CIMD_CLIENT_URL,
            {
                "client_id": CIMD_CLIENT_URL,
                "client_name": "mcptui (CIMD)",
                "redirect_uris": ["http://127.0.0.1:8085/callback"],
                "grant_types": ["authorization_code", "refresh_token"],
                "response_types": ["code"],
                "token_endpoint_auth_method": "none",
                "scope": " ".join(ALL_SCOPES),
            },
        )
        self.clients[MACHINE_CLIENT_ID] = LoopbackClient(
            client_id=MACHINE_CLIENT_ID,
            client_secret=MACHINE_CLIENT_SECRET,
            client_name="demo machine client",
            redirect_uris=None,
            grant_types=["client_credentials"],
            token_endpoint_auth_method="client_secret_basic",
            scope=" ".join(ALL_SCOPES),
        )

    def count(self, what: str) -> None:
        self.counters[what] = self.counters.get(what, 0) + 1

    # -- clients -----------------------------------------------------------------------------
    async def get_client(self, client_id: str) -> OAuthClientInformationFull | None:
        doc = self.cimd_docs.get(client_id)
        if doc is not None and doc.get("client_id") == client_id:
            return LoopbackClient.model_validate(doc)
        return self.clients.get(client_id)

    async def register_client(self, client_info: OAuthClientInformationFull) -> None:
        # Record every scope this AS offers, so a later step-up to notes:write is allowed.
        client_info.scope = " ".join(ALL_SCOPES)
        self.clients[client_info.client_id] = LoopbackClient.model_validate(client_info.model_dump())
        self.count("register")

    # -- authorization --------------------------------------------------------------------------
    async def authorize(self, client: OAuthClientInformationFull, params: AuthorizationParams) -> str:
        if params.resource is None:
            raise AuthorizeError("invalid_request", "the resource parameter (RFC 8707) is required")
        self.count("authorize")
        if self.consent_page:
            txn = secrets.token_urlsafe(16)
            self.pending[txn] = PendingConsent(client.client_id, params)
            return f"{self.issuer}/consent?txn={txn}"
        return self.approve(client.client_id, params)

    def approve(self, client_id: str, params: AuthorizationParams) -> str:
        scopes = params.scopes or []
        if self.grantable is not None:
            scopes = [s for s in scopes if s in self.grantable]
        code = AuthorizationCode(
            code=secrets.token_urlsafe(32),
            scopes=scopes,
            expires_at=self.clock() + 300,
            client_id=client_id,
            code_challenge=params.code_challenge,
            redirect_uri=params.redirect_uri,
            redirect_uri_provided_explicitly=params.redirect_uri_provided_explicitly,
            resource=params.resource,
            subject=SUBJECT,
        )
        self.codes[code.code] = code
        return construct_redirect_uri(
            str(params.redirect_uri), code=code.code, state=params.state, iss=self.issuer
        )

    def deny(self, params: AuthorizationParams) -> str:
        return construct_redirect_uri(
            str(params.redirect_uri),
            error="access_denied",
            error_description="the user said no",
            state=params.state,
            iss=self.issuer,
        )

    async def load_authorization_code(self, client: OAuthClientInformationFull, authorization_code: str):
        code = self.codes.get(authorization_code)
        return code if code and code.client_id == client.client_id else None

    # -- tokens ----------------------------------------------------------------------------------
    def issue(
        self,
        client_id: str,
        scopes: list[str],
        resource: str | None,
        subject: str | None,
        *,
        with_refresh: bool = True,
    ) -> OAuthToken:
        at = "at_" + secrets.token_urlsafe(24)
        self.access[at] = AccessToken(
            token=at,
            client_id=client_id,
            scopes=scopes,
            expires_at=int(self.clock()) + self.access_ttl,
            resource=resource,
            subject=subject,
            claims={"iss": self.issuer},
        )
        rt = None
        if with_refresh:
            rt = "rt_" + secrets.token_urlsafe(24)
            self.refresh[rt] = RefreshToken(
                token=rt, client_id=client_id, scopes=scopes, resource=resource, subject=subject
            )
        return OAuthToken(
            access_token=at,
            token_type="Bearer",
            expires_in=self.access_ttl,
            scope=" ".join(scopes),
            refresh_token=rt,
        )

    async def exchange_authorization_code(self, client, authorization_code: AuthorizationCode) -> OAuthToken:
        self.codes.pop(authorization_code.code, None)  # single use
        self.count("token")
        return self.issue(
            client.client_id,
            authorization_code.scopes,
            authorization_code.resource,
            authorization_code.subject,
        )

    async def load_refresh_token(self, client, refresh_token: str):
        rt = self.refresh.get(refresh_token)
        return rt if rt and rt.client_id == client.client_id else None

    async def exchange_refresh_token(
        self, client, refresh_token: RefreshToken, scopes: list[str]
    ) -> OAuthToken:
        if not set(scopes) <= set(refresh_token.scopes):
            raise TokenError("invalid_scope", "cannot widen the scope on refresh")
        self.refresh.pop(refresh_token.token, None)  # rotation: the old refresh token dies
        self.count("refresh")
        return self.issue(
            client.client_id, scopes or refresh_token.scopes, refresh_token.resource, refresh_token.subject
        )

    async def load_access_token(self, token: str) -> AccessToken | None:
        at = self.access.get(token)
        if at is None or (at.expires_at is not None and at.expires_at <= self.clock()):
            return None
        return at

    async def revoke_token(self, token) -> None:
        self.count("revoke")
        self.access.pop(token.token, None)
        self.refresh.pop(token.token, None)

    def expire_access_tokens(self) -> None:
        """Tests: make every access token invalid now (the refresh tokens stay valid)."""
        self.access.clear()
