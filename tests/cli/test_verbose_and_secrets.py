"""``-v`` streams the core events to stderr, one compact line each, and no secret ever shows."""

from __future__ import annotations

import re

from mcptui.cli.events import format_event
from mcptui.core.events import (
    ConnectionState,
    HttpExchange,
    Notice,
    RpcMessage,
    ServerLog,
    StateChanged,
    StderrLine,
)

SECRET = "sekrit123"


def test_verbose_lines_on_stderr_and_result_alone_on_stdout(run_cli, demo_http_url):
    run = run_cli("-v", "call", demo_http_url, "emit_logs", "--header", f"Authorization: Bearer {SECRET}")
    assert run.code == 0, run.err
    assert run.out.strip() == "Sent logs at: debug, info, warning, error"
    lines = run.err.splitlines()
    assert all(line.startswith("· ") for line in lines), lines
    assert any(re.fullmatch(r"· → tools/call #\d+", line) for line in lines)
    assert any(re.fullmatch(r"· ← result #\d+ [\d.]+ ms", line) for line in lines)
    assert any(re.fullmatch(r"· HTTP POST /mcp 200 OK [\d.]+ ms", line) for line in lines)
    assert any(line.startswith("· log warning") and "hello" in line for line in lines)
    assert any(line.startswith("· state connected (2026-07-28, http)") for line in lines)


def test_no_secret_on_stdout_or_stderr_even_at_vv(run_cli, demo_http_url):
    for flags in (["-v"], ["-vv"], ["-vv", "--json"]):
        run = run_cli(
            *flags,
            "list",
            demo_http_url,
            "--header",
            f"Authorization: Bearer {SECRET}",
            "-H",
            f"X-Api-Key: {SECRET}",
        )
        assert run.code == 0, run.err
        assert SECRET not in run.out and SECRET not in run.err
    run = run_cli(
        "-vv", "call", demo_http_url, "echo", f"text=token={SECRET}", "-H", f"Authorization: Bearer {SECRET}"
    )
    assert run.code == 0
    assert SECRET not in run.err


def test_vv_shows_payloads(run_cli, demo_http_url):
    run = run_cli("-vv", "call", demo_http_url, "add", "a=20", "b=22")
    assert run.code == 0
    assert any("→ tools/call" in line and '"a": 20' in line for line in run.err.splitlines())


def test_verbose_shows_stdio_stderr_lines_and_without_it_they_stay_hidden(run_cli, demo_stdio_command):
    run = run_cli("-v", "call", "write_stderr", "text=hello from the child", "--", *demo_stdio_command)
    assert run.code == 0, run.err
    assert any(
        line.startswith("· stderr: ") and "hello from the child" in line for line in run.err.splitlines()
    )
    run = run_cli("call", "write_stderr", "text=hello from the child", "--", *demo_stdio_command)
    assert run.code == 0 and "hello from the child" not in run.err


def test_verbose_sse_fallback_notice(run_cli, demo_sse_url):
    # the /sse endpoint refuses a streamable POST, so auto mode falls back and says so
    run = run_cli("-v", "list", demo_sse_url)
    assert run.code == 0, run.err
    assert any(
        line.startswith(("· notice:", "· warning:")) and "SSE" in line.upper()
        for line in run.err.splitlines()
    )


def test_format_event_shapes():
    assert (
        format_event(RpcMessage(direction="out", kind_of="request", method="tools/call", id=3))
        == "→ tools/call #3"
    )
    assert (
        format_event(RpcMessage(direction="in", kind_of="response", id=3, elapsed_ms=12.44))
        == "← result #3 12.4 ms"
    )
    error = RpcMessage(
        direction="in", kind_of="error", id=4, payload={"error": {"code": -32602, "message": "bad"}}
    )
    assert format_event(error) == "← error #4 -32602 bad"
    http = HttpExchange(method="POST", url="http://h/mcp?x=1", status=200, reason="OK", elapsed_ms=3.0)
    assert format_event(http) == "HTTP POST /mcp?x=1 200 OK 3.0 ms"
    assert format_event(HttpExchange(method="GET", url="http://h/sse")) == "HTTP GET /sse (no response)"
    assert format_event(ServerLog(level="info", logger="db", data={"rows": 3})) == 'log info db: {"rows": 3}'
    assert format_event(StderrLine(line="boom\n")) == "stderr: boom"
    assert format_event(Notice(text="falling back", level="warning")) == "warning: falling back"
    state = StateChanged(state=ConnectionState.CONNECTED, protocol_version="2025-11-25", transport="sse")
    assert format_event(state) == "state connected (2025-11-25, sse)"


def test_sink_redacts_a_leak_as_a_last_guard():
    import io

    from mcptui.cli.events import StderrEventSink

    stream = io.StringIO()
    sink = StderrEventSink(stream)
    sink(Notice(text=f"Authorization: Bearer {SECRET}"))
    assert SECRET not in stream.getvalue()
