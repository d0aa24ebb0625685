"""Resolving a command-line target (name, URL or stdio command) into a ServerConfig."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcptui.core.config import ServersFile, load_servers
from mcptui.core.errors import UsageError
from mcptui.core.targets import (
    merge_headers,
    parse_header,
    parse_headers,
    resolve_target,
    split_stdio_command,
)


@pytest.fixture
def servers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ServersFile:
    monkeypatch.setenv("MCPTUI_HOME", str(tmp_path / "home"))
    path = tmp_path / "servers.json"
    path.write_text(
        json.dumps(
            {
                "mcpServers": {
                    "github": {
                        "url": "https://gh.example.test/mcp",
                        "headers": {"Authorization": "Bearer from-config", "X-Team": "core"},
                        "timeout": 12,
                    },
                    "everything": {"command": "python", "args": ["-m", "everything"]},
                    "Weather": {"type": "sse", "url": "http://127.0.0.1:8001/sse"},
                }
            }
        )
    )
    return load_servers(path)


def test_split_stdio_command() -> None:
    assert split_stdio_command(["tools", "--json"]) == (["tools", "--json"], None)
    assert split_stdio_command(["tools", "--", "python", "-m", "srv", "--", "x"]) == (
        ["tools"],
        ["python", "-m", "srv", "--", "x"],
    )
    assert split_stdio_command(["--"]) == ([], [])


def test_stdio_command_wins(servers: ServersFile) -> None:
    cfg = resolve_target("github", ["/usr/bin/python3", "-m", "srv"], servers)
    assert cfg.transport == "stdio" and cfg.is_stdio
    assert cfg.name == "python3"
    assert cfg.command == "/usr/bin/python3" and cfg.args == ["-m", "srv"]
    assert cfg.url is None and not cfg.from_config


def test_empty_stdio_command_is_usage_error(servers: ServersFile) -> None:
    with pytest.raises(UsageError, match="nothing follows --"):
        resolve_target(None, [], servers)


def test_stdio_command_with_http_transport_or_header_is_usage_error(servers: ServersFile) -> None:
    with pytest.raises(UsageError, match="--transport sse"):
        resolve_target(None, ["srv"], servers, transport="sse")
    with pytest.raises(UsageError, match="--header only applies to HTTP"):
        resolve_target(None, ["srv"], servers, headers=["X-A: 1"])
    assert resolve_target(None, ["srv"], servers, transport="stdio").command == "srv"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("http://127.0.0.1:8000/mcp", "127.0.0.1:8000"),
        ("https://api.example.test/mcp", "api.example.test"),
        ("HTTPS://user:pw@api.example.test:8443/x?y=1", "api.example.test:8443"),
        ("http://[::1]:9000/mcp", "[::1]:9000"),
    ],
)
def test_url_target(servers: ServersFile, url: str, name: str) -> None:
    cfg = resolve_target(url, None, servers)
    assert cfg.name == name and cfg.url == url
    assert cfg.transport == "auto" and not cfg.is_stdio and not cfg.from_config
    assert "pw" not in cfg.name


def test_url_without_host_is_usage_error(servers: ServersFile) -> None:
    with pytest.raises(UsageError, match="has no host"):
        resolve_target("http:///mcp", None, servers)


def test_url_with_stdio_transport_is_usage_error(servers: ServersFile) -> None:
    with pytest.raises(UsageError, match="--transport stdio needs a command"):
        resolve_target("http://127.0.0.1:1/mcp", None, servers, transport="stdio")
    with pytest.raises(UsageError, match="--transport stdio needs a command"):
        resolve_target("github", None, servers, transport="stdio")


def test_transport_override(servers: ServersFile) -> None:
    assert resolve_target("http://127.0.0.1:1/sse", None, servers, transport="sse").transport == "sse"
    assert resolve_target("github", None, servers, transport="http").transport == "http"
    assert servers.servers["github"].transport == "auto", "the loaded config is not mutated"
    with pytest.raises(UsageError, match="is a stdio server"):
        resolve_target("everything", None, servers, transport="http")
    with pytest.raises(UsageError, match="unknown transport 'websocket'") as info:
        resolve_target("github", None, servers, transport="websocket")
    assert "auto, http, sse, stdio" in info.value.hint


def test_config_name(servers: ServersFile) -> None:
    cfg = resolve_target("github", None, servers)
    assert cfg.from_config and cfg.url == "https://gh.example.test/mcp" and cfg.timeout == 12
    assert resolve_target("everything", None, servers).is_stdio
    assert resolve_target("Weather", None, servers).transport == "sse"


def test_unknown_name_lists_close_matches(servers: ServersFile) -> None:
    with pytest.raises(UsageError) as info:
        resolve_target("githib", None, servers)
    assert "githib" in info.value.message and str(servers.path) in info.value.message
    assert "github" in info.value.hint and "mcptui servers" in info.value.hint


def test_names_are_case_sensitive_but_case_is_hinted(servers: ServersFile) -> None:
    with pytest.raises(UsageError) as info:
        resolve_target("weather", None, servers)
    assert "Weather" in info.value.hint


def test_unknown_name_without_matches_still_says_how_to_list(servers: ServersFile) -> None:
    with pytest.raises(UsageError) as info:
        resolve_target("zzzz", None, servers)
    assert "did you mean" not in info.value.hint and "mcptui servers" in info.value.hint


def test_host_without_scheme_hints_url(servers: ServersFile) -> None:
    with pytest.raises(UsageError) as info:
        resolve_target("localhost:8000/mcp", None, servers)
    assert "http://localhost:8000/mcp" in info.value.hint


def test_other_scheme_is_usage_error(servers: ServersFile) -> None:
    with pytest.raises(UsageError, match="not an http:// or https:// URL"):
        resolve_target("ws://127.0.0.1:1/", None, servers)


def test_no_target_at_all(servers: ServersFile) -> None:
    with pytest.raises(UsageError, match="no server given") as info:
        resolve_target(None, None, servers)
    assert "mcptui servers" in info.value.hint


def test_header_parsing() -> None:
    assert parse_header("X-Api-Key: abc") == ("X-Api-Key", "abc")
    assert parse_header("Authorization:Bearer a:b") == ("Authorization", "Bearer a:b")
    assert parse_header("X-Empty:") == ("X-Empty", "")
    assert parse_headers(["X-A: 1", "x-a: 2", "X-B: 3"]) == {"x-a": "2", "X-B": "3"}


@pytest.mark.parametrize(
    "bad",
    ["Authorization Bearer sk-live-123456", ": value", "Bad Name: v", "sk-live-123456", "sklive-abcdef"],
)
def test_malformed_header_is_usage_error_without_value(servers: ServersFile, bad: str) -> None:
    with pytest.raises(UsageError) as info:
        resolve_target("github", None, servers, headers=["X-Ok: 1", bad])
    text = str(info.value)
    assert "'Name: value'" in text
    assert "sk-live-123456" not in text and "sklive" not in text
    assert "--header 'Authorization'" in text or "--header #2" in text or "--header 'Bad'" in text


def test_headers_merge_case_insensitively_over_config(servers: ServersFile) -> None:
    cfg = resolve_target("github", None, servers, headers=["authorization: Bearer from-cli", "X-New: 1"])
    assert cfg.headers == {"X-Team": "core", "authorization": "Bearer from-cli", "X-New": "1"}
    assert servers.servers["github"].headers["Authorization"] == "Bearer from-config"


def test_empty_credential_header_from_cli_is_dropped(servers: ServersFile) -> None:
    warnings: list[str] = []
    cfg = resolve_target("github", None, servers, headers=["Authorization: Bearer "], warnings=warnings)
    assert cfg.headers == {"X-Team": "core"}
    assert warnings == ["header Authorization is empty, so it is not sent"]


def test_merge_headers() -> None:
    assert merge_headers({"A": "1", "b": "2"}, {"B": "3"}) == {"A": "1", "B": "3"}


def test_timeout_override(servers: ServersFile) -> None:
    assert resolve_target("github", None, servers, timeout=3).timeout == 3.0
    assert resolve_target("github", None, servers).timeout == 12.0
    assert resolve_target(None, ["srv"], servers, timeout=1.5).timeout == 1.5
    with pytest.raises(UsageError, match="--timeout must be a positive number"):
        resolve_target("github", None, servers, timeout=0)
