"""The optional OS keyring store: secrets in the keyring, never in the JSON file; the file fallback."""

from __future__ import annotations

import json
import sys

import pytest

from mcptui.core.auth import AuthOptions, NonInteractive, make_auth_factory, manage
from mcptui.core.auth.keyring_store import SERVICE, KeyringTokenStore, select_token_store
from mcptui.core.auth.token_store import ClientRegistration, ServerRecord, TokenSet, TokenStore
from mcptui.core.events import AuthStep, EventRecorder
from mcptui.core.server_config import ServerConfig

URL = "http://127.0.0.1:8931/mcp"
ISSUER = "http://127.0.0.1:8931"
ACCESS = "access-SECRET-4f1c9e"
REFRESH = "refresh-SECRET-88a0d2"
CLIENT_SECRET = "client-SECRET-71be33"


@pytest.fixture
def memory_keyring():
    """An in-memory keyring backend, installed for the test and removed after it."""
    keyring = pytest.importorskip("keyring")
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self) -> None:
            super().__init__()
            self.entries: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.entries.get((service, username))

        def set_password(self, service, username, password):
            self.entries[(service, username)] = password

        def delete_password(self, service, username):
            if self.entries.pop((service, username), None) is None:
                raise PasswordDeleteError("not found")

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def fail_keyring():
    keyring = pytest.importorskip("keyring")
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def oauth_record() -> ServerRecord:
    return ServerRecord(
        server_url=URL,
        tokens=TokenSet(access_token=ACCESS, refresh_token=REFRESH, expires_at=2e9, scope="read"),
        issuer=ISSUER,
        client_id="mcptui-test",
        client_kind="dcr",
        token_auth_method="client_secret_post",
    )


def client_registration() -> ClientRegistration:
    return ClientRegistration(
        issuer=ISSUER,
        client_id="mcptui-test",
        client_secret=CLIENT_SECRET,
        token_endpoint_auth_method="client_secret_post",
        redirect_uris=["http://127.0.0.1:8085/callback"],
    )


def all_files_text(root) -> str:
    return "".join(p.read_text() for p in root.rglob("*.json"))


def test_tokens_round_trip_through_the_keyring(tmp_path, memory_keyring):
    store = KeyringTokenStore(tmp_path)
    store.save_server(oauth_record())
    store.save_client(client_registration())

    loaded = store.load_server(URL)
    assert loaded is not None and loaded.tokens is not None
    assert loaded.tokens.access_token == ACCESS
    assert loaded.tokens.refresh_token == REFRESH
    assert loaded.tokens.scope == "read" and loaded.client_id == "mcptui-test"
    reg = store.load_client(ISSUER)
    assert reg is not None and reg.client_secret == CLIENT_SECRET
    assert reg.callback_port() == 8085
    assert set(memory_keyring.entries) == {(SERVICE, f"server:{URL}"), (SERVICE, f"client:{ISSUER}")}
    # a second store (another process) reads the same state
    again = KeyringTokenStore(tmp_path).load_server(URL)
    assert again is not None and again.tokens.access_token == ACCESS


def test_no_secret_lands_in_the_json_files(tmp_path, memory_keyring):
    store = KeyringTokenStore(tmp_path)
    store.save_server(oauth_record())
    store.save_client(client_registration())
    store.save_server(
        ServerRecord(server_url=URL + "/basic", method="basic", username="ann", password="pw-SECRET-9")
    )

    text = all_files_text(tmp_path)
    for secret in (ACCESS, REFRESH, CLIENT_SECRET, "pw-SECRET-9"):
        assert secret not in text
    assert json.loads(store.server_path(URL).read_text())["secretsIn"] == "keyring"
    assert oct(store.server_path(URL).stat().st_mode & 0o777) == "0o600"
    basic = store.load_server(URL + "/basic")
    assert basic is not None and basic.username == "ann" and basic.password == "pw-SECRET-9"


