"""A scriptable fake MCP resource + authorization server for ``httpx2.MockTransport``.

It serves what a real server can't be made to produce on demand: metadata at a chosen
well-known variant, wrong issuers, missing PKCE, refused registration, token errors and
malformed JSON. ``browser()`` returns an opener that answers the authorization request by
calling the real loopback listener with a code (and whatever ``iss``/``state`` the test wants).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx2

SERVER = "https://mcp.example.com/mcp"
ISSUER = "https://auth.example.com"


@dataclass
class FakeOAuth:
    issuer: str = ISSUER
    prm_at: str | None = "header"  # header | path | root | None
    prm_resource: str = SERVER
    prm_scopes: list[str] | None = field(default_factory=lambda: ["files:read"])
    challenge_scope: str | None = None
    as_variant: int = 0  # index into the spec's list of metadata URLs for this issuer
    as_issuer: str | None = None  # what the metadata claims (None: the real issuer)
    as_status: int = 200
    as_body: bytes | None = None  # raw body override (malformed JSON)
    pkce: bool = True
    cimd: bool = False
    iss_supported: bool = False
    dcr: str | None = "ok"  # ok | refuse | refuse-scope (invalid_client_metadata when scope sent) | None
    token: str = "ok"  # ok | error | malformed | no-refresh | invalid-scope-once
    scopes_supported: list[str] = field(default_factory=lambda: ["files:read", "files:write"])
    legacy_metadata: bool = False
    legacy_issuer: str = "https://mcp.example.com"  # the issuer the root metadata claims
    metadata_extra: dict[str, Any] = field(default_factory=dict)  # merged into the AS metadata
    prm_servers: list[str] | None = None  # authorization_servers in the PRM (None: [issuer])
    challenge_prm: str | None = None  # resource_metadata in the challenge (None: the header URL)
    requests: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    issued: int = 0
    registered: int = 0
    device: list[str] | None = None  # RFC 8628 poll answers in order: authorization_pending, slow_down, ok...
    device_expires_in: int = 600

    def as_urls(self) -> list[str]:
        from mcptui.core.auth.discovery import as_metadata_urls

        return as_metadata_urls(self.issuer)

    def metadata(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "issuer": self.as_issuer or self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "revocation_endpoint": f"{self.issuer}/revoke",
            "response_types_supported": ["code"],
            "scopes_supported": self.scopes_supported,
            "token_endpoint_auth_methods_supported": ["none", "client_secret_post"],
            "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
        }
        if self.pkce:
            doc["code_challenge_methods_supported"] = ["S256"]
        if self.cimd:
            doc["client_id_metadata_document_supported"] = True
        if self.iss_supported:
            doc["authorization_response_iss_parameter_supported"] = True
        if self.dcr:
            doc["registration_endpoint"] = f"{self.issuer}/register"
        if self.device is not None:
            doc["device_authorization_endpoint"] = f"{self.issuer}/device"
        doc.update(self.metadata_extra)
        return doc

    def _json(self, status: int, doc: Any) -> httpx2.Response:
        return httpx2.Response(status, json=doc)

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        url = str(request.url).split("?")[0]
        form: dict[str, Any] = {}
        if request.method == "POST":
            body = request.content.decode()
            if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
                form = {k: v[0] for k, v in parse_qs(body).items()}
            elif body:
                form = json.loads(body)
        self.requests.append((request.method, url, form))
        prm_urls = {
            "header": "https://mcp.example.com/custom/prm",
            "path": "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
            "root": "https://mcp.example.com/.well-known/oauth-protected-resource",
        }
        if url == SERVER:
            params = []
            if self.prm_at == "header":
                params.append(f'resource_metadata="{self.challenge_prm or prm_urls["header"]}"')
            if self.challenge_scope:
                params.append(f'scope="{self.challenge_scope}"')
            challenge = "Bearer " + ", ".join(params) if params else "Bearer"
            return httpx2.Response(
                401, headers={"WWW-Authenticate": challenge}, json={"error": "unauthorized"}
            )
        if self.prm_at and url == prm_urls[self.prm_at]:
            doc: dict[str, Any] = {
                "resource": self.prm_resource,
                "authorization_servers": self.prm_servers or [self.issuer],
            }
            if self.prm_scopes is not None:
                doc["scopes_supported"] = self.prm_scopes
            return self._json(200, doc)
        if url in self.as_urls():
            if url != self.as_urls()[self.as_variant]:
                return self._json(404, {"error": "not_found"})
            if self.as_body is not None:
                return httpx2.Response(self.as_status, content=self.as_body)
            return self._json(self.as_status, self.metadata())
        if url == "https://mcp.example.com/.well-known/oauth-authorization-server" and self.legacy_metadata:
            doc = self.metadata()
            doc["issuer"] = self.legacy_issuer
            for key in ("authorization_endpoint", "token_endpoint", "registration_endpoint"):
                doc[key] = doc[key].replace(self.issuer, "https://mcp.example.com")
            return self._json(200, doc)
        if url.endswith("/register") and self.dcr:
            if self.dcr == "refuse":
                return self._json(
                    400, {"error": "invalid_redirect_uri", "error_description": "loopback not allowed"}
                )
            if self.dcr == "refuse-scope" and "scope" in form:
                return self._json(
                    400,
                    {
                        "error": "invalid_client_metadata",
                        "error_description": "scope must only contain Authorization Server supported scope values",
                    },
                )
            self.registered += 1
            reply = {
                "client_id": "dcr-client" if self.registered == 1 else f"dcr-client-{self.registered}",
                "redirect_uris": form.get("redirect_uris", []),
                "token_endpoint_auth_method": "none",
            }
            if form.get("scope"):
                reply["scope"] = form["scope"]
            return self._json(201, reply)
        if url.endswith("/device") and self.device is not None:
            return self._json(
                200,
                {
                    "device_code": "DEV-SECRET",
                    "user_code": "WDJB-MJHT",
                    "verification_uri": f"{self.issuer}/activate",
                    "verification_uri_complete": f"{self.issuer}/activate?user_code=WDJB-MJHT",
                    "expires_in": self.device_expires_in,
                    "interval": 5,
                },
            )
        if (
            url.endswith("/token")
            and form.get("grant_type") == "urn:ietf:params:oauth:grant-type:device_code"
        ):
            answer = self.device.pop(0) if self.device else "authorization_pending"
            if answer != "ok" or form.get("device_code") != "DEV-SECRET":
                return self._json(400, {"error": answer})
        if url.endswith("/token"):
            if self.token == "error":
                return self._json(400, {"error": "invalid_grant", "error_description": "code expired"})
            if self.token == "invalid-scope-once" and form.get("grant_type") == "authorization_code":
                self.token = "ok"
                return self._json(400, {"error": "invalid_scope", "error_description": "not for this client"})
            if self.token == "malformed":
                return httpx2.Response(200, content=b"{not json")
            self.issued += 1
            doc = {
                "access_token": f"AT-SECRET-{self.issued}",
                "token_type": "Bearer",
                "expires_in": 3600,
                "scope": form.get("scope", "files:read"),
            }
            if self.token != "no-refresh":
                doc["refresh_token"] = f"RT-SECRET-{self.issued}"
            return self._json(200, doc)
        if url.endswith("/revoke"):
            return httpx2.Response(200)
        return self._json(404, {"error": "not_found"})

    def transport(self) -> httpx2.MockTransport:
        return httpx2.MockTransport(self.handler)

    def urls(self) -> list[str]:
        return [u for _, u, _ in self.requests]


def answering_browser(
    *,
    iss: str | None = "same",
    state: str | None = None,
    code: str = "CODE-SECRET",
    error: str | None = None,
    issuer: str = ISSUER,
):
    """An opener that 'approves' by calling the loopback redirect URI itself."""
    seen: list[str] = []

    async def answer(url: str) -> None:
        query = parse_qs(urlsplit(url).query)
        params = {"state": state if state is not None else query["state"][0]}
        if error:
            params.update(error=error, error_description="you said no")
        else:
            params["code"] = code
        if iss is not None:
            params["iss"] = issuer if iss == "same" else iss
        async with httpx2.AsyncClient() as client:
            await client.get(query["redirect_uri"][0] + "?" + urlencode(params))

    def opener(url: str) -> bool:
        seen.append(url)
        asyncio.get_running_loop().create_task(answer(url))
        return True

    opener.seen = seen  # type: ignore[attr-defined]
    return opener
