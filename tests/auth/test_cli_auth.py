"""``mcptui auth ...`` and auth in other commands, as real processes (``$BROWSER`` is a script)."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest

FOLLOW = Path(__file__).with_name("follow_browser.py")


def cli_env(tmp_path: Path, browser: bool = True) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("BROWSER", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY")
    }
    env.update(
        MCPTUI_HOME=str(tmp_path / "home"),
        FOLLOW_LOG=str(tmp_path / "visits.log"),
        PYTHONPATH=os.pathsep.join(sys.path),
    )
    if browser:
        env["BROWSER"] = f"{sys.executable} {FOLLOW}"
    return env


async def mcptui(env: dict[str, str], *args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "mcptui",
        *args,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(stdin), 60)
    return proc.returncode, out.decode(), err.decode()


def visits(tmp_path: Path) -> int:
    log = tmp_path / "visits.log"
    return len(log.read_text().splitlines()) if log.exists() else 0


async def test_login_status_reuse_logout(tmp_path):
    from mcptui.demo.auth_server import serve_auth_demo

    async with serve_auth_demo(consent_page=True) as demo:
        env = cli_env(tmp_path)
        code, out, err = await mcptui(env, "auth", "login", demo.url)
        assert code == 0, err
        assert "signed in (oauth)" in out and "refresh token: yes" in out and "(dcr)" in out
        assert "waiting for the browser to finish" in err  # no terminal: the wait is still said
        assert visits(tmp_path) == 1
        code, out, _ = await mcptui(env, "auth", "status", demo.url, "--json")
        info = json.loads(out)
        assert code == 0 and info["signedIn"] and info["scopes"] == "mcp:read"
        token = next(iter(demo.provider.access))
        assert token not in out
        code, out, err = await mcptui(env, "call", demo.url, "whoami")
        assert code == 0, err
        assert "subject=demo-user" in out and visits(tmp_path) == 1  # the saved token was used
        code, out, _ = await mcptui(env, "auth", "logout", demo.url)
        assert code == 0 and "signed out (refresh token, access token)" in out
        assert demo.provider.access == {} and demo.provider.refresh == {}
        code, out, _ = await mcptui(env, "auth", "status", demo.url)
        assert code == 3 and "not signed in" in out


async def test_no_tty_no_browser_fails_fast_with_exit_3_and_what_to_run(tmp_path):
    from mcptui.demo.auth_server import serve_auth_demo

    async with serve_auth_demo(consent_page=False) as demo:
        code, out, err = await mcptui(
            cli_env(tmp_path, browser=False), "call", demo.url, "whoami", "--no-browser"
        )
        assert code == 3
        assert f"mcptui auth login {demo.url}" in err and "Traceback" not in err
        code, out, err = await mcptui(
            cli_env(tmp_path, browser=False), "list", demo.url, "--no-browser", "--json"
        )
        assert code == 3 and json.loads(out or err)["error"]["exitCode"] == 3


async def test_broken_browser_without_a_terminal_fails_fast_instead_of_waiting(tmp_path):
    from mcptui.demo.auth_server import serve_auth_demo

    not_executable = tmp_path / "browser.txt"
    not_executable.write_text("not a program")
    async with serve_auth_demo(consent_page=False) as demo:
        env = {**cli_env(tmp_path, browser=False), "BROWSER": str(not_executable)}
        code, out, err = await mcptui(env, "auth", "login", demo.url)
        assert code == 3
        assert "$BROWSER could not be started" in err and "Traceback" not in err


async def test_auth_token_stores_a_pasted_token(tmp_path):
    from mcptui.demo.auth_server import serve_auth_demo

    async with serve_auth_demo(consent_page=False) as demo:
        token = demo.provider.issue("pasted", ["mcp:read"], demo.url, "paster").access_token
        env = cli_env(tmp_path, browser=False)
        code, out, err = await mcptui(env, "auth", "token", demo.url, stdin=f"{token}\n".encode())
        assert code == 0 and "stored bearer credentials" in out, err
        code, out, err = await mcptui(env, "call", demo.url, "whoami", "--no-browser")
        assert code == 0 and "subject=paster" in out, err


async def test_demo_auth_command_prints_one_listening_line(tmp_path):
    env = cli_env(tmp_path)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "mcptui",
        "demo",
        "--http",
        "0",
        "--auth",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        line = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode().strip()
        assert line.startswith("mcptui-demo listening on http://127.0.0.1:") and line.endswith("/mcp (OAuth)")
        url = line.split(" on ", 1)[1].split(" ", 1)[0]
        code, out, err = await mcptui(env, "call", url, "write_note", "text=hi")
        assert code == 0 and "wrote 'hi'" in out, err
        assert visits(tmp_path) == 2  # login, then the step-up for notes:write
    finally:
        proc.terminate()
        await proc.wait()


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs /usr/bin/chromium")
async def test_real_headless_chromium_signs_in(tmp_path):
    from mcptui.demo.auth_server import serve_auth_demo

    async with serve_auth_demo(consent_page=True) as demo:
        env = cli_env(tmp_path, browser=False)
        # --dump-dom makes chromium exit once the page (and, with the time budget, the consent
        # page's auto-submit and the redirect into our callback) has run
        env["BROWSER"] = (
            "/usr/bin/chromium --headless=new --no-sandbox --disable-gpu --virtual-time-budget=5000 "
            f"--dump-dom --user-data-dir={tmp_path / 'chromium'} %s"
        )
        code, out, err = await mcptui(env, "auth", "login", demo.url)
        assert code == 0 and "signed in (oauth)" in out, err


async def test_server_commands_take_the_auth_options(tmp_path):
    from mcptui.demo.auth_provider import ALL_SCOPES, MACHINE_CLIENT_ID, MACHINE_CLIENT_SECRET, READ_SCOPE
    from mcptui.demo.auth_server import serve_auth_demo

    async with serve_auth_demo(consent_page=False) as demo:
        env = cli_env(tmp_path, browser=False)
        machine = ["--grant", "client-credentials", "--client-id", MACHINE_CLIENT_ID]
        code, out, err = await mcptui(
            env,
            "call",
            demo.url,
            "whoami",
            *machine,
            "--client-secret",
            MACHINE_CLIENT_SECRET,
            "--scope",
            READ_SCOPE,
        )
        assert code == 0, err
        assert f"client={MACHINE_CLIENT_ID}" in out and f"scopes={READ_SCOPE}" in out
        assert set(ALL_SCOPES) != {READ_SCOPE}
        for command in (["list", demo.url], ["read", demo.url, "demo://readme"], ["prompt", demo.url, "x"]):
            code, _, err = await mcptui(
                env, *command, "--private-key", str(tmp_path / "none.pem"), "--grant", "device"
            )
            assert "unrecognized arguments" not in err and "Traceback" not in err
