"""Discovery: Protected Resource Metadata (RFC 9728), then authorization server metadata.

Order, per the MCP spec: the challenge's ``resource_metadata`` URL, then the path-inserted
well-known URL, then the root one. For the authorization server, RFC 8414 and OpenID
discovery in the spec's order for issuers with and without a path; the document's
``issuer`` must equal the issuer exactly, and PKCE ``S256`` must be advertised or we refuse.
Without any PRM the 2025-03-26 behaviour is used (metadata or default endpoints at the
server's origin), and reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from mcptui.core.auth.http import AuthHttp, Reporter, guard, json_object
from mcptui.core.errors import AuthError

# endpoints that receive credentials, registrations or tokens, beside the two required ones
OPTIONAL_ENDPOINTS = (
    "registration_endpoint",
    "revocation_endpoint",
    "introspection_endpoint",
    "device_authorization_endpoint",
)


def canonical_resource(url: str) -> str:
    """The canonical MCP server URI: lowercase scheme and host, no fragment, no trailing slash."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        raise AuthError(f"not an absolute URL: {url!r}")
    netloc = parts.netloc.rsplit("@", 1)[-1]
    host, sep, port = netloc.rpartition(":") if not netloc.endswith("]") else (netloc, "", "")
    if not sep or not port.isdigit():
        host, port = netloc, ""
    netloc = host.lower() + (f":{port}" if port else "")
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), netloc, path, parts.query, ""))


def origin_of(url: str) -> str:
    parts = urlsplit(canonical_resource(url))
    return f"{parts.scheme}://{parts.netloc}"


def prm_urls(server_url: str, challenge_url: str | None) -> list[str]:
    """Where to look for Protected Resource Metadata, in the spec's order."""
    urls: list[str] = [challenge_url] if challenge_url else []
    parts = urlsplit(server_url)
    base = f"{parts.scheme}://{parts.netloc}"
    path = parts.path.rstrip("/")
    if path:
        urls.append(f"{base}/.well-known/oauth-protected-resource{path}")
    urls.append(f"{base}/.well-known/oauth-protected-resource")
    return list(dict.fromkeys(urls))


def as_metadata_urls(issuer: str) -> list[str]:
    """RFC 8414 / OpenID discovery URLs for ``issuer``, in the spec's order."""
    parts = urlsplit(issuer)
    base = f"{parts.scheme}://{parts.netloc}"
    path = parts.path.rstrip("/")
    if path:
        return [
            f"{base}/.well-known/oauth-authorization-server{path}",
            f"{base}/.well-known/openid-configuration{path}",
            f"{base}{path}/.well-known/openid-configuration",
        ]
    return [f"{base}/.well-known/oauth-authorization-server", f"{base}/.well-known/openid-configuration"]


def resource_matches(prm_resource: str, server_url: str) -> bool:
    """The PRM ``resource`` is the server's URI, or a parent of it on the same origin."""
    try:
        res = canonical_resource(prm_resource)
        srv = canonical_resource(server_url)
    except AuthError:
        return False
    if res == srv:
        return True
    r, s = urlsplit(res), urlsplit(srv)
    if (r.scheme, r.netloc) != (s.scheme, s.netloc) or r.query:
        return False
    return r.path == "" or s.path.startswith(r.path + "/")


@dataclass
class ProtectedResource:
    """A validated PRM document."""

    url: str
    resource: str
    authorization_servers: list[str]
    scopes_supported: list[str] | None = None
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class AuthServer:
    """A validated authorization server: its exact issuer and metadata."""

    issuer: str
    metadata: dict[str, Any]
    source_url: str | None = None
    legacy: bool = False

    def _str(self, key: str) -> str | None:
        value = self.metadata.get(key)
        return value if isinstance(value, str) and value else None

    def _list(self, key: str) -> list[str]:
        value = self.metadata.get(key)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    @property
    def authorization_endpoint(self) -> str | None:
        return self._str("authorization_endpoint")

    @property
    def token_endpoint(self) -> str | None:
        return self._str("token_endpoint")

    @property
    def registration_endpoint(self) -> str | None:
        return self._str("registration_endpoint")

    @property
    def revocation_endpoint(self) -> str | None:
        return self._str("revocation_endpoint")

    @property
    def introspection_endpoint(self) -> str | None:
        return self._str("introspection_endpoint")

    @property
    def device_authorization_endpoint(self) -> str | None:
        return self._str("device_authorization_endpoint")

    @property
    def is_openid(self) -> bool:
        """An OpenID provider: found by OpenID discovery, or its metadata has OpenID-only fields."""
        return (
            "openid-configuration" in (self.source_url or "")
            or "id_token_signing_alg_values_supported" in self.metadata
            or "userinfo_endpoint" in self.metadata
        )

    @property
    def cimd_supported(self) -> bool:
        return self.metadata.get("client_id_metadata_document_supported") is True

    @property
    def iss_parameter_supported(self) -> bool:
        return self.metadata.get("authorization_response_iss_parameter_supported") is True

    @property
    def token_auth_methods(self) -> list[str]:
        # RFC 8414 default when absent: client_secret_basic
        return self._list("token_endpoint_auth_methods_supported") or ["client_secret_basic"]

    @property
    def scopes_supported(self) -> list[str]:
        return self._list("scopes_supported")

    @property
    def grant_types(self) -> list[str]:
        return self._list("grant_types_supported") or ["authorization_code", "implicit"]

    @property
    def pkce_methods(self) -> list[str]:
        return self._list("code_challenge_methods_supported")


