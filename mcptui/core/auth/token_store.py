"""Saved credentials: tokens per server URL, client registrations per authorization server.

Files live in :func:`mcptui.core.locations.tokens_dir` (``servers/`` and ``clients/``), are
readable by the user only (0600, folders 0700), written atomically (temp file + rename) and
guarded by a per-entry ``fcntl`` lock so two mcptui processes can share them. A file that
cannot be read is moved aside to ``*.corrupt-<time>`` with a message, never overwritten in
place and never a crash. Registrations are keyed by the issuer and never used with another
authorization server.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mcptui.core import local_files

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no cross-process lock, atomic writes still hold
    fcntl = None  # type: ignore[assignment]

FORMAT_VERSION = 1
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "float": (int, float),
    "None": (type(None),),
    "list[str]": (list,),
}


def check_types(cls: type, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` when each matches its field's annotation in ``cls``; else TypeError."""
    for f in fields(cls):
        if f.name not in values:
            continue
        kinds = [_FIELD_TYPES.get(part.strip(), (TokenSet,)) for part in str(f.type).split("|")]
        if not isinstance(values[f.name], tuple(t for k in kinds for t in k)):
            raise TypeError(f"{f.name} has the wrong type")
        if f.type == "list[str]" and not all(isinstance(v, str) for v in values[f.name]):
            raise TypeError(f"{f.name} has the wrong type")
    return values


@dataclass
class TokenSet:
    """An access token and what came with it. Secrets never appear in ``repr``."""

    access_token: str = field(repr=False)
    token_type: str = "Bearer"
    refresh_token: str | None = field(default=None, repr=False)
    expires_at: float | None = None
    scope: str | None = None

    def expires_within(self, seconds: float, now: float) -> bool:
        return self.expires_at is not None and now + seconds >= self.expires_at

    @classmethod
    def from_response(cls, doc: dict[str, Any], now: float, previous: TokenSet | None = None) -> TokenSet:
        """From a token endpoint reply; keeps the old refresh token when none is returned."""
        expires_in = doc.get("expires_in")
        try:
            expires_at = now + float(expires_in) if expires_in is not None else None
        except (TypeError, ValueError):
            expires_at = None
        refresh = doc.get("refresh_token") or (previous.refresh_token if previous else None)
        scope = (
            doc.get("scope") if isinstance(doc.get("scope"), str) else (previous.scope if previous else None)
        )
        return cls(
            access_token=str(doc["access_token"]),
            token_type=str(doc.get("token_type") or "Bearer"),
            refresh_token=refresh,
            expires_at=expires_at,
            scope=scope,
        )


@dataclass
class ServerRecord:
    """What we keep for one server URL."""

    server_url: str
    method: str = "oauth"  # oauth | bearer | basic
    tokens: TokenSet | None = None
    issuer: str | None = None
    client_id: str | None = None
    client_kind: str | None = None  # pre-registered | cimd | dcr | manual | client-credentials
    requested_scope: str | None = None
    resource: str | None = None
    token_endpoint: str | None = None
    revocation_endpoint: str | None = None
    token_auth_method: str = "none"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    saved_at: float = 0.0

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["version"] = FORMAT_VERSION
        return out

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> ServerRecord:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in doc.items() if k in known}
        if isinstance(values.get("tokens"), dict):
            tk = values["tokens"]
            values["tokens"] = TokenSet(
                **check_types(TokenSet, {k: tk[k] for k in tk if k in {f.name for f in fields(TokenSet)}})
            )
        if not isinstance(values.get("server_url"), str):
            raise ValueError("server_url missing")
        return cls(**check_types(cls, values))


@dataclass
class ClientRegistration:
    """A client identity at one authorization server (keyed by its exact issuer)."""

    issuer: str
    client_id: str
    kind: str = "dcr"  # dcr | cimd | pre-registered | manual
    client_secret: str | None = field(default=None, repr=False)
    token_endpoint_auth_method: str = "none"
    redirect_uris: list[str] = field(default_factory=list)
    client_secret_expires_at: float | None = None
    registered_at: float = 0.0
    scope: str | None = None  # the scope the registration is limited to (None: not limited / unknown)
    grant_types: list[str] | None = None  # None: authorization_code + refresh_token

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["version"] = FORMAT_VERSION
        return out

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> ClientRegistration:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in doc.items() if k in known}
        if not isinstance(values.get("issuer"), str) or not isinstance(values.get("client_id"), str):
            raise ValueError("issuer or client_id missing")
        return cls(**check_types(cls, values))

    def callback_port(self) -> int | None:
        for uri in self.redirect_uris:
            parts = urlsplit(uri)
            if parts.port:
                return parts.port
        return None


def _slug(key: str) -> str:
    host = urlsplit(key).netloc or key
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in host)[:40]
    return f"{safe}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


