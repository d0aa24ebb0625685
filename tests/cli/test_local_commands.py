"""servers, import, locate, demo, tui and auth: the commands that need no server connection."""

from __future__ import annotations

import json
import sys

import pytest


def write_servers(path, servers: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"mcpServers": servers}))


@pytest.fixture
def servers_file(isolated_mcptui_home):
    return isolated_mcptui_home / "config" / "servers.json"


def test_servers_when_there_are_none(run_cli, servers_file):
    run = run_cli("servers")
    assert run.code == 0
    assert f"no servers in {servers_file}" in run.out and "mcptui import" in run.out


def test_servers_lists_name_transport_and_where(run_cli, servers_file):
    write_servers(
        servers_file,
        {
            "weather": {
                "type": "http",
                "url": "https://example.test/mcp",
                "headers": {"Authorization": "Bearer ${TOKEN}"},
            },
            "files": {"command": "npx", "args": ["-y", "server-files", "/tmp"]},
            "old": {"type": "sse", "url": "http://127.0.0.1:9/sse"},
        },
    )
    run = run_cli("servers")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == f"3 servers in {servers_file}"
    assert lines[1].split() == ["weather", "http", "https://example.test/mcp"]
    assert lines[2].split() == ["files", "stdio", "npx", "-y", "server-files", "/tmp"]
    assert lines[3].split() == ["old", "sse", "http://127.0.0.1:9/sse"]
    run = run_cli("servers", "--json")
    data = json.loads(run.out)
    assert data["file"] == str(servers_file)
    assert data["servers"][1] == {
        "name": "files",
        "transport": "stdio",
        "command": "npx",
        "args": ["-y", "server-files", "/tmp"],
    }
    assert "Bearer" not in run.out


def test_servers_with_config_option(run_cli, tmp_path):
    other = tmp_path / "other.json"
    write_servers(other, {"x": {"url": "http://127.0.0.1:1/mcp"}})
    run = run_cli("servers", "--config", str(other))
    assert run.code == 0 and run.out.startswith(f"1 server in {other}")


