"""Enterprise-managed authorization end to end on 127.0.0.1: ID token → ID-JAG → access token.

A small Starlette app plays the enterprise IdP's token-exchange endpoint (``/idp/token``), the
MCP authorization server (metadata + ``/token`` with the jwt-bearer grant) and the MCP server
(``/mcp``, 401 until it sees the issued token). The tests check the RFC 8693 request, the
RFC 7523 grant, and one clear message (with no secret in it) when the IdP or the AS refuses.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import sys
from dataclasses import dataclass, field
from typing import Any

import httpx2
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mcptui.core.auth import NonInteractive, TokenStore, make_auth_factory
from mcptui.core.auth.enterprise import ID_JAG_TYPE, ID_TOKEN_TYPE, TOKEN_EXCHANGE
from mcptui.core.auth.token_endpoint import JWT_BEARER_GRANT
from mcptui.core.errors import AuthError
from mcptui.core.events import AuthStep, EventRecorder
from mcptui.core.server_config import AuthSettings, ServerConfig
from mcptui.demo.server import bind_socket

ID_TOKEN = "ID-TOKEN-SECRET-eyJhbGciOi"
IDP_SECRET = "IDP-CLIENT-SECRET-42"
AS_SECRET = "AS-CLIENT-SECRET-43"
ID_JAG = "ID-JAG-SECRET-assertion"
ACCESS = "AT-ENTERPRISE-1"


@dataclass
class Rig:
    base: str = ""
    idp_refuses: bool = False
    as_refuses: bool = False
    exchanges: list[dict[str, str]] = field(default_factory=list)
    grants: list[dict[str, str]] = field(default_factory=list)
    grant_auth: list[str | None] = field(default_factory=list)

    def app(self) -> Starlette:
        async def prm(request: Request) -> Response:
            return JSONResponse({"resource": f"{self.base}/mcp", "authorization_servers": [self.base]})

        async def metadata(request: Request) -> Response:
            return JSONResponse(
                {
                    "issuer": self.base,
                    "authorization_endpoint": f"{self.base}/authorize",
                    "token_endpoint": f"{self.base}/token",
                    "code_challenge_methods_supported": ["S256"],
                    "grant_types_supported": [JWT_BEARER_GRANT],
                    "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                }
            )

        async def idp_token(request: Request) -> Response:
            self.exchanges.append(dict(await request.form()))  # type: ignore[arg-type]
            if self.idp_refuses:
                return JSONResponse(
                    {"error": "access_denied", "error_description": "not allowed for this user"}, 400
                )
            return JSONResponse(
                {
                    "access_token": ID_JAG,
                    "issued_token_type": ID_JAG_TYPE,
                    "token_type": "N_A",
                    "expires_in": 300,
                }
            )

        async def token(request: Request) -> Response:
            self.grants.append(dict(await request.form()))  # type: ignore[arg-type]
            self.grant_auth.append(request.headers.get("authorization"))
            if self.as_refuses:
                return JSONResponse({"error": "invalid_grant", "error_description": "unknown IdP"}, 400)
            return JSONResponse({"access_token": ACCESS, "token_type": "Bearer", "expires_in": 600})

        async def mcp(request: Request) -> Response:
            if request.headers.get("authorization") == f"Bearer {ACCESS}":
                return JSONResponse({"jsonrpc": "2.0", "id": 1, "result": {}})
            challenge = f'Bearer resource_metadata="{self.base}/.well-known/oauth-protected-resource/mcp"'
            return JSONResponse({"error": "invalid_token"}, 401, headers={"WWW-Authenticate": challenge})

        return Starlette(
            routes=[
                Route("/.well-known/oauth-protected-resource/mcp", prm),
                Route("/.well-known/oauth-authorization-server", metadata),
                Route("/idp/token", idp_token, methods=["POST"]),
                Route("/token", token, methods=["POST"]),
                Route("/mcp", mcp, methods=["POST"]),
            ]
        )


@pytest.fixture
async def rig():
    sock = bind_socket("127.0.0.1", 0)
    state = Rig(base=f"http://127.0.0.1:{sock.getsockname()[1]}")
    server = uvicorn.Server(uvicorn.Config(state.app(), log_level="warning", lifespan="off"))
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        yield state
    finally:
        server.should_exit = True
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 5)
        sock.close()


def settings(rig: Rig, tmp_path, **extra: Any) -> AuthSettings:
    token_file = tmp_path / "id_token"
    token_file.write_text(ID_TOKEN + "\n")
    keys = {
        "idp_token_endpoint": f"{rig.base}/idp/token",
        "idp_client_id": "mcptui-at-idp",
        "idp_client_secret": IDP_SECRET,
        "id_token_file": str(token_file),
        **extra,
    }
    return AuthSettings(
        method="auto",
        grant="enterprise",
        client_id="mcptui-at-as",
        client_secret=AS_SECRET,
        scope="notes:read",
        extra=keys,
    )


async def call(rig: Rig, tmp_path, auth_settings: AuthSettings) -> tuple[httpx2.Response, EventRecorder]:
    recorder = EventRecorder()
    config = ServerConfig(name="corp", url=f"{rig.base}/mcp", auth=auth_settings)
    auth = make_auth_factory(NonInteractive(), store=TokenStore(tmp_path / "store"))(config, recorder)
    async with httpx2.AsyncClient(auth=auth, timeout=10) as http:
        response = await http.post(f"{rig.base}/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "ping"})
    return response, recorder


def no_secret_in(text: str) -> None:
    for secret in (ID_TOKEN, IDP_SECRET, AS_SECRET, ID_JAG, ACCESS):
        assert secret not in text


async def test_id_token_becomes_an_access_token(rig, tmp_path):
    response, recorder = await call(rig, tmp_path, settings(rig, tmp_path))
    assert response.status_code == 200
    [exchange] = rig.exchanges
    assert exchange == {
        "grant_type": TOKEN_EXCHANGE,
        "requested_token_type": ID_JAG_TYPE,
        "audience": rig.base,
        "resource": f"{rig.base}/mcp",
        "subject_token": ID_TOKEN,
        "subject_token_type": ID_TOKEN_TYPE,
        "scope": "notes:read",
        "client_id": "mcptui-at-idp",
        "client_secret": IDP_SECRET,
    }
    [grant] = rig.grants
    assert grant == {
        "grant_type": JWT_BEARER_GRANT,
        "assertion": ID_JAG,
        "resource": f"{rig.base}/mcp",
        "scope": "notes:read",
        "client_id": "mcptui-at-as",
    }
    assert rig.grant_auth == ["Basic " + base64.b64encode(f"mcptui-at-as:{AS_SECRET}".encode()).decode()]
    steps = [(e.step, e.status) for e in recorder.of(AuthStep)]
    assert ("token-exchange", "ok") in steps and ("token", "ok") in steps
    no_secret_in(repr(recorder.events))


async def test_id_token_from_a_command(rig, tmp_path):
    command = f"{sys.executable} -c \"print('{ID_TOKEN}')\""
    extra = {"id_token_file": None, "id_token_command": command}
    response, _ = await call(rig, tmp_path, settings(rig, tmp_path, **extra))
    assert response.status_code == 200 and rig.exchanges[0]["subject_token"] == ID_TOKEN


async def test_idp_refusal_is_one_clear_message(rig, tmp_path):
    rig.idp_refuses = True
    with pytest.raises(AuthError) as info:
        await call(rig, tmp_path, settings(rig, tmp_path))
    message = info.value.message
    assert (
        message
        == "the identity provider refused the token exchange: access_denied (not allowed for this user)"
    )
    assert rig.grants == []
    no_secret_in(message + info.value.hint)


async def test_as_refusal_is_one_clear_message(rig, tmp_path):
    rig.as_refuses = True
    with pytest.raises(AuthError) as info:
        await call(rig, tmp_path, settings(rig, tmp_path))
    assert info.value.message == f"the authorization server {rig.base} refused the ID-JAG: invalid_grant"
    assert len(rig.exchanges) == 1
    no_secret_in(info.value.message + info.value.hint)


async def test_missing_settings_are_said(rig, tmp_path):
    with pytest.raises(AuthError, match="needs idp_token_endpoint and idp_client_id"):
        await call(rig, tmp_path, settings(rig, tmp_path, idp_token_endpoint=None))
    assert rig.exchanges == []
