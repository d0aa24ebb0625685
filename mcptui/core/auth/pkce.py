"""PKCE (RFC 7636) with S256 only, plus the ``state`` value: both random and single-use.

The verifier and its S256 challenge come from authlib (``authlib.common.security`` and
``authlib.oauth2.rfc7636``), imported only when a sign-in builds its authorization URL.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

VERIFIER_LENGTH = 86  # RFC 7636 §4.1 allows 43..128 characters of the unreserved set


def s256_challenge(verifier: str) -> str:
    """``BASE64URL(SHA256(verifier))`` (authlib's ``create_s256_code_challenge``)."""
    from authlib.oauth2.rfc7636 import create_s256_code_challenge  # type: ignore[import-untyped]

    return str(create_s256_code_challenge(verifier))


@dataclass(frozen=True)
class PkcePair:
    """One verifier (kept secret; never in an event) and its S256 challenge."""

    verifier: str = field(repr=False)
    challenge: str
    method: str = "S256"


def new_pkce() -> PkcePair:
    """A fresh verifier of 86 characters from the unreserved set, and its challenge."""
    from authlib.common.security import generate_token  # type: ignore[import-untyped]

    verifier = str(generate_token(VERIFIER_LENGTH))
    return PkcePair(verifier=verifier, challenge=s256_challenge(verifier))


def new_state() -> str:
    """An unguessable ``state`` value."""
    return secrets.token_urlsafe(32)
