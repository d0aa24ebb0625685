"""The ``mcptui`` command line: one-shot commands on the core, and the launch of the TUI.

Modules, each depending only on those listed after it (``tests/cli/test_cli_layering.py``):
``main`` (run one command, errors to exit codes) → ``parser`` (argparse from the command
table) → ``commands_server`` (list, call, read, prompt), ``commands_auth``, ``commands_local``
(servers, import, locate, demo, tui) → ``context`` (servers file, TARGET, event sink, auth
options, error lines) → ``render``, ``confirm``, ``handlers``, ``events``, ``auth_tty``.
Nothing here imports :mod:`mcptui.ui`: the program (``mcptui.__main__``) passes the TUI in.
"""

from mcptui.cli.main import main

__all__ = ["main"]
