"""Where the MCP reference server-everything (npm) is, for the interop tests; None when it is absent.

``.ci/run`` installs ``tests/everything/package.json`` (a pinned server-everything) into a cache
folder, ``$MCPTUI_TEST_EVERYTHING_CACHE``, else ``~/.cache/mcptui-tests/server-everything``.
The tests never download it: they find it there, or ``mcp-server-everything`` on PATH, or a
command line in ``$MCPTUI_SERVER_EVERYTHING`` (e.g. ``npx -y @modelcontextprotocol/server-everything``),
and skip cleanly when none is there (or node is missing).
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

ENTRY = Path("node_modules/@modelcontextprotocol/server-everything/dist/index.js")


def cache_dir() -> Path:
    return Path(
        os.environ.get("MCPTUI_TEST_EVERYTHING_CACHE")
        or Path.home() / ".cache/mcptui-tests/server-everything"
    )


def everything_command() -> list[str] | None:
    """The command line that starts server-everything on stdio, or None."""
    if command := os.environ.get("MCPTUI_SERVER_EVERYTHING"):
        return shlex.split(command)
    node = shutil.which("node")
    if node and (cache_dir() / ENTRY).is_file():
        return [node, str(cache_dir() / ENTRY), "stdio"]
    found = shutil.which("mcp-server-everything")
    return [found, "stdio"] if found else None
