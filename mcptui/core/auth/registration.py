"""Client identity, in the spec's order: pre-registered → CIMD → DCR → ask the user.

A pre-registered client comes from the config (``auth.client_id``/``client_secret``) or
``--client-id``; a Client ID Metadata Document URL is used when the authorization server
advertises ``client_id_metadata_document_supported``; Dynamic Client Registration sends
``application_type: native`` and the loopback redirect URI. Registrations are stored per
issuer and reused only with that issuer and only while their redirect URI still matches
and their registered scope covers what is asked now (else the client registers again).

DCR never pins more than the authorization server advertises: ``scope`` is the requested
scopes that are in its ``scopes_supported`` (omitted when none are, or none are listed), and
when the server refuses the metadata (``invalid_client_metadata``) it is sent once more
without ``scope``.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

import httpx2

from mcptui.core.auth.discovery import AuthServer
from mcptui.core.auth.http import AuthHttp, Reporter, guard, json_object
from mcptui.core.auth.interaction import AuthInteraction, ClientPrompt
from mcptui.core.auth.token_store import ClientRegistration, TokenStore
from mcptui.core.errors import AuthError

CLIENT_NAME = "mcptui"
GRANT_TYPES = ["authorization_code", "refresh_token"]


def valid_cimd_url(url: str | None) -> bool:
    """A CIMD client_id is an https URL with a path other than ``/``."""
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme == "https" and bool(parts.netloc) and parts.path not in ("", "/")


def choose_secret_method(server: AuthServer) -> str:
    """How a client with a secret authenticates at the token endpoint, per the AS metadata."""
    methods = server.token_auth_methods
    for method in ("client_secret_basic", "client_secret_post"):
        if method in methods:
            return method
    return "client_secret_basic"


def registration_scope(scope: str | None, server: AuthServer) -> str | None:
    """What DCR asks for: the requested scopes the AS advertises, or None (omit ``scope``)."""
    supported = set(server.scopes_supported)
    wanted = [s for s in (scope or "").split() if s in supported]
    return " ".join(wanted) or None


def registration_fits(reg: ClientRegistration, scope: str | None, server: AuthServer) -> bool:
    """False when the registration is limited to a scope that lacks some of the advertised ones asked now."""
    if reg.scope is None:
        return True
    wanted = set((registration_scope(scope, server) or "").split())
    return wanted <= set(reg.scope.split())


async def obtain_client(
    *,
    server: AuthServer,
    server_name: str,
    redirect_uri: str,
    store: TokenStore,
    http: AuthHttp,
    report: Reporter,
    interaction: AuthInteraction,
    client_id: str | None = None,
    client_secret: str | None = None,
    client_metadata_url: str | None = None,
    scope: str | None = None,
) -> ClientRegistration:
    """Return a usable client registration for ``server`` (see module docstring for the order)."""
    # 1. pre-registered (config / command line)
    if client_id:
        method = choose_secret_method(server) if client_secret else "none"
        report(
            "registration",
            "ok",
            f"using the pre-registered client {client_id}",
            data={"kind": "pre-registered"},
        )
        return ClientRegistration(
            issuer=server.issuer,
            client_id=client_id,
            kind="pre-registered",
            client_secret=client_secret,
            token_endpoint_auth_method=method,
            redirect_uris=[redirect_uri],
        )
    stored = store.load_client(server.issuer)
    if stored is not None and stored.kind == "manual":
        report(
            "registration",
            "ok",
            f"using the client id you entered for {server.issuer}",
            data={"kind": "manual"},
        )
        return stored
    # 2. Client ID Metadata Document
    if client_metadata_url:
        if not valid_cimd_url(client_metadata_url):
            raise report.fail(
                "registration",
                AuthError(
                    f"the client metadata URL {client_metadata_url!r} is not an https URL with a path",
                    hint="a Client ID Metadata Document must live at an https URL such as https://example.com/client.json",
                ),
            )
        if server.cimd_supported:
            report(
                "registration",
                "ok",
                f"using the client metadata document {client_metadata_url}",
                data={"kind": "cimd"},
            )
            return ClientRegistration(
                issuer=server.issuer, client_id=client_metadata_url, kind="cimd", redirect_uris=[redirect_uri]
            )
        report("registration", "info", "the authorization server does not support client metadata documents")
    # stored DCR registration made with this issuer and this redirect URI
    if stored is not None and redirect_uri in stored.redirect_uris:
        expired = stored.client_secret_expires_at and stored.client_secret_expires_at < time.time()
        fits = registration_fits(stored, scope, server)
        if not fits:
            report(
                "registration",
                "info",
                f"the stored registration with {server.issuer} is limited to scope {stored.scope!r}, "
                f"which does not cover {scope!r}: registering again",
            )
        if not expired and fits:
            report(
                "registration",
                "ok",
                f"reusing the registration with {server.issuer}",
                data={"kind": stored.kind},
            )
            return stored
    # 3. Dynamic Client Registration
    problem = ""
    if server.registration_endpoint:
        try:
            return await register_dynamic(
                server=server, redirect_uri=redirect_uri, store=store, http=http, report=report, scope=scope
            )
        except AuthError as exc:
            problem = exc.message
    else:
        problem = "the authorization server offers no dynamic client registration"
        report("registration", "info", problem)
    # 4. ask the user
    if interaction.can_prompt:
        answer = await interaction.ask_client(
            ClientPrompt(server=server_name, issuer=server.issuer, redirect_uri=redirect_uri, reason=problem)
        )
        if answer is not None and answer.client_id:
            reg = ClientRegistration(
                issuer=server.issuer,
                client_id=answer.client_id,
                kind="manual",
                client_secret=answer.client_secret or None,
                token_endpoint_auth_method=choose_secret_method(server) if answer.client_secret else "none",
                redirect_uris=[redirect_uri],
            )
            store.save_client(reg)
            report(
                "registration",
                "ok",
                f"using the client id you entered for {server.issuer}",
                data={"kind": "manual"},
            )
            return reg
    raise report.fail(
        "registration",
        AuthError(
            f"no OAuth client for {server.issuer}: {problem}",
            hint=f"register a client there with redirect URI {redirect_uri} and pass --client-id "
            "(and --callback-port to keep that port), or store a token with `mcptui auth token TARGET`",
        ),
    )


async def register_dynamic(
    *,
    server: AuthServer,
    redirect_uri: str | None,
    store: TokenStore,
    http: AuthHttp,
    report: Reporter,
    scope: str | None,
    grant_types: list[str] | None = None,
) -> ClientRegistration:
    """RFC 7591 registration as a native public client with a loopback redirect URI
    (or, for the device grant, with no redirect URI and no response types)."""
    endpoint = server.registration_endpoint
    assert endpoint
    body: dict[str, object] = {
        "client_name": CLIENT_NAME,
        "redirect_uris": [redirect_uri] if redirect_uri else [],
        "grant_types": grant_types or GRANT_TYPES,
        "response_types": ["code"] if redirect_uri else [],
        "token_endpoint_auth_method": "none",
        "application_type": "native",
    }
    if not redirect_uri:
        del body["redirect_uris"]
    reg_scope = registration_scope(scope, server)
    if reg_scope:
        body["scope"] = reg_scope
    await guard(http, report, "registration", endpoint, "registration endpoint")
    report("registration", "start", f"POST {endpoint} (dynamic client registration)")
    response = await http.request("POST", endpoint, json_body=body, sends="registration endpoint")
    error, desc = _refusal(response)
    if error == "invalid_client_metadata" and "scope" in body:
        report(
            "registration",
            "info",
            f"the authorization server refused the registration's scope ({desc or error}): "
            "registering again without a scope",
            http=http.last,
        )
        del body["scope"]
        reg_scope = None
        response = await http.request("POST", endpoint, json_body=body, sends="registration endpoint")
        error, desc = _refusal(response)
    if error is not None:
        raise report.fail(
            "registration",
            AuthError(
                f"dynamic client registration was refused: {error}" + (f" ({desc})" if desc else ""),
                hint="the authorization server may restrict redirect URIs; register a client yourself and "
                "pass --client-id",
            ),
            http=http.last,
        )
    try:
        doc = json_object(response, "client registration response")
        client_id = doc.get("client_id")
        if not isinstance(client_id, str) or not client_id:
            raise AuthError("client registration response: no client_id")
    except AuthError as exc:
        raise report.fail("registration", exc, http=http.last) from None
    secret = doc.get("client_secret") if isinstance(doc.get("client_secret"), str) else None
    method = doc.get("token_endpoint_auth_method")
    if not isinstance(method, str):
        method = choose_secret_method(server) if secret else "none"
    listed = doc.get("redirect_uris")
    uris: list[Any] = listed if isinstance(listed, list) else [redirect_uri or ""]
    expires = doc.get("client_secret_expires_at")
    granted = doc.get("scope") if isinstance(doc.get("scope"), str) and doc.get("scope") else reg_scope
    reg = ClientRegistration(
        issuer=server.issuer,
        client_id=client_id,
        kind="dcr",
        client_secret=secret,
        token_endpoint_auth_method=method,
        redirect_uris=[str(u) for u in uris if u],
        client_secret_expires_at=float(expires) if isinstance(expires, int | float) and expires else None,
        scope=granted,
        grant_types=grant_types,
    )
    store.save_client(reg)
    report("registration", "ok", f"registered client {client_id}", http=http.last, data={"kind": "dcr"})
    return reg


def _refusal(response: httpx2.Response) -> tuple[str | None, str | None]:
    """(error, description) of a refused registration; (None, None) when it succeeded."""
    if response.status_code in (200, 201):
        return None, None
    try:
        doc = json_object(response, "registration error")
    except AuthError:
        doc = {}
    error = doc.get("error") if isinstance(doc.get("error"), str) else f"HTTP {response.status_code}"
    desc = doc.get("error_description")
    return error, desc if isinstance(desc, str) else None
