"""What needs a person: the :class:`AuthInteraction` protocol and its prompts.

The flow shows the authorization URL, may read a pasted redirect, and may ask for a token,
a client id or a scope. The CLI implements this on a TTY (:mod:`mcptui.cli.auth_tty`), the TUI
with dialogs; :class:`NonInteractive` answers nothing, so the flow fails fast with
``AuthRequired`` when it cannot open a browser either.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from mcptui.core.auth.hints import TokenHint
from mcptui.core.errors import AuthError


@dataclass(frozen=True)
class AuthorizationPrompt:
    """Shown while the user signs in. ``url`` holds state and a PKCE challenge, no secret."""

    server: str
    url: str
    redirect_uri: str
    issuer: str
    scope: str | None
    browser_opened: bool
    why_not_opened: str = ""
    ssh_command: str | None = None
    device_grant: bool = False  # the AS offers the device grant: a dialog may offer it instead


@dataclass(frozen=True)
class DevicePrompt:
    """RFC 8628: a code for the person to enter at ``verification_uri`` on any device."""

    server: str
    issuer: str
    user_code: str
    verification_uri: str
    verification_uri_complete: str | None
    expires_in: float
    scope: str | None
    # set ``cancelled`` to stop the polling (the sign-in fails as cancelled); the engine sets
    # ``finished`` when the polling ends, however it ends (a dialog closes on it)
    cancelled: asyncio.Event = field(default_factory=asyncio.Event, compare=False, repr=False)
    finished: asyncio.Event = field(default_factory=asyncio.Event, compare=False, repr=False)


class UseDeviceCode(AuthError):
    """Raised by ``read_pasted_response``: the person chose the device grant instead of the browser."""

    def __init__(self, scope: str | None = None) -> None:
        super().__init__("signing in with a code on another device instead")
        self.scope = scope  # as the person left it in the dialog (None: the server's default)


class UseToken(AuthError):
    """Raised by ``read_pasted_response``: the person typed an access token instead of signing in.

    The engine then asks :meth:`AuthInteraction.ask_token` (even during a step-up), which
    answers with that token.
    """

    def __init__(self) -> None:
        super().__init__("signing in with a token instead of OAuth")


@dataclass(frozen=True)
class TokenPrompt:
    server: str
    server_url: str
    reason: str
    hint: TokenHint | None = None
    allow_basic: bool = True


@dataclass(frozen=True)
class TokenAnswer:
    kind: str = "bearer"  # bearer | basic
    token: str | None = field(default=None, repr=False)
    username: str | None = None
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ClientPrompt:
    server: str
    issuer: str
    redirect_uri: str
    reason: str


@dataclass(frozen=True)
class ClientAnswer:
    client_id: str
    client_secret: str | None = field(default=None, repr=False)


@runtime_checkable
class AuthInteraction(Protocol):
    """A person, or the lack of one."""

    @property
    def can_prompt(self) -> bool:
        """True when someone can read prompts and type answers (TTY or TUI)."""
        ...

    async def show_authorization(self, prompt: AuthorizationPrompt) -> None:
        """Tell the user to finish signing in (URL, ``ssh -L`` command when headless)."""
        ...

    async def read_pasted_response(self, prompt: AuthorizationPrompt) -> str | None:
        """Wait for a pasted redirect URL / query string / code; None = cannot paste.

        Raced against the listener: it is cancelled when the browser callback wins.
        """
        ...

    async def ask_token(self, prompt: TokenPrompt) -> TokenAnswer | None: ...

    async def ask_client(self, prompt: ClientPrompt) -> ClientAnswer | None: ...

    async def confirm_scope(self, server: str, scope: str | None) -> str | None:
        """Let the user review or edit the scope; return it unchanged to accept."""
        ...


class NonInteractive:
    """No person: never prompts. ``shown`` keeps the prompts that would have been shown."""

    can_prompt = False

    def __init__(self, *, can_show_codes: bool = False) -> None:
        self.shown: list[AuthorizationPrompt | DevicePrompt] = []
        # someone can read a device code shown (while nobody can type): the device grant may be chosen
        self.can_show_codes = can_show_codes

    async def show_authorization(self, prompt: AuthorizationPrompt) -> None:
        self.shown.append(prompt)

    async def show_device_code(self, prompt: DevicePrompt) -> None:
        """Optional in an :class:`AuthInteraction`: without it the device code reaches the person
        through the ``device`` step's event only."""
        self.shown.append(prompt)

    async def read_pasted_response(self, prompt: AuthorizationPrompt) -> str | None:
        return None

    async def ask_token(self, prompt: TokenPrompt) -> TokenAnswer | None:
        return None

    async def ask_client(self, prompt: ClientPrompt) -> ClientAnswer | None:
        return None

    async def confirm_scope(self, server: str, scope: str | None) -> str | None:
        return scope
