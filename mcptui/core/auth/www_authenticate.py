"""RFC 9110 ``WWW-Authenticate`` parser: every challenge, its auth-params, only Bearer counts.

``WWW-Authenticate: Basic realm="r", Bearer error="invalid_token", scope="a b"`` holds two
challenges. A challenge is ``scheme [token68 | #auth-param]``; auth-param values are tokens
or quoted strings (with ``\\`` escapes); parameter names are case-insensitive. Several header
fields are joined as one comma-separated list. A malformed tail is dropped, never raised on:
a server's odd header must not break a connection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

_TCHARS = set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TOKEN68 = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/")


@dataclass(frozen=True)
class Challenge:
    """One challenge: its scheme as sent, its params (names lowercased) or a token68."""

    scheme: str
    params: dict[str, str] = field(default_factory=dict)
    token68: str | None = None

    @property
    def is_bearer(self) -> bool:
        return self.scheme.lower() == "bearer"

    def get(self, name: str) -> str | None:
        return self.params.get(name.lower())

    @property
    def error(self) -> str | None:
        return self.get("error")

    @property
    def scope(self) -> str | None:
        value = self.get("scope")
        return " ".join(value.split()) if value is not None else None

    @property
    def resource_metadata(self) -> str | None:
        return self.get("resource_metadata")

    def describe(self, *, with_scheme: bool = True) -> str:
        """The challenge for display (a token68 is masked: it could be a credential)."""
        inner = "***" if self.token68 is not None else ", ".join(f'{k}="{v}"' for k, v in self.params.items())
        return f"{self.scheme} {inner}".strip() if with_scheme else inner


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def skip_ws(self) -> None:
        while self.peek() in (" ", "\t") and self.peek():
            self.pos += 1

    def skip_ws_and_commas(self) -> None:
        while self.peek() in (" ", "\t", ",") and self.peek():
            self.pos += 1

    def token(self) -> str:
        start = self.pos
        while self.peek() and self.peek() in _TCHARS:
            self.pos += 1
        return self.text[start : self.pos]

    def quoted(self) -> str | None:
        """A quoted-string starting at the current ``"``; None if it never closes."""
        assert self.peek() == '"'
        self.pos += 1
        out: list[str] = []
        while not self.at_end():
            ch = self.text[self.pos]
            if ch == "\\" and self.pos + 1 < len(self.text):
                out.append(self.text[self.pos + 1])
                self.pos += 2
                continue
            if ch == '"':
                self.pos += 1
                return "".join(out)
            out.append(ch)
            self.pos += 1
        return None

    def looks_like_param(self) -> bool:
        """True when a ``token BWS =`` (an auth-param, not a new scheme) starts here."""
        save = self.pos
        try:
            name = self.token()
            if not name:
                return False
            self.skip_ws()
            if self.peek() != "=":
                return False
            # token68 ends with '=' padding followed by end or comma: that is not a param
            while self.peek() == "=":
                self.pos += 1
            self.skip_ws()
            return not (self.at_end() or self.peek() == ",")
        finally:
            self.pos = save


def _parse_one(text: str) -> list[Challenge]:
    sc = _Scanner(text)
    challenges: list[Challenge] = []
    while True:
        sc.skip_ws_and_commas()
        if sc.at_end():
            break
        scheme = sc.token()
        if not scheme:
            break  # garbage: stop here, keep what we have
        params: dict[str, str] = {}
        token68: str | None = None
        sc.skip_ws()
        if sc.peek() and sc.peek() != "," and not sc.looks_like_param():
            start = sc.pos
            while sc.peek() and sc.peek() in _TOKEN68:
                sc.pos += 1
            while sc.peek() == "=":
                sc.pos += 1
            token68 = sc.text[start : sc.pos] or None
            if token68 is None:
                challenges.append(Challenge(scheme, params, None))
                break
        else:
            while True:
                sc.skip_ws_and_commas()
                if sc.at_end() or not sc.looks_like_param():
                    break
                name = sc.token().lower()
                sc.skip_ws()
                sc.pos += 1  # '='
                sc.skip_ws()
                if sc.peek() == '"':
                    value = sc.quoted()
                    if value is None:
                        challenges.append(Challenge(scheme, params, None))
                        return challenges
                else:
                    value = sc.token()
                params.setdefault(name, value)  # RFC 9110: each name at most once; keep the first
        challenges.append(Challenge(scheme, params, token68))
    return challenges


def parse_www_authenticate(values: str | Iterable[str]) -> list[Challenge]:
    """All challenges of one or several ``WWW-Authenticate`` header values, in order."""
    items = [values] if isinstance(values, str) else list(values)
    out: list[Challenge] = []
    for item in items:
        out.extend(_parse_one(item))
    return out


def bearer_challenge(values: str | Iterable[str] | None) -> Challenge | None:
    """The first Bearer challenge, or None (a Basic or DPoP challenge's params never count)."""
    if not values:
        return None
    for challenge in parse_www_authenticate(values):
        if challenge.is_bearer:
            return challenge
    return None


def challenges_of(response: object) -> list[str]:
    """The raw ``WWW-Authenticate`` values of an httpx2 response (or anything with ``.headers``)."""
    headers = getattr(response, "headers", None)
    if headers is None:
        return []
    get_list = getattr(headers, "get_list", None)
    if get_list is not None:
        return list(get_list("www-authenticate"))
    value = headers.get("www-authenticate")
    return [value] if value else []
