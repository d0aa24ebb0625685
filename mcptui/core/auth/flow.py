"""The orchestrator: from a 401 challenge to a saved token, every step reported.

PRM discovery → authorization server metadata → scope selection → the grant
(:func:`choose_grant`) → client identity → loopback listener + PKCE + ``state`` → browser
(or printed URL and paste-back: :mod:`.browser_leg`) → ``iss`` check (RFC 9207) → code exchange
with ``resource`` → saved record. The grant is chosen by :func:`.policy.choose_grant`; the other grants have their own modules, driven from here:
:mod:`.client_credentials` (machines with no user), :mod:`.device` (a code typed on
another device) and :mod:`.enterprise` (an enterprise IdP's ID token, via an ID-JAG). While a person signs in, the timeouts of the MCP call that needed the
sign-in stop (:func:`mcptui.core.request_clock.person_time`).
"""

from __future__ import annotations

from mcptui.core.auth import browser as browser_mod
from mcptui.core.auth.browser_leg import browser_leg, callback_ports
from mcptui.core.auth.callback import CallbackListener
from mcptui.core.auth.client_credentials import client_credentials_record
from mcptui.core.auth.device import device_record
from mcptui.core.auth.discovery import (
    AuthServer,
    ProtectedResource,
    canonical_resource,
    discover_auth_server,
    discover_resource,
    legacy_auth_server,
)
from mcptui.core.auth.enterprise import enterprise_record
from mcptui.core.auth.http import AuthHttp, Reporter
from mcptui.core.auth.interaction import AuthInteraction, UseDeviceCode
from mcptui.core.auth.options import AuthOptions, login_hint
from mcptui.core.auth.policy import (
    SCOPE_REFUSALS,
    StaleRegistration,
    check_iss,
    choose_grant,
    refusal_hint,
    select_scope,
)
from mcptui.core.auth.registration import obtain_client
from mcptui.core.auth.token_endpoint import ClientAuth, TokenRefused, exchange_code
from mcptui.core.auth.token_store import ClientRegistration, ServerRecord, TokenSet, TokenStore
from mcptui.core.auth.www_authenticate import Challenge
from mcptui.core.errors import AuthError, AuthRequired
from mcptui.core.server_config import ServerConfig


