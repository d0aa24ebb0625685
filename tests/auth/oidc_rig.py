"""oidc-provider (npm) on 127.0.0.1 in front of an SDK resource server that checks tokens by
introspection: the interop rig for ``test_oidc_provider.py``.

:func:`node_provider_dir` installs ``tests/auth/oidc/package.json`` into a cache folder
(``$MCPTUI_TEST_NODE_CACHE``, else ``~/.cache/mcptui-tests/oidc-provider``) once, and skips
the test cleanly when node or npm is missing or the install fails (no registry). The
resource server is the demo's MCP tools behind the demo's :class:`ResourceGuard`, fed by an
introspecting token loader instead of the demo provider.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import shutil
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import pytest

HERE = Path(__file__).with_name("oidc")
RS_CLIENT = "mcp-rs"
_install_failed: list[str] = []  # one failed install skips the rest of the run at once


def node_provider_dir() -> Path:
    """The folder with oidc-provider installed and the script copied in; skips when impossible."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("node and npm are needed for the oidc-provider tests")
    if _install_failed:
        pytest.skip(_install_failed[0])
    cache = Path(
        os.environ.get("MCPTUI_TEST_NODE_CACHE") or Path.home() / ".cache/mcptui-tests/oidc-provider"
    )
    cache.mkdir(parents=True, exist_ok=True)
    manifest = (HERE / "package.json").read_text()
    installed = cache / "node_modules" / "oidc-provider" / "package.json"
    if not installed.exists() or (cache / "package.json").read_text() != manifest:
        (cache / "package.json").write_text(manifest)
        try:
            done = subprocess.run(  # noqa: S603 - npm by name, into our cache folder
                [npm, "install", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=cache,
                capture_output=True,
                timeout=240,
                check=False,
            )
        except subprocess.TimeoutExpired:
            _install_failed.append("npm install oidc-provider timed out (no registry?)")
            pytest.skip(_install_failed[0])
        if done.returncode != 0 or not installed.exists():
            _install_failed.append("npm install oidc-provider failed (no registry?)")
            pytest.skip(_install_failed[0])
    shutil.copy(HERE / "provider.mjs", cache / "provider.mjs")
    return cache


class IntrospectingTokens:
    """What :class:`ResourceGuard` asks of a provider, answered by RFC 7662 introspection."""

    def __init__(self, resource: str, secret: str) -> None:
        self.resource = resource
        self.secret = secret
        self.introspection: str | None = None
        self.counts: dict[str, int] = {}

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    async def introspect(self, token: str) -> dict[str, Any]:
        assert self.introspection
        async with httpx2.AsyncClient(timeout=10) as http:
            response = await http.post(
                self.introspection, data={"token": token}, auth=(RS_CLIENT, self.secret)
            )
        return response.json()

    async def load_access_token(self, token: str) -> Any:
        from mcp.server.auth.provider import AccessToken

        doc = await self.introspect(token)
        if not doc.get("active"):
            return None
        aud = doc.get("aud")
        return AccessToken(
            token=token,
            client_id=str(doc.get("client_id")),
            scopes=str(doc.get("scope") or "").split(),
            expires_at=doc.get("exp"),
            resource=aud[0] if isinstance(aud, list) else aud,
        )


@dataclass
class OidcRig:
    issuer: str
    url: str  # the MCP server
    tokens: IntrospectingTokens


@contextlib.asynccontextmanager
async def oidc_rig() -> AsyncIterator[OidcRig]:
    """oidc-provider + the introspecting MCP resource server, both on 127.0.0.1."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Mount, Route

    from mcptui.demo.auth_guard import ResourceGuard
    from mcptui.demo.auth_provider import READ_SCOPE
    from mcptui.demo.auth_server import _bind, build_mcp

    folder = node_provider_dir()
    sock = _bind("127.0.0.1", 0)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    resource = f"{base}/mcp"
    secret = secrets.token_urlsafe(16)
    node = await asyncio.create_subprocess_exec(
        "node",
        str(folder / "provider.mjs"),
        resource,
        secret,
        cwd=folder,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    server = task = None
    try:
        assert node.stdout is not None
        line = (await asyncio.wait_for(node.stdout.readline(), 30)).decode()
        if "listening on " not in line:
            pytest.fail(f"oidc-provider did not start: {line!r}")
        issuer = line.rsplit("listening on ", 1)[1].strip()
        tokens = IntrospectingTokens(resource, secret)
        tokens.introspection = f"{issuer}/token/introspection"
        prm_url = f"{base}/.well-known/oauth-protected-resource/mcp"
        inner = build_mcp().streamable_http_app(host="127.0.0.1")

        async def prm(request: Request) -> Response:
            return JSONResponse(
                {"resource": resource, "authorization_servers": [issuer], "scopes_supported": [READ_SCOPE]}
            )

        @contextlib.asynccontextmanager
        async def lifespan(app: Starlette) -> AsyncIterator[None]:
            async with inner.router.lifespan_context(inner):
                yield

        app = Starlette(
            routes=[
                Route("/.well-known/oauth-protected-resource/mcp", prm, methods=["GET"]),
                Mount("/", app=ResourceGuard(inner, tokens, prm_url)),  # type: ignore[arg-type]
            ],
            lifespan=lifespan,
        )
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
        task = asyncio.create_task(server.serve(sockets=[sock]))
        yield OidcRig(issuer=issuer, url=resource, tokens=tokens)
    finally:
        if server is not None and task is not None:
            server.should_exit = True
            with contextlib.suppress(Exception):
                await asyncio.wait_for(task, 5)
        sock.close()
        if node.returncode is None:
            node.terminate()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(node.wait(), 5)
