"""The auth engine's knobs (:class:`AuthOptions`) and how a server is named in its hints.

Apart from :mod:`.flow` so that building an engine for a server (every HTTP command does)
imports no part of the OAuth flow: that is imported on the first 401 (~6% of a cold
``mcptui list URL``'s instructions, see :mod:`mcptui.core.speed`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mcptui.core.auth import browser as browser_mod

if TYPE_CHECKING:
    import httpx2

    from mcptui.core.server_config import ServerConfig


@dataclass
class AuthOptions:
    """Knobs of the engine (command-line flags, config, tests)."""

    browser: browser_mod.BrowserOptions = field(default_factory=browser_mod.BrowserOptions)
    callback_port: int | None = None  # None: stored registration's port, then 8085-8099; 0: any
    login_timeout: float = 300.0
    refresh_leeway: float = 30.0
    clock: Callable[[], float] = time.time
    http_transport: httpx2.AsyncBaseTransport | None = None
    scope: str | None = None  # --scope
    client_id: str | None = None  # --client-id
    client_secret: str | None = field(default=None, repr=False)
    client_metadata_url: str | None = None
    grant: str | None = None  # authorization-code | client-credentials | device
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep  # the device grant's polling waits
    private_key_path: str | None = None  # private_key_jwt
    confirm_scope: bool = False  # ask the person to review the scope before signing in


def target_of(config: ServerConfig) -> str:
    return config.name if config.from_config else (config.url or config.name)


def login_hint(config: ServerConfig) -> str:
    return f"run `mcptui auth login {target_of(config)}` in a terminal, then retry"
