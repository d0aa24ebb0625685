"""Interop with a real third-party authorization server: oidc-provider (npm) on 127.0.0.1, in
front of an SDK resource server that checks tokens by introspection.

Skipped cleanly without node/npm or when the package cannot be installed. Sign-ins go through
oidc-provider's own dev interactions (any login, then consent), driven by ``oidc/follow_oidc.py``.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

from mcptui.core.auth import AuthOptions, BrowserOptions, NonInteractive, TokenStore, make_auth_factory
from mcptui.core.auth.manage import login, logout, refresh_now
from mcptui.core.events import AuthStep, EventRecorder
from mcptui.core.server_config import ServerConfig

from .conftest import call_tool
from .oidc.follow_oidc import follow
from .oidc_rig import oidc_rig
from .test_cli_auth import cli_env, mcptui

FOLLOW = Path(__file__).with_name("oidc") / "follow_oidc.py"


def browser() -> BrowserOptions:
    def opener(url: str) -> bool:
        asyncio.get_running_loop().create_task(asyncio.to_thread(follow, url))
        return True

    return BrowserOptions(opener=opener)


def options(**extra) -> AuthOptions:
    return AuthOptions(browser=browser(), callback_port=0, **extra)


async def test_login_with_no_flags_refresh_step_up_and_logout_with_revocation(tmp_path):
    async with oidc_rig() as rig:
        store, recorder = TokenStore(tmp_path / "auth"), EventRecorder()
        config = ServerConfig(name="oidc", url=rig.url)
        record = await login(
            config, interaction=NonInteractive(), store=store, options=options(), sink=recorder
        )
        assert record.issuer == rig.issuer and record.client_kind == "dcr"
        assert record.tokens.refresh_token, (
            "an OpenID provider issues a refresh token only with prompt=consent"
        )
        assert "mcp:read" in (record.tokens.scope or "")
        first = record.tokens

        # the token works at the resource server, which checks it by introspection
        auth = make_auth_factory(NonInteractive(), store=store, options=options())(config, recorder)
        assert "scopes=" in await call_tool(rig.url, auth, "whoami")

        # refresh (rotation: the old refresh token is spent)
        refreshed = await refresh_now(config, store=store, options=options(), interaction=NonInteractive())
        assert refreshed.tokens.access_token != first.access_token
        assert refreshed.tokens.refresh_token and refreshed.tokens.refresh_token != first.refresh_token
        assert not (await rig.tokens.introspect(first.refresh_token)).get("active")

        # step-up: write_note needs notes:write; the 403 challenge makes mcptui sign in again for it
        auth = make_auth_factory(NonInteractive(), store=store, options=options())(config, recorder)
        assert "wrote 'hi'" in await call_tool(rig.url, auth, "write_note", {"text": "hi"})
        stepped = store.load_server(config.url and record.server_url)
        assert "notes:write" in (stepped.tokens.scope or "") and stepped.tokens.refresh_token

        # logout revokes at the AS: introspection then says the tokens are dead
        result = await logout(config, store=store, options=options(), interaction=NonInteractive())
        assert result["deleted"] and set(result["revoked"]) == {"refresh_token", "access_token"}
        assert not (await rig.tokens.introspect(stepped.tokens.access_token)).get("active")
        assert not (await rig.tokens.introspect(stepped.tokens.refresh_token)).get("active")
        steps = [(e.step, e.status) for e in recorder.of(AuthStep)]
        assert ("registration", "ok") in steps


async def test_cli_auth_login_with_no_flags_signs_in(tmp_path):
    async with oidc_rig() as rig:
        env = {**cli_env(tmp_path, browser=False), "BROWSER": f"{sys.executable} {FOLLOW}"}
        code, out, err = await mcptui(env, "auth", "login", rig.url)
        assert code == 0, err
        assert "refresh token: yes" in out and "(dcr)" in out
        code, out, err = await mcptui(env, "call", rig.url, "whoami", "--json")
        assert code == 0, err and "scopes=" in out
        code, out, _ = await mcptui(env, "auth", "logout", rig.url, "--json")
        assert code == 0 and json.loads(out)["revoked"] == ["refresh_token", "access_token"]


async def test_device_flow_end_to_end(tmp_path):
    async with oidc_rig() as rig:
        store, recorder = TokenStore(tmp_path / "auth"), EventRecorder()
        config = ServerConfig(name="oidc", url=rig.url)

        class Person(NonInteractive):
            async def show_device_code(self, prompt) -> None:
                await super().show_device_code(prompt)
                asyncio.get_running_loop().create_task(
                    asyncio.to_thread(follow, prompt.verification_uri, prompt.user_code)
                )

        opts = AuthOptions(
            browser=BrowserOptions(no_browser=True), sleep=lambda s: asyncio.sleep(min(s, 0.2))
        )
        record = await login(
            config, interaction=Person(can_show_codes=True), store=store, options=opts, sink=recorder
        )
        assert record.tokens.access_token and record.client_kind == "dcr"
        auth = make_auth_factory(NonInteractive(), store=store, options=opts)(config, recorder)
        assert "scopes=" in await call_tool(rig.url, auth, "whoami")
        details = [e.detail for e in recorder.of(AuthStep) if e.step == "device"]
        assert any("no browser and no terminal" in d for d in details)
        assert any("enter the code" in d for d in details)


@pytest.fixture(autouse=True)
def _no_browser_env(monkeypatch):
    for name in ("BROWSER", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)


async def test_cli_device_flow_shows_the_code_on_stderr_and_signs_in(tmp_path):
    import re

    async with oidc_rig() as rig:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "mcptui",
            "auth",
            "login",
            rig.url,
            "--grant",
            "device",
            env=cli_env(tmp_path, browser=False),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        assert proc.stderr is not None and proc.stdout is not None
        said = ""
        while "enter the code" not in said:
            line = await asyncio.wait_for(proc.stderr.readline(), 30)
            assert line, said
            said += line.decode()
        said += (await asyncio.wait_for(proc.stderr.readline(), 30)).decode()
        uri = re.search(r"open (http\S+)", said).group(1)
        code = re.search(r"enter the code\s+(\S+)", said).group(1)
        await asyncio.to_thread(follow, uri, code)
        out, err = await asyncio.wait_for(proc.communicate(), 60)
        assert proc.returncode == 0, err.decode()
        assert "refresh token: yes" in out.decode() and "Traceback" not in err.decode()
