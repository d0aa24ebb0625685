"""Spec rules as pure functions: scope selection, step-up scope union, the grant to sign in with,
the RFC 9207 ``iss`` check, and what a scope refusal means for a stored registration."""

from __future__ import annotations

from mcptui.core.auth.callback import CallbackResult
from mcptui.core.auth.discovery import AuthServer, ProtectedResource
from mcptui.core.auth.token_store import ClientRegistration
from mcptui.core.auth.www_authenticate import Challenge
from mcptui.core.errors import AuthError


def union_scopes(previous: str | None, new: str | None) -> str | None:
    merged = list(dict.fromkeys((previous or "").split() + (new or "").split()))
    return " ".join(merged) or None


def choose_grant(
    asked: str | None, configured: str, server: AuthServer, *, headless_reader: bool
) -> tuple[str, str | None]:
    """The grant to sign in with, and why when it is not the one asked or configured.

    ``--grant`` wins; else client credentials when the authorization server lists grants and
    offers only that one; else the device grant when nobody here can use a browser or paste an
    answer but someone can read a code (``headless_reader``) and the server offers it; else
    the configured grant.
    """
    if asked:
        return asked, None
    listed = server.metadata.get("grant_types_supported")
    listed = [g for g in listed if isinstance(g, str)] if isinstance(listed, list) else []
    only_machine = bool(listed) and "authorization_code" not in listed and "client_credentials" in listed
    if configured == "authorization-code" and only_machine:
        return "client-credentials", (
            "the authorization server does not offer the authorization code grant: using client credentials"
        )
    if (
        configured not in ("client-credentials", "enterprise")
        and headless_reader
        and server.device_authorization_endpoint
    ):
        if configured == "device":
            return "device", None
        return "device", "no browser and no terminal here: signing in with a code to enter on another device"
    return configured, None


def select_scope(
    *,
    override: str | None,
    challenge: Challenge | None,
    prm: ProtectedResource | None,
    server: AuthServer,
    previous: str | None,
    step_up: bool,
) -> str | None:
    """The spec's order: override, else challenge scope (union with the previous on step-up),
    else PRM ``scopes_supported``, else none; ``offline_access`` added only when advertised."""
    if override:
        scope: str | None = override
    elif step_up:
        scope = union_scopes(previous, challenge.scope if challenge else None)
    elif challenge is not None and challenge.scope:
        scope = challenge.scope
    elif prm is not None and prm.scopes_supported:
        scope = " ".join(prm.scopes_supported)
    else:
        scope = None
    if scope and "offline_access" in server.scopes_supported and "offline_access" not in scope.split():
        scope = f"{scope} offline_access"
    return scope


def check_iss(result: CallbackResult, server: AuthServer) -> None:
    """RFC 9207 as the MCP spec tables it; on mismatch nothing from the response is shown."""
    if result.iss is not None:
        if result.iss != server.issuer:
            raise AuthError(
                "the authorization response came from another issuer than the one we asked (iss mismatch); "
                "it was discarded",
                hint="this can be a mix-up attack; sign in again and check the authorization server",
            )
    elif server.iss_parameter_supported:
        raise AuthError(
            "the authorization response has no iss although the authorization server promises one; discarded",
            hint="sign in again; if it persists, report it to the server's operator",
        )


class StaleRegistration(AuthError):
    """The dynamically registered client was refused the scope asked now (it may be pinned)."""

    def __init__(self, message: str, *, issuer: str) -> None:
        super().__init__(message)
        self.issuer = issuer


SCOPE_REFUSALS = frozenset({"invalid_scope", "invalid_client", "unauthorized_client"})


def refusal_hint(error: str, reg: ClientRegistration, scope: str | None) -> str:
    if error in SCOPE_REFUSALS:
        return (
            f"the client {reg.client_id} may not be allowed the scope {scope!r} at this authorization server; "
            "ask its operator to allow it, or sign in with a narrower --scope"
        )
    return "sign in again; check the requested scope with --scope"
