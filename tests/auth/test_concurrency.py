"""Two mcptui processes sharing one token store refresh once, and both end up with a valid token."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from mcptui.core.auth.redaction import fingerprint

from .conftest import call_tool, make_auth

WORKER = Path(__file__).with_name("refresh_worker.py")


async def test_two_processes_refresh_once_and_share_the_rotated_token(demo, store, browser, clock, recorder):
    await call_tool(demo.url, make_auth(demo, store, browser, clock, recorder), "whoami")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            str(WORKER),
            str(store.root),
            demo.url,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            env=env,
        )
        for _ in range(2)
    ]
    for proc in procs:  # both hold the same (soon stale) record before either refreshes
        assert (await proc.stdout.readline()).strip() == b"loaded"
    for proc in procs:
        proc.stdin.write(b"go\n")
        await proc.stdin.drain()
    results = [(await proc.stdout.readline()).decode().strip() for proc in procs]
    for proc in procs:
        await proc.wait()
    saved = store.load_server(demo.url).tokens
    assert demo.provider.counters["refresh"] == 1  # the second process reused the first one's result
    assert results == [fingerprint(saved.access_token)] * 2
    assert saved.refresh_token in demo.provider.refresh  # the rotated refresh token was persisted
    assert "subject=demo-user" in await call_tool(
        demo.url, make_auth(demo, store, browser, clock, recorder), "whoami"
    )
    assert len(browser.visits) == 1
