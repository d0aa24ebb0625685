"""The real ``mcptui`` binary in a real terminal (tmux): start on the stdio demo, send keys,
read the screen. Skipped when tmux is not installed. Waits by polling the pane with a deadline."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
MCPTUI = Path(sys.executable).parent / "mcptui"
DEADLINE = 40.0

pytestmark = pytest.mark.skipif(
    TMUX is None or not MCPTUI.exists(), reason="needs tmux and the mcptui script"
)


class Pane:
    """A tmux session on a private socket, running one command."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.socket = f"mcptui-test-{uuid.uuid4().hex[:8]}"
        self.target = "mcptui"
        exports = [f"{k}={v}" for k, v in env.items()]
        # a new detached session may start at 80x24 and be resized an instant later: start the
        # app only once the pty has its final size, so its first size query is the real one
        script = 'while [ "$(stty size)" != "36 120" ]; do sleep 0.05; done; exec ' + shlex.join(command)
        self._tmux(
            "new-session",
            "-d",
            "-s",
            self.target,
            "-x",
            "120",
            "-y",
            "36",
            *[arg for pair in exports for arg in ("-e", pair)],
            shlex.join(["sh", "-c", script]),
        )

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            [TMUX, "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "COLUMNS": "120", "LINES": "36"},
        ).stdout

    def settle_size(self) -> None:
        """Resize the window twice (121, then 120 columns): whatever size the app read at start,
        the SIGWINCH makes it lay out again at the pane's real size."""
        self._tmux("resize-window", "-t", self.target, "-x", "121", "-y", "36")
        self._tmux("resize-window", "-t", self.target, "-x", "120", "-y", "36")

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.target)

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.target, *keys)

    def wait_for(self, text: str, timeout: float = DEADLINE) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")
            time.sleep(0.1)  # poll interval while waiting on the pane's content

    def alive(self) -> bool:
        return (
            subprocess.run(
                [TMUX, "-L", self.socket, "has-session", "-t", self.target], capture_output=True
            ).returncode
            == 0
        )

    def close(self) -> None:
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True)


def test_real_binary_in_tmux() -> None:
    env = {"MCPTUI_HOME": os.environ["MCPTUI_HOME"], "TERM": "xterm-256color"}
    pane = Pane([str(MCPTUI), "--", sys.executable, "-m", "mcptui.demo"], env)
    try:
        pane.wait_for("connected · 2026-07-28")
        pane.settle_size()
        screen = pane.wait_for("f2 Palette")  # the whole footer fits: laid out at 120 columns
        assert re.search(r"Tools \d\d", screen) and "echo" in screen  # the demo's tools, counted
        pane.send("/")
        pane.wait_for("esc Leave field")  # the footer says a text field has the focus
        pane.send("-l", "slow")
        screen = pane.wait_for("Tools 1/")
        assert "slow_count" in screen and "describe_order" not in screen
        pane.send("Enter")
        pane.wait_for("Count slowly")
        pane.send("F1")
        pane.wait_for("Keys available here")
        pane.send("Escape")
        pane.send("C-q")
        deadline = time.monotonic() + DEADLINE
        while pane.alive() and time.monotonic() < deadline:
            time.sleep(0.1)  # poll until the app has exited
        assert not pane.alive()
    finally:
        pane.close()


def test_bare_mcptui_opens_on_the_demo_when_nothing_is_configured() -> None:
    env = {"MCPTUI_HOME": os.environ["MCPTUI_HOME"], "TERM": "xterm-256color"}
    pane = Pane([str(MCPTUI)], env)
    try:
        screen = pane.wait_for("connected · 2026-07-28")
        assert "● demo" in screen and "stdio" in screen
        pane.send("C-q")
    finally:
        pane.close()
