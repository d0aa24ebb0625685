"""Opening the authorization URL: ``$BROWSER`` first, the system browser otherwise (see
:mod:`mcptui.core.browser_launch`, shared with the CLI client relaying the agent's sign-in).

Over SSH or with no display nothing is opened: the flow prints the URL, the ``ssh -L``
command that forwards the callback port, and accepts a pasted redirect instead.
``--no-browser`` never opens anything. Tests inject an ``opener`` function.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import socket
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from mcptui.core.auth.endpoints import is_loopback_url
from mcptui.core.browser_launch import headless_reason, show_url

Opener = Callable[[str], "bool | None | Awaitable[bool | None]"]


@dataclass(frozen=True)
class BrowserOptions:
    """How the flow may show the authorization page."""

    no_browser: bool = False
    opener: Opener | None = None  # tests: a function that "visits" the URL
    env: Mapping[str, str] | None = None  # defaults to os.environ


def tunnel_ports(callback_port: int, authorize_url: str) -> list[int]:
    """Every loopback port the person's browser needs: the callback's, and a loopback AS's."""
    ports = [callback_port]
    parts = urlsplit(authorize_url)
    if is_loopback_url(authorize_url):
        ports.append(parts.port or (443 if parts.scheme == "https" else 80))
    return ports


def ssh_forward_command(port: int | Sequence[int], env: Mapping[str, str] | None = None) -> str:
    """The command to run on your own machine so its browser reaches every loopback port of the
    sign-in: our callback port, and the authorization server's when it too is on this host's loopback."""
    env = os.environ if env is None else env
    user = env.get("USER") or env.get("LOGNAME") or ""
    host = socket.gethostname()
    conn = (env.get("SSH_CONNECTION") or "").split()
    if len(conn) == 4:
        host = conn[2]  # the address this host was reached at
    target = f"{user}@{host}" if user else host
    ports = [port] if isinstance(port, int) else list(dict.fromkeys(port))
    forwards = " ".join(f"-L {p}:127.0.0.1:{p}" for p in ports)
    return f"ssh -N {forwards} {target}"


async def open_url(url: str, options: BrowserOptions) -> tuple[bool, str]:
    """Try to show ``url``; returns (opened, why-not)."""
    if options.no_browser:
        return False, "--no-browser was given"
    if options.opener is not None:
        result = options.opener(url)
        if inspect.isawaitable(result):
            result = await result
        opened = result is not False
        return opened, "" if opened else "no browser could be opened"
    env = os.environ if options.env is None else options.env
    return await asyncio.to_thread(
        show_url, url, env
    )  # $BROWSER, else nothing when headless, else the system's


def can_open(options: BrowserOptions) -> bool:
    """Whether :func:`open_url` has a chance at all (used to fail fast without a TTY)."""
    if options.no_browser:
        return False
    if options.opener is not None:
        return True
    return headless_reason(options.env) is None
