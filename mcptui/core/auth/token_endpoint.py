"""Token endpoint and revocation calls: code exchange, refresh, client credentials, revoke.

Every request carries ``resource`` (RFC 8707). The client authenticates as its registration
says: ``none`` (client_id in the form), ``client_secret_basic``, ``client_secret_post``,
``private_key_jwt`` (an assertion signed with a PEM key) or ``client_secret_jwt`` (one signed
with the secret, HMAC). Assertions are built by authlib's RFC 7523 helpers
(``private_key_jwt_sign`` / ``client_secret_jwt_sign``, on joserfc), imported only when one is
signed; their ``aud`` is the issuer, as the client-credentials extension and RFC 7523bis want,
or the token endpoint where the server is configured with ``assertion_audience: token_endpoint``.
``client_secret_basic`` stays our own: authlib's encoder skips the form-encoding of the id and
secret that RFC 6749 §2.3.1 asks for.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mcptui.core.auth.http import AuthHttp, Reporter, guard, json_object
from mcptui.core.auth.token_store import TokenSet
from mcptui.core.errors import AuthError

JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
ASSERTION_LIFETIME = 120  # seconds between iat and exp


class TokenRefused(AuthError):
    """The token endpoint answered with an OAuth error (``error`` holds its code)."""

    def __init__(self, message: str, *, error: str, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.error = error


@dataclass(frozen=True)
class ClientAuth:
    """How the client proves who it is at the token endpoint."""

    client_id: str
    method: str = "none"
    client_secret: str | None = field(default=None, repr=False)
    private_key_pem: str | None = field(default=None, repr=False)
    key_id: str | None = None
    signing_alg: str = "RS256"
    issuer: str | None = None  # the authorization server's issuer: the assertion's default ``aud``
    audience: str = "issuer"  # issuer | token_endpoint (config ``assertion_audience``)

    def apply(self, form: dict[str, str], headers: dict[str, str], endpoint: str) -> None:
        """Authenticate the request to ``endpoint`` as :attr:`method` says."""
        form["client_id"] = self.client_id
        if self.method == "client_secret_basic" and self.client_secret is not None:
            raw = f"{quote(self.client_id, safe='')}:{quote(self.client_secret, safe='')}"
            headers["Authorization"] = "Basic " + base64.b64encode(raw.encode()).decode()
        elif self.method == "client_secret_post" and self.client_secret is not None:
            form["client_secret"] = self.client_secret
        elif (self.method == "private_key_jwt" and self.private_key_pem) or (
            self.method == "client_secret_jwt" and self.client_secret
        ):
            form["client_assertion_type"] = JWT_BEARER_ASSERTION
            form["client_assertion"] = self.assertion(self.audience_for(endpoint))

    def audience_for(self, endpoint: str) -> str:
        """The assertion's ``aud``: the issuer unless ``assertion_audience: token_endpoint``."""
        return self.issuer if self.audience != "token_endpoint" and self.issuer else endpoint

    def assertion(self, audience: str) -> str:
        """A client assertion (RFC 7523 §3) for ``audience``, valid for two minutes, with a fresh ``jti``."""
        from authlib.oauth2.rfc7523 import (  # type: ignore[import-untyped]
            client_secret_jwt_sign,
            private_key_jwt_sign,
        )

        claims = {"jti": str(uuid.uuid4())}
        header = {"kid": self.key_id} if self.key_id else {}
        if self.method == "client_secret_jwt":
            from joserfc.jwk import OctKey

            alg = self.signing_alg if self.signing_alg.startswith("HS") else "HS256"
            secret = OctKey.import_key(self.client_secret or "")
            signed = client_secret_jwt_sign(
                secret,
                self.client_id,
                audience,
                alg=alg,
                claims=claims,
                header=header,
                expires_in=ASSERTION_LIFETIME,
            )
        else:
            signed = private_key_jwt_sign(
                self._signing_key(),
                self.client_id,
                audience,
                alg=self.signing_alg,
                claims=claims,
                header=header,
                expires_in=ASSERTION_LIFETIME,
            )
        return str(signed)

    def _signing_key(self) -> Any:
        from joserfc.jwk import import_key

        pem = self.private_key_pem or ""
        if self.signing_alg.startswith("ES"):
            return import_key(pem, "EC")
        if self.signing_alg in ("Ed25519", "EdDSA"):
            return import_key(pem, "OKP")
        return import_key(pem, "RSA")

    @staticmethod
    def load_key(path: str) -> str:
        try:
            return Path(path).expanduser().read_text(encoding="utf-8")
        except OSError as exc:
            raise AuthError(f"cannot read the private key {path}: {exc.strerror}") from None


