"""PKCE (RFC 7636) with S256 only, plus the ``state`` value: both random and single-use."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def s256_challenge(verifier: str) -> str:
    """``BASE64URL(SHA256(verifier))``."""
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


@dataclass(frozen=True)
class PkcePair:
    """One verifier (kept secret; never in an event) and its S256 challenge."""

    verifier: str = field(repr=False)
    challenge: str
    method: str = "S256"


def new_pkce() -> PkcePair:
    """A fresh verifier of 86 characters from the unreserved set, and its challenge."""
    verifier = _b64url(secrets.token_bytes(64))
    return PkcePair(verifier=verifier, challenge=s256_challenge(verifier))


def new_state() -> str:
    """An unguessable ``state`` value."""
    return secrets.token_urlsafe(32)