async def test_logout_deletes_the_keyring_entries(tmp_path, memory_keyring):
    store = KeyringTokenStore(tmp_path)
    store.save_server(oauth_record())
    store.save_client(client_registration())
    config = ServerConfig(name="kr", url=URL)

    result = await manage.logout(
        config, store=store, options=AuthOptions(), interaction=NonInteractive(), forget_client=True
    )

    assert result["deleted"] is True
    assert memory_keyring.entries == {}
    assert store.load_server(URL) is None and store.load_client(ISSUER) is None
    assert not store.server_path(URL).exists()


def test_plain_file_record_is_read_then_moved_to_the_keyring(tmp_path, memory_keyring):
    TokenStore(tmp_path).save_server(oauth_record())  # written before the keyring was chosen
    store = KeyringTokenStore(tmp_path)
    record = store.load_server(URL)
    assert record is not None and record.tokens.access_token == ACCESS
    store.save_server(record)
    assert ACCESS not in all_files_text(tmp_path)
    assert store.load_server(URL).tokens.refresh_token == REFRESH


def test_missing_keyring_entry_means_signed_out_with_a_notice(tmp_path, memory_keyring):
    store = KeyringTokenStore(tmp_path)
    store.save_server(oauth_record())
    memory_keyring.entries.clear()  # e.g. the user wiped the keyring
    assert store.load_server(URL) is None
    assert any("sign in again" in n for n in store.notices)


def test_env_var_selects_the_store(tmp_path, memory_keyring, monkeypatch):
    monkeypatch.setenv("MCPTUI_TOKEN_STORE", "keyring")
    store, message = select_token_store(root=tmp_path)
    assert isinstance(store, KeyringTokenStore) and message is None
    store.save_server(oauth_record())
    assert manage.status(ServerConfig(name="kr", url=URL), store=store, now=0)["tokenStore"] == "keyring"

    monkeypatch.setenv("MCPTUI_TOKEN_STORE", "file")
    store, message = select_token_store(root=tmp_path)
    assert type(store) is TokenStore and message is None
    assert manage.status(ServerConfig(name="kr", url=URL), store=store, now=0)["tokenStore"] == "file"

    monkeypatch.delenv("MCPTUI_TOKEN_STORE")
    store, message = select_token_store(root=tmp_path)
    assert type(store) is TokenStore and message is None  # the file is the default


def test_unknown_store_name_falls_back_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("MCPTUI_TOKEN_STORE", "vault")
    store, message = select_token_store(root=tmp_path)
    assert type(store) is TokenStore
    assert "'vault' is not one of file, keyring" in message


def check_file_fallback(tmp_path, store, message) -> None:
    assert type(store) is TokenStore
    assert message.startswith("no OS keyring here")
    assert f"tokens stay in the 0600 files under {tmp_path}" in message
    store.save_server(oauth_record())
    loaded = store.load_server(URL)
    assert loaded is not None and loaded.tokens.access_token == ACCESS


def test_fail_backend_falls_back_to_the_file(tmp_path, fail_keyring, monkeypatch):
    monkeypatch.setenv("MCPTUI_TOKEN_STORE", "keyring")
    store, message = select_token_store(root=tmp_path)
    check_file_fallback(tmp_path, store, message)
    assert "found no usable backend" in message


def test_keyring_not_installed_falls_back_to_the_file(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring -> ImportError
    store, message = select_token_store("keyring", root=tmp_path)
    check_file_fallback(tmp_path, store, message)
    assert "not installed" in message


def test_auth_factory_reports_the_fallback_once(monkeypatch):
    monkeypatch.setitem(sys.modules, "keyring", None)
    recorder = EventRecorder()
    factory = make_auth_factory(NonInteractive(), token_store="keyring")
    first = factory(ServerConfig(name="one", url=URL), recorder)
    second = factory(ServerConfig(name="two", url=URL + "/two"), recorder)

    assert type(first.store) is TokenStore and type(second.store) is TokenStore
    notes = [e for e in recorder.events if isinstance(e, AuthStep) and e.step == "token-store"]
    assert len(notes) == 1
    assert notes[0].status == "info" and notes[0].detail.startswith("no OS keyring here")
