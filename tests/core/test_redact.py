"""Redaction: secrets are hidden in headers, URLs, JSON and free text; ordinary data is not."""

from __future__ import annotations

import copy

import pytest

from mcptui.core.redact import (
    REDACTED,
    is_secret_name,
    redact_headers,
    redact_json,
    redact_text,
    redact_url,
)

JWT = (
    "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0."
    "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)

# --- headers -----------------------------------------------------------------------------


def test_authorization_keeps_scheme() -> None:
    out = redact_headers({"Authorization": "Bearer sk-abc123", "Proxy-Authorization": "Basic dXNlcjpwYXNz"})
    assert out == {"Authorization": f"Bearer {REDACTED}", "Proxy-Authorization": f"Basic {REDACTED}"}


def test_authorization_without_scheme_is_fully_hidden() -> None:
    assert redact_headers({"authorization": "rawtoken123"}) == {"authorization": REDACTED}


@pytest.mark.parametrize(
    "name", ["X-Api-Key", "X-Auth-Token", "X-Client-Secret", "Api-Key", "X-Amz-Security-Token", "X-Password"]
)
def test_secret_header_names_hidden(name: str) -> None:
    assert redact_headers({name: "v4lue"}) == {name: REDACTED}


def test_cookies_keep_names_and_attributes() -> None:
    out = redact_headers({"Cookie": "sid=abc; theme=dark", "Set-Cookie": "sid=xyz; Path=/; HttpOnly"})
    assert out["Cookie"] == f"sid={REDACTED}; theme={REDACTED}"
    assert out["Set-Cookie"] == f"sid={REDACTED}; Path=/; HttpOnly"
    assert "abc" not in str(out) and "xyz" not in str(out)


def test_session_id_is_shortened_not_hidden() -> None:
    out = redact_headers({"Mcp-Session-Id": "3f2a9c1e-4b5d-11ee-be56-0242ac120002"})
    assert out == {"Mcp-Session-Id": "3f2a…"}


def test_ordinary_headers_untouched() -> None:
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json, text/event-stream",
        "MCP-Protocol-Version": "2025-11-25",
        "WWW-Authenticate": 'Bearer resource_metadata="https://x.test/.well-known/oauth-protected-resource"',
        "Last-Event-ID": "42",
        "Connection": "keep-alive",
    }
    assert redact_headers(headers) == headers


def test_redact_headers_handles_none_and_empty() -> None:
    assert redact_headers(None) == {}
    assert redact_headers({"Authorization": ""}) == {"Authorization": ""}


def test_headers_idempotent() -> None:
    headers = {
        "Authorization": "Bearer t0k3n",
        "Cookie": "a=b",
        "Mcp-Session-Id": "abcdef123",
        "X-Api-Key": "k",
    }
    once = redact_headers(headers)
    assert redact_headers(once) == once


# --- URLs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "param",
    [
        "access_token",
        "token",
        "code",
        "code_verifier",
        "client_secret",
        "refresh_token",
        "id_token",
        "password",
        "api_key",
        "key",
        "sig",
        "signature",
        "state",
        "X-Amz-Signature",
    ],
)
def test_url_secret_params(param: str) -> None:
    url = f"https://auth.test/cb?keep=1&{param}=s3cr3tv4lue&other=x"
    assert redact_url(url) == f"https://auth.test/cb?keep=1&{param}={REDACTED}&other=x"


def test_url_state_shown_present_and_redirect_kept() -> None:
    url = "http://127.0.0.1:33418/callback?code=abc&state=xyz&iss=https%3A%2F%2Fauth.test"
    out = redact_url(url)
    assert (
        out == f"http://127.0.0.1:33418/callback?code={REDACTED}&state={REDACTED}&iss=https%3A%2F%2Fauth.test"
    )


def test_url_password_and_fragment() -> None:
    assert redact_url("https://me:hunter2@host.test/x") == f"https://me:{REDACTED}@host.test/x"
    assert redact_url("https://app.test/#access_token=abc&token_type=bearer") == (
        f"https://app.test/#access_token={REDACTED}&token_type=bearer"
    )