class TokenStore:
    """File-backed store. ``notify`` receives a sentence when a file had to be set aside."""

    def __init__(self, root: Path | None = None, *, notify: Callable[[str], None] | None = None) -> None:
        if root is None:
            from mcptui.core.locations import tokens_dir

            root = tokens_dir()
        self.root = Path(root)
        self.notify = notify or (lambda message: None)
        self.notices: list[str] = []

    # -- paths ---------------------------------------------------------------------------
    def server_path(self, server_url: str) -> Path:
        return self.root / "servers" / f"{_slug(server_url)}.json"

    def client_path(self, issuer: str) -> Path:
        return self.root / "clients" / f"{_slug(issuer)}.json"

    def _lock_path(self, key: str) -> Path:
        return self.root / "locks" / f"{_slug(key)}.lock"

    def _ensure_dir(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)
        with contextlib.suppress(OSError):
            os.chmod(self.root, 0o700)

    # -- locking -------------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self, key: str) -> Iterator[None]:
        """Hold the cross-process lock for ``key`` (blocking)."""
        path = self._lock_path(key)
        self._ensure_dir(path.parent)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            with contextlib.suppress(OSError, AttributeError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    @contextlib.asynccontextmanager
    async def alocked(self, key: str) -> AsyncIterator[None]:
        """The same lock, acquired without blocking the event loop."""
        path = self._lock_path(key)
        self._ensure_dir(path.parent)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    await asyncio.to_thread(fcntl.flock, fd, fcntl.LOCK_EX)
            yield
        finally:
            with contextlib.suppress(OSError, AttributeError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    # -- raw io --------------------------------------------------------------------------
    def _read(self, path: Path) -> dict[str, Any] | None:
        try:
            doc = local_files.read_json(path)
        except FileNotFoundError:
            return None
        except local_files.LocalFileError as exc:
            self._set_aside(path, exc.why)
            return None
        if not isinstance(doc, dict):
            self._set_aside(path, "not a JSON object")
            return None
        return doc

    def _set_aside(self, path: Path, why: str) -> None:
        target = path.with_name(f"{path.name}.corrupt-{int(time.time())}")
        n = 0
        while target.exists():
            n += 1
            target = path.with_name(f"{path.name}.corrupt-{int(time.time())}-{n}")
        try:
            os.replace(path, target)
            message = f"saved credentials file {path} was {why}; moved it to {target.name} and ignoring it"
        except OSError:
            message = f"saved credentials file {path} was {why} and could not be moved aside; ignoring it"
        self.notices.append(message)
        self.notify(message)

    def _write(self, path: Path, doc: dict[str, Any]) -> None:
        self._ensure_dir(path.parent)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, indent=2, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self._sweep_temp_files(path)

    @staticmethod
    def _sweep_temp_files(path: Path) -> None:
        """Remove the temp files of ``path`` that a killed writer left (they may hold secrets).

        A temp file is named ``.NAME.PID.NS.tmp``; one whose process is gone is removed.
        """
        for tmp in path.parent.glob(f".{path.name}.*.tmp"):
            pid_text = tmp.name[len(path.name) + 2 :].partition(".")[0]
            if not pid_text.isdigit() or int(pid_text) == os.getpid():
                continue
            try:
                os.kill(int(pid_text), 0)
                continue  # its writer still runs
            except ProcessLookupError:
                pass
            except OSError:
                continue  # alive under another user, or unknown: leave it
            with contextlib.suppress(OSError):
                tmp.unlink()

    # -- servers -------------------------------------------------------------------------
    def load_server(self, server_url: str) -> ServerRecord | None:
        path = self.server_path(server_url)
        doc = self._read(path)
        if doc is None:
            return None
        try:
            record = ServerRecord.from_json(doc)
        except (TypeError, ValueError, KeyError, AttributeError):
            self._set_aside(path, "not a credentials record")
            return None
        if record.server_url != server_url:
            return None  # a hash collision or a hand-edited file: never use another server's token
        return record

    def save_server(self, record: ServerRecord) -> None:
        record.saved_at = time.time()
        self._write(self.server_path(record.server_url), record.to_json())

    def delete_server(self, server_url: str) -> bool:
        try:
            self.server_path(server_url).unlink()
            return True
        except FileNotFoundError:
            return False

    # -- client registrations --------------------------------------------------------------
    def load_client(self, issuer: str) -> ClientRegistration | None:
        path = self.client_path(issuer)
        doc = self._read(path)
        if doc is None:
            return None
        try:
            reg = ClientRegistration.from_json(doc)
        except (TypeError, ValueError, KeyError, AttributeError):
            self._set_aside(path, "not a client registration")
            return None
        return reg if reg.issuer == issuer else None  # bound to its AS: never reuse elsewhere

    def save_client(self, reg: ClientRegistration) -> None:
        if not reg.registered_at:
            reg.registered_at = time.time()
        self._write(self.client_path(reg.issuer), reg.to_json())

    def delete_client(self, issuer: str) -> bool:
        try:
            self.client_path(issuer).unlink()
            return True
        except FileNotFoundError:
            return False
