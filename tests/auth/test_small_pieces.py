"""Browser/headless detection, empty credentials, login timeout, client credentials with private_key_jwt."""

from __future__ import annotations

from urllib.parse import parse_qs

import httpx2
import pytest

from mcptui.core.auth import NonInteractive, TokenStore, make_auth_factory
from mcptui.core.auth.browser import BrowserOptions, can_open, headless_reason, open_url, ssh_forward_command
from mcptui.core.config_entry import is_empty_credential as empty_credential
from mcptui.core.errors import AuthError
from mcptui.core.server_config import AuthSettings, ServerConfig

from .fake_oauth import ISSUER, SERVER, FakeOAuth
from .test_discovery_mock import run_login


def test_headless_detection_and_ssh_hint():
    assert (
        headless_reason({"SSH_CONNECTION": "1.2.3.4 5 10.0.0.7 22", "DISPLAY": ":0"})
        == "this is an SSH session"
    )
    assert headless_reason({}, platform="linux").startswith("there is no display")
    assert headless_reason({"DISPLAY": ":0"}, platform="linux") is None
    assert headless_reason({"BROWSER": "w3m", "SSH_TTY": "/dev/pts/1"}) is None  # $BROWSER always wins
    assert headless_reason({}, platform="darwin") is None
    env = {"SSH_CONNECTION": "1.2.3.4 5 10.0.0.7 22", "USER": "ann"}
    assert ssh_forward_command(8085, env) == "ssh -N -L 8085:127.0.0.1:8085 ann@10.0.0.7"
    assert ssh_forward_command([8085, 9000, 8085], env) == (
        "ssh -N -L 8085:127.0.0.1:8085 -L 9000:127.0.0.1:9000 ann@10.0.0.7"
    )
    assert not can_open(BrowserOptions(no_browser=True, opener=lambda u: True))
    assert not can_open(BrowserOptions(env={"SSH_TTY": "x"}))


async def test_no_browser_flag_never_opens():
    opened: list[str] = []
    assert await open_url("http://x", BrowserOptions(no_browser=True, opener=opened.append)) == (
        False,
        "--no-browser was given",
    )
    assert opened == []


def test_empty_credentials_are_not_credentials():
    assert empty_credential("") and empty_credential("Bearer") and empty_credential("Bearer   ")
    assert not empty_credential("Bearer abc") and not empty_credential("Basic dXNlcjpwdw==")


async def test_empty_configured_header_is_dropped_and_oauth_runs(tmp_path):
    fake = FakeOAuth()
    sent: list[str | None] = []

    def server(request: httpx2.Request) -> httpx2.Response:
        sent.append(request.headers.get("authorization"))
        return httpx2.Response(200, json={})

    config = ServerConfig(name="x", url=SERVER, headers={"Authorization": "Bearer "})
    auth = make_auth_factory(NonInteractive(), store=TokenStore(tmp_path), http_transport=fake.transport())(
        config, lambda e: None
    )
    async with httpx2.AsyncClient(
        auth=auth, headers=config.headers, transport=httpx2.MockTransport(server)
    ) as http:
        await http.post(SERVER, json={})
    assert sent == [None]


async def test_login_times_out_cleanly(tmp_path):
    with pytest.raises(AuthError, match="timed out"):
        await run_login(FakeOAuth(), tmp_path, opener=lambda url: True, login_timeout=0.2)


@pytest.mark.parametrize(
    ("pinned", "refuse_issuer_aud", "auds"),
    [
        (None, False, [ISSUER]),  # default: the issuer (client-credentials extension, RFC 7523bis)
        ("token_endpoint", False, [f"{ISSUER}/token"]),  # the AS wants the token endpoint: configured
        (None, True, [ISSUER, f"{ISSUER}/token"]),  # refused for the issuer: once more for the endpoint
    ],
)
async def test_client_credentials_with_private_key_jwt(tmp_path, pinned, refuse_issuer_aud, auds):
    from joserfc import jwt
    from joserfc.jwk import RSAKey

    key = RSAKey.generate_key(2048)
    pem = tmp_path / "key.pem"
    pem.write_bytes(key.as_pem(private=True))
    fake = FakeOAuth(prm_at="path")  # no challenge first: discovery starts at the well-known URL
    seen: dict[str, str] = {}
    got_auds: list[str] = []
    base = fake.handler

    def handler(request: httpx2.Request) -> httpx2.Response:
        if str(request.url).endswith("/token"):
            form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
            seen.update(form)
            token = jwt.decode(form["client_assertion"], key)
            assert token.claims["iss"] == token.claims["sub"] == "machine"
            got_auds.append(token.claims["aud"])
            assert "client_secret" not in form
            if refuse_issuer_aud and token.claims["aud"] == ISSUER:
                return httpx2.Response(401, json={"error": "invalid_client", "error_description": "bad aud"})
        return base(request)

    extra = {"private_key": str(pem), **({"assertion_audience": pinned} if pinned else {})}
    config = ServerConfig(
        name="m",
        url=SERVER,
        auth=AuthSettings(
            method="oauth-client", client_id="machine", grant="client-credentials", extra=extra
        ),
    )
    auth = make_auth_factory(
        NonInteractive(), store=TokenStore(tmp_path / "s"), http_transport=httpx2.MockTransport(handler)
    )(config, lambda e: None)
    sent: list[str | None] = []

    def mcp(request: httpx2.Request) -> httpx2.Response:
        sent.append(request.headers.get("authorization"))
        return httpx2.Response(200, json={})

    async with httpx2.AsyncClient(auth=auth, transport=httpx2.MockTransport(mcp)) as http:
        await http.post(SERVER, json={})
    assert seen["grant_type"] == "client_credentials" and seen["resource"] == SERVER
    assert seen["client_assertion_type"].endswith("jwt-bearer")
    assert sent == ["Bearer AT-SECRET-1"] and got_auds == auds