async def discover_resource(
    http: AuthHttp, report: Reporter, server_url: str, challenge_url: str | None
) -> ProtectedResource | None:
    """Fetch and validate the PRM; None when no URL serves one (the caller decides what next)."""
    server_errors: list[str] = []
    if challenge_url:
        await guard(
            http, report, "resource-metadata", challenge_url, "resource metadata URL", credential=False
        )
    for url in prm_urls(server_url, challenge_url):
        report("resource-metadata", "start", f"GET {url}")
        response = await http.request("GET", url)
        if response.status_code != 200:
            report("resource-metadata", "info", f"{url}: HTTP {response.status_code}", http=http.last)
            if response.status_code >= 500:
                server_errors.append(f"{url}: HTTP {response.status_code}")
            continue
        try:
            doc = json_object(response, f"protected resource metadata at {url}")
        except AuthError as exc:
            raise report.fail("resource-metadata", exc, http=http.last) from None
        servers = doc.get("authorization_servers")
        resource = doc.get("resource")
        if not isinstance(servers, list) or not servers or not all(isinstance(s, str) for s in servers):
            raise report.fail(
                "resource-metadata",
                AuthError(f"protected resource metadata at {url} lists no authorization_servers"),
                http=http.last,
            )
        if not isinstance(resource, str) or not resource_matches(resource, server_url):
            raise report.fail(
                "resource-metadata",
                AuthError(
                    f"protected resource metadata is for {resource!r}, not for {server_url}",
                    hint="the server's metadata names another resource; refusing to send it a token",
                ),
                http=http.last,
            )
        scopes = doc.get("scopes_supported")
        prm = ProtectedResource(
            url=url,
            resource=resource,
            authorization_servers=servers,
            scopes_supported=[s for s in scopes if isinstance(s, str)] if isinstance(scopes, list) else None,
            raw=doc,
        )
        report(
            "resource-metadata",
            "ok",
            f"authorization server {servers[0]}",
            http=http.last,
            data={
                "resource": resource,
                "authorization_servers": servers,
                "scopes_supported": prm.scopes_supported,
            },
        )
        return prm
    if server_errors:
        raise report.fail(
            "resource-metadata",
            AuthError("protected resource metadata discovery failed: " + "; ".join(server_errors)),
        )
    return None


async def _validate_as(
    doc: dict[str, Any], issuer: str, url: str, http: AuthHttp, report: Reporter
) -> AuthServer:
    if doc.get("issuer") != issuer:
        raise AuthError(
            f"authorization server metadata at {url} says issuer {doc.get('issuer')!r}, expected {issuer!r}",
            hint="the metadata does not belong to this issuer (possible mix-up); refusing to use it",
        )
    server = AuthServer(issuer=issuer, metadata=doc, source_url=url)
    check_pkce(server)
    for key in ("authorization_endpoint", "token_endpoint"):
        endpoint = doc.get(key)
        if not isinstance(endpoint, str) or not endpoint:
            raise AuthError(f"authorization server metadata at {url} has no {key}")
        await http.check(endpoint, key.replace("_", " "))
    await check_optional_endpoints(server, http, report)
    return server


async def check_optional_endpoints(server: AuthServer, http: AuthHttp, report: Reporter) -> None:
    """A local/private optional endpoint refuses the whole server; a non-HTTPS one is dropped (reported)."""
    for key in OPTIONAL_ENDPOINTS:
        endpoint = server.metadata.get(key)
        if endpoint is None:
            continue
        what = key.replace("_", " ")
        if not isinstance(endpoint, str) or not endpoint:
            server.metadata.pop(key)
            continue
        await http.check(endpoint, what, credential=False)
        try:
            await http.check(endpoint, what)
        except AuthError as exc:
            server.metadata.pop(key)
            report("auth-server-metadata", "failed", f"{exc.message}; it will not be used", advice=exc.hint)