class AuthFlow:
    """One server's authorization. Stateless between calls except through the store."""

    def __init__(
        self,
        config: ServerConfig,
        *,
        store: TokenStore,
        interaction: AuthInteraction,
        report: Reporter,
        options: AuthOptions,
    ) -> None:
        if not config.url:
            raise AuthError("OAuth needs an HTTP server URL")
        self.config = config
        self.server_url = canonical_resource(config.url)
        self.store = store
        self.interaction = interaction
        self.report = report
        self.options = options
        self.waiting_on_person = False  # the connection pauses its connect timeout meanwhile

    # -- pieces shared with refresh/logout ---------------------------------------------------
    def client_auth_for(self, record: ServerRecord) -> ClientAuth:
        secret = self.options.client_secret or self.config.auth.client_secret
        key_path = self.options.private_key_path or self.config.auth.extra.get("private_key")
        if record.client_kind in ("dcr", "manual") and record.issuer:
            reg = self.store.load_client(record.issuer)
            if reg is not None and reg.client_id == record.client_id:
                secret = reg.client_secret
        pem = (
            ClientAuth.load_key(str(key_path))
            if record.token_auth_method == "private_key_jwt" and key_path
            else None
        )
        return ClientAuth(
            client_id=record.client_id or "",
            method=record.token_auth_method,
            client_secret=secret,
            private_key_pem=pem,
            key_id=self.config.auth.extra.get("key_id"),
            signing_alg=str(self.config.auth.extra.get("signing_alg", "RS256")),
            issuer=record.issuer,
            audience=str(self.config.auth.extra.get("assertion_audience", "issuer")),
        )

    def _http(self) -> AuthHttp:
        return AuthHttp(self.config.name, transport=self.options.http_transport, resource=self.server_url)

    async def _discover(
        self, http: AuthHttp, challenge: Challenge | None
    ) -> tuple[ProtectedResource | None, AuthServer]:
        prm = await discover_resource(
            http, self.report, self.server_url, challenge.resource_metadata if challenge else None
        )
        if prm is None:
            return None, await legacy_auth_server(http, self.report, self.server_url)
        issuer = prm.authorization_servers[0]
        previous = self.store.load_server(self.server_url)
        if previous is not None and previous.issuer in prm.authorization_servers:
            issuer = previous.issuer  # keep the AS we already hold credentials for
        if len(prm.authorization_servers) > 1:
            self.report(
                "resource-metadata",
                "info",
                f"{len(prm.authorization_servers)} authorization servers listed; using {issuer}",
            )
        return prm, await discover_auth_server(http, self.report, issuer)

    # -- the authorization code flow --------------------------------------------------------
    async def authorize(
        self, challenge: Challenge | None, *, previous_scope: str | None = None, step_up: bool = False
    ) -> ServerRecord:
        try:
            try:
                return await self._authorize(challenge, previous_scope=previous_scope, step_up=step_up)
            except StaleRegistration as stale:
                # the stored registration does not allow the scope asked now: register once more
                self.store.delete_client(stale.issuer)
                self.report("registration", "info", f"{stale.message}: registering again and retrying once")
            try:
                return await self._authorize(challenge, previous_scope=previous_scope, step_up=step_up)
            except StaleRegistration as again:
                raise self.report.fail(
                    "registration",
                    AuthError(
                        f"{again.message}, even after registering again",
                        hint="the authorization server does not grant this scope to mcptui's client; "
                        "sign in with a narrower --scope, or use a client registered there (--client-id)",
                    ),
                ) from None
        finally:
            self.waiting_on_person = False

    async def _authorize(
        self, challenge: Challenge | None, *, previous_scope: str | None, step_up: bool
    ) -> ServerRecord:
        async with self._http() as http:
            prm, server = await self._discover(http, challenge)
            pinned = self.config.auth.extra.get("issuer")
            if pinned and (self.options.client_id or self.config.auth.client_id) and pinned != server.issuer:
                raise self.report.fail(
                    "registration",
                    AuthError(
                        f"the server now uses the authorization server {server.issuer}, but the configured "
                        f"client was registered with {pinned}",
                        hint="register a client with the new authorization server and update the configuration",
                    ),
                )
            scope = select_scope(
                override=self.options.scope or self.config.auth.scope,
                challenge=challenge,
                prm=prm,
                server=server,
                previous=previous_scope,
                step_up=step_up,
            )
            nobody = not self.interaction.can_prompt and not browser_mod.can_open(self.options.browser)
            reader = bool(getattr(self.interaction, "can_show_codes", False))  # someone sees the code
            grant, why = choose_grant(
                self.options.grant, self.config.auth.grant, server, headless_reader=nobody and reader
            )
            if why:
                self.report("device" if grant == "device" else "auth-server-metadata", "info", why)
            if grant == "client-credentials":
                return await client_credentials_record(self, http, server, scope)
            if grant == "device":
                return await device_record(self, http, server, scope)
            if grant == "enterprise":
                return await enterprise_record(self, http, server, scope)
            if self.options.confirm_scope and self.interaction.can_prompt:
                scope = await self.interaction.confirm_scope(self.config.name, scope)
            if not self.interaction.can_prompt and not browser_mod.can_open(self.options.browser):
                raise self.report.fail(
                    "authorize",
                    AuthRequired(
                        f"{self.config.name} needs you to sign in, and there is no terminal or browser here",
                        hint=login_hint(self.config),
                    ),
                )
            async with CallbackListener(callback_ports(self, server)) as listener:
                listener.on_reject = lambda why: self.report(
                    "callback", "failed", f"refused a callback request: {why}"
                )
                self.waiting_on_person = self.interaction.can_prompt  # it may ask for a client id
                reg = await obtain_client(
                    server=server,
                    server_name=self.config.name,
                    redirect_uri=listener.redirect_uri,
                    store=self.store,
                    http=http,
                    report=self.report,
                    interaction=self.interaction,
                    client_id=self.options.client_id or self.config.auth.client_id,
                    client_secret=self.options.client_secret or self.config.auth.client_secret,
                    client_metadata_url=self.options.client_metadata_url
                    or self.config.auth.client_metadata_url,
                    scope=scope,
                )
                try:
                    result, verifier = await browser_leg(self, http, listener, server, reg, scope)
                except UseDeviceCode as chosen:  # in the sign-in dialog: the listener closes first
                    result, scope = None, chosen.scope
            if result is None:
                self.report("device", "info", "you chose to sign in with a code on another device")
                return await device_record(self, http, server, scope)
            check_iss(result, server)
            if result.error:
                refused = f"the authorization server refused: {result.error}" + (
                    f" ({result.error_description})" if result.error_description else ""
                )
                if result.error in SCOPE_REFUSALS and reg.kind == "dcr":
                    self.report("callback", "failed", refused)
                    raise StaleRegistration(refused, issuer=server.issuer)
                raise self.report.fail(
                    "callback",
                    AuthError(refused, hint=refusal_hint(result.error, reg, scope)),
                )
            self.report(
                "callback",
                "ok",
                "authorization code received"
                + ("" if result.state_checked else " (pasted bare code: state not checked)"),
                data={"source": result.source},
            )
            assert server.token_endpoint and result.code
            try:
                tokens = await exchange_code(
                    http=http,
                    report=self.report,
                    endpoint=server.token_endpoint,
                    client=ClientAuth(
                        reg.client_id, reg.token_endpoint_auth_method, reg.client_secret, issuer=server.issuer
                    ),
                    code=result.code,
                    verifier=verifier,
                    redirect_uri=listener.redirect_uri,
                    resource=self.server_url,
                    now=self.options.clock(),
                )
            except TokenRefused as exc:
                if exc.error in SCOPE_REFUSALS and reg.kind == "dcr":
                    raise StaleRegistration(exc.message, issuer=server.issuer) from None
                raise
        return await self.save_signed_in(server, reg, scope, tokens)

    async def save_signed_in(
        self, server: AuthServer, reg: ClientRegistration, scope: str | None, tokens: TokenSet
    ) -> ServerRecord:
        """Store what a sign-in with a registered client gave for this server."""
        return await self.save_tokens(
            server,
            tokens,
            scope=scope,
            client_id=reg.client_id,
            client_kind=reg.kind,
            token_auth_method=reg.token_endpoint_auth_method,
        )

    async def save_tokens(
        self,
        server: AuthServer,
        tokens: TokenSet,
        *,
        scope: str | None,
        client_id: str,
        client_kind: str,
        token_auth_method: str,
    ) -> ServerRecord:
        """Store what a sign-in (any grant) gave for this server, under the store's lock."""
        record = ServerRecord(
            server_url=self.server_url,
            method="oauth",
            tokens=tokens,
            issuer=server.issuer,
            client_id=client_id,
            client_kind=client_kind,
            requested_scope=scope,
            resource=self.server_url,
            token_endpoint=server.token_endpoint,
            revocation_endpoint=server.revocation_endpoint,
            token_auth_method=token_auth_method,
        )
        async with self.store.alocked(self.server_url):
            self.store.save_server(record)
        return record
