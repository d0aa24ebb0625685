"""Showing a URL in the person's browser: ``$BROWSER`` first, nothing when headless, else the system's.

One implementation for both places a browser is opened: the auth flow
(:mod:`mcptui.core.auth.browser`, in a thread) and the thin CLI client relaying an agent's
sign-in (:mod:`mcptui.cli.agent_client`), which must not import asyncio or the SDK: this
module imports neither. ``$BROWSER`` is run as a command line (``%s`` for the URL, else the
URL appended; entries separated like ``PATH``), not through :mod:`webbrowser`, which takes a
whole entry for a program name.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Mapping

BROWSER_FAILED = "$BROWSER could not be started (check that it names a program, quoted correctly)"


def headless_reason(env: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why no browser can be shown here (SSH session, no display), or None."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if env.get("BROWSER"):
        return None
    if env.get("SSH_CONNECTION") or env.get("SSH_CLIENT") or env.get("SSH_TTY"):
        return "this is an SSH session"
    if platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return "there is no display (DISPLAY/WAYLAND_DISPLAY unset)"
    return None


def run_browser_env(command_list: str, url: str) -> bool:
    """Start the first ``$BROWSER`` entry that can be started on ``url``; False when none could."""
    for command in command_list.split(os.pathsep):
        command = command.strip()
        if not command:
            continue
        try:
            argv = (
                shlex.split(command.replace("%s", shlex.quote(url)))
                if "%s" in command
                else [*shlex.split(command), url]
            )
        except ValueError:  # a malformed entry (an unclosed quote): try the next one
            continue
        if not argv:
            continue
        try:
            subprocess.Popen(  # noqa: S603 - the user's own $BROWSER
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            return True
        except OSError:
            continue
    return False


def show_url(url: str, env: Mapping[str, str] | None = None) -> tuple[bool, str]:
    """Open ``url`` in a browser (blocking: the system's opener may take a moment); (opened, why not)."""
    env = os.environ if env is None else env
    if env.get("BROWSER"):
        return (True, "") if run_browser_env(env["BROWSER"], url) else (False, BROWSER_FAILED)
    reason = headless_reason(env)
    if reason:
        return False, reason
    import webbrowser

    try:
        opened = bool(webbrowser.open(url))
    except Exception:  # noqa: BLE001 - no browser is an answer, not a crash
        opened = False
    return opened, "" if opened else "no browser could be opened"
