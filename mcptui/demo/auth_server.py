"""``mcptui demo --http PORT --auth``: the demo MCP server behind a real OAuth server on 127.0.0.1.

One process plays both roles. Authorization server: RFC 8414 metadata (PKCE S256, CIMD,
RFC 9207 ``iss``), ``/authorize`` (optionally through a small consent page), ``/token``
(authorization code, refresh with rotation, client credentials, device code), ``/register`` (DCR),
``/device_authorization`` and ``/device`` (RFC 8628, :mod:`~mcptui.demo.auth_device`),
``/revoke`` — the SDK's handlers over :class:`~mcptui.demo.auth_provider.DemoProvider`.
Resource server: ``/mcp`` answers 401 with a ``WWW-Authenticate`` challenge (with
``resource_metadata`` and ``scope``) and 403 ``insufficient_scope`` for ``write_note`` without
``notes:write``; PRM lives at the path-inserted well-known URL only (the root one 404s, to
exercise the client's order). Prints one line once bound:
``mcptui-demo listening on http://127.0.0.1:PORT/mcp (OAuth)``.
"""

from __future__ import annotations

import contextlib
import html
import socket
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from mcp.server.auth.handlers.authorize import AuthorizationHandler
from mcp.server.auth.handlers.register import RegistrationHandler
from mcp.server.auth.handlers.token import TokenHandler
from mcp.server.auth.middleware.client_auth import AuthenticationError, ClientAuthenticator
from mcp.server.auth.settings import ClientRegistrationOptions
from mcp.server.mcpserver import MCPServer
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from mcptui.demo.auth_device import DEVICE_GRANT, DeviceGrants, register_device_client
from mcptui.demo.auth_guard import STEP_UP_TOOL, ResourceGuard
from mcptui.demo.auth_provider import (
    ALL_SCOPES,
    MACHINE_CLIENT_ID,
    MACHINE_CLIENT_SECRET,
    READ_SCOPE,
    DemoProvider,
)

LISTENING_SUFFIX = " (OAuth)"


def _add_auth_tools(mcp: MCPServer) -> None:
    from mcp.server.auth.middleware.auth_context import get_access_token

    existing = {t.name for t in mcp._tool_manager.list_tools()}  # noqa: SLF001 - avoid duplicate names
    if "whoami" not in existing:

        @mcp.tool()
        def whoami() -> str:
            """Who the access token belongs to: client, subject, scopes."""
            tok = get_access_token()
            if tok is None:
                return "anonymous"
            return f"client={tok.client_id} subject={tok.subject} scopes={' '.join(tok.scopes)}"

    if STEP_UP_TOOL not in existing:

        @mcp.tool(name=STEP_UP_TOOL)
        def write_note(text: str) -> str:
            """Write a note (needs the notes:write scope: the server asks for it with a 403)."""
            return f"wrote {text!r}"


def build_mcp(page_size: int | None = None) -> MCPServer:
    try:
        from mcptui.demo.server import build_demo_server

        mcp = build_demo_server(page_size=page_size)
    except ImportError:  # the plain demo is optional here
        mcp = MCPServer("mcptui-demo-auth", log_level="WARNING")
    _add_auth_tools(mcp)
    return mcp


def _metadata(issuer: str, *, dcr: bool, pkce: bool = True) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "revocation_endpoint": f"{issuer}/revoke",
        "scopes_supported": ALL_SCOPES,
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials", DEVICE_GRANT],
        "device_authorization_endpoint": f"{issuer}/device_authorization",
        "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
        "revocation_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
        "client_id_metadata_document_supported": True,
        "authorization_response_iss_parameter_supported": True,
    }
    if pkce:
        doc["code_challenge_methods_supported"] = ["S256"]
    if dcr:
        doc["registration_endpoint"] = f"{issuer}/register"
    return doc


