"""The demo server as a process: listening line, clean stop on SIGTERM/SIGINT, argument errors; plus its pieces."""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
import socket
import struct
import subprocess
import sys
import time
import zlib

import pytest
from mcp import Client, MCPError
from mcp.server.mcpserver import MCPServer

from mcptui.demo.content import make_png
from mcptui.demo.middleware import decode_cursor, encode_cursor
from mcptui.demo.server import register_demo_features
from tests.demo.clients import open_client
from tests.servers import DEMO_MODULE, running_demo


@pytest.mark.parametrize(("transport", "path"), [("http", "/mcp"), ("sse", "/sse")])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_signal_stops_server_cleanly_with_a_client_connected(transport, path, signum):
    with running_demo(transport=transport) as demo:
        assert re.fullmatch(rf"http://127\.0\.0\.1:\d+{path}", demo.url)
        stack = contextlib.AsyncExitStack()
        client = await stack.enter_async_context(open_client(transport, demo.url, mode="legacy"))
        try:
            await client.list_tools()  # a live session with its stream open
            started = time.monotonic()
            demo.process.send_signal(signum)
            code = await asyncio.to_thread(demo.wait_exit, 15)
            assert time.monotonic() - started < 6
        finally:
            with contextlib.suppress(Exception):  # the server is gone: the client's close may fail
                await stack.aclose()
    assert code == 0
    stderr = "\n".join(demo.stderr_lines)
    assert "Traceback" not in stderr and "ERROR" not in stderr
    assert stderr.startswith(f"mcptui-demo: {transport} on {demo.url}")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_stdio_server_stops_cleanly_on_signal(signum):
    process = subprocess.Popen(
        DEMO_MODULE, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stderr.readline().startswith("mcptui-demo: serving on stdio")  # ready: signals handled
        process.send_signal(signum)
        out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert out == "" and "Traceback" not in err


def test_stdio_server_ends_when_stdin_closes():
    result = subprocess.run(DEMO_MODULE, input="", capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--page-size", "0"], "--page-size must be at least 1"),
        (["--http", "70000"], "--http PORT must be between 0 and 65535"),
        (["--http", "1", "--sse", "2"], "not allowed with argument"),
    ],
)
def test_bad_arguments_give_one_clear_message(args, message):
    result = subprocess.run([*DEMO_MODULE, *args], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_port_in_use_is_reported_without_traceback():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = subprocess.run(
            [*DEMO_MODULE, "--http", str(port)], capture_output=True, text=True, timeout=30
        )
    assert result.returncode == 4
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_stateless_http_serves_both_eras():
    async def check() -> list[str]:
        versions = []
        for mode in ("auto", "legacy"):
            async with open_client("http", demo.url, mode=mode) as client:
                assert (await client.call_tool("echo", {"text": "x"})).content[0].text == "x"
                versions.append(client.protocol_version)
        return versions

    with running_demo("--stateless", transport="http") as demo:
        assert asyncio.run(check()) == ["2026-07-28", "2025-11-25"]


def test_make_png_is_a_valid_png():
    data = make_png(3, 2, "red")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks = {}
    offset = 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        chunks[kind] = body
        offset += 12 + length
    assert list(chunks) == [b"IHDR", b"IDAT", b"IEND"]
    assert struct.unpack(">II", chunks[b"IHDR"][:8]) == (3, 2)
    rows = zlib.decompress(chunks[b"IDAT"])
    assert len(rows) == 2 * (1 + 3 * 3)
    assert rows[1:4] == b"\xff\xff\xff" and rows[4:7] == bytes((220, 50, 47))


def test_cursor_round_trip_and_rejection():
    assert decode_cursor(None) == 0
    assert decode_cursor(encode_cursor(6)) == 6
    for bad in ("garbage", encode_cursor(-1), "b2Zmc2V0Onh4"):
        with pytest.raises(MCPError, match="Invalid cursor"):
            decode_cursor(bad)


async def test_features_register_on_any_mcpserver():
    """The OAuth demo reuses the tools this way: register them on its own MCPServer."""
    mcp = MCPServer("another")
    register_demo_features(mcp)
    async with Client(mcp, cache=None) as client:
        names = {tool.name for tool in (await client.list_tools()).tools}
        assert {"echo", "add", "slow_count", "ask_user"} <= names
        assert (await client.call_tool("add", {"a": 2, "b": 2})).structured_content == {"result": 4}
    assert sys.modules["mcptui.demo.server"]
