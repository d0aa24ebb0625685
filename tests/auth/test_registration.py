"""Client identity in the spec's order: pre-registered, CIMD, DCR (native, loopback), ask."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from mcptui.core.auth import ClientAnswer, NonInteractive, TokenStore
from mcptui.core.auth.token_store import ClientRegistration
from mcptui.core.errors import AuthError

from .fake_oauth import ISSUER, FakeOAuth, answering_browser
from .test_discovery_mock import run_login

CIMD_URL = "https://mcptui.example/oauth/client.json"


def client_id_of(opener) -> str:
    return parse_qs(urlsplit(opener.seen[0]).query)["client_id"][0]


async def test_dcr_sends_native_loopback_metadata_and_is_stored_per_issuer(tmp_path):
    fake = FakeOAuth()
    record, _, store = await run_login(fake, tmp_path)
    body = [f for _, u, f in fake.requests if u.endswith("/register")][0]
    assert body["application_type"] == "native" and body["token_endpoint_auth_method"] == "none"
    assert body["grant_types"] == ["authorization_code", "refresh_token"]
    assert body["redirect_uris"][0].startswith("http://127.0.0.1:") and body["redirect_uris"][0].endswith(
        "/callback"
    )
    reg = store.load_client(ISSUER)
    assert reg.client_id == "dcr-client" and record.client_kind == "dcr"


async def test_pre_registered_client_wins_over_cimd_and_dcr(tmp_path):
    fake = FakeOAuth(cimd=True)
    opener = answering_browser()
    record, _, _ = await run_login(
        fake, tmp_path, opener=opener, client_id="my-app", client_metadata_url=CIMD_URL
    )
    assert client_id_of(opener) == "my-app" and record.client_kind == "pre-registered"
    assert not any(u.endswith("/register") for u in fake.urls())


async def test_cimd_used_when_advertised(tmp_path):
    fake = FakeOAuth(cimd=True)
    opener = answering_browser()
    record, _, _ = await run_login(fake, tmp_path, opener=opener, client_metadata_url=CIMD_URL)
    assert client_id_of(opener) == CIMD_URL and record.client_kind == "cimd"
    assert not any(u.endswith("/register") for u in fake.urls())


async def test_cimd_not_advertised_falls_back_to_dcr(tmp_path):
    fake = FakeOAuth(cimd=False)
    opener = answering_browser()
    await run_login(fake, tmp_path, opener=opener, client_metadata_url=CIMD_URL)
    assert client_id_of(opener) == "dcr-client"


async def test_invalid_cimd_url_is_refused(tmp_path):
    with pytest.raises(AuthError, match="https URL with a path"):
        await run_login(FakeOAuth(cimd=True), tmp_path, client_metadata_url="http://x.example/")


async def test_dcr_refused_asks_the_person_showing_the_redirect_uri(tmp_path):
    class Person(NonInteractive):
        can_prompt = True
        prompts = []

        async def ask_client(self, prompt):
            self.prompts.append(prompt)
            return ClientAnswer(client_id="typed-client")

    person = Person()
    opener = answering_browser()
    record, _, store = await run_login(FakeOAuth(dcr="refuse"), tmp_path, opener=opener, interaction=person)
    assert "invalid_redirect_uri" in person.prompts[0].reason
    assert person.prompts[0].redirect_uri == parse_qs(urlsplit(opener.seen[0]).query)["redirect_uri"][0]
    assert client_id_of(opener) == "typed-client" and record.client_kind == "manual"
    assert store.load_client(ISSUER).kind == "manual"


async def test_dcr_refused_without_a_person_says_what_to_do(tmp_path):
    with pytest.raises(AuthError) as info:
        await run_login(FakeOAuth(dcr="refuse"), tmp_path)
    assert "registration was refused: invalid_redirect_uri" in info.value.message
    assert "--client-id" in info.value.hint and "redirect URI http://127.0.0.1:" in info.value.hint


async def test_stored_registration_is_reused_only_with_its_issuer(tmp_path):
    store = TokenStore(tmp_path / "auth")
    store.save_client(
        ClientRegistration(
            issuer="https://other-as.example",
            client_id="foreign",
            redirect_uris=["http://127.0.0.1:8099/callback"],
        )
    )
    opener = answering_browser()
    await run_login(FakeOAuth(), tmp_path, opener=opener)
    assert client_id_of(opener) == "dcr-client"  # the other AS's client was not used
    # second login: same issuer, reuses the stored port and registration (no second /register)
    fake = FakeOAuth()
    opener2 = answering_browser()
    await run_login(fake, tmp_path, opener=opener2)
    assert client_id_of(opener2) == "dcr-client" and not any(u.endswith("/register") for u in fake.urls())


async def test_pre_registered_confidential_client_authenticates_as_the_as_allows(tmp_path):
    fake = FakeOAuth()  # advertises none + client_secret_post only
    await run_login(fake, tmp_path, client_id="my-app", client_secret="S3CRET-VALUE")
    form = [f for _, u, f in fake.requests if u.endswith("/token")][0]
    assert form["client_id"] == "my-app" and form["client_secret"] == "S3CRET-VALUE"


def test_method_none_and_stdio_get_no_auth(tmp_path):
    from mcptui.core.auth import make_auth_factory
    from mcptui.core.server_config import AuthSettings, ServerConfig

    factory = make_auth_factory(NonInteractive(), store=TokenStore(tmp_path))
    assert (
        factory(ServerConfig(name="n", url="https://x/mcp", auth=AuthSettings(method="none")), print) is None
    )
    assert factory(ServerConfig(name="s", command="server", transport="stdio"), print) is None
    assert factory(ServerConfig(name="h", url="https://x/mcp"), print) is not None