def test_url_legacy_sse_session_id_shortened() -> None:
    assert redact_url("http://127.0.0.1:1/messages/?session_id=9f8e7d6c5b4a") == (
        "http://127.0.0.1:1/messages/?session_id=9f8e…"
    )


def test_url_without_secrets_is_returned_as_is() -> None:
    for url in (
        "http://127.0.0.1:8000/mcp",
        "https://x.test/a?page=2&q=hello%20world",
        "https://x.test/#top",
    ):
        assert redact_url(url) is url or redact_url(url) == url


def test_url_idempotent() -> None:
    url = "https://u:p@x.test/cb?code=c&state=s&session_id=abcdef&ok=1#id_token=j"
    once = redact_url(url)
    assert "u:p@" not in once and "=c&" not in once
    assert redact_url(once) == once


# --- JSON --------------------------------------------------------------------------------


def test_json_token_response() -> None:
    data = {
        "access_token": "at-123",
        "refresh_token": "rt-456",
        "id_token": JWT,
        "token_type": "Bearer",
        "expires_in": 3600,
        "scope": "read",
    }
    assert redact_json(data) == {
        "access_token": REDACTED,
        "refresh_token": REDACTED,
        "id_token": REDACTED,
        "token_type": "Bearer",
        "expires_in": 3600,
        "scope": "read",
    }


def test_json_nested_camel_case_and_authorization() -> None:
    data = {
        "client": {"clientId": "public-id", "clientSecret": "cs", "registrationAccessToken": "rat"},
        "headers": {"Authorization": "Bearer abc.def", "Accept": "*/*", "Cookie": "a=1"},
        "list": [{"password": "pw", "user": "me"}, {"apiKey": "k", "api_key": "k2"}],
    }
    out = redact_json(data)
    assert out["client"] == {
        "clientId": "public-id",
        "clientSecret": REDACTED,
        "registrationAccessToken": REDACTED,
    }
    assert out["headers"] == {
        "Authorization": f"Bearer {REDACTED}",
        "Accept": "*/*",
        "Cookie": f"a={REDACTED}",
    }
    assert out["list"] == [{"password": REDACTED, "user": "me"}, {"apiKey": REDACTED, "api_key": REDACTED}]


def test_json_never_mutates_input() -> None:
    data = {"params": {"arguments": {"password": "pw", "n": 1}}, "id": 3}
    before = copy.deepcopy(data)
    out = redact_json(data)
    assert data == before
    assert out["params"]["arguments"] == {"password": REDACTED, "n": 1}
    assert out["id"] == 3


def test_json_clean_message_is_returned_unchanged_without_copy() -> None:
    message = {
        "jsonrpc": "2.0",
        "id": 7,
        "method": "tools/call",
        "params": {"name": "add", "arguments": {"a": 1, "b": [1, 2]}, "_meta": {"progressToken": "p-1"}},
    }
    assert redact_json(message) is message


def test_json_protocol_fields_that_look_secret_are_kept() -> None:
    message = {
        "error": {"code": -32602, "message": "bad"},
        "params": {"_meta": {"progressToken": "tok-1"}, "cursor": "c1", "maxTokens": 100},
        "result": {"nextCursor": "n", "usage": {"inputTokens": 5}},
    }
    assert redact_json(message) == message


def test_json_schema_property_named_password_keeps_its_schema() -> None:
    tool = {
        "name": "login",
        "inputSchema": {
            "type": "object",
            "properties": {
                "password": {"type": "string", "description": "your password"},
                "token": {"type": "string"},
            },
            "required": ["password"],
        },
    }
    assert redact_json(tool) is tool


