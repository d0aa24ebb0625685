"""The ``httpx2.Auth`` the connection plugs into its MCP client.

Credentials, in order: an ``Authorization`` header from the config (sent as is; an empty
credential is dropped), a saved token (refreshed first when about to expire), on 401 a
refresh and only then the OAuth flow, and when OAuth is impossible a token asked from the
person (:mod:`.typed_token`). A 403 ``insufficient_scope`` re-authorizes with the union of scopes. At most three
authorizations per request; one refresh or login at a time per server (in-process lock and
the store's cross-process lock). Tokens only go to the origin they were issued for.
Failures are recorded in :attr:`McpAuth.failure` before being raised, because the SDK
wraps whatever an auth flow raises.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any

import httpx2

from mcptui.core.auth.discovery import canonical_resource, origin_of
from mcptui.core.auth.http import AuthHttp, Reporter
from mcptui.core.auth.interaction import AuthInteraction, UseToken
from mcptui.core.auth.options import AuthOptions, target_of
from mcptui.core.auth.redaction import http_exchange
from mcptui.core.auth.token_endpoint import refresh_tokens
from mcptui.core.auth.token_store import ServerRecord, TokenSet, TokenStore
from mcptui.core.auth.typed_token import TypedToken
from mcptui.core.auth.www_authenticate import bearer_challenge, challenges_of
from mcptui.core.config_entry import is_empty_credential
from mcptui.core.errors import AuthError, AuthRequired
from mcptui.core.server_config import ServerConfig

if TYPE_CHECKING:
    from mcptui.core.auth.flow import AuthFlow

MAX_AUTHORIZATIONS = 3
UNATTENDED_GRANTS = ("client-credentials", "enterprise")  # signed in before the first request
_LOCKS: dict[tuple[str, int], asyncio.Lock] = {}


def server_lock(server_url: str) -> asyncio.Lock:
    """One refresh or login at a time per server in this process (per event loop)."""
    key = (server_url, id(asyncio.get_running_loop()))
    lock = _LOCKS.get(key)
    if lock is None:
        lock = _LOCKS[key] = asyncio.Lock()
    return lock


def authorization_value(record: ServerRecord) -> str | None:
    if record.method == "basic" and record.username is not None:
        raw = f"{record.username}:{record.password or ''}".encode()
        return "Basic " + base64.b64encode(raw).decode()
    if record.tokens is not None and record.tokens.access_token:
        return f"Bearer {record.tokens.access_token}"
    return None


class McpAuth(httpx2.Auth):
    """Bearer/Basic/OAuth for one MCP server."""

    requires_request_body = False
    requires_response_body = False

    def __init__(
        self,
        config: ServerConfig,
        *,
        report: Reporter,
        interaction: AuthInteraction,
        store: TokenStore,
        options: AuthOptions,
    ) -> None:
        self.config = config
        self.report = report
        self.interaction = interaction
        self.store = store
        self.options = options
        self.method = config.auth.method
        self.server_url = canonical_resource(config.url or "")
        self.origin = origin_of(self.server_url)
        self._flow: AuthFlow | None = None  # the OAuth flow, imported and built on first need
        self.failure: AuthError | None = None
        self._record: ServerRecord | None = None
        self._loaded = False
        self.typed = TypedToken(self)  # a token (or Basic credentials) asked from the person

    @property
    def flow(self) -> AuthFlow:
        """The OAuth flow (its modules load here: a server that never asks for auth skips them)."""
        if self._flow is None:
            from mcptui.core.auth.flow import AuthFlow

            self._flow = AuthFlow(
                self.config,
                store=self.store,
                interaction=self.interaction,
                report=self.report,
                options=self.options,
            )
        return self._flow

    @property
    def waiting_on_person(self) -> bool:
        """True while a person signs in or answers a prompt (the connect timeout pauses)."""
        return (self._flow is not None and self._flow.waiting_on_person) or self.typed.asking

    # -- helpers ----------------------------------------------------------------------------
    def _now(self) -> float:
        return self.options.clock()

    def _same_origin(self, url: httpx2.URL) -> bool:
        try:
            return origin_of(str(url)) == self.origin
        except AuthError:
            return False

    def _load(self) -> ServerRecord | None:
        if not self._loaded:
            self._record = self.store.load_server(self.server_url)
            self._loaded = True
            if self._record is not None:
                self.report(
                    "saved-token",
                    "ok",
                    f"using the saved {self._record.method} credentials",
                    data={"issuer": self._record.issuer, "client_kind": self._record.client_kind},
                )
        return self._record

    def _fail(self, error: AuthError) -> AuthError:
        self.failure = error
        return error

    def _apply(self, request: httpx2.Request, record: ServerRecord | None) -> None:
        value = authorization_value(record) if record is not None else None
        if value is not None:
            request.headers["Authorization"] = value
        elif "authorization" in request.headers:
            del request.headers["Authorization"]

    def _challenge_event(self, request: httpx2.Request, response: httpx2.Response, what: str) -> None:
        challenge = bearer_challenge(challenges_of(response))
        self.report(
            "challenge",
            "info",
            f"HTTP {response.status_code}: {what}"
            + (f" (challenge: {challenge.describe(with_scheme=False)})" if challenge else ""),
            http=http_exchange(
                self.config.name,
                request.method,
                str(request.url),
                status=response.status_code,
                reason=response.reason_phrase,
                request_headers=request.headers,
                response_headers=response.headers,
            ),
        )

    # -- refresh ------------------------------------------------------------------------------
    async def refresh(self, record: ServerRecord, *, force: bool) -> ServerRecord | None:
        """Refresh once under both locks; None when the refresh token is gone or refused."""
        async with server_lock(self.server_url), self.store.alocked(self.server_url):
            fresh = self.store.load_server(self.server_url)
            if (
                fresh is not None
                and fresh.tokens is not None
                and record.tokens is not None
                and fresh.tokens.access_token != record.tokens.access_token
                and not fresh.tokens.expires_within(self.options.refresh_leeway, self._now())
            ):
                self.report("refresh", "ok", "another mcptui process refreshed the token already")
                self._record = fresh
                return fresh
            current = fresh if fresh is not None and fresh.tokens is not None else record
            tokens = current.tokens
            if tokens is None or not tokens.refresh_token or not current.token_endpoint:
                return None
            if not force and not tokens.expires_within(self.options.refresh_leeway, self._now()):
                self._record = current
                return current
            async with AuthHttp(
                self.config.name, transport=self.options.http_transport, resource=self.server_url
            ) as http:
                try:
                    new_tokens = await refresh_tokens(
                        http=http,
                        report=self.report,
                        endpoint=current.token_endpoint,
                        client=self.flow.client_auth_for(current),
                        tokens=tokens,
                        resource=current.resource or self.server_url,
                        now=self._now(),
                    )
                except AuthError:
                    current.tokens = None
                    self.store.save_server(current)  # the refresh token is spent: forget it, keep the client
                    self._record = current
                    return None
            current.tokens = new_tokens
            self.store.save_server(current)
            self._record = current
            return current

    async def _authorize(
        self, challenge: Any, *, step_up: bool, used: ServerRecord | None = None
    ) -> ServerRecord:
        async with server_lock(self.server_url):
            newer = self._record
            if newer is not None and newer is not used and newer.tokens is not None:
                wanted = (
                    set((challenge.scope or "").split()) if (step_up and challenge is not None) else set()
                )
                if wanted <= set((newer.tokens.scope or newer.requested_scope or "").split()):
                    return newer  # a concurrent request already signed in while we waited
            previous = self._record.requested_scope if self._record else None
            if step_up and self._record is not None and self._record.tokens is not None:
                previous = previous or self._record.tokens.scope
            record = await self.flow.authorize(challenge, previous_scope=previous, step_up=step_up)
            self._record = record
            return record

    def _static_record(self) -> ServerRecord | None:
        auth = self.config.auth
        if self.method == "bearer" and auth.token:
            return ServerRecord(server_url=self.server_url, method="bearer", tokens=TokenSet(auth.token))
        if self.method == "basic" and auth.username is not None:
            return ServerRecord(
                server_url=self.server_url, method="basic", username=auth.username, password=auth.password
            )
        return None

    # -- the flow -----------------------------------------------------------------------------
    async def async_auth_flow(
        self, request: httpx2.Request
    ) -> AsyncGenerator[httpx2.Request, httpx2.Response]:
        existing = request.headers.get("authorization")
        if existing is not None and not is_empty_credential(existing):
            response = yield request
            if response.status_code == 401:
                self._challenge_event(
                    request, response, "the server rejected the configured Authorization header"
                )
                raise self._fail(
                    AuthError(
                        f"{self.config.name} rejected the Authorization header from its configuration (HTTP 401)",
                        hint="check the header value (and the ${VAR} it expands), or remove it to sign in with OAuth",
                    )
                )
            return
        if existing is not None:
            del request.headers["Authorization"]
        if self.method == "none" or not self._same_origin(request.url):
            yield request
            return
        try:
            record = await self._prepare()
        except AuthError as exc:
            raise self._fail(exc) from None
        self._apply(request, record)
        response = yield request
        authorizations = 0
        refreshed = False
        while response.status_code in (401, 403):
            challenge = bearer_challenge(challenges_of(response))
            step_up = (
                response.status_code == 403
                and challenge is not None
                and challenge.error == "insufficient_scope"
            )
            if response.status_code == 403 and not step_up:
                break
            self._challenge_event(
                request, response, "insufficient scope" if step_up else "authorization needed"
            )
            try:
                record, via = await self._recover(
                    challenge, record, step_up=step_up, refreshed=refreshed, authorizations=authorizations
                )
            except AuthError as exc:
                raise self._fail(exc) from None
            if via == "refresh":
                refreshed = True
            else:  # a sign-in or a typed token: both count against the budget
                authorizations += 1
            self._apply(request, record)
            response = yield request
        if response.status_code not in (401, 403):
            self.failure = None  # the last failure stays readable until something works again

    async def _prepare(self) -> ServerRecord | None:
        """The credentials to send first (static, saved, refreshed, or client credentials)."""
        static = self._static_record()
        if static is not None:
            return static
        record = self._load()
        if (
            record is not None
            and record.method == "oauth"
            and record.tokens is not None
            and record.tokens.expires_within(self.options.refresh_leeway, self._now())
        ):
            self.report("refresh", "start", "the saved access token expires soon: refreshing first")
            refreshed = await self.refresh(record, force=False)
            if refreshed is None and (self.options.grant or self.config.auth.grant) in UNATTENDED_GRANTS:
                return await self._authorize(None, step_up=False)
            return refreshed
        if record is None and (self.options.grant or self.config.auth.grant) in UNATTENDED_GRANTS:
            return await self._authorize(None, step_up=False)
        if record is None and self.method in ("bearer", "basic"):
            return await self.typed.ask(f"{self.config.name} is set to use {self.method} credentials")
        return record

    async def _recover(
        self,
        challenge: Any,
        record: ServerRecord | None,
        *,
        step_up: bool,
        refreshed: bool,
        authorizations: int,
    ) -> tuple[ServerRecord, str]:
        """New credentials after a 401/403 and how they were got: refresh | authorize | asked."""
        if (
            not step_up
            and record is not None
            and record.method == "oauth"
            and not refreshed
            and record.tokens is not None
            and record.tokens.refresh_token
        ):
            self.report(
                "refresh", "start", "the server refused the access token: refreshing before signing in again"
            )
            new = await self.refresh(record, force=True)
            if new is not None:
                return new, "refresh"
        if authorizations >= MAX_AUTHORIZATIONS:
            raise AuthError(
                f"still refused after {MAX_AUTHORIZATIONS} authorizations for one request"
                + (" (insufficient scope)" if step_up else ""),
                hint="the server keeps asking for more; check your account's permissions or pass --scope",
            )
        if self.method in ("bearer", "basic") or (
            record is not None and record.method in ("bearer", "basic") and not step_up
        ):
            reason = (
                f"{self.config.name} refused the saved {record.method if record else self.method} credentials"
            )
            asked = await self.typed.ask(reason)
            if asked is None:
                raise AuthError(
                    reason + " (HTTP 401)",
                    hint=f"store a new one with `mcptui auth token {target_of(self.config)}`",
                )
            return asked, "asked"
        try:
            return await self._authorize(challenge, step_up=step_up, used=record), "authorize"
        except AuthRequired:
            raise
        except AuthError as exc:
            chosen = isinstance(exc, UseToken)  # the person typed a token in the sign-in dialog
            if self.method == "auto" and (chosen or not step_up) and self.interaction.can_prompt:
                asked = await self.typed.ask(f"OAuth sign-in is not possible: {exc.message}")
                if asked is not None:
                    return asked, "asked"
            raise
