"""Optional OS keyring for saved secrets, and the choice between it and the 0600 file store.

:class:`KeyringTokenStore` has the :class:`TokenStore` interface. Secrets (access and refresh
tokens, Basic passwords, client secrets) go to the OS keyring through the optional ``keyring``
package (service ``mcptui``, one entry per server URL or issuer); the non-secret rest of each
record stays in the usual 0600 JSON file, marked so a load knows to fetch the secrets back.
The file store's cross-process lock is reused unchanged. Records written by the file store
before are still read, and move their secrets to the keyring on their next save.

:func:`select_token_store` picks the store: ``MCPTUI_TOKEN_STORE=keyring|file`` (or an explicit
preference). The keyring is never required: when ``keyring`` is not installed, or only its
fail/null backend exists (headless Linux, SSH hosts), it falls back to the file store and
returns one sentence saying so, for the caller to show once.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mcptui.core.auth.token_store import ClientRegistration, ServerRecord, TokenStore

SERVICE = "mcptui"
ENV_VAR = "MCPTUI_TOKEN_STORE"
STORE_KINDS = ("file", "keyring")
_MARKER = "secretsIn"


def _keyring_module() -> Any:
    """The ``keyring`` module, or None when it is not installed (or blocked)."""
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def keyring_unavailable_reason() -> str | None:
    """None when a usable OS keyring exists, else why not (a short phrase)."""
    keyring = _keyring_module()
    if keyring is None:
        return "the keyring package is not installed (pip install 'mcptui[keyring]')"
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken backend configuration must not crash us
        return f"the OS keyring could not be opened ({type(exc).__name__})"
    module = type(backend).__module__
    if module in ("keyring.backends.fail", "keyring.backends.null"):
        return "the keyring package found no usable backend"
    return None


class KeyringTokenStore(TokenStore):
    """Secrets in the OS keyring, metadata in the 0600 files of :class:`TokenStore`."""

    kind = "keyring"

    def __init__(self, root: Path | None = None, *, notify: Callable[[str], None] | None = None) -> None:
        super().__init__(root, notify=notify)
        keyring = _keyring_module()
        if keyring is None:
            raise RuntimeError("the keyring package is not installed")
        self._keyring = keyring

    def describe(self) -> str:
        return f"OS keyring (service {SERVICE!r}; metadata in {self.root})"

    # -- keyring entries -----------------------------------------------------------------
    @staticmethod
    def _server_entry(server_url: str) -> str:
        return f"server:{server_url}"

    @staticmethod
    def _client_entry(issuer: str) -> str:
        return f"client:{issuer}"

    def _problem(self, what: str, exc: Exception) -> None:
        message = f"OS keyring {what} failed ({type(exc).__name__})"
        self.notices.append(message)
        self.notify(message)

    def _put(self, entry: str, secrets: dict[str, Any]) -> bool:
        try:
            self._keyring.set_password(SERVICE, entry, json.dumps(secrets, sort_keys=True))
            return True
        except Exception as exc:
            self._problem("write", exc)
            return False

    def _get(self, entry: str) -> dict[str, Any] | None:
        try:
            text = self._keyring.get_password(SERVICE, entry)
        except Exception as exc:
            self._problem("read", exc)
            return None
        if text is None:
            return None
        try:
            doc = json.loads(text)
        except ValueError:
            return None
        return doc if isinstance(doc, dict) else None

    def _drop(self, entry: str) -> bool:
        try:
            self._keyring.delete_password(SERVICE, entry)
            return True
        except Exception as exc:  # PasswordDeleteError when absent; anything else is a real problem
            if type(exc).__name__ != "PasswordDeleteError":
                self._problem("delete", exc)
            return False

    # -- servers -------------------------------------------------------------------------
    def save_server(self, record: ServerRecord) -> None:
        tokens = record.tokens
        secrets = {
            "access_token": tokens.access_token if tokens else None,
            "refresh_token": tokens.refresh_token if tokens else None,
            "password": record.password,
        }
        if not self._put(self._server_entry(record.server_url), secrets):
            self.notify(f"keeping the credentials for {record.server_url} in the 0600 file instead")
            super().save_server(record)
            return
        record.saved_at = time.time()
        doc = record.to_json()
        if isinstance(doc.get("tokens"), dict):
            doc["tokens"]["access_token"] = ""
            doc["tokens"]["refresh_token"] = None
        doc["password"] = None
        doc[_MARKER] = "keyring"
        self._write(self.server_path(record.server_url), doc)

    def load_server(self, server_url: str) -> ServerRecord | None:
        path = self.server_path(server_url)
        doc = self._read(path)
        record = super().load_server(server_url)
        if record is None or doc is None or doc.get(_MARKER) != "keyring":
            return record  # absent, unusable, or an older plain-file record
        secrets = self._get(self._server_entry(server_url))
        if secrets is None:
            message = f"the OS keyring holds no secrets for {server_url}; sign in again"
            self.notices.append(message)
            self.notify(message)
            return None
        if record.tokens is not None:
            if not secrets.get("access_token"):
                return None
            record.tokens.access_token = str(secrets["access_token"])
            record.tokens.refresh_token = secrets.get("refresh_token")
        record.password = secrets.get("password")
        return record

    def delete_server(self, server_url: str) -> bool:
        dropped = self._drop(self._server_entry(server_url))
        return super().delete_server(server_url) or dropped

    # -- client registrations --------------------------------------------------------------
    def save_client(self, reg: ClientRegistration) -> None:
        if reg.client_secret is None:
            self._drop(self._client_entry(reg.issuer))
            super().save_client(reg)
            return
        if not self._put(self._client_entry(reg.issuer), {"client_secret": reg.client_secret}):
            super().save_client(reg)
            return
        if not reg.registered_at:
            reg.registered_at = time.time()
        doc = reg.to_json()
        doc["client_secret"] = None
        doc[_MARKER] = "keyring"
        self._write(self.client_path(reg.issuer), doc)

    def load_client(self, issuer: str) -> ClientRegistration | None:
        doc = self._read(self.client_path(issuer))
        reg = super().load_client(issuer)
        if reg is None or doc is None or doc.get(_MARKER) != "keyring":
            return reg
        secrets = self._get(self._client_entry(issuer))
        if secrets is None or not secrets.get("client_secret"):
            return None  # a confidential client without its secret is useless: register again
        reg.client_secret = str(secrets["client_secret"])
        return reg

    def delete_client(self, issuer: str) -> bool:
        dropped = self._drop(self._client_entry(issuer))
        return super().delete_client(issuer) or dropped


def select_token_store(
    preference: str | None = None,
    *,
    root: Path | None = None,
    notify: Callable[[str], None] | None = None,
) -> tuple[TokenStore, str | None]:
    """The store to use and, when the wish could not be met, one sentence saying why.

    ``preference`` wins over ``$MCPTUI_TOKEN_STORE``; neither set means the 0600 file store.
    """
    wanted = (preference or os.environ.get(ENV_VAR) or "file").strip().lower()
    file_store = TokenStore(root, notify=notify)
    if wanted == "file":
        return file_store, None
    if wanted != "keyring":
        return file_store, (
            f"{ENV_VAR}={wanted!r} is not one of {', '.join(STORE_KINDS)}; "
            f"tokens stay in the 0600 files under {file_store.root}"
        )
    reason = keyring_unavailable_reason()
    if reason is not None:
        return (
            file_store,
            f"no OS keyring here ({reason}); tokens stay in the 0600 files under {file_store.root}",
        )
    return KeyringTokenStore(root, notify=notify), None
