"""Issue 9 point 3: quitting never waits long on a stdio child that ignores SIGTERM and stdin EOF,
and the child never outlives mcptui (CLI and TUI, real processes)."""

from __future__ import annotations

import contextlib
import os
import select
import subprocess
import sys
import time

import pytest

from tests.hostile.conftest import hostile, mcptui
from tests.pty_client import read_until


def _gone(pid: int) -> bool:
    """No such process, or only a zombie waiting to be reaped."""
    try:
        stat = open(f"/proc/{pid}/stat").read()  # noqa: PTH123, SIM115
    except FileNotFoundError:
        return True
    except OSError:  # no /proc: fall back to a signal probe
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def test_the_cli_ends_a_stubborn_child_quickly(tmp_path):
    pid_file = tmp_path / "pid"
    run = mcptui("call", "echo", "x=1", "--", *hostile("stubborn", 0), str(pid_file))
    assert run.code == 0, run.err
    assert run.out.strip() == "ok" and run.err == ""
    assert run.seconds < 6  # ~1.7 s here: 0.5 s grace after stdin EOF, 0.5 s after SIGTERM
    assert _gone(int(pid_file.read_text()))


def test_the_tui_quits_at_once_and_the_stubborn_child_is_gone(tmp_path):
    pty = pytest.importorskip("pty")
    pid_file = tmp_path / "pid"
    master, slave = pty.openpty()
    os.set_blocking(master, True)
    env = {
        **os.environ,
        "OTEL_SDK_DISABLED": "true",
        "TERM": "xterm-256color",
        "COLUMNS": "100",
        "LINES": "30",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "mcptui", "tui", "--", *hostile("stubborn", 0), str(pid_file)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        read_until(master, "echo", [])  # the catalog is on screen: the child is up
        pid = int(pid_file.read_text())
        started = time.monotonic()
        os.write(master, b"\x11")  # ctrl+q
        deadline = started + 10
        while process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)  # keep the pty drained
            if ready:
                with contextlib.suppress(OSError):
                    os.read(master, 65536)
        quit_seconds = time.monotonic() - started
        assert process.poll() is not None, "the TUI did not exit within 10 s of ctrl+q"
        print(f"quit took {quit_seconds:.2f} s")
        assert quit_seconds < 4  # QUIT_GRACE (1.5 s) at most, then the child is killed
        assert _gone(pid), "the stubborn child outlived mcptui"
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
