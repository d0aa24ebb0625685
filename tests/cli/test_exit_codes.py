"""Every failure maps to its exit code with one clear line on stderr (never a traceback)."""

from __future__ import annotations

import json
import sys

import pytest


def assert_one_clear_error(err: str) -> None:
    lines = err.strip().splitlines()
    assert lines and lines[0].startswith("error: ")
    assert len(lines) <= 2 and (len(lines) == 1 or lines[1].startswith("hint: "))
    assert "Traceback" not in err


# ---------------------------------------------------------------- 1: usage / config
def test_unknown_server_name_exits_1_with_close_matches(run_cli, isolated_mcptui_home):
    servers = isolated_mcptui_home / "config" / "servers.json"
    servers.parent.mkdir(parents=True)
    servers.write_text(json.dumps({"mcpServers": {"weather": {"url": "http://127.0.0.1:1/mcp"}}}))
    run = run_cli("list", "wether")
    assert run.code == 1
    assert_one_clear_error(run.err)
    assert "no server named 'wether'" in run.err and "did you mean weather" in run.err


def test_malformed_config_exits_1_naming_file_and_line(run_cli, tmp_path):
    bad = tmp_path / "servers.json"
    bad.write_text('{\n  "mcpServers": {\n    "a": {"url": "http://x/mcp",}\n    "b": 1\n  }\n}\n')
    before = bad.read_text()
    run = run_cli("--config", str(bad), "servers")
    assert run.code == 1
    assert_one_clear_error(run.err)
    assert str(bad) in run.err and "line 4" in run.err
    run = run_cli("list", "a", "--config", str(bad))
    assert run.code == 1 and "line 4" in run.err
    assert bad.read_text() == before


def test_malformed_config_does_not_block_a_url_target(run_cli, isolated_mcptui_home, demo_http_url):
    servers = isolated_mcptui_home / "config" / "servers.json"
    servers.parent.mkdir(parents=True)
    servers.write_text("{ not json")
    run = run_cli("call", demo_http_url, "add", "a=1", "b=1")
    assert run.code == 0, run.err


def test_bad_header_exits_1_without_echoing_the_value(run_cli):
    run = run_cli("list", "http://127.0.0.1:1/mcp", "--header", "Bearer sekrit123")
    assert run.code == 1
    assert "sekrit123" not in run.err and "Name: value" in run.err


def test_transport_that_does_not_fit_the_target_exits_1(run_cli):
    run = run_cli("list", "--transport", "sse", "--", sys.executable, "-c", "pass")
    assert run.code == 1 and "--transport sse" in run.err


# ---------------------------------------------------------------- 3: auth
def test_401_without_a_terminal_fails_fast_with_exit_3(run_cli, auth_401_url):
    run = run_cli("list", auth_401_url, "--no-browser", "--timeout", "20")
    assert run.code == 3
    assert "Traceback" not in run.err
    assert run.err.startswith("error: ")
    run = run_cli("--json", "call", auth_401_url, "add", "--timeout", "20")
    assert run.code == 3
    assert json.loads(run.err.strip().splitlines()[-1])["error"]["exitCode"] == 3


# ---------------------------------------------------------------- 4: unreachable / transport
def test_refused_port_exits_4(run_cli, refused_url):
    run = run_cli("list", refused_url)
    assert run.code == 4
    assert_one_clear_error(run.err)
    assert "refused" in run.err


def test_missing_stdio_command_exits_4(run_cli):
    run = run_cli("list", "--", "mcptui-no-such-command-xyz", "--flag")
    assert run.code == 4
    assert_one_clear_error(run.err)
    assert "mcptui-no-such-command-xyz" in run.err


def test_stdio_server_that_exits_at_once_exits_4(run_cli):
    run = run_cli(
        "list", "--", sys.executable, "-c", "import sys; print('bad config', file=sys.stderr); sys.exit(3)"
    )
    assert run.code == 4
    assert "Traceback" not in run.err


def test_html_instead_of_json_exits_4(run_cli, html_url):
    run = run_cli("list", html_url, "--transport", "http")
    assert run.code == 4
    assert_one_clear_error(run.err)
    assert "text/html" in run.err


def test_hanging_server_with_timeout_exits_4(run_cli, hanging_url):
    run = run_cli("list", hanging_url, "--timeout", "1", "--transport", "http")
    assert run.code == 4
    assert_one_clear_error(run.err)
    run = run_cli("--json", "list", hanging_url, "--timeout", "1", "--transport", "http")
    assert run.code == 4
    assert json.loads(run.err)["error"]["exitCode"] == 4


def test_tool_slower_than_timeout_exits_4(run_cli, demo_http_url):
    run = run_cli("call", demo_http_url, "slow_count", "steps=100", "delay=0.5", "--timeout", "1")
    assert run.code == 4
    assert_one_clear_error(run.err)
    assert "in time" in run.err or "timed out" in run.err


def test_stale_catalog_is_shown_marked_when_the_server_is_gone(
    run_cli, demo_http_url, monkeypatch, refused_url
):
    """A server seen before and now unreachable: its last catalog, marked stale, and still exit 4."""
    from mcptui.core.server_config import ServerConfig

    # the cache key of a URL target is the URL: make the refused URL share the demo's cache slug
    monkeypatch.setattr(ServerConfig, "cache_slug", property(lambda self: "same-server"))
    assert run_cli("list", demo_http_url).code == 0
    run = run_cli("list", refused_url)
    assert run.code == 4
    assert "STALE" in run.out and "add(a: int*, b: int*)" in run.out
    run = run_cli("list", refused_url, "--json")
    assert run.code == 4 and json.loads(run.out)["stale"] is True


# ---------------------------------------------------------------- 5: isError
@pytest.mark.parametrize("fixture", ["demo_http_url", "demo_sse_url"])
def test_tool_error_exits_5(run_cli, fixture, request):
    run = run_cli("call", request.getfixturevalue(fixture), "fail")
    assert run.code == 5
    assert "isError" in run.err
