"""Dynamic registration never pins more scope than the AS advertises, and a registration that
no longer fits the scope asked now is replaced once (or the refusal is explained)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from mcptui.core.auth.token_store import ClientRegistration
from mcptui.core.errors import AuthError
from mcptui.core.events import AuthStep

from .fake_oauth import ISSUER, FakeOAuth, answering_browser
from .test_discovery_mock import run_login


def registrations(fake: FakeOAuth) -> list[dict]:
    return [f for m, u, f in fake.requests if m == "POST" and u.endswith("/register")]


def asked_scope(opener, index: int = -1) -> str | None:
    return parse_qs(urlsplit(opener.seen[index]).query).get("scope", [None])[0]


async def test_dcr_scope_is_the_advertised_part_of_the_requested_scope(tmp_path):
    fake = FakeOAuth(
        prm_scopes=["mcp:tools", "files:read"], scopes_supported=["files:read", "offline_access"]
    )
    opener = answering_browser()
    record, _, store = await run_login(fake, tmp_path, opener=opener)
    (body,) = registrations(fake)
    assert body["scope"] == "files:read offline_access"
    assert asked_scope(opener) == "mcp:tools files:read offline_access"  # the request still asks for all
    assert store.load_client(ISSUER).scope == "files:read offline_access"
    assert record.tokens.refresh_token


async def test_dcr_omits_scope_when_the_as_lists_none(tmp_path):
    fake = FakeOAuth(prm_scopes=["mcp:tools"], scopes_supported=[])
    await run_login(fake, tmp_path)
    (body,) = registrations(fake)
    assert "scope" not in body


async def test_dcr_refused_for_its_scope_registers_again_without_it(tmp_path):
    fake = FakeOAuth(dcr="refuse-scope", scopes_supported=["files:read", "offline_access"])
    record, recorder, store = await run_login(fake, tmp_path)
    first, second = registrations(fake)
    assert first["scope"] and "scope" not in second
    assert record.client_id == "dcr-client" and store.load_client(ISSUER).scope is None
    said = [e.detail for e in recorder.of(AuthStep) if e.step == "registration"]
    assert any("registering again without a scope" in d and "supported scope values" in d for d in said)


async def test_a_registration_limited_to_a_smaller_scope_is_replaced_before_signing_in(tmp_path):
    fake = FakeOAuth(scopes_supported=["files:read", "files:write"])
    await run_login(fake, tmp_path, scope="files:read")
    opener = answering_browser()
    record, recorder, store = await run_login(fake, tmp_path, opener=opener, scope="files:read files:write")
    assert [b.get("scope") for b in registrations(fake)] == ["files:read", "files:read files:write"]
    assert record.client_id == "dcr-client-2" and store.load_client(ISSUER).client_id == "dcr-client-2"
    assert parse_qs(urlsplit(opener.seen[0]).query)["client_id"] == ["dcr-client-2"]
    assert any("limited to scope 'files:read'" in e.detail for e in recorder.of(AuthStep))
    await run_login(fake, tmp_path, scope="files:read")  # a smaller scope fits: no new registration
    assert len(registrations(fake)) == 2


def refusing_then_answering(refusals: int):
    """An opener whose first ``refusals`` sign-ins come back with error=invalid_scope."""
    refuse, accept = answering_browser(error="invalid_scope"), answering_browser()
    seen: list[str] = []

    def opener(url: str) -> bool:
        seen.append(url)
        return (refuse if len(seen) <= refusals else accept)(url)

    opener.seen = seen  # type: ignore[attr-defined]
    return opener


async def test_invalid_scope_for_a_stored_registration_registers_again_once(tmp_path):
    fake = FakeOAuth()
    opener = refusing_then_answering(1)
    record, recorder, _ = await run_login(fake, tmp_path, opener=opener)
    assert len(registrations(fake)) == 2 and len(opener.seen) == 2
    assert record.client_id == "dcr-client-2"
    assert any("registering again and retrying once" in e.detail for e in recorder.of(AuthStep))


async def test_invalid_scope_twice_stops_with_a_hint(tmp_path):
    fake = FakeOAuth()
    with pytest.raises(AuthError, match="even after registering again") as info:
        await run_login(fake, tmp_path, opener=refusing_then_answering(5))
    assert "--scope" in info.value.hint and len(registrations(fake)) == 2


async def test_invalid_scope_at_the_token_endpoint_registers_again_once(tmp_path):
    fake = FakeOAuth(token="invalid-scope-once")
    record, _, _ = await run_login(fake, tmp_path)
    assert len(registrations(fake)) == 2 and record.tokens.access_token


async def test_pre_registered_client_refused_a_scope_gets_a_hint_not_a_new_registration(tmp_path):
    fake = FakeOAuth()
    with pytest.raises(AuthError, match="refused: invalid_scope") as info:
        await run_login(fake, tmp_path, opener=answering_browser(error="invalid_scope"), client_id="my-app")
    assert "narrower --scope" in info.value.hint and registrations(fake) == []


def test_old_registration_files_without_scope_still_load():
    reg = ClientRegistration.from_json({"issuer": ISSUER, "client_id": "x", "kind": "dcr"})
    assert reg.scope is None


@pytest.mark.parametrize(
    ("variant", "extra", "offline", "consent"),
    [
        (1, {}, True, True),  # found at openid-configuration
        (0, {"id_token_signing_alg_values_supported": ["RS256"]}, True, True),
        (0, {}, True, False),  # plain OAuth: no prompt
        (1, {}, False, False),  # no offline_access asked: no prompt
    ],
)
async def test_prompt_consent_with_offline_access_for_openid_providers(
    tmp_path, variant, extra, offline, consent
):
    supported = ["files:read"] + (["offline_access"] if offline else [])
    fake = FakeOAuth(as_variant=variant, metadata_extra=extra, scopes_supported=supported)
    opener = answering_browser()
    await run_login(fake, tmp_path, opener=opener)
    query = parse_qs(urlsplit(opener.seen[0]).query)
    assert ("offline_access" in query["scope"][0].split()) is offline
    assert query.get("prompt") == (["consent"] if consent else None)
