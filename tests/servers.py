"""Start the demo MCP server as a subprocess for tests and wait for its "listening" line (no sleeps).

`running_demo(*flags)` is a context manager yielding a `DemoProcess` (its URL, the Popen and the
lines it wrote to stderr). It starts ``python -m mcptui.demo --http 0 ...`` (or ``--sse 0``),
reads stdout until ``mcptui-demo listening on URL`` appears (with a timeout), and terminates the
process afterwards.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

LISTENING_PREFIX = "mcptui-demo listening on "
DEMO_MODULE = [sys.executable, "-m", "mcptui.demo"]
START_TIMEOUT = 30.0


@dataclass
class DemoProcess:
    """A running demo server subprocess."""

    url: str
    process: subprocess.Popen[str]
    stderr_lines: list[str] = field(default_factory=list)
    stderr_reader: threading.Thread | None = None

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Wait for the process to end and for its stderr to be read to the end; returns the exit code."""
        code = self.process.wait(timeout=timeout)
        if self.stderr_reader is not None:
            self.stderr_reader.join(timeout)
        return code

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].split("/", 1)[0])


def demo_stdio_command(*flags: str) -> list[str]:
    """The command line that runs the demo server over stdio."""
    return [*DEMO_MODULE, *flags]


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    env.setdefault("OTEL_SDK_DISABLED", "true")
    return env


def _drain(stream, sink: list[str]) -> None:
    for line in stream:
        sink.append(line.rstrip("\n"))


def _wait_for_listening_line(process: subprocess.Popen[str], timeout: float) -> str:
    """Read stdout lines in a thread until the listening line arrives; RuntimeError on exit or timeout."""
    found: list[str] = []
    seen: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            line = line.rstrip("\n")
            if not found and line.startswith(LISTENING_PREFIX):
                found.append(line[len(LISTENING_PREFIX) :].strip())
                ready.set()
            else:
                seen.append(line)
        ready.set()  # EOF: the process exited

    threading.Thread(target=read, name="demo-stdout", daemon=True).start()
    if not ready.wait(timeout) or not found:
        process.kill()
        process.wait(timeout=5)
        stderr = process.stderr.read()[-2000:] if process.stderr else ""
        raise RuntimeError(
            f"demo server did not report listening within {timeout}s; stdout={seen!r}; stderr tail={stderr!r}"
        )
    return found[0]


def stop_process(process: subprocess.Popen[str], timeout: float = 10.0) -> int:
    """SIGTERM then wait; kill if it does not stop in time. Returns the exit code."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    return process.returncode


@contextlib.contextmanager
def running_server(command: list[str], timeout: float = START_TIMEOUT) -> Iterator[DemoProcess]:
    """Run ``command``, a server that prints the demo's listening line; yield it once it listens.

    Its stderr is read in a thread into ``stderr_lines``; it is stopped (SIGTERM, then kill) after.
    """
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_child_env(),
    )
    try:
        url = _wait_for_listening_line(process, timeout)
        demo = DemoProcess(url=url, process=process)
        assert process.stderr is not None
        demo.stderr_reader = threading.Thread(
            target=_drain, args=(process.stderr, demo.stderr_lines), daemon=True
        )
        demo.stderr_reader.start()
        yield demo
    finally:
        stop_process(process)


@contextlib.contextmanager
def running_demo(
    *flags: str, transport: str = "http", timeout: float = START_TIMEOUT
) -> Iterator[DemoProcess]:
    """Run the demo over "http" or "sse" on a free 127.0.0.1 port; yield it once it listens."""
    with running_server([*DEMO_MODULE, f"--{transport}", "0", *flags], timeout) as demo:
        yield demo
