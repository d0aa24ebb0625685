"""PKCE and client authentication at the token endpoint, as authlib builds them for us.

PKCE S256 (RFC 7636), the client assertions (RFC 7523: ``private_key_jwt`` and
``client_secret_jwt``, ``aud`` = the issuer unless configured otherwise, two-minute lifetime,
a fresh ``jti`` each time), ``client_secret_basic``'s form-encoding, and that none of authlib,
joserfc or cryptography is imported until a sign-in needs them.
"""

from __future__ import annotations

import base64
import json
import string
import subprocess
import sys

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, OctKey, RSAKey

from mcptui.core.auth.pkce import new_pkce, s256_challenge
from mcptui.core.auth.token_endpoint import JWT_BEARER_ASSERTION, ClientAuth

ISSUER = "https://as.example.test"
TOKEN = f"{ISSUER}/oauth/token"
UNRESERVED = set(string.ascii_letters + string.digits + "-._~")


def test_s256_matches_the_rfc_7636_example():
    assert s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == (
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    )


def test_new_pkce_is_fresh_and_well_formed():
    first, second = new_pkce(), new_pkce()
    assert first.verifier != second.verifier and first.method == "S256"
    assert len(first.verifier) == 86 and set(first.verifier) <= UNRESERVED
    assert first.challenge == s256_challenge(first.verifier)
    assert first.verifier not in repr(first)


def signed(client: ClientAuth, endpoint: str = TOKEN) -> tuple[dict[str, str], dict[str, str]]:
    form: dict[str, str] = {}
    headers: dict[str, str] = {}
    client.apply(form, headers, endpoint)
    return form, headers


@pytest.mark.parametrize(
    ("alg", "key"),
    [("RS256", RSAKey.generate_key(2048)), ("ES256", ECKey.generate_key("P-256"))],
)
@pytest.mark.parametrize(("audience", "aud"), [("issuer", ISSUER), ("token_endpoint", TOKEN)])
def test_private_key_jwt_assertion(alg, key, audience, aud):
    client = ClientAuth(
        "machine",
        "private_key_jwt",
        private_key_pem=key.as_pem(private=True).decode(),
        key_id="key-1",
        signing_alg=alg,
        issuer=ISSUER,
        audience=audience,
    )
    form, headers = signed(client)
    again, _ = signed(client)
    token = jwt.decode(form["client_assertion"], key, algorithms=[alg])
    other = jwt.decode(again["client_assertion"], key, algorithms=[alg])
    assert form["client_assertion_type"] == JWT_BEARER_ASSERTION and form["client_id"] == "machine"
    assert token.header["alg"] == alg and token.header["kid"] == "key-1"
    assert set(token.claims) == {"iss", "sub", "aud", "jti", "iat", "exp"}
    assert token.claims["iss"] == token.claims["sub"] == "machine" and token.claims["aud"] == aud
    assert token.claims["exp"] - token.claims["iat"] == 120
    assert token.claims["jti"] != other.claims["jti"]
    assert "client_secret" not in form and "Authorization" not in headers


def test_without_an_issuer_the_assertion_is_for_the_token_endpoint():
    key = RSAKey.generate_key(2048)
    client = ClientAuth("m", "private_key_jwt", private_key_pem=key.as_pem(private=True).decode())
    form, _ = signed(client)
    assert jwt.decode(form["client_assertion"], key).claims["aud"] == TOKEN


def test_client_secret_jwt_is_signed_with_the_secret():
    secret = "a-client-secret-of-a-decent-length-1234"
    form, headers = signed(ClientAuth("web", "client_secret_jwt", client_secret=secret, issuer=ISSUER))
    token = jwt.decode(form["client_assertion"], OctKey.import_key(secret), algorithms=["HS256"])
    assert token.header["alg"] == "HS256" and token.claims["aud"] == ISSUER
    assert token.claims["iss"] == token.claims["sub"] == "web"
    assert secret not in json.dumps(form) and "Authorization" not in headers


def test_client_secret_basic_form_encodes_id_and_secret():
    _, headers = signed(ClientAuth("a:b c", "client_secret_basic", client_secret="p%w:d"))
    raw = base64.b64decode(headers["Authorization"].removeprefix("Basic ")).decode()
    assert raw == "a%3Ab%20c:p%25w%3Ad"


LAZY = """
import json, sys
import mcptui.core.auth, mcptui.core.auth.flow, mcptui.core.auth.token_endpoint
before = sorted({m.split('.')[0] for m in sys.modules} & {'authlib', 'joserfc', 'cryptography'})
from mcptui.core.auth.pkce import new_pkce
new_pkce()
print(json.dumps([before, 'authlib' in sys.modules]))
"""


def test_authlib_is_imported_only_when_a_flow_needs_it():
    done = subprocess.run([sys.executable, "-c", LAZY], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    before, after = json.loads(done.stdout.strip().splitlines()[-1])
    assert before == [] and after is True