_CONSENT = """<!doctype html><html><head><meta charset="utf-8"><title>mcptui demo: consent</title>
<style>body{{font-family:system-ui,sans-serif;max-width:34em;margin:3em auto}}button{{font-size:1.1em}}</style></head>
<body><h1>Allow access?</h1><p><b>{client}</b> asks for <code>{scopes}</code> on <code>{resource}</code>.</p>
<p>It will be sent back to <code>{redirect}</code>.</p>
<form id="consent" method="post" action="/consent"><input type="hidden" name="txn" value="{txn}">
<button name="decision" value="approve" autofocus>Approve</button>
<button name="decision" value="deny">Deny</button></form>
<script>/* demo: approve automatically */ setTimeout(function(){{var f=document.getElementById('consent');
var d=document.createElement('input');d.type='hidden';d.name='decision';d.value='approve';f.appendChild(d);f.submit();}}, 300);</script>
</body></html>"""


@dataclass
class DemoAuthApp:
    app: Starlette
    provider: DemoProvider
    url: str


def build_auth_app(
    port: int,
    host: str = "127.0.0.1",
    *,
    access_ttl: int = 600,
    consent_page: bool = True,
    dcr: bool = True,
    pkce: bool = True,
    clock: Callable[[], float] | None = None,
    page_size: int | None = None,
    device_interval: int = 5,
) -> DemoAuthApp:
    """The whole protected demo as one Starlette app for ``http://host:port``."""
    base = f"http://{host}:{port}"
    resource = f"{base}/mcp"
    clocked: dict[str, Any] = {"clock": clock} if clock else {}
    provider = DemoProvider(
        issuer=base,
        resource=resource,
        access_ttl=access_ttl,
        consent_page=consent_page,
        **clocked,
    )
    mcp = build_mcp(page_size)
    inner = mcp.streamable_http_app(host=host)
    prm_url = f"{base}/.well-known/oauth-protected-resource/mcp"
    client_auth = ClientAuthenticator(provider)
    token_handler = TokenHandler(provider, client_auth)
    registration = RegistrationHandler(
        provider,
        options=ClientRegistrationOptions(enabled=True, valid_scopes=ALL_SCOPES, default_scopes=[READ_SCOPE]),
    )

    async def as_metadata(request: Request) -> Response:
        return JSONResponse(_metadata(base, dcr=dcr, pkce=pkce))

    async def prm(request: Request) -> Response:
        return JSONResponse(
            {
                "resource": resource,
                "authorization_servers": [base],
                "scopes_supported": [READ_SCOPE],
                "bearer_methods_supported": ["header"],
                "resource_name": "mcptui demo",
            }
        )

    devices = DeviceGrants(provider, interval=device_interval)

    async def device_authorization(request: Request) -> Response:
        return await devices.authorization(request, client_auth)

    async def register(request: Request) -> Response:
        return await register_device_client(request, provider) or await registration.handle(request)

    async def token(request: Request) -> Response:
        form = await request.form()
        if form.get("grant_type") == DEVICE_GRANT:
            return await devices.token(request, client_auth)
        if form.get("grant_type") != "client_credentials":
            return await token_handler.handle(request)
        try:
            client = await client_auth.authenticate_request(request)
        except AuthenticationError as exc:
            return JSONResponse(
                {"error": "invalid_client", "error_description": exc.message}, status_code=401
            )
        if "client_credentials" not in client.grant_types:
            return JSONResponse({"error": "unauthorized_client"}, status_code=400)
        scopes = str(form.get("scope") or READ_SCOPE).split()
        provider.count("token")
        issued = provider.issue(
            client.client_id, scopes, str(form.get("resource") or ""), client.client_id, with_refresh=False
        )
        return JSONResponse(issued.model_dump(exclude_none=True), headers={"Cache-Control": "no-store"})

    async def revoke(request: Request) -> Response:
        # Own handler: the SDK's RevocationRequest requires a client_secret field even for public clients.
        try:
            client = await client_auth.authenticate_request(request)
        except AuthenticationError as exc:
            return JSONResponse(
                {"error": "unauthorized_client", "error_description": exc.message}, status_code=401
            )
        form = await request.form()
        value = str(form.get("token") or "")
        if not value:
            return JSONResponse(
                {"error": "invalid_request", "error_description": "token missing"}, status_code=400
            )
        found = await provider.load_access_token(value) or await provider.load_refresh_token(client, value)
        if found is not None and found.client_id == client.client_id:
            await provider.revoke_token(found)
        return Response(status_code=200, headers={"Cache-Control": "no-store"})

    async def consent(request: Request) -> Response:
        if request.method == "GET":
            txn = request.query_params.get("txn", "")
            pending = provider.pending.get(txn)
            if pending is None:
                return HTMLResponse("<p>Unknown or used consent request.</p>", status_code=400)
            p = pending.params
            return HTMLResponse(
                _CONSENT.format(
                    client=html.escape(pending.client_id),
                    txn=html.escape(txn),
                    scopes=html.escape(" ".join(p.scopes or [])),
                    resource=html.escape(p.resource or ""),
                    redirect=html.escape(str(p.redirect_uri)),
                )
            )
        form = await request.form()
        pending = provider.pending.pop(str(form.get("txn", "")), None)
        if pending is None:
            return HTMLResponse("<p>Unknown or used consent request.</p>", status_code=400)
        target = (
            provider.approve(pending.client_id, pending.params)
            if form.get("decision") != "deny"
            else provider.deny(pending.params)
        )
        return RedirectResponse(target, status_code=302, headers={"Cache-Control": "no-store"})

    routes: list[BaseRoute] = [
        Route("/.well-known/oauth-authorization-server", as_metadata, methods=["GET"]),
        Route("/.well-known/oauth-protected-resource/mcp", prm, methods=["GET"]),
        Route("/authorize", AuthorizationHandler(provider).handle, methods=["GET", "POST"]),
        Route("/consent", consent, methods=["GET", "POST"]),
        Route("/token", token, methods=["POST"]),
        Route("/revoke", revoke, methods=["POST"]),
        Route("/device_authorization", device_authorization, methods=["POST"]),
        Route("/device", devices.page, methods=["GET", "POST"]),
    ]
    if dcr:
        routes.append(Route("/register", register, methods=["POST"]))
    routes.append(Mount("/", app=ResourceGuard(inner, provider, prm_url)))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with inner.router.lifespan_context(inner):
            yield

    return DemoAuthApp(app=Starlette(routes=routes, lifespan=lifespan), provider=provider, url=resource)