def test_import_merges_and_skips_then_overwrites(run_cli, servers_file, tmp_path):
    write_servers(servers_file, {"keep": {"url": "http://127.0.0.1:1/mcp"}})
    claude = tmp_path / "claude_desktop_config.json"
    write_servers(
        claude,
        {
            "keep": {"url": "http://127.0.0.1:2/mcp"},
            "fresh": {"command": "uvx", "args": ["mcp-server-time"]},
            "broken": {"type": "http"},
        },
    )
    run = run_cli("import", str(claude))
    assert run.code == 0, run.err
    assert "added: fresh" in run.out
    assert "skipped (already there; --overwrite replaces them): keep" in run.out
    assert "not imported: broken" in run.err
    saved = json.loads(servers_file.read_text())["mcpServers"]
    assert saved["keep"]["url"] == "http://127.0.0.1:1/mcp" and saved["fresh"]["command"] == "uvx"
    run = run_cli("import", str(claude), "--overwrite", "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert report["replaced"] == ["keep", "fresh"] or set(report["replaced"]) == {"keep", "fresh"}
    assert json.loads(servers_file.read_text())["mcpServers"]["keep"]["url"] == "http://127.0.0.1:2/mcp"


def test_import_of_a_missing_or_malformed_file_exits_1(run_cli, tmp_path, servers_file):
    run = run_cli("import", str(tmp_path / "nope.json"))
    assert run.code == 1 and "no such file" in run.err
    bad = tmp_path / "bad.json"
    bad.write_text('{"mcpServers": {')
    run = run_cli("import", str(bad))
    assert run.code == 1 and str(bad) in run.err and "line 1" in run.err
    assert not servers_file.exists()


def test_locate_prints_every_place(run_cli, isolated_mcptui_home):
    run = run_cli("locate")
    assert run.code == 0
    rows = {line.split()[0]: line.split()[1] for line in run.out.splitlines()}
    assert rows["config"] == str(isolated_mcptui_home / "config" / "servers.json")
    assert rows["tokens"].startswith(str(isolated_mcptui_home))
    assert rows["cache"] == str(isolated_mcptui_home / "cache")
    assert rows["logs"] == str(isolated_mcptui_home / "logs")
    data = json.loads(run_cli("locate", "--json").out)
    assert set(data) >= {"config", "tokens", "cache", "logs"}


def test_locate_honours_config_option(run_cli, tmp_path):
    run = run_cli("locate", "--config", str(tmp_path / "mine.json"), "--json")
    assert json.loads(run.out)["config"] == str(tmp_path / "mine.json")


def test_demo_calls_run_demo_with_the_options(run_cli, monkeypatch):
    import mcptui.demo.server

    seen = {}
    monkeypatch.setattr(
        mcptui.demo.server,
        "run_demo",
        lambda transport, port=None, **kw: seen.update(transport=transport, port=port, **kw),
    )
    assert run_cli("demo", "--http", "8123", "--page-size", "2", "--legacy-only").code == 0
    assert (
        seen["transport"] == "http"
        and seen["port"] == 8123
        and seen["page_size"] == 2
        and seen["legacy_only"] is True
    )
    assert run_cli("demo").code == 0 and seen["transport"] == "stdio"
    assert run_cli("demo", "--sse", "0").code == 0 and seen["transport"] == "sse"
    run = run_cli("demo", "--http", "1", "--sse", "2")
    assert run.code == 1 and "not allowed with" in run.err
    assert run_cli("demo", "--page-size", "0").code == 1
    assert run_cli("demo", "--http", "0", "--bulk-tools", "5000").code == 0 and seen["bulk_tools"] == 5000
    assert run_cli("demo", "--bulk-tools", "-1").code == 1


def test_demo_auth_serves_http_on_the_given_or_any_port(run_cli, monkeypatch):
    import mcptui.demo.auth_server

    seen = {}
    monkeypatch.setattr(
        mcptui.demo.auth_server, "run_auth_demo", lambda port, **kw: seen.update(port=port, **kw)
    )
    assert run_cli("demo", "--auth", "--http", "8765").code == 0 and seen["port"] == 8765
    assert run_cli("demo", "--auth").code == 0 and seen["port"] == 0
    run = run_cli("demo", "--auth", "--sse", "1")
    assert run.code == 1 and "streamable HTTP only" in run.err


def test_tui_is_opened_without_a_command(run_cli, monkeypatch, servers_file):
    import types

    calls = []
    fake = types.ModuleType("mcptui.ui.app")
    fake.run_tui = lambda path, target_config=None, extra_roots=None, prefetch=None: (
        calls.append((path, target_config)) or 0
    )
    monkeypatch.setitem(sys.modules, "mcptui.ui.app", fake)
    import mcptui.cli.commands_local

    run = run_cli()
    assert run.code == 1 and "needs a terminal" in run.err and not calls
    monkeypatch.setattr(mcptui.cli.commands_local, "has_terminal", lambda: True)
    assert run_cli().code == 0
    assert calls[-1] == (servers_file, None)
    assert run_cli("http://127.0.0.1:9/mcp", "-H", "X-A: b").code == 0
    target = calls[-1][1]
    assert target.url == "http://127.0.0.1:9/mcp" and target.headers == {"X-A": "b"}
    assert run_cli("--", sys.executable, "-m", "mcptui.demo").code == 0
    assert calls[-1][1].command == sys.executable and calls[-1][1].args == ["-m", "mcptui.demo"]
    run = run_cli("lst", "x")
    assert run.code == 1 and "unknown command 'lst'" in run.err
    run = run_cli("prompts")
    assert run.code == 1 and "unknown command 'prompts'" in run.err and "mcptui prompt" in run.err
    run = run_cli("nothing-like-a-command")
    assert run.code == 1 and "no server named 'nothing-like-a-command'" in run.err


def test_auth_is_dispatched(run_cli):
    assert run_cli("auth", "--help").code == 0
    run = run_cli("auth", "login")
    assert run.code == 1 and "missing TARGET: mcptui auth login TARGET" in run.err
