"""One server's settings, whatever they came from (servers file, URL, or a stdio command).

:mod:`mcptui.core.config` reads these from the ``mcpServers`` file; :mod:`mcptui.core.targets`
builds them from a command-line target. The connection manager and the auth engine only
ever see a :class:`ServerConfig`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any, Literal

TransportKind = Literal["auto", "http", "sse", "stdio"]
ProtocolMode = Literal["auto", "legacy", "2026-07-28"]

DEFAULT_TIMEOUT = 30.0
DEFAULT_CONNECT_TIMEOUT = 10.0


@dataclass
class AuthSettings:
    """How to authenticate to one server (the ``auth`` object of a server entry).

    ``method``: auto (OAuth when the server asks), bearer, basic, oauth-client (a
    pre-registered client id/secret), none. Values may hold ``${VAR}`` references, which are
    expanded when the entry is loaded. Secrets never appear in ``repr``.
    """

    method: Literal["auto", "bearer", "basic", "oauth-client", "none"] = "auto"
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    client_metadata_url: str | None = None
    scope: str | None = None
    callback_port: int | None = None
    token: str | None = field(default=None, repr=False)
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    grant: Literal["authorization-code", "client-credentials", "device", "enterprise"] = "authorization-code"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ServerConfig:
    """Everything needed to open one connection."""

    name: str
    transport: TransportKind = "auto"
    url: str | None = None
    command: str | None = None
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict, repr=False)
    cwd: str | None = None
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    timeout: float = DEFAULT_TIMEOUT
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    protocol: ProtocolMode = "auto"
    auth: AuthSettings = field(default_factory=AuthSettings)
    from_config: bool = False
    roots: list[str] = field(default_factory=list)  # absolute folders offered as roots (none by default)
    cautious: bool = False  # confirm every tool not marked read-only, not only destructive ones
    client_tasks: bool = True  # let the server run its elicitation/sampling here as tasks (2025-11-25)

    @property
    def is_stdio(self) -> bool:
        return self.transport == "stdio" or (self.url is None and self.command is not None)

    @property
    def key(self) -> str:
        """A stable identity for caches: the config name, else the URL, else the command."""
        if self.from_config:
            return f"name:{self.name}"
        if self.url:
            return f"url:{self.url}"
        return "cmd:" + " ".join([self.command or "", *self.args])

    @property
    def cache_slug(self) -> str:
        """A file-name-safe form of :attr:`key`."""
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in self.name)[:40]
        digest = hashlib.sha256(self.key.encode()).hexdigest()[:12]
        return f"{safe}-{digest}"

    def describe(self) -> str:
        """One line for people: where this server lives."""
        if self.is_stdio:
            return " ".join([self.command or "?", *self.args])
        return self.url or "?"

    def with_overrides(self, **changes: Any) -> ServerConfig:
        return replace(self, **changes)
