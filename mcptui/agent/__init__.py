"""The per-user agent that keeps MCP connections warm for the command line.

``python -m mcptui.agent`` (started by the CLI on first use, see
:mod:`mcptui.cli.agent_client`) binds a 0600 unix socket in a 0700 runtime folder, forks
into the background and serves one-shot commands with the CLI's own code on pooled
connections (:mod:`.pool`), relaying the caller's terminal (:mod:`.terminal`), and a TUI's
``catalog`` request at launch from the same connections (:mod:`mcptui.cli.agent_catalog`). It exits
after ``MCPTUI_AGENT_IDLE`` seconds (default 600) without a command, or on
``mcptui sessions stop --all``. Modules: ``launch`` (bind, fork) → ``server`` (frames,
idle) → ``runner`` (a command in a worker thread) → ``pool``, ``terminal``.
"""