async def test_basic_credentials_are_sent_as_basic(tmp_path):
    from mcptui.core.auth.manage import store_token

    config = ServerConfig(name="b", url=SERVER, auth=AuthSettings(method="basic"))
    store = TokenStore(tmp_path)
    await store_token(config, store=store, username="ann", password="pw")
    sent: list[str | None] = []

    def server(request: httpx2.Request) -> httpx2.Response:
        sent.append(request.headers.get("authorization"))
        return httpx2.Response(200, json={})

    auth = make_auth_factory(NonInteractive(), store=store)(config, lambda e: None)
    async with httpx2.AsyncClient(auth=auth, transport=httpx2.MockTransport(server)) as http:
        await http.post(SERVER, json={})
    assert sent == ["Basic YW5uOnB3"]


async def test_terminal_paste_reader_and_prompt_text(monkeypatch, capsys):
    import io
    import os

    from mcptui.cli.auth_tty import TerminalInteraction
    from mcptui.core.auth.interaction import AuthorizationPrompt

    read_fd, write_fd = os.pipe()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.FileIO(read_fd, "r")))
    prompt = AuthorizationPrompt(
        server="s",
        url="https://as/authorize?x=1",
        redirect_uri="http://127.0.0.1:8085/callback",
        issuer="https://as",
        scope="a b",
        browser_opened=False,
        why_not_opened="this is an SSH session",
        ssh_command="ssh -N -L 8085:127.0.0.1:8085 me@host",
    )
    person = TerminalInteraction()
    await person.show_authorization(prompt)
    err = capsys.readouterr().err
    assert "https://as/authorize?x=1" in err and "ssh -N -L 8085:127.0.0.1:8085 me@host" in err
    assert "this is an SSH session" in err and "paste" in err
    os.write(write_fd, b"\n   http://127.0.0.1:8085/callback?code=c&state=s  \n")
    assert await person.read_pasted_response(prompt) == "http://127.0.0.1:8085/callback?code=c&state=s"
    os.close(write_fd)
    assert await person.read_pasted_response(prompt) is None  # end of input: the listener alone remains


async def test_an_as_offering_only_client_credentials_gets_that_grant(tmp_path):
    fake = FakeOAuth(metadata_extra={"grant_types_supported": ["client_credentials"]})
    record, recorder, _ = await run_login(fake, tmp_path, client_id="machine", client_secret="S3CRET")
    forms = [f for m, u, f in fake.requests if u.endswith("/token")]
    assert [f["grant_type"] for f in forms] == ["client_credentials"]
    assert record.client_kind == "client-credentials" and not [u for u in fake.urls() if "/register" in u]
    assert any("client credentials" in e.detail for e in recorder.events if hasattr(e, "step"))


async def test_an_as_offering_only_client_credentials_without_a_secret_says_what_to_pass(tmp_path):
    fake = FakeOAuth(metadata_extra={"grant_types_supported": ["client_credentials"]})
    with pytest.raises(AuthError, match="needs a client id and a secret"):
        await run_login(fake, tmp_path)


async def test_explicit_grant_wins_over_grant_types_supported(tmp_path):
    fake = FakeOAuth(metadata_extra={"grant_types_supported": ["client_credentials"]})
    record, _, _ = await run_login(fake, tmp_path, grant="authorization-code")
    assert record.client_kind == "dcr"


async def test_a_malformed_browser_variable_is_a_clear_no_not_an_internal_error(tmp_path) -> None:
    marker = tmp_path / "opened"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\necho "$1" > {marker}\n')
    script.chmod(0o755)
    opened, why = await open_url("https://as.example/authorize", BrowserOptions(env={"BROWSER": "'unclosed"}))
    assert not opened and "$BROWSER could not be started" in why
    # a malformed entry is skipped; the next one in the list is used
    opened, why = await open_url(
        "https://as.example/authorize", BrowserOptions(env={"BROWSER": f"'unclosed:{script}"})
    )
    assert opened and why == ""
