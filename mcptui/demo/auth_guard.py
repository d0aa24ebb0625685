"""The demo's resource-server side: ``/mcp`` behind a bearer check with spec-shaped challenges.

No token → 401 with ``resource_metadata`` and ``scope``; an invalid, expired or foreign
token (wrong RFC 8707 audience) → 401 ``invalid_token``; ``write_note`` without
``notes:write`` → 403 ``insufficient_scope`` (decided from the JSON-RPC body, so both
protocol eras see it). A good token is handed to the SDK's auth context for ``whoami``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from mcp.server.auth.middleware.auth_context import AuthContextMiddleware
from mcp.server.auth.middleware.bearer_auth import AuthenticatedUser
from starlette.authentication import AuthCredentials
from starlette.types import Receive, Scope, Send

from mcptui.demo.auth_provider import READ_SCOPE, WRITE_SCOPE, DemoProvider

STEP_UP_TOOL = "write_note"


async def _buffered_body(receive: Callable[..., Any]) -> tuple[bytes, Callable[..., Any]]:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    body = b"".join(chunks)
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay


def _wants_step_up(body: bytes) -> bool:
    try:
        doc = json.loads(body or b"null")
    except ValueError:
        return False
    items = doc if isinstance(doc, list) else [doc]
    return any(
        isinstance(m, dict)
        and m.get("method") == "tools/call"
        and isinstance(m.get("params"), dict)
        and m["params"].get("name") == STEP_UP_TOOL
        for m in items
    )


class ResourceGuard:
    """``/mcp`` as an OAuth resource server: bearer check, audience check, 401/403 challenges."""

    def __init__(self, app: Any, provider: DemoProvider, prm_url: str) -> None:
        self.app = AuthContextMiddleware(app)
        self.provider = provider
        self.prm_url = prm_url

    async def _deny(self, send: Any, status: int, error: str | None, scope: str, description: str) -> None:
        parts = [f'resource_metadata="{self.prm_url}"', f'scope="{scope}"']
        if error:
            parts.insert(0, f'error="{error}"')
            parts.append(f'error_description="{description}"')
        body = json.dumps({"error": error or "unauthorized", "error_description": description}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"www-authenticate", ("Bearer " + ", ".join(parts)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        auth = headers.get("authorization", "")
        if not auth.lower().startswith("bearer "):
            self.provider.count("401")
            await self._deny(send, 401, None, READ_SCOPE, "sign in first")
            return
        token = await self.provider.load_access_token(auth[7:].strip())
        if token is None or (token.resource or "").rstrip("/") != self.provider.resource:
            self.provider.count("401")
            await self._deny(
                send,
                401,
                "invalid_token",
                READ_SCOPE,
                "the access token is invalid, expired or not for this server",
            )
            return
        if READ_SCOPE not in token.scopes:
            await self._deny(send, 403, "insufficient_scope", READ_SCOPE, "this server needs mcp:read")
            return
        if scope["method"] == "POST":
            body, receive = await _buffered_body(receive)
            if WRITE_SCOPE not in token.scopes and _wants_step_up(body):
                self.provider.count("403")
                await self._deny(send, 403, "insufficient_scope", WRITE_SCOPE, "write_note needs notes:write")
                return
        user = AuthenticatedUser(token)
        scope = dict(scope, user=user, auth=AuthCredentials(token.scopes))
        await self.app(scope, receive, send)
