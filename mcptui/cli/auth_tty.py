"""The terminal side of the auth engine: :class:`TerminalInteraction` (an ``AuthInteraction``).

Writes prompts to stderr (stdout stays clean for results), reads answers from stdin. The
pasted-redirect reader uses the event loop's reader on stdin so it can lose the race to the
browser callback and be cancelled cleanly; secrets are read with ``getpass`` (not echoed).
"""

from __future__ import annotations

import asyncio
import getpass
import os
import sys

from mcptui.core.auth.interaction import (
    AuthorizationPrompt,
    ClientAnswer,
    ClientPrompt,
    DevicePrompt,
    NonInteractive,
    TokenAnswer,
    TokenPrompt,
)
from mcptui.core.sanitize import sanitize_body


def _say(text: str = "") -> None:
    print(sanitize_body(text), file=sys.stderr, flush=True)


_pending = bytearray()  # bytes read from stdin past the last line handed out


async def _read_line() -> str | None:
    """One line from stdin without blocking the loop; None at end of input.

    Reads the raw file descriptor (no Python-level buffering that the loop's reader cannot
    see), so several lines pasted at once are all delivered, one per call.
    """
    loop = asyncio.get_running_loop()
    try:
        fd = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):
        return await asyncio.to_thread(sys.stdin.readline) or None
    while b"\n" not in _pending:
        future: asyncio.Future[bytes] = loop.create_future()

        def ready(done: asyncio.Future[bytes] = future) -> None:
            if not done.done():
                try:
                    done.set_result(os.read(fd, 4096))
                except OSError:
                    done.set_result(b"")

        try:
            loop.add_reader(fd, ready)
        except (NotImplementedError, ValueError, OSError):
            return await asyncio.to_thread(sys.stdin.readline) or None
        try:
            chunk = await future
        finally:
            loop.remove_reader(fd)
        if not chunk:
            if _pending:
                line = _pending.decode("utf-8", "replace")
                _pending.clear()
                return line
            return None
        _pending.extend(chunk)
    raw, _, rest = bytes(_pending).partition(b"\n")
    _pending[:] = rest
    return raw.decode("utf-8", "replace") + "\n"


async def _secret(prompt: str) -> str:
    """A secret typed without echo: ``getpass``, or the stream's own reader (the agent relays one)."""
    read_secret = getattr(sys.stdin, "read_secret", None)
    if read_secret is not None:
        return str(await asyncio.to_thread(read_secret, prompt))
    return await asyncio.to_thread(getpass.getpass, prompt)


def say_device_code(prompt: DevicePrompt) -> None:
    """RFC 8628's instructions, on stderr (the device code itself is never shown)."""
    _say(f"\nSign in to {prompt.server} (authorization server {prompt.issuer}) from any device:")
    _say(f"  open {prompt.verification_uri}")
    _say(f"  and enter the code  {prompt.user_code}")
    if prompt.verification_uri_complete:
        _say(f"  (or open {prompt.verification_uri_complete}, which carries the code)")
    _say(
        f"  The code is valid for {int(prompt.expires_in // 60)} min; waiting for you here (Ctrl-C cancels)."
    )


class StderrNotice(NonInteractive):
    """No terminal to answer on; when stderr is a terminal, a person may read a device code there."""

    def __init__(self) -> None:
        try:
            readable = sys.stderr.isatty()
        except (AttributeError, ValueError):
            readable = False
        super().__init__(can_show_codes=readable)

    async def show_device_code(self, prompt: DevicePrompt) -> None:
        await super().show_device_code(prompt)
        say_device_code(prompt)

    async def show_authorization(self, prompt: AuthorizationPrompt) -> None:
        """Nobody can paste here, but the wait for the browser is never silent."""
        await super().show_authorization(prompt)
        if prompt.browser_opened:
            _say(f"Signing in to {prompt.server}: waiting for the browser to finish (Ctrl-C cancels).")
            _say(f"  If no browser window appeared, open: {prompt.url}")


class TerminalInteraction:
    """A person at a terminal."""

    can_prompt = True

    async def show_device_code(self, prompt: DevicePrompt) -> None:
        say_device_code(prompt)

    async def show_authorization(self, prompt: AuthorizationPrompt) -> None:
        _say(f"\nSign in to {prompt.server} (authorization server {prompt.issuer})")
        if prompt.scope:
            _say(f"  scope: {prompt.scope}")
        if prompt.browser_opened:
            _say("  A browser window was opened. If nothing appeared, open this URL:")
        else:
            _say(f"  Open this URL in a browser ({prompt.why_not_opened}):")
        _say(f"\n  {prompt.url}\n")
        if prompt.ssh_command:
            _say(
                "  The browser redirects to this machine's callback. From your own machine, forward it with:"
            )
            _say(f"    {prompt.ssh_command}")
        _say("  Or paste the address the browser ended on (or its code) here and press Enter:")

    async def read_pasted_response(self, prompt: AuthorizationPrompt) -> str | None:
        while True:
            line = await _read_line()
            if line is None:
                return None  # stdin closed: only the listener is left
            if line.strip():
                return line.strip()

    async def ask_token(self, prompt: TokenPrompt) -> TokenAnswer | None:
        _say(f"\n{prompt.reason}.")
        if prompt.hint is not None:
            _say(f"  {prompt.hint.service}: create {prompt.hint.note} at {prompt.hint.create_url}")
        else:
            _say("  Paste an access token for this server (an API key or personal access token).")
        if prompt.allow_basic:
            _say("  Type 'basic' to give a username and password instead; leave empty to cancel.")
        value = (await _secret("  token: ")).strip()
        if not value:
            return None
        if value.lower() == "basic" and prompt.allow_basic:
            _say(
                "  username: ",
            )
            username = ((await _read_line()) or "").strip()
            password = await _secret("  password: ")
            return TokenAnswer(kind="basic", username=username, password=password)
        return TokenAnswer(kind="bearer", token=value)

    async def ask_client(self, prompt: ClientPrompt) -> ClientAnswer | None:
        _say(f"\nNo OAuth client for {prompt.issuer}: {prompt.reason}.")
        _say(f"  Register a client there with this exact redirect URI:\n    {prompt.redirect_uri}")
        _say("  then enter its client id (empty to cancel):")
        client_id = ((await _read_line()) or "").strip()
        if not client_id:
            return None
        secret = (await _secret("  client secret (empty for a public client): ")).strip()
        return ClientAnswer(client_id=client_id, client_secret=secret or None)

    async def confirm_scope(self, server: str, scope: str | None) -> str | None:
        _say(f"\n{server} will be asked for the scope: {scope or '(none)'}")
        _say("  Press Enter to accept, or type another scope:")
        line = ((await _read_line()) or "").strip()
        return line or scope


def terminal_or_noninteractive() -> TerminalInteraction | StderrNotice:
    """A TTY gets prompts; anything else fails fast instead of hanging."""
    try:
        tty = sys.stdin.isatty()
    except (AttributeError, ValueError):
        tty = False
    return TerminalInteraction() if tty else StderrNotice()
