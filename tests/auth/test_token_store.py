"""The token store: 0600 files, atomic writes, corrupt files set aside, per-issuer registrations, locks."""

from __future__ import annotations

import asyncio
import os
import stat
import sys
import textwrap

from mcptui.core.auth.token_store import ClientRegistration, ServerRecord, TokenSet, TokenStore

URL = "https://mcp.example.com/mcp"


def test_round_trip_permissions_and_no_secret_in_repr(tmp_path):
    store = TokenStore(tmp_path / "auth")
    record = ServerRecord(
        server_url=URL, tokens=TokenSet("AT-SECRET", refresh_token="RT-SECRET", expires_at=5.0)
    )
    store.save_server(record)
    path = store.server_path(URL)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    loaded = store.load_server(URL)
    assert loaded.tokens.access_token == "AT-SECRET" and loaded.tokens.refresh_token == "RT-SECRET"
    assert "SECRET" not in repr(loaded)
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left behind
    assert store.delete_server(URL) and store.load_server(URL) is None


def test_corrupt_file_is_set_aside_with_a_message_and_never_overwritten(tmp_path):
    messages: list[str] = []
    store = TokenStore(tmp_path / "auth", notify=messages.append)
    store.save_server(ServerRecord(server_url=URL))
    path = store.server_path(URL)
    path.write_text("{ this is not json")
    assert store.load_server(URL) is None
    assert messages and "not valid JSON" in messages[0] and "moved it to" in messages[0]
    aside = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_text() == "{ this is not json"
    store.save_server(ServerRecord(server_url=URL, method="bearer", tokens=TokenSet("T")))
    assert aside[0].read_text() == "{ this is not json"
    path.write_text('{"no": "server_url"}')
    assert store.load_server(URL) is None and "not a credentials record" in messages[-1]


def test_registrations_are_bound_to_their_issuer(tmp_path):
    store = TokenStore(tmp_path / "auth")
    store.save_client(
        ClientRegistration(
            issuer="https://a", client_id="c", redirect_uris=["http://127.0.0.1:8090/callback"]
        )
    )
    assert store.load_client("https://a").callback_port() == 8090
    assert store.load_client("https://b") is None
    assert store.load_client("https://a/") is None  # exact issuer, no normalisation


def test_another_servers_record_is_never_returned(tmp_path):
    store = TokenStore(tmp_path / "auth")
    store.save_server(ServerRecord(server_url=URL, tokens=TokenSet("T")))
    doc = store.server_path(URL).read_text().replace(URL, "https://evil.example/mcp")
    store.server_path(URL).write_text(doc)
    assert store.load_server(URL) is None


async def test_lock_is_exclusive_across_processes(tmp_path):
    store = TokenStore(tmp_path / "auth")
    script = textwrap.dedent(f"""
        import sys
        from mcptui.core.auth.token_store import TokenStore
        store = TokenStore({str(tmp_path / "auth")!r})
        with store.locked({URL!r}):
            print("locked", flush=True)
            sys.stdin.readline()
            open({str(tmp_path / "marker")!r}, "w").write("written inside the lock")
        print("released", flush=True)
    """)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        script,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ},
    )
    assert (await proc.stdout.readline()).strip() == b"locked"
    seen_inside: list[bool] = []

    async def take() -> None:
        async with store.alocked(URL):
            seen_inside.append((tmp_path / "marker").exists())

    waiter = asyncio.create_task(take())
    proc.stdin.write(b"go\n")
    await proc.stdin.drain()
    await waiter
    assert seen_inside == [True]  # we only got the lock after the other process left it
    assert (await proc.stdout.readline()).strip() == b"released"
    await proc.wait()


def test_a_temp_file_left_by_a_killed_writer_is_removed_on_the_next_write(tmp_path):
    import subprocess

    store = TokenStore(tmp_path / "auth")
    record = ServerRecord(server_url=URL, tokens=TokenSet("AT-SECRET"))
    store.save_server(record)
    path = store.server_path(URL)
    dead_pid = subprocess.Popen(["true"])  # noqa: S607 - a pid whose process has exited
    dead_pid.wait()
    stale = path.with_name(f".{path.name}.{dead_pid.pid}.123.tmp")
    stale.write_text('{"tokens": {"access_token": "HALF-WRITTEN-SECRET"}}')
    live = path.with_name(f".{path.name}.{os.getppid()}.456.tmp")  # a writer that still runs
    live.write_text("{}")
    store.save_server(record)
    assert not stale.exists() and live.exists()
