"""Redacted ``HttpExchange`` events for the auth engine's own requests, and token fingerprints.

The hiding itself is :mod:`mcptui.core.redact` (URL parameters such as ``code`` and
``state``, credential headers, secret JSON fields). This module only applies it to the
shapes the auth flow produces: form bodies (token, refresh, revocation requests) are
treated like query strings so ``code``, ``code_verifier`` and ``refresh_token`` are hidden
there too. Every ``HttpExchange`` the auth engine emits is built by :func:`http_exchange`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from mcptui.core.events import HttpExchange
from mcptui.core.redact import REDACTED, redact_headers, redact_json, redact_text, redact_url

__all__ = ["REDACTED", "fingerprint", "http_exchange", "redact_body"]


def fingerprint(secret: str) -> str:
    """A short non-reversible tag, so people can tell two tokens apart without seeing them."""
    return "sha256:" + hashlib.sha256(secret.encode()).hexdigest()[:8]


def redact_body(body: bytes | str | None, limit: int = 600) -> str:
    """An excerpt of a JSON or form body with every secret hidden."""
    if not body:
        return ""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    stripped = text.strip()
    if stripped.startswith(("{", "[")):
        try:
            doc = json.loads(stripped)
            if isinstance(doc, dict) and "device_code" in doc:  # RFC 8628: polls for the token
                doc = {**doc, "device_code": REDACTED}
            return json.dumps(redact_json(doc))[:limit]
        except ValueError:
            pass
    if "=" in stripped and not any(c in stripped for c in " \n<"):
        return redact_url("?" + stripped)[1:][:limit]  # a form body: same rules as a query string
    return redact_text(stripped)[:limit]


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
        url=redact_url(str(url)),
        status=status,
        reason=reason,
        elapsed_ms=elapsed_ms,
        request_headers=redact_headers(dict(request_headers or {})),
        response_headers=redact_headers(dict(response_headers or {})),
        body_excerpt=redact_body(body),
    )
