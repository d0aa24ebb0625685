"""Helpers for the hostile-server tests: the misbehaving stdio server's command line, a real run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent


def hostile(mode: str, n: int | None = None) -> list[str]:
    """The command line of the raw stdio server in ``mode`` (see ``stdio_server.py``)."""
    return [sys.executable, str(HERE / "stdio_server.py"), mode, *([str(n)] if n is not None else [])]


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float


def mcptui(*argv: str, timeout: float = 60, env: dict[str, str] | None = None) -> Run:
    """A real ``python -m mcptui`` process; its exit code, streams and wall time."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "mcptui", *argv],
        input="",
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "OTEL_SDK_DISABLED": "true", **(env or {})},
    )
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


from tests.cli.conftest import refused_url, run_cli  # noqa: E402, F401 - the CLI fixtures, shared