def _bind(host: str, port: int) -> socket.socket:
    try:
        from mcptui.demo.server import bind_socket

        return bind_socket(host, port)
    except ImportError:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
        return sock


@contextlib.asynccontextmanager
async def serve_auth_demo(
    port: int = 0, host: str = "127.0.0.1", **options: Any
) -> AsyncIterator[DemoAuthApp]:
    """Run the protected demo in this event loop (tests); yields once the socket listens."""
    import asyncio

    import uvicorn

    sock = _bind(host, port)
    demo = build_auth_app(sock.getsockname()[1], host, **options)
    server = uvicorn.Server(uvicorn.Config(demo.app, log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        yield demo  # the socket already listens: early connections queue until uvicorn accepts
    finally:
        server.should_exit = True
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 5)
        sock.close()


def run_auth_demo(
    port: int,
    host: str = "127.0.0.1",
    access_ttl: int = 600,
    page_size: int | None = None,
    consent_page: bool = True,
) -> None:
    """Serve the protected demo until interrupted; prints the listening line once bound."""
    import sys

    sock = _bind(host, port)
    bound = sock.getsockname()[1]
    demo = build_auth_app(bound, host, access_ttl=access_ttl, consent_page=consent_page, page_size=page_size)

    def announce() -> None:
        print(f"mcptui-demo listening on {demo.url}{LISTENING_SUFFIX}", flush=True)
        print(
            f"mcptui-demo: OAuth demo on {demo.url} (issuer http://{host}:{bound}; access tokens live "
            f"{access_ttl}s; write_note needs notes:write; client credentials: {MACHINE_CLIENT_ID} / "
            f"{MACHINE_CLIENT_SECRET})",
            file=sys.stderr,
            flush=True,
        )

    try:
        from mcptui.demo.server import serve_http

        serve_http(demo.app, sock, announce)
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