def check_pkce(server: AuthServer) -> None:
    """Refuse to proceed unless PKCE S256 is advertised (MCP security considerations)."""
    if "S256" not in server.pkce_methods:
        raise AuthError(
            f"the authorization server {server.issuer} does not advertise PKCE S256 "
            "(code_challenge_methods_supported); refusing to continue",
            hint="this authorization server is not MCP-compatible; ask its operator to enable PKCE",
        )


async def discover_auth_server(http: AuthHttp, report: Reporter, issuer: str) -> AuthServer:
    """Fetch and validate the metadata of ``issuer`` (exact issuer match, PKCE S256)."""
    await guard(http, report, "auth-server-metadata", issuer, "authorization server")
    problems: list[str] = []
    for url in as_metadata_urls(issuer):
        report("auth-server-metadata", "start", f"GET {url}")
        response = await http.request("GET", url)
        if 300 <= response.status_code < 500:
            report("auth-server-metadata", "info", f"{url}: HTTP {response.status_code}", http=http.last)
            continue
        if response.status_code != 200:
            problems.append(f"{url}: HTTP {response.status_code}")
            report("auth-server-metadata", "info", f"{url}: HTTP {response.status_code}", http=http.last)
            break
        try:
            server = await _validate_as(
                json_object(response, f"authorization server metadata at {url}"), issuer, url, http, report
            )
        except AuthError as exc:
            raise report.fail("auth-server-metadata", exc, http=http.last) from None
        report(
            "auth-server-metadata",
            "ok",
            f"issuer {issuer}",
            http=http.last,
            data={
                "issuer": issuer,
                "registration": bool(server.registration_endpoint),
                "cimd": server.cimd_supported,
                "iss_parameter": server.iss_parameter_supported,
            },
        )
        return server
    detail = "; ".join(problems) or "no metadata at any well-known URL"
    raise report.fail(
        "auth-server-metadata",
        AuthError(
            f"could not discover the authorization server {issuer}: {detail}",
            hint="the server's OAuth setup is incomplete; use `mcptui auth token TARGET` to store a token instead",
        ),
    )


async def legacy_auth_server(http: AuthHttp, report: Reporter, server_url: str) -> AuthServer:
    """The 2025-03-26 behaviour: metadata at the server's origin, else default endpoints."""
    origin = origin_of(server_url)
    report(
        "resource-metadata",
        "info",
        "no protected resource metadata: falling back to the 2025-03-26 behaviour "
        f"(authorization server = {origin})",
        advice="this server predates the current MCP authorization spec",
    )
    url = f"{origin}/.well-known/oauth-authorization-server"
    response = await http.request("GET", url)
    if response.status_code == 200:
        try:
            doc = json_object(response, f"authorization server metadata at {url}")
            claimed = doc.get("issuer")
            issuer = claimed if isinstance(claimed, str) else origin
            with_path = issuer.rstrip("/") != origin
            if with_path and origin_of(issuer) != origin:
                raise AuthError(
                    f"authorization server metadata at {url} says issuer {issuer!r}, expected {origin!r}"
                )
            server = await _validate_as(doc, issuer, url, http, report)
        except AuthError as exc:
            raise report.fail("auth-server-metadata", exc, http=http.last) from None
        server.legacy = True
        if with_path:
            # 2025-03-26 clients read the root document whatever its issuer's path; only in this legacy path
            report(
                "auth-server-metadata",
                "info",
                f"accepted issuer {issuer} from the metadata at the server's root {url}: the 2025-03-26 "
                "rule (an issuer with a path is accepted there, and only there)",
                http=http.last,
            )
        report("auth-server-metadata", "ok", f"issuer {issuer} (2025-03-26 fallback)", http=http.last)
        return server
    report("auth-server-metadata", "info", f"{url}: HTTP {response.status_code}", http=http.last)
    await guard(http, report, "auth-server-metadata", origin, "authorization server")
    server = AuthServer(
        issuer=origin,
        metadata={
            "issuer": origin,
            "authorization_endpoint": f"{origin}/authorize",
            "token_endpoint": f"{origin}/token",
            "registration_endpoint": f"{origin}/register",
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["none", "client_secret_post", "client_secret_basic"],
        },
        legacy=True,
    )
    report(
        "auth-server-metadata",
        "info",
        f"using the 2025-03-26 default endpoints {origin}/authorize, /token, /register",
        advice="no metadata was found; these endpoints are guesses from the 2025-03-26 spec",
    )
    return server
