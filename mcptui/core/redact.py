"""Keep secrets out of events, logs, errors and screens.

Every function here is pure, idempotent (redacting twice gives the same result) and cheap
when there is nothing to hide: :func:`redact_json` returns its input object itself when no
field needed changing, and the text functions return the same string. Redacted values read
``‹redacted›``; an ``Authorization`` header keeps its scheme (``Bearer ‹redacted›``) and
session ids keep their first characters (``3f2a…``) so exchanges can still be told apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote_plus

REDACTED = "‹redacted›"
ELLIPSIS = "…"

# --- names -----------------------------------------------------------------------------------

_SECRET_NAMES = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        "api-key",
        "apikey",
        "code_verifier",
        "codeverifier",
        "client_assertion",
        "assertion",
        "private_key",
        "privatekey",
        "credentials",
        "credential",
    }
)
_KEY_KINDS = (
    "api",
    "access",
    "secret",
    "private",
    "signing",
    "auth",
    "client",
    "session",
    "master",
    "encryption",
)
_SECRET_SUFFIXES = (
    "token",
    "secret",
    "password",
    "passwd",
    *(f"{kind}{sep}key" for kind in _KEY_KINDS for sep in ("", "_", "-")),
)
_NOT_SECRET = frozenset({"progresstoken", "progress_token", "nextpagetoken", "next_page_token"})
_URL_SECRET_NAMES = frozenset(
    {"code", "key", "sig", "signature", "state", "x-amz-signature", "x-amz-credential"}
)
_SESSION_NAMES = frozenset({"mcp-session-id", "session_id", "sessionid", "x-session-id"})
_HEADER_FRAGMENTS = (
    "token",
    "secret",
    "key",
    "auth",
    "password",
    "passwd",
    "cookie",
    "session",
    "signature",
    "credential",
)
_HEADER_VISIBLE = frozenset({"www-authenticate", "authentication-info"})


def is_secret_name(name: str) -> bool:
    """True for a JSON field / parameter name that holds a secret (``access_token``, ``clientSecret``...).

    Protocol fields that merely end in "token" (``progressToken``) are not secrets.
    """
    lower = name.lower()
    if lower in _NOT_SECRET:
        return False
    return lower in _SECRET_NAMES or lower.endswith(_SECRET_SUFFIXES)


def _shorten(value: str) -> str:
    """A session id reduced to its first characters (``3f2a…``)."""
    return value if value.endswith(ELLIPSIS) else value[:4] + ELLIPSIS


def _scheme_redacted(value: str) -> str:
    """``Bearer abc`` → ``Bearer ‹redacted›``; a value without a scheme → ``‹redacted›``."""
    scheme, sep, rest = value.strip().partition(" ")
    if sep and rest.strip() and scheme.isalpha() and len(scheme) <= 20:
        return f"{scheme} {REDACTED}"
    return REDACTED if value else value


# --- headers ---------------------------------------------------------------------------------


def _cookie_redacted(value: str, *, set_cookie: bool) -> str:
    parts = [p.strip() for p in value.split(";")]
    out = []
    for i, part in enumerate(parts):
        name, eq, _ = part.partition("=")
        out.append(f"{name}={REDACTED}" if eq and (i == 0 or not set_cookie) else part)
    return "; ".join(out)


def redact_header_value(name: str, value: str) -> str:
    """The value of header ``name`` as it may be shown."""
    lower = name.lower()
    if lower in _HEADER_VISIBLE or not value:
        return value
    if lower in ("authorization", "proxy-authorization"):
        return _scheme_redacted(value)
    if lower == "cookie" or lower == "set-cookie":
        return _cookie_redacted(value, set_cookie=lower == "set-cookie")
    if lower in _SESSION_NAMES:
        return _shorten(value)
    if any(fragment in lower for fragment in _HEADER_FRAGMENTS):
        return REDACTED
    return value


def redact_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    """A copy of ``headers`` with credentials hidden (names and order kept)."""
    if not headers:
        return {}
    return {name: redact_header_value(name, value) for name, value in headers.items()}


# --- URLs ------------------------------------------------------------------------------------


def _redact_params(params: str) -> str:
    """Redact the values of secret parameters in ``a=1&b=2`` (the original text otherwise)."""
    parts = params.split("&")
    changed = False
    for i, part in enumerate(parts):
        raw_name, eq, value = part.partition("=")
        if not eq or not value:
            continue
        name = unquote_plus(raw_name).lower()
        if name in _SESSION_NAMES:
            new = _shorten(value)
        elif name in _URL_SECRET_NAMES or is_secret_name(name):
            new = REDACTED
        else:
            continue
        if new != value:
            parts[i] = f"{raw_name}={new}"
            changed = True
    return "&".join(parts) if changed else params


def redact_url(url: str) -> str:
    """``url`` with secret query / fragment parameters and any password in it hidden.

    ``state`` is hidden too but stays visible as present (``state=‹redacted›``).
    """
    if "?" not in url and "#" not in url and "@" not in url:
        return url
    base, hash_sign, fragment = url.partition("#")
    base, qmark, query = base.partition("?")
    scheme, sep, rest = base.partition("://")
    if sep:
        authority, slash, path = rest.partition("/")
        userinfo, at, host = authority.rpartition("@")
        if at and ":" in userinfo:
            user = userinfo.partition(":")[0]
            base = f"{scheme}://{user}:{REDACTED}@{host}{slash}{path}"
    if query:
        query = _redact_params(query)
    if fragment and "=" in fragment:
        fragment = _redact_params(fragment)
    return base + qmark + query + hash_sign + fragment


# --- free text -------------------------------------------------------------------------------

_JWT_RE = re.compile(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")
_AUTH_RE = re.compile(r"\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/-]{8,}=*)(?![A-Za-z0-9._~+/=-])", re.I)
_KV_RE = re.compile(
    r"""(?<![A-Za-z0-9_.-])(?P<name>[A-Za-z0-9_.-]*(?:token|secret|password|passwd|(?:"""
    + "|".join(_KEY_KINDS)
    + r""")[_-]?key))"""
    r"""(?P<sep>["']?\s*[=:]\s*["']?)(?P<value>[^\s"'&,;}\])]{3,})""",
    re.I,
)
_URL_RE = re.compile(r"https?://[^\s\"'<>]+")


def _auth_sub(match: re.Match[str]) -> str:
    credential = match.group(3)
    # "Bearer authentication" is prose; a credential has digits or symbols, or is long.
    if not re.search(r"[0-9._~+/=-]", credential) and len(credential) < 20:
        return match.group(0)
    return f"{match.group(1)}{match.group(2)}{REDACTED}"


_PROSE_WORD_RE = re.compile(r"[a-z]+")
_NEXT_WORD_RE = re.compile(r"\s+[A-Za-z]")


def _is_prose(match: re.Match[str]) -> bool:
    """``the access token: refreshing before ...``: a colon, then a sentence going on.

    A lower-case word after ``name:`` (no quotes) that is followed by more words is prose;
    ``password: hunter2``, ``token: abc`` at the end of a line, ``token=x`` and quoted JSON
    values still count as secrets.
    """
    sep = match.group("sep")
    after = sep[sep.find(":") + 1 :] if ":" in sep else sep
    if "=" in sep or '"' in after or "'" in after:  # a quote closing the name is fine: 'X-Token': the …
        return False
    if not _PROSE_WORD_RE.fullmatch(match.group("value")):
        return False
    return _NEXT_WORD_RE.match(match.string, match.end()) is not None


def _kv_sub(match: re.Match[str]) -> str:
    if not is_secret_name(match.group("name")) or match.group("value") == REDACTED or _is_prose(match):
        return match.group(0)
    return f"{match.group('name')}{match.group('sep')}{REDACTED}"


def redact_text(text: str) -> str:
    """Hide bearer/basic credentials, JWTs, ``secret=value`` pairs and secret URL parameters."""
    if not text:
        return text
    lower = text.lower()
    if "eyj" in lower:
        text = _JWT_RE.sub(REDACTED, text)
    if "bearer" in lower or "basic" in lower or "token" in lower:
        text = _AUTH_RE.sub(_auth_sub, text)
    if "://" in text and ("?" in text or "@" in text or "#" in text):
        text = _URL_RE.sub(lambda m: redact_url(m.group(0)), text)
    if "=" in text or ":" in text:
        text = _KV_RE.sub(_kv_sub, text)
    return text


# --- JSON ------------------------------------------------------------------------------------


def _redact_value(name: str, value: Any) -> Any:
    if not isinstance(value, str) or not value or value == REDACTED:
        return value
    lower = name.lower()
    if lower in ("authorization", "proxy-authorization"):
        return _scheme_redacted(value)
    if lower in ("cookie", "set-cookie"):
        return _cookie_redacted(value, set_cookie=lower == "set-cookie")
    return REDACTED


def _walk(obj: Any, scan_text: bool) -> Any:
    if isinstance(obj, dict):
        out: dict[Any, Any] | None = None
        for key, value in obj.items():
            if isinstance(key, str) and is_secret_name(key) and isinstance(value, str):
                new = _redact_value(key, value)
            elif isinstance(key, str) and key.lower() in _SESSION_NAMES and isinstance(value, str):
                new = _shorten(value)
            else:
                new = _walk(value, scan_text)
            if new is not value and not (isinstance(new, str) and new == value):
                if out is None:
                    out = dict(obj)
                out[key] = new
        return obj if out is None else out
    if isinstance(obj, list | tuple):
        items: list[Any] | None = None
        for i, value in enumerate(obj):
            new = _walk(value, scan_text)
            if new is not value:
                if items is None:
                    items = list(obj)
                items[i] = new
        if items is None:
            return obj
        return items if isinstance(obj, list) else type(obj)(items)
    if scan_text and isinstance(obj, str) and len(obj) >= 8:
        new_text = redact_text(obj)
        return obj if new_text == obj else new_text
    return obj


def redact_json(obj: Any, *, scan_text: bool = True) -> Any:
    """``obj`` with secret fields hidden; never mutates it, returns it itself when clean.

    A string field is hidden when its name is a secret name (``access_token``,
    ``clientSecret``, ``password``, ``authorization`` keeps its scheme...). Only string values
    are replaced, so a JSON Schema property called ``password`` keeps its schema. With
    ``scan_text``, every other string is passed through :func:`redact_text`.
    """
    return _walk(obj, scan_text)