def _error_of(response_doc: dict[str, object], status: int) -> str:
    error = response_doc.get("error") or f"HTTP {status}"
    desc = response_doc.get("error_description")
    return f"{error}" + (f" ({desc})" if isinstance(desc, str) and desc else "")


async def _token_request(
    *,
    http: AuthHttp,
    report: Reporter,
    step: str,
    endpoint: str,
    form: dict[str, str],
    client: ClientAuth,
    now: float,
    previous: TokenSet | None = None,
) -> TokenSet:
    await guard(http, report, step, endpoint, "token endpoint")
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    client.apply(form, headers, endpoint)
    report(step, "start", f"POST {endpoint} (grant_type={form.get('grant_type')})")
    response = await http.request("POST", endpoint, data=form, headers=headers, sends="token endpoint")
    try:
        doc = json_object(response, "token endpoint reply")
    except AuthError as exc:
        raise report.fail(step, exc, http=http.last) from None
    if response.status_code != 200 or not isinstance(doc.get("access_token"), str):
        what = (
            _error_of(doc, response.status_code)
            if response.status_code != 200
            else "no access_token in the reply"
        )
        error = doc.get("error")
        code = error if isinstance(error, str) else f"HTTP {response.status_code}"
        raise report.fail(
            step,
            TokenRefused(
                f"the token endpoint refused the {form.get('grant_type')} request: {what}",
                error=code if response.status_code != 200 else "no_access_token",
                hint="sign in again with `mcptui auth login TARGET`" if step == "refresh" else "",
            ),
            http=http.last,
        )
    token_type = str(doc.get("token_type") or "Bearer")
    if token_type.lower() != "bearer":
        raise report.fail(
            step, AuthError(f"unsupported token type {token_type!r} (only Bearer)"), http=http.last
        )
    tokens = TokenSet.from_response(doc, now, previous)
    report(
        step,
        "ok",
        "got an access token" + (" and a refresh token" if doc.get("refresh_token") else ""),
        http=http.last,
        data={
            "scope": tokens.scope,
            "expires_at": tokens.expires_at,
            "refresh_token": bool(tokens.refresh_token),
        },
    )
    return tokens


async def exchange_code(
    *,
    http: AuthHttp,
    report: Reporter,
    endpoint: str,
    client: ClientAuth,
    code: str,
    verifier: str,
    redirect_uri: str,
    resource: str,
    now: float,
) -> TokenSet:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": verifier,
        "redirect_uri": redirect_uri,
        "resource": resource,
    }
    return await _token_request(
        http=http, report=report, step="token", endpoint=endpoint, form=form, client=client, now=now
    )


async def refresh_tokens(
    *,
    http: AuthHttp,
    report: Reporter,
    endpoint: str,
    client: ClientAuth,
    tokens: TokenSet,
    resource: str,
    now: float,
) -> TokenSet:
    assert tokens.refresh_token
    form = {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token, "resource": resource}
    return await _token_request(
        http=http,
        report=report,
        step="refresh",
        endpoint=endpoint,
        form=form,
        client=client,
        now=now,
        previous=tokens,
    )


async def client_credentials(
    *,
    http: AuthHttp,
    report: Reporter,
    endpoint: str,
    client: ClientAuth,
    scope: str | None,
    resource: str,
    now: float,
) -> TokenSet:
    form = {"grant_type": "client_credentials", "resource": resource}
    if scope:
        form["scope"] = scope
    return await _token_request(
        http=http, report=report, step="token", endpoint=endpoint, form=form, client=client, now=now
    )


async def jwt_bearer(
    *,
    http: AuthHttp,
    report: Reporter,
    endpoint: str,
    client: ClientAuth,
    assertion: str,
    scope: str | None,
    resource: str,
    now: float,
) -> TokenSet:
    """The RFC 7523 jwt-bearer authorization grant (enterprise-managed authorization's last step)."""
    form = {"grant_type": JWT_BEARER_GRANT, "assertion": assertion, "resource": resource}
    if scope:
        form["scope"] = scope
    return await _token_request(
        http=http, report=report, step="token", endpoint=endpoint, form=form, client=client, now=now
    )


async def revoke(
    *, http: AuthHttp, report: Reporter, endpoint: str, client: ClientAuth, token: str, hint: str
) -> bool:
    """RFC 7009 revocation; True when the AS accepted it."""
    await guard(http, report, "revoke", endpoint, "revocation endpoint")
    form = {"token": token, "token_type_hint": hint}
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    client.apply(form, headers, endpoint)
    response = await http.request("POST", endpoint, data=form, headers=headers, sends="revocation endpoint")
    ok = response.status_code == 200
    report(
        "revoke",
        "ok" if ok else "failed",
        f"revoked the {hint.replace('_', ' ')}" if ok else f"revocation answered HTTP {response.status_code}",
        http=http.last,
    )
    return ok
