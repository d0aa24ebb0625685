"""A stdio server spawned before the SDK is imported is the one the SDK's stdio client uses.

The connection spawns the child early (child_guard.prespawn) so that the server starts while the
SDK is imported; the SDK's spawn takes it when everything matches, and ends it otherwise.
"""

from __future__ import annotations

import sys

from mcptui.core import child_guard
from mcptui.core.connection import ServerConnection
from mcptui.core.server_config import ServerConfig
from mcptui.core.stderr_pipe import StderrPipe


def stdio(command: list[str], **kw) -> ServerConfig:
    return ServerConfig(name="demo", transport="stdio", command=command[0], args=command[1:], **kw)


async def test_the_sdk_takes_the_child_spawned_early(demo_stdio_command, monkeypatch) -> None:
    early: list[int] = []
    real = child_guard.prespawn

    async def recording(*args, **kwargs) -> None:
        await real(*args, **kwargs)
        early.extend(process.pid for _env, process in child_guard._early.values())

    monkeypatch.setattr(child_guard, "prespawn", recording)
    async with ServerConnection(stdio(demo_stdio_command)) as conn:
        assert conn.catalog is not None and conn.catalog.tool("echo")
        assert len(early) == 1
        assert child_guard._early == {}  # taken
        assert child_guard.alive() == early  # and no second child
    assert early[0] not in child_guard.alive()


def test_the_environment_given_matches_the_sdks() -> None:
    from mcp.client import stdio

    assert tuple(stdio.DEFAULT_INHERITED_ENV_VARS) == child_guard.INHERITED_ENV
    assert child_guard.child_environment({"A": "1"}) == stdio.get_default_environment() | {"A": "1"}


async def test_an_early_child_that_does_not_match_is_ended() -> None:
    from mcp.client import stdio

    from mcptui.core import transports  # installs the tracking wrapper

    assert transports.child_guard is child_guard
    pipe = StderrPipe(lambda _event: None, "x")
    await pipe.start()
    code = ["-c", "import sys; sys.stdin.read()"]
    await child_guard.prespawn(sys.executable, code, {"A": "1"}, pipe.writer, None)
    ((_env, first),) = child_guard._early.values()
    second = await stdio._create_platform_compatible_process(
        command=sys.executable, args=code, env={"A": "2"}, errlog=pipe.writer, cwd=None
    )
    try:
        assert second.pid != first.pid
        assert await first.wait() != 0  # killed, not left running
        assert child_guard._early == {}
    finally:
        second.kill()
        await second.wait()
        await first.aclose()
        await second.aclose()
        await pipe.close()
