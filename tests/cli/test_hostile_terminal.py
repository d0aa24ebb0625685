"""The real ``mcptui`` CLI on a pseudo-terminal against the hostile server: no raw control bytes.

Every run is the installed binary with stdout and stderr on a real pty (as in a user's
shell): the server's escape sequences must arrive as visible ``␛`` text, never as ESC, BEL,
backspace, C1 or bidi bytes. ``--json`` stays valid JSON holding the exact server strings.
Secrets in a URL never appear in an error line, human or ``--json``.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile_server import CLIPBOARD, PAYLOAD, RAW_BYTES, SERVER_NAME, TITLE, stdio_command

MCPTUI = Path(sys.executable).parent / "mcptui"
DEADLINE = 60.0

pytestmark = pytest.mark.skipif(not MCPTUI.exists() or sys.platform == "win32", reason="needs a pty")


def on_pty(*argv: str, answer_after: bytes = b"") -> tuple[int, str]:
    """Run ``mcptui argv`` with stdin, stdout and stderr on a new pty; (exit code, all output).

    With ``answer_after``, Enter is typed once that text has been printed (a prompt).
    """
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "TERM": "xterm-256color", "COLUMNS": "200"}
    process = subprocess.Popen(
        [str(MCPTUI), *argv],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    output = bytearray()
    deadline = time.monotonic() + DEADLINE
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every writer has closed the pty
                break
            if not chunk:
                break
            output += chunk
            if answer_after and answer_after in output:
                os.write(master, b"\n")
                answer_after = b""
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
    return process.returncode, output.decode("utf-8", errors="replace")


def assert_inert(output: str, *, visible: bool = True) -> None:
    raw = [repr(ch) for ch in RAW_BYTES if ch in output]
    assert not raw, f"raw control characters reached the terminal: {raw}"
    if visible:  # the hostile sequences are shown, visibly, not acted on
        assert f"␛]0;{TITLE}␇" in output


def test_list_shows_no_raw_escapes() -> None:
    code, out = on_pty("list", "--", *stdio_command())
    assert code == 0, out
    assert_inert(out)
    assert f"␛]52;c;{CLIPBOARD}␇" in out and "evil␛[2J" in out
    assert "[bold red]MARKUP[/]" in out  # brackets printed as they came


@pytest.mark.parametrize(("tool", "code", "marker"), [("boom", 0, "result"), ("markdown", 0, "Heading")])
def test_call_results_show_no_raw_escapes(tool: str, code: int, marker: str) -> None:
    done, out = on_pty("call", tool, "--", *stdio_command())
    assert done == code, out
    assert_inert(out)
    assert f"{marker} ␛[2J" in out


def test_tool_error_and_rpc_error_show_no_raw_escapes() -> None:
    code, out = on_pty("call", "fail", "--", *stdio_command())
    assert code == 5, out
    assert_inert(out)
    assert "tool failed ␛[2J" in out
    code, out = on_pty("call", "rpc_fail", "--", *stdio_command())
    assert code != 0, out
    assert_inert(out)
    assert "rpc error ␛[2J" in out


def test_verbose_log_and_stderr_lines_show_no_raw_escapes() -> None:
    code, out = on_pty("-v", "call", "logs", "--", *stdio_command())
    assert code == 0, out
    assert_inert(out)
    assert "stderr ␛[2J" in out and "log ␛[2J" in out


def test_elicitation_prompt_shows_no_raw_escapes() -> None:
    code, out = on_pty("call", "elicit", "--", *stdio_command(), answer_after=b"[x]: ")
    assert code == 0, out
    assert_inert(out)
    assert "asks: elicit ␛[2J" in out and "name ␛[2J" in out


def test_json_output_is_escaped_and_exact() -> None:
    done = subprocess.run(
        [str(MCPTUI), "--json", "list", "--", *stdio_command()],
        capture_output=True,
        text=True,
        timeout=DEADLINE,
    )
    assert done.returncode == 0, done.stderr
    assert not any(ch in done.stdout for ch in RAW_BYTES)
    data = json.loads(done.stdout)
    assert data["serverInfo"]["name"] == SERVER_NAME
    tools = {tool["name"]: tool for tool in data["tools"]}
    assert tools["boom"]["description"].startswith(f"Returns hostile text {PAYLOAD}")


@pytest.mark.parametrize("as_json", [False, True])
@pytest.mark.parametrize("shape", ["query", "userinfo"])
def test_url_secrets_never_printed_on_a_refused_port(refused_url: str, shape: str, as_json: bool) -> None:
    url = f"{refused_url}?api_key=SECRET" if shape == "query" else refused_url.replace("//", "//user:SECRET@")
    code, out = on_pty(*(["--json"] if as_json else []), "list", url)
    assert code == 4, out
    assert "SECRET" not in out
    assert "127.0.0.1" in out


def test_an_authorization_server_error_description_is_printed_inert(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``auth login`` reports an AS's ``error_description`` through the same error line."""
    from mcptui.cli.context import report_error
    from mcptui.core.errors import AuthError

    report_error(
        AuthError(f"the authorization server said: {PAYLOAD}", hint=f"retry {PAYLOAD}"), as_json=False
    )
    err = capsys.readouterr().err
    assert_inert(err)
    assert err.startswith("error: the authorization server said: ␛[2J") and "\nhint: retry ␛[2J" in err
    report_error(AuthError(f"said: {PAYLOAD}"), as_json=True)
    line = capsys.readouterr().err
    assert not any(ch in line for ch in RAW_BYTES)
    assert json.loads(line)["error"]["message"] == f"said: {PAYLOAD}"
