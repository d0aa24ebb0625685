"""The orchestrator: from a 401 challenge to a saved token, every step reported.

PRM discovery → authorization server metadata → scope selection → the grant
(:func:`choose_grant`) → client identity → loopback listener + PKCE + ``state`` → browser
(or printed URL and paste-back) → ``iss`` check (RFC 9207) → code exchange with ``resource``
→ saved record. The grant is chosen by :func:`.policy.choose_grant`; the other grants have their own modules, driven from here:
:mod:`.client_credentials` (machines with no user), :mod:`.device` (a code typed on
another device) and :mod:`.enterprise` (an enterprise IdP's ID token, via an ID-JAG). While a person signs in, the timeouts of the MCP call that needed the
sign-in stop (:func:`mcptui.core.request_clock.person_time`).
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

from mcptui.core.auth import browser as browser_mod
from mcptui.core.auth.callback import DEFAULT_PORTS, CallbackListener, CallbackResult, parse_pasted
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
from mcptui.core.auth.http import AuthHttp, Reporter, guard
from mcptui.core.auth.interaction import AuthInteraction, AuthorizationPrompt, UseDeviceCode
from mcptui.core.auth.options import AuthOptions, target_of
from mcptui.core.auth.pkce import new_pkce, new_state
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
from mcptui.core.request_clock import person_time
from mcptui.core.server_config import ServerConfig


def login_hint(config: ServerConfig) -> str:
    return f"run `mcptui auth login {target_of(config)}` in a terminal, then retry"


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
            async with CallbackListener(self._ports(server)) as listener:
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
                    result, verifier = await self._browser_leg(http, listener, server, reg, scope)
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

    def _ports(self, server: AuthServer) -> list[int]:
        configured = (
            self.options.callback_port
            if self.options.callback_port is not None
            else self.config.auth.callback_port
        )
        reg = self.store.load_client(server.issuer)
        stored = reg.callback_port() if reg is not None else None
        if configured is not None and configured != 0:
            return [configured]
        rest = [0] if configured == 0 else list(DEFAULT_PORTS)
        return list(dict.fromkeys(([stored] if stored else []) + rest))

    async def _browser_leg(
        self,
        http: AuthHttp,
        listener: CallbackListener,
        server: AuthServer,
        reg: ClientRegistration,
        scope: str | None,
    ) -> tuple[CallbackResult, str]:
        pkce, state = new_pkce(), new_state()
        params = {
            "response_type": "code",
            "client_id": reg.client_id,
            "redirect_uri": listener.redirect_uri,
            "state": state,
            "code_challenge": pkce.challenge,
            "code_challenge_method": "S256",
            "resource": self.server_url,
        }
        if scope:
            params["scope"] = scope
            if "offline_access" in scope.split() and server.is_openid:
                params["prompt"] = "consent"  # OpenID Connect Core §11: else no refresh token
        assert server.authorization_endpoint
        await guard(http, self.report, "authorize", server.authorization_endpoint, "authorization endpoint")
        sep = "&" if "?" in server.authorization_endpoint else "?"
        url = server.authorization_endpoint + sep + urlencode(params)
        listener.expect(state)
        with person_time():  # from the browser opening on, the MCP call's timeout stops
            result = await self._person_signs_in(listener, server, url, scope)
        return result, pkce.verifier

    async def _person_signs_in(
        self, listener: CallbackListener, server: AuthServer, url: str, scope: str | None
    ) -> CallbackResult:
        """Open ``url`` (or show it) and wait for the callback or a pasted answer."""
        self.waiting_on_person = True
        opened, why = await browser_mod.open_url(url, self.options.browser)
        if not opened and not self.interaction.can_prompt:
            # nobody can paste the answer back and no browser will deliver it: fail now, not at the timeout
            raise self.report.fail(
                "authorize",
                AuthRequired(
                    f"{self.config.name} needs you to sign in, but {why}", hint=login_hint(self.config)
                ),
            )
        headless = not opened
        prompt = AuthorizationPrompt(
            server=self.config.name,
            url=url,
            redirect_uri=listener.redirect_uri,
            issuer=server.issuer,
            scope=scope,
            browser_opened=opened,
            why_not_opened=why,
            ssh_command=browser_mod.ssh_forward_command(browser_mod.tunnel_ports(listener.port or 0, url))
            if headless
            else None,
            device_grant=bool(server.device_authorization_endpoint),
        )
        self.report(
            "authorize",
            "start",
            "opened the browser" if opened else f"waiting for you to open the URL ({why})",
            data={"redirect_uri": listener.redirect_uri, "scope": scope, "browser_opened": opened},
        )
        await self.interaction.show_authorization(prompt)
        try:
            return await asyncio.wait_for(self._race(listener, prompt), self.options.login_timeout)
        except TimeoutError:
            raise self.report.fail(
                "callback",
                AuthError(
                    f"timed out after {self.options.login_timeout:.0f}s waiting for the sign-in to finish",
                    hint=login_hint(self.config),
                ),
            ) from None

    async def _race(self, listener: CallbackListener, prompt: AuthorizationPrompt) -> CallbackResult:
        waiter = asyncio.ensure_future(listener.wait())
        paster: asyncio.Future[str | None] | None = None
        try:
            while True:
                if paster is None and self.interaction.can_prompt:
                    paster = asyncio.ensure_future(self.interaction.read_pasted_response(prompt))
                pending = {waiter} | ({paster} if paster is not None else set())
                done, _ = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                if waiter in done:
                    return waiter.result()
                assert paster is not None
                text = paster.result()
                if text is None:  # this interaction cannot paste: only the listener is left
                    result = await waiter
                    return result
                paster = None
                ok, why = listener.deliver(parse_pasted(text), source="paste")
                if not ok:
                    self.report("callback", "failed", f"the pasted response was not accepted: {why}")
        finally:
            for task in (waiter, paster):
                if task is not None and not task.done():
                    task.cancel()
