"""The terminal sanitizer, the error-message redaction of URL secrets, and redaction of prose."""

from __future__ import annotations

import json

import pytest

from mcptui.core.errors import TransportError, UnreachableError
from mcptui.core.failures import explain
from mcptui.core.redact import REDACTED, redact_text
from mcptui.core.sanitize import has_controls, json_safe, sanitize, sanitize_body, sanitize_line
from mcptui.core.server_config import ServerConfig
from tests.hostile_server import MARKUP, PAYLOAD, RAW_BYTES, TITLE

DANGEROUS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))] + [
    "\u061c",
    "\u200e",
    "\u200f",
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
    "\u2028",
    "\u2029",
]


def test_every_control_character_is_replaced_in_a_line() -> None:
    out = sanitize_line("".join(DANGEROUS))
    assert not any(ch in out for ch in DANGEROUS)


def test_body_keeps_newlines_and_tabs_only() -> None:
    out = sanitize_body("".join(DANGEROUS))
    kept = [ch for ch in DANGEROUS if ch in out]
    assert kept == ["\t", "\n"]


def test_escape_sequences_become_visible() -> None:
    out = sanitize_line(PAYLOAD)
    assert "␛[2J␛[H" in out
    assert f"␛]0;{TITLE}␇" in out and "␛]52;c;cHduZWQ=␇" in out
    assert "ab␈␈XY" in out and "␡" in out and "\\x9b2J" in out
    assert "\\u202eevil\\u202c" in out and "\\u2066iso\\u2069" in out
    assert not any(raw in out for raw in RAW_BYTES)


def test_lines_and_bodies() -> None:
    assert sanitize_line("a\nb\tc\r\n") == "a␊b␉c␍␊"
    assert sanitize_body("a\nb\tc\r\nd\re") == "a\nb\tc\nd␍e"


def test_clean_text_is_returned_as_is() -> None:
    for text in ("plain", "ünïcödé ✓ 漢字 emoji 🎉", MARKUP, "", "a\nb\tc"):
        assert sanitize_body(text) is text
    assert sanitize_line("plain words") == "plain words"
    assert not has_controls("a\nb") and has_controls("a\x1bb")


def test_sanitize_any_value() -> None:
    assert sanitize(None) == "" and sanitize(3) == "3" and sanitize("a\nb", multiline=True) == "a\nb"


def test_idempotent() -> None:
    once = sanitize_line(PAYLOAD)
    assert sanitize_line(once) == once


def test_json_safe_keeps_the_same_value() -> None:
    text = json.dumps({"t": PAYLOAD}, ensure_ascii=False)
    safe = json_safe(text)
    assert json.loads(safe) == {"t": PAYLOAD}
    assert not any(raw in safe for raw in RAW_BYTES)
    assert json_safe("{}") == "{}"


def test_long_text_is_fast() -> None:
    import time

    text = "x" * 2_000_000
    started = time.perf_counter()
    assert sanitize_body(text) is text
    assert len(sanitize_body(text + "\x1b")) == len(text) + 1
    assert time.perf_counter() - started < 1.0


# --- redaction: secrets, not prose ----------------------------------------------------------


def test_prose_after_token_colon_is_not_redacted() -> None:
    line = "the server refused the access token: refreshing before signing in again"
    assert redact_text(line) == line


@pytest.mark.parametrize(
    "text", ["password: hunter2", "token: abcdef", "access token: sk-live-123 was refused", "token=abc def"]
)
def test_secrets_after_a_colon_still_redacted(text: str) -> None:
    assert REDACTED in redact_text(text)


# --- URL secrets in error messages ----------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/mcp?api_key=SECRET",
        "http://user:SECRET@127.0.0.1:9/mcp",
        "http://127.0.0.1:9/mcp?token=SECRET&x=1",
    ],
)
def test_errors_never_carry_url_secrets(url: str) -> None:
    import httpx2

    config = ServerConfig(name="x", url=url)
    error = explain(httpx2.ConnectError("All connection attempts failed"), config)
    assert isinstance(error, UnreachableError)
    assert "SECRET" not in str(error) and "SECRET" not in json.dumps(error.to_json())
    assert "127.0.0.1:9" in error.message
    built = TransportError(f"{url} answered HTTP 500", hint=f"see {url}")
    assert "SECRET" not in built.message and "SECRET" not in built.hint
    built.hint = f"its stderr said: {url}"
    assert "SECRET" not in built.hint