def test_json_strings_scanned_for_bearer_jwt_and_urls() -> None:
    data = {
        "content": [{"type": "text", "text": f"got Authorization: Bearer sk-abc123 and {JWT}"}],
        "redirect": "https://app.test/cb?code=abc&state=x",
        "plain": "nothing to see here",
    }
    out = redact_json(data)
    text = out["content"][0]["text"]
    assert "sk-abc123" not in text and JWT not in text and "Bearer ‹redacted›" in text
    assert out["redirect"] == f"https://app.test/cb?code={REDACTED}&state={REDACTED}"
    assert out["plain"] is data["plain"]
    assert redact_json(data, scan_text=False)["content"] is data["content"]


def test_json_tuples_and_scalars() -> None:
    assert redact_json(("a", {"secret": "s"})) == ("a", {"secret": REDACTED})
    assert redact_json(5) == 5 and redact_json(None) is None
    assert redact_json({"token": None, "password": ""}) == {"token": None, "password": ""}


def test_json_idempotent() -> None:
    data = {
        "access_token": "x",
        "h": {"authorization": "Bearer y", "cookie": "a=b"},
        "t": f"Bearer zzzzzz12 {JWT}",
    }
    once = redact_json(data)
    assert redact_json(once) == once


def test_is_secret_name() -> None:
    for name in (
        "access_token",
        "accessToken",
        "clientSecret",
        "client_secret",
        "password",
        "x-api-key",
        "apiKey",
    ):
        assert is_secret_name(name), name
    for name in ("secretKey", "private_key", "AWS_SECRET_ACCESS_KEY", "signing-key"):
        assert is_secret_name(name), name
    for name in (
        "progressToken",
        "token_type",
        "maxTokens",
        "name",
        "code",
        "keywords",
        "author",
        "sort_key",
        "key",
    ):
        assert not is_secret_name(name), name


# --- free text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("curl -H 'Authorization: Bearer sk-live-abc123def'", "sk-live-abc123def"),
        ("auth: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA=="),
        (f"id token is {JWT}!", JWT),
        ("client_secret=abc123xyz other=1", "abc123xyz"),
        ('{"access_token": "at-987654", "token_type": "Bearer"}', "at-987654"),
        ("password: hunter2", "hunter2"),
        ("API_KEY=AKIA1234567890", "AKIA1234567890"),
        ("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG", "wJalrXUtnFEMI/K7MDENG"),
        ("redirect to https://x.test/cb?code=the-code&state=s", "the-code"),
    ],
)
def test_text_secrets_hidden(text: str, hidden: str) -> None:
    out = redact_text(text)
    assert hidden not in out
    assert REDACTED in out
    assert redact_text(out) == out


def test_text_ordinary_prose_untouched() -> None:
    for text in (
        "Bearer authentication failed: the server wants a token",
        "token_type=Bearer expires_in=3600",
        "progressToken: 5",
        "max_tokens: 1000",
        "sort_key=name_of_column",
        "see https://x.test/docs?page=2",
        "",
        "plain words only",
    ):
        assert redact_text(text) == text, text


def test_large_base64_blob_is_fast_and_untouched() -> None:
    import base64
    import time

    blob = base64.b64encode(bytes(range(256)) * 3000).decode()  # ~1 MB, like an image result
    message = {"result": {"content": [{"type": "image", "data": blob, "mimeType": "image/png"}]}}
    started = time.perf_counter()
    assert redact_json(message) is message
    assert redact_text("a" * 200_000 + "=") == "a" * 200_000 + "="
    assert time.perf_counter() - started < 2.0, "redaction must stay linear on long runs"


def test_text_keeps_structure_around_secrets() -> None:
    assert redact_text("Authorization: Bearer abc123def456 ok") == f"Authorization: Bearer {REDACTED} ok"
    assert redact_text("token=abcdef123&page=2") == f"token={REDACTED}&page=2"


def test_a_quoted_secret_name_followed_by_prose_is_not_redacted() -> None:
    line = "error: --header 'X-Token': the value contains a line break or NUL"
    assert redact_text(line) == line
    assert redact_text("""{"token": "abc123"}""") == """{"token": "‹redacted›"}"""
