"""A few real ``python -m mcptui`` runs: exit codes, streams and no traceback in a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.pty_client import mcptui_on_a_pty


def mcptui(*argv: str, stdin: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OTEL_SDK_DISABLED": "true"}
    return subprocess.run(
        [sys.executable, "-m", "mcptui", *argv],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_list_json_over_http(demo_http_url):
    done = mcptui("list", demo_http_url, "--json")
    assert done.returncode == 0, done.stderr
    assert any(t["name"] == "add" for t in json.loads(done.stdout)["tools"])
    assert done.stderr == ""


def test_call_over_stdio(demo_stdio_command):
    done = mcptui("call", "add", "a=2", "b=3", "--", *demo_stdio_command)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "5"


def test_tool_error_in_a_real_process(demo_http_url):
    done = mcptui("call", demo_http_url, "fail")
    assert done.returncode == 5
    assert "Something went wrong on purpose" in done.stdout
    assert done.stderr == "error: tool 'fail' returned an error (isError: true)\n"


def test_elicitation_with_piped_stdin_declines(demo_legacy_url):
    done = mcptui("call", demo_legacy_url, "ask_user", stdin="anything\n")
    assert done.returncode == 0, done.stderr
    assert "decline" in done.stdout and "not a terminal" in done.stderr


def test_elicitation_on_a_terminal_prompts_with_defaults(demo_legacy_url):
    with mcptui_on_a_pty("call", demo_legacy_url, "ask_user") as client:
        client.read_until("Ctrl-D declines")
        answers = []
        for _ in range(4):  # name, age, subscribe, color: the prompt shows each default
            client.read_until("]: ")
            prompt = client.shown
            client.seen.clear()
            answers.append(prompt)
            client.type(b"41\n" if "age" in prompt.lower() else b"\n")
        out, _ = client.process.communicate(timeout=60)
    assert client.process.returncode == 0, client.shown
    assert "[Ada]" in answers[0]
    assert "accepted: name=Ada age=41" in out


@pytest.mark.parametrize(
    "argv, code",
    [
        (["list"], 1),
        (["--transport", "bogus", "list", "x"], 1),
        (["list", "no-such-server"], 1),
        (["list", "--", "mcptui-no-such-command-xyz"], 4),
    ],
)
def test_exit_codes_in_a_real_process(argv, code):
    done = mcptui(*argv)
    assert done.returncode == code, done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr


def test_refused_port_in_a_real_process(refused_url):
    done = mcptui("--json", "list", refused_url)
    assert done.returncode == 4
    assert json.loads(done.stderr)["error"]["code"] in ("unreachable", "transport")


def test_console_script_entry_point_is_wired():
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "mcptui"]
    assert script.value == "mcptui.__main__:main"
    assert script.load() is __import__("mcptui.__main__", fromlist=["main"]).main


def test_ctrl_c_during_a_call_exits_130_quietly_and_cancels(demo_http_url):
    signal = pytest.importorskip("signal")
    if not hasattr(signal, "SIGINT") or sys.platform == "win32":
        pytest.skip("POSIX signals only")
    process = subprocess.Popen(
        [sys.executable, "-m", "mcptui", "-v", "call", demo_http_url, "slow_count", "steps=200", "delay=0.2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "OTEL_SDK_DISABLED": "true"},
        # a background shell may have left SIGINT ignored; give the child the default
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stderr is not None
        seen = []
        for line in process.stderr:  # wait for the call to be under way: its first progress line
            seen.append(line)
            if line.startswith("· progress 1/200"):
                break
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, "".join(seen) + err
    assert out == ""
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "notifications/cancelled" in err


def test_closed_stdout_is_a_quiet_exit(demo_http_url):
    """`mcptui list ... | head -0`: the reader is gone before the output; no traceback, exit 141."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mcptui", "list", demo_http_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "OTEL_SDK_DISABLED": "true"},
    )
    assert process.stdout is not None
    process.stdout.close()  # before the CLI can possibly have connected and printed
    _, err = process.communicate(timeout=60)
    assert process.returncode == 141, err
    assert err == ""


def test_unencodable_output_is_escaped_not_a_crash(demo_http_url):
    done = subprocess.run(
        [sys.executable, "-m", "mcptui", "list", demo_http_url],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "OTEL_SDK_DISABLED": "true", "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == 0, done.stderr
    assert "\\u2014 mcptui-demo" in done.stdout


def test_progress_line_on_a_terminal(demo_http_url):
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "mcptui", "call", demo_http_url, "slow_count", "steps=3", "delay=0"],
        stdin=subprocess.DEVNULL,
        stderr=slave,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "OTEL_SDK_DISABLED": "true"},
    )
    os.close(slave)
    seen: list[str] = []
    try:
        out, _ = process.communicate(timeout=60)
        while True:  # the child has exited: drain what it wrote to the terminal
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen.append(chunk.decode(errors="replace"))
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert process.returncode == 0
    assert "Counted to 3" in out
    terminal = "".join(seen)
    assert "progress 3/3" in terminal
    assert terminal.endswith("\r\x1b[K")  # the progress line is erased before the result
