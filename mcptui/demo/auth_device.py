"""The demo authorization server's device grant (RFC 8628), so ``--grant device`` can be tried.

``POST /device_authorization`` hands out a device code and a user code; ``/device`` is the
page where the person types the user code and approves or denies; the token endpoint's
``urn:ietf:params:oauth:grant-type:device_code`` grant answers ``authorization_pending``,
``slow_down`` (polled faster than the interval), ``expired_token``, ``access_denied``, then
tokens. Also a registration for device-only clients (no redirect URI), which the SDK's
registration handler does not accept. All in memory.
"""

from __future__ import annotations

import html
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from mcp.server.auth.middleware.client_auth import AuthenticationError, ClientAuthenticator
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from mcptui.demo.auth_provider import ALL_SCOPES, READ_SCOPE, SUBJECT, DemoProvider, LoopbackClient

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
NO_STORE = {"Cache-Control": "no-store"}

_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>mcptui demo: device sign-in</title></head>
<body><h1>Sign in a device</h1><p>{message}</p>
<form method="post" action="/device"><input name="user_code" value="{code}" autofocus>
<button name="decision" value="approve">Approve</button> <button name="decision" value="deny">Deny</button></form>
</body></html>"""


@dataclass
class DeviceCode:
    user_code: str
    client_id: str
    scopes: list[str]
    resource: str | None
    expires_at: float
    decision: str | None = None  # approve | deny
    last_poll: float = 0.0


@dataclass
class DeviceGrants:
    """The device codes of one demo authorization server."""

    provider: DemoProvider
    interval: int = 5
    lifetime: int = 600
    codes: dict[str, DeviceCode] = field(default_factory=dict)

    def _user_code(self) -> str:
        alphabet = "BCDFGHJKLMNPQRSTVWXZ"  # RFC 8628 §6.1: no vowels, no look-alikes
        raw = "".join(secrets.choice(alphabet) for _ in range(8))
        return f"{raw[:4]}-{raw[4:]}"

    def find(self, user_code: str) -> DeviceCode | None:
        wanted = user_code.strip().upper().replace(" ", "")
        return next((c for c in self.codes.values() if c.user_code == wanted), None)

    async def authorization(self, request: Request, client_auth: ClientAuthenticator) -> Response:
        try:
            client = await client_auth.authenticate_request(request)
        except AuthenticationError as exc:
            return JSONResponse(
                {"error": "invalid_client", "error_description": exc.message}, status_code=401
            )
        if DEVICE_GRANT not in (client.grant_types or []):
            return JSONResponse({"error": "unauthorized_client"}, status_code=400)
        form = await request.form()
        device_code = secrets.token_urlsafe(32)
        code = DeviceCode(
            user_code=self._user_code(),
            client_id=client.client_id,
            scopes=str(form.get("scope") or READ_SCOPE).split(),
            resource=str(form.get("resource") or "") or None,
            expires_at=self.provider.clock() + self.lifetime,
        )
        self.codes[device_code] = code
        self.provider.count("device")
        issuer = self.provider.issuer
        return JSONResponse(
            {
                "device_code": device_code,
                "user_code": code.user_code,
                "verification_uri": f"{issuer}/device",
                "verification_uri_complete": f"{issuer}/device?user_code={code.user_code}",
                "expires_in": self.lifetime,
                "interval": self.interval,
            },
            headers=NO_STORE,
        )

    async def page(self, request: Request) -> Response:
        if request.method == "GET":
            code = html.escape(request.query_params.get("user_code", ""))
            return HTMLResponse(_PAGE.format(message="Enter the code shown by mcptui.", code=code))
        form = await request.form()
        found = self.find(str(form.get("user_code") or ""))
        if found is None or found.expires_at <= self.provider.clock():
            return HTMLResponse(_PAGE.format(message="Unknown or expired code.", code=""), status_code=400)
        found.decision = "deny" if form.get("decision") == "deny" else "approve"
        return HTMLResponse(f"<p>Done: {found.decision}d. You can close this page.</p>")

    async def token(self, request: Request, client_auth: ClientAuthenticator) -> Response:
        try:
            client = await client_auth.authenticate_request(request)
        except AuthenticationError as exc:
            return JSONResponse(
                {"error": "invalid_client", "error_description": exc.message}, status_code=401
            )
        form = await request.form()
        device_code = str(form.get("device_code") or "")
        code = self.codes.get(device_code)
        now = self.provider.clock()

        def error(name: str) -> Response:
            return JSONResponse({"error": name}, status_code=400, headers=NO_STORE)

        if code is None or code.client_id != client.client_id:
            return error("invalid_grant")
        if code.expires_at <= now:
            self.codes.pop(device_code, None)
            return error("expired_token")
        if code.decision is None:
            too_fast = now - code.last_poll < self.interval
            code.last_poll = now
            return error("slow_down" if too_fast else "authorization_pending")
        self.codes.pop(device_code, None)
        if code.decision == "deny":
            return error("access_denied")
        self.provider.count("token")
        issued = self.provider.issue(client.client_id, code.scopes, code.resource, SUBJECT)
        return JSONResponse(issued.model_dump(exclude_none=True), headers=NO_STORE)


async def register_device_client(request: Request, provider: DemoProvider) -> Response | None:
    """A registration asking only for the device grant (None: let the SDK's handler take it)."""
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        return None
    grants: Any = body.get("grant_types") if isinstance(body, dict) else None
    if not isinstance(grants, list) or DEVICE_GRANT not in grants or "authorization_code" in grants:
        return None
    client = LoopbackClient(
        client_id=secrets.token_urlsafe(16),
        client_name=str(body.get("client_name") or "device client"),
        redirect_uris=None,
        grant_types=[DEVICE_GRANT, "refresh_token"],
        response_types=[],
        token_endpoint_auth_method="none",
        scope=" ".join(ALL_SCOPES),
    )
    await provider.register_client(client)
    doc = client.model_dump(mode="json", exclude_none=True)
    return JSONResponse(doc, status_code=201, headers=NO_STORE)
