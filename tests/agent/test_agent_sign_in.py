"""Sign-in through the agent: a real protected demo (``mcptui demo --http 0 --auth``) and a CLI
call that needs login. The browser is opened by the calling process (not by the agent), and a
pasted redirect typed at the calling terminal reaches the agent's sign-in."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.agent.conftest import calls_to

PROBE = Path(__file__).with_name("browser_probe.py")
LISTENING = re.compile(r"listening on (http://127\.0\.0\.1:\d+/mcp)")
AUTHORIZE = re.compile(rb"(http://127\.0\.0\.1:\d+/authorize\?\S+)")


@pytest.fixture
def protected_demo(tmp_path: Path) -> Iterator[str]:
    """``mcptui demo --http 0 --auth``, the real program; its URL once it listens."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mcptui", "demo", "--http", "0", "--auth"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "MCPTUI_HOME": str(tmp_path / "demo-home")},
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 30)
        match = LISTENING.search(process.stdout.readline() if ready else "")
        assert match, "the protected demo did not start"
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(timeout=10)


def client_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The caller's environment: its own home, no SSH session, no display unless given."""
    drop = ("BROWSER", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "DISPLAY", "WAYLAND_DISPLAY")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(MCPTUI_HOME=str(tmp_path / "home"), OTEL_SDK_DISABLED="true", **extra)
    return env


def test_the_calling_process_opens_the_browser(agent_env, protected_demo, tmp_path):
    log = tmp_path / "probe.log"
    env = client_env(tmp_path, BROWSER=f"{sys.executable} {PROBE}", PROBE_LOG=str(log))
    client = subprocess.Popen(
        [sys.executable, "-m", "mcptui", "call", protected_demo, "whoami"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    out, err = client.communicate(timeout=60)
    assert client.returncode == 0, err
    assert "subject=demo-user" in out
    assert calls_to(protected_demo) == 1  # the agent ran it, on its warm connection
    openers = [line.split()[0] for line in log.read_text().splitlines()]
    assert openers == [str(client.pid)]  # opened by the caller, on its display
    again = subprocess.run(
        [sys.executable, "-m", "mcptui", "call", protected_demo, "whoami"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert again.returncode == 0 and "subject=demo-user" in again.stdout
    assert len(log.read_text().splitlines()) == 1  # signed in once: the warm connection kept it


class Terminal:
    """The caller on a pseudo-terminal: what it writes, and lines typed at it."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env)
        os.close(slave)
        self.output = b""

    def wait_for(self, pattern: re.Pattern[bytes], timeout: float = 30) -> re.Match[bytes]:
        deadline = time.monotonic() + timeout
        while (match := pattern.search(self.output)) is None:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.master], [], [], max(left, 0))
            if not ready:
                raise AssertionError(
                    f"{pattern.pattern!r} never shown; the terminal has {self.output[-600:]!r}"
                )
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the caller has exited and closed the terminal
                chunk = b""
            if not chunk:
                raise AssertionError(f"the caller left before {pattern.pattern!r}: {self.output[-600:]!r}")
            self.output += chunk
        return match

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\r")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        os.close(self.master)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003 - urllib's signature
        return None


def redirect_of(url: str) -> str:
    """Where the authorization page sends the browser (the callback URL with the code), unvisited:
    what a person whose browser cannot reach this machine's callback copies and pastes."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(url, timeout=10)
    except urllib.error.HTTPError as answer:
        location = answer.headers["Location"]
    else:
        raise AssertionError("the authorization page did not redirect")
    if "/consent" in urllib.parse.urlsplit(location).path:  # the demo's consent form: approve
        page = urllib.request.urlopen(urllib.parse.urljoin(url, location), timeout=10).read().decode()  # noqa: S310
        txn = re.search(r'name="txn" value="([^"]+)"', page)
        assert txn is not None
        data = urllib.parse.urlencode({"txn": txn.group(1), "decision": "approve"}).encode()
        try:
            opener.open(urllib.parse.urljoin(url, "/consent"), data=data, timeout=10)
        except urllib.error.HTTPError as answer:
            location = answer.headers["Location"]
    assert "code=" in location, location
    return location


def test_a_redirect_pasted_at_the_calling_terminal_signs_in(agent_env, protected_demo, tmp_path):
    """No browser here (no display): the URL is shown at the caller's terminal, the redirect typed there."""
    terminal = Terminal(
        [sys.executable, "-m", "mcptui", "call", protected_demo, "whoami"], client_env(tmp_path)
    )
    try:
        authorize = terminal.wait_for(AUTHORIZE).group(1).decode()
        terminal.wait_for(re.compile(rb"paste the address"))
        terminal.type(redirect_of(authorize))
        terminal.wait_for(re.compile(rb"subject=demo-user"))
        assert terminal.process.wait(timeout=30) == 0
    finally:
        terminal.close()
    assert calls_to(protected_demo) == 1  # through the agent
