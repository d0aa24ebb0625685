"""Redaction for everything the auth engine reports: URLs, headers, form and JSON bodies.

Tokens, secrets, authorization codes, PKCE verifiers, ``state`` and client assertions are
replaced by ``***`` (a short, non-reversible fingerprint can be shown with
:func:`fingerprint`). Every :class:`~mcptui.core.events.HttpExchange` the auth engine emits is
built by :func:`http_exchange`, so no caller can forget to redact.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from mcptui.core.events import HttpExchange

MASK = "***"
SECRET_KEYS = frozenset(
    {
        "access_token",
        "refresh_token",
        "id_token",
        "code",
        "code_verifier",
        "state",
        "client_secret",
        "client_assertion",
        "assertion",
        "password",
        "token",
        "registration_access_token",
        "subject_token",
    }
)
SECRET_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization", "dpop"})


def fingerprint(secret: str) -> str:
    """A short non-reversible tag, so people can tell two tokens apart without seeing them."""
    return "sha256:" + hashlib.sha256(secret.encode()).hexdigest()[:8]


def redact_url(url: str) -> str:
    """The URL with secret query parameters masked (and any userinfo dropped)."""
    try:
        parts = urlsplit(str(url))
    except ValueError:
        return "<unparseable url>"
    netloc = parts.netloc.rsplit("@", 1)[-1]
    if not parts.query:
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    pairs = [
        (k, MASK if k.lower() in SECRET_KEYS else v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(pairs, safe="*:/ "), ""))


def redact_headers(headers: Any) -> dict[str, str]:
    """Header names to values, secrets masked (the auth scheme is kept: ``Bearer ***``)."""
    out: dict[str, str] = {}
    items = headers.multi_items() if hasattr(headers, "multi_items") else dict(headers or {}).items()
    for name, value in items:
        lname = name.lower()
        if lname in SECRET_HEADERS:
            scheme = value.split(" ", 1)[0] if " " in value else ""
            value = f"{scheme} {MASK}".strip()
        out[lname] = value if lname not in out else f"{out[lname]}, {value}"
    return out


def redact_data(data: Any) -> Any:
    """A JSON-like value with every secret-named key masked, recursively."""
    if isinstance(data, dict):
        return {
            k: (MASK if str(k).lower() in SECRET_KEYS and v is not None else redact_data(v))
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [redact_data(v) for v in data]
    return data


def redact_body(body: bytes | str | None, limit: int = 600) -> str:
    """An excerpt of a JSON or form body with secrets masked; other bodies are cut short."""
    if not body:
        return ""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    stripped = text.strip()
    if stripped.startswith(("{", "[")):
        try:
            return json.dumps(redact_data(json.loads(stripped)))[:limit]
        except ValueError:
            pass
    if "=" in stripped and " " not in stripped and "\n" not in stripped:
        pairs = parse_qsl(stripped, keep_blank_values=True)
        if pairs:
            masked = [(k, MASK if k.lower() in SECRET_KEYS else v) for k, v in pairs]
            return urlencode(masked, safe="*:/ ")[:limit]
    return "<body not shown>" if len(stripped) > 0 and _might_hold_secret(stripped) else stripped[:limit]


def _might_hold_secret(text: str) -> bool:
    low = text.lower()
    return any(key in low for key in ("token", "secret", "code", "password", "assertion"))


def http_exchange(
    server: str,
    method: str,
    url: str,
    *,
    status: int | None = None,
    reason: str = "",
    elapsed_ms: float | None = None,
    request_headers: Any = None,
    response_headers: Any = None,
    body: bytes | str | None = None,
) -> HttpExchange:
    """Build a fully redacted :class:`HttpExchange`."""
    return HttpExchange(
        server=server,
        method=method,
        url=redact_url(url),
        status=status,
        reason=reason,
        elapsed_ms=elapsed_ms,
        request_headers=redact_headers(request_headers or {}),
        response_headers=redact_headers(response_headers or {}),
        body_excerpt=redact_body(body),
    )
