"""Enterprise-managed authorization (the MCP ext-auth extension): an ID token becomes an access token.

Configured per server (``"grant": "enterprise"`` in its auth settings; README "Auth settings"):

1. the ID token the enterprise IdP issued at single sign-on is read from ``id_token_file`` or
   the output of ``id_token_command``;
2. RFC 8693 token exchange at ``idp_token_endpoint``: ``subject_token`` = the ID token,
   ``requested_token_type`` = ``urn:ietf:params:oauth:token-type:id-jag``, ``audience`` = the
   MCP authorization server's issuer, ``resource`` = the MCP server, ``scope`` when known;
   the client authenticates as ``idp_client_id`` (with ``idp_client_secret``, if any);
3. RFC 7523 jwt-bearer grant at the MCP authorization server's token endpoint with the ID-JAG
   as ``assertion`` (client ``clientId``/``clientSecret``), which gives the access token.

The ID token, the ID-JAG and the secrets never appear in a message or an event.
"""

from __future__ import annotations

import asyncio
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from mcptui.core.auth.discovery import AuthServer
from mcptui.core.auth.http import AuthHttp, guard, json_object
from mcptui.core.auth.registration import choose_secret_method
from mcptui.core.auth.token_endpoint import ClientAuth, TokenRefused, jwt_bearer
from mcptui.core.auth.token_store import ServerRecord
from mcptui.core.errors import AuthError

if TYPE_CHECKING:
    from mcptui.core.auth.flow import AuthFlow

TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token"
ID_JAG_TYPE = "urn:ietf:params:oauth:token-type:id-jag"
COMMAND_TIMEOUT = 30.0
HINT = "see the enterprise grant's keys in the README (auth settings)"


async def read_id_token(settings: dict[str, object]) -> str:
    """The ID token from ``id_token_file`` or ``id_token_command`` (stripped)."""
    path, command = settings.get("id_token_file"), settings.get("id_token_command")
    if isinstance(path, str) and path:
        try:
            token = Path(path).expanduser().read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise AuthError(f"cannot read the ID token file {path}: {exc.strerror}", hint=HINT) from None
    elif isinstance(command, str) and command:
        token = await _run(command)
    else:
        raise AuthError("the enterprise grant needs id_token_file or id_token_command", hint=HINT)
    if not token:
        raise AuthError("the ID token for the enterprise grant is empty", hint=HINT)
    return token


async def _run(command: str) -> str:
    argv = shlex.split(command)
    try:
        child = await asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
    except OSError as exc:
        raise AuthError(f"cannot run the ID token command {argv[0]!r}: {exc.strerror}", hint=HINT) from None
    try:
        out, _ = await asyncio.wait_for(child.communicate(), COMMAND_TIMEOUT)
    except TimeoutError:
        child.kill()
        await child.wait()
        raise AuthError(
            f"the ID token command did not finish within {COMMAND_TIMEOUT:.0f}s", hint=HINT
        ) from None
    if child.returncode != 0:
        raise AuthError(f"the ID token command exited with status {child.returncode}", hint=HINT)
    return out.decode("utf-8", "replace").strip()


def _refusal(doc: dict[str, object], status: int) -> str:
    error = doc.get("error") if isinstance(doc.get("error"), str) else f"HTTP {status}"
    desc = doc.get("error_description")
    return f"{error}" + (f" ({desc})" if isinstance(desc, str) and desc else "")


async def request_id_jag(
    flow: AuthFlow, http: AuthHttp, server: AuthServer, scope: str | None, id_token: str
) -> str:
    """RFC 8693 token exchange at the IdP: the ID token for an ID-JAG naming this AS and server."""
    settings = flow.config.auth.extra
    endpoint = settings.get("idp_token_endpoint")
    client_id = settings.get("idp_client_id")
    if not isinstance(endpoint, str) or not endpoint or not isinstance(client_id, str) or not client_id:
        raise flow.report.fail(
            "token-exchange",
            AuthError("the enterprise grant needs idp_token_endpoint and idp_client_id", hint=HINT),
        )
    secret = settings.get("idp_client_secret")
    secret = secret if isinstance(secret, str) and secret else None
    await guard(http, flow.report, "token-exchange", endpoint, "identity provider's token endpoint")
    form = {
        "grant_type": TOKEN_EXCHANGE,
        "requested_token_type": ID_JAG_TYPE,
        "audience": server.issuer,
        "resource": flow.server_url,
        "subject_token": id_token,
        "subject_token_type": ID_TOKEN_TYPE,
        **({"scope": scope} if scope else {}),
    }
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    ClientAuth(client_id, "client_secret_post" if secret else "none", secret).apply(form, headers, endpoint)
    flow.report("token-exchange", "start", f"POST {endpoint} (ID token for an ID-JAG for {server.issuer})")
    response = await http.request(
        "POST", endpoint, data=form, headers=headers, sends="identity provider's token endpoint"
    )
    try:
        doc = json_object(response, "identity provider's token exchange reply")
    except AuthError as exc:
        raise flow.report.fail("token-exchange", exc, http=http.last) from None
    if response.status_code != 200:
        raise flow.report.fail(
            "token-exchange",
            AuthError(
                f"the identity provider refused the token exchange: {_refusal(doc, response.status_code)}",
                hint="check that your enterprise allows this MCP server for you, and that the ID token "
                "is current (sign in to your identity provider again)",
            ),
            http=http.last,
        )
    assertion = doc.get("access_token")
    if doc.get("issued_token_type") != ID_JAG_TYPE or not isinstance(assertion, str) or not assertion:
        raise flow.report.fail(
            "token-exchange",
            AuthError("the identity provider's reply holds no ID-JAG (issued_token_type is not id-jag)"),
            http=http.last,
        )
    flow.report("token-exchange", "ok", "got an ID-JAG from the identity provider", http=http.last)
    return assertion


async def enterprise_record(
    flow: AuthFlow, http: AuthHttp, server: AuthServer, scope: str | None
) -> ServerRecord:
    """Sign in with enterprise-managed authorization and save the record."""
    client_id = flow.options.client_id or flow.config.auth.client_id
    secret = flow.options.client_secret or flow.config.auth.client_secret
    if not client_id:
        raise flow.report.fail(
            "token",
            AuthError(
                "the enterprise grant needs the client id registered with the MCP authorization server",
                hint=HINT,
            ),
        )
    try:
        id_token = await read_id_token(flow.config.auth.extra)
    except AuthError as exc:
        raise flow.report.fail("token-exchange", exc) from None
    assertion = await request_id_jag(flow, http, server, scope, id_token)
    assert server.token_endpoint
    method = choose_secret_method(server) if secret else "none"
    try:
        tokens = await jwt_bearer(
            http=http,
            report=flow.report,
            endpoint=server.token_endpoint,
            client=ClientAuth(client_id, method, secret, issuer=server.issuer),
            assertion=assertion,
            scope=scope,
            resource=flow.server_url,
            now=flow.options.clock(),
        )
    except TokenRefused as exc:
        raise AuthError(
            f"the authorization server {server.issuer} refused the ID-JAG: {exc.error}",
            hint="the authorization server does not accept assertions from your identity provider for "
            "this client; ask its operator",
        ) from None
    return await flow.save_tokens(
        server, tokens, scope=scope, client_id=client_id, client_kind="enterprise", token_auth_method=method
    )
