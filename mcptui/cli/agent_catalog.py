"""A TUI's catalog at launch from the warm agent: one ``catalog`` frame over its socket.

When an agent is running (``mcptui sessions`` shows it), the TUI asks it, before Textual is
imported, for the catalog of the server it opens: the agent answers from its warm connection
(the one ``mcptui list TARGET`` uses, connecting an HTTP server if it has none), in a few
milliseconds instead of the SDK's ~0.5 s import. The answer is a prefetch line
(:mod:`mcptui.core.prefetch`), read in a thread: nothing here imports the SDK. The TUI still
opens its own connection (calls, server requests, logs are its own), right after.

No agent is started for this: one that is not running costs what the prefetch child costs
(an interpreter and the SDK import) and then stays in the background for ten minutes,
serving nobody but this one launch; the child does the same job and leaves nothing behind.
``--no-agent`` and ``MCPTUI_NO_AGENT=1`` skip the agent here too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import socket

from mcptui.cli import agent_client
from mcptui.core.prefetch import LinePrefetch, config_fingerprint
from mcptui.core.server_config import ServerConfig

ASK_TIMEOUT = 2.0  # connecting and sending; the answer itself is awaited like any prefetch


def catalog_frame(config: ServerConfig) -> dict[str, object]:
    """The ``catalog`` request for ``config``: its settings, this process's folder and environment."""
    return {"t": "catalog", "config": dataclasses.asdict(config), "cwd": os.getcwd(), "env": dict(os.environ)}


class AgentPrefetch(LinePrefetch):
    """The agent's answer to one ``catalog`` request, on a connected socket."""

    def __init__(self, config: ServerConfig, sock: socket.socket) -> None:
        sock.settimeout(None)  # the reader thread waits; close() ends the wait

        def stop() -> None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

        super().__init__(config_fingerprint(config), sock.makefile("rb"), stop)


def ask_agent(config: ServerConfig, *, use_agent: bool = True) -> AgentPrefetch | None:
    """The running agent's catalog of ``config`` (on its way), or None: no agent answers here."""
    if not use_agent or not agent_client.allowed(None):
        return None
    try:
        sock = agent_client.connect(timeout=ASK_TIMEOUT)
    except (agent_client.AgentUnavailable, OSError):
        return None
    try:
        if not agent_client.same_user(sock):
            raise OSError("the agent socket belongs to another user")
        agent_client.send_frame(sock, catalog_frame(config))
    except OSError:
        sock.close()
        return None
    return AgentPrefetch(config, sock)
