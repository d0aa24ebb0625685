"""The servers file: each client's shape, ${VAR} expansion, errors with line/column, edits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mcptui.core import locations
from mcptui.core.config import (
    ImportReport,
    drop_empty_headers,
    entry_to_server,
    expand_vars,
    import_servers,
    load_servers,
    remove_server,
    save_servers,
    server_to_entry,
    upsert_server,
)
from mcptui.core.errors import ConfigError, UsageError
from mcptui.core.server_config import DEFAULT_TIMEOUT, ServerConfig


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("MCPTUI_HOME", str(home))
    for var in ("API_TOKEN", "UNSET_TOKEN", "MCP_HOST", "EMPTY_VAR"):
        monkeypatch.delenv(var, raising=False)
    return home


def write(path: Path, data: object | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2), encoding="utf-8")
    return path


# --- locations ---------------------------------------------------------------------------


def test_locations_follow_mcptui_home(isolated_home: Path) -> None:
    assert locations.config_dir() == isolated_home / "config"
    assert locations.servers_file() == isolated_home / "config" / "servers.json"
    assert locations.tokens_dir() == isolated_home / "config" / "auth"
    assert locations.cache_dir() == isolated_home / "cache"
    assert locations.catalog_cache_dir().parent == isolated_home / "cache"
    assert locations.log_dir() == isolated_home / "logs"
    assert locations.history_dir() == locations.data_dir() == isolated_home / "data"
    assert not isolated_home.exists(), "computing paths must not create folders"


def test_locations_default_to_platformdirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MCPTUI_HOME", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    if os.name != "posix" or __import__("sys").platform == "darwin":
        pytest.skip("XDG variables only steer platformdirs on Linux")
    assert locations.servers_file() == tmp_path / "xdg-config" / "mcptui" / "servers.json"
    assert locations.tokens_dir() == tmp_path / "xdg-config" / "mcptui" / "auth"
    assert locations.cache_dir() == tmp_path / "xdg-cache" / "mcptui"
    assert str(locations.log_dir()).startswith(str(tmp_path / "xdg-state"))
    assert locations.history_dir() == tmp_path / "xdg-data" / "mcptui"


# --- each client's shape -----------------------------------------------------------------


def test_missing_file_is_empty_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nope" / "servers.json"
    loaded = load_servers(path)
    assert loaded.servers == {} and loaded.warnings == [] and loaded.raw == {}
    assert loaded.path == path
    assert not path.exists()


def test_default_path_is_servers_file_under_home(isolated_home: Path) -> None:
    write(isolated_home / "config" / "servers.json", {"mcpServers": {"a": {"url": "http://127.0.0.1:1/mcp"}}})
    assert load_servers().names == ["a"]


def test_claude_desktop_stdio_shape(tmp_path: Path) -> None:
    path = write(
        tmp_path / "claude_desktop_config.json",
        {
            "mcpServers": {
                "filesystem": {
                    "command": "npx",
                    "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"],
                    "env": {"DEBUG": "1"},
                }
            },
            "globalShortcut": "Ctrl+Space",
        },
    )
    cfg = load_servers(path).servers["filesystem"]
    assert cfg.transport == "stdio" and cfg.is_stdio
    assert cfg.command == "npx"
    assert cfg.args == ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]
    assert cfg.env == {"DEBUG": "1"}
    assert cfg.url is None and cfg.from_config and cfg.name == "filesystem"


def test_cursor_url_shape_is_auto(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mcp.json",
        {"mcpServers": {"remote": {"url": "https://example.test/mcp", "headers": {"X-Team": "core"}}}},
    )
    cfg = load_servers(path).servers["remote"]
    assert cfg.transport == "auto" and not cfg.is_stdio
    assert cfg.url == "https://example.test/mcp"
    assert cfg.headers == {"X-Team": "core"}


@pytest.mark.parametrize(
    ("declared", "expected"),
    [("http", "http"), ("streamable-http", "http"), ("sse", "sse"), ("stdio", "stdio"), ("SSE", "sse")],
)
def test_type_field_maps_to_transport(tmp_path: Path, declared: str, expected: str) -> None:
    entry = {"type": declared, "url": "http://127.0.0.1:9/mcp", "command": "srv"}
    cfg = load_servers(write(tmp_path / "s.json", {"mcpServers": {"x": entry}})).servers["x"]
    assert cfg.transport == expected
    assert (cfg.url is None) == (expected == "stdio")


def test_vscode_servers_key_with_comments_and_trailing_commas(tmp_path: Path) -> None:
    text = """{
  // VS Code allows comments in mcp.json
  "servers": {
    "gh": {"type": "http", "url": "https://api.example.test/mcp/", /* inline */ },
    "local": {"type": "stdio", "command": "uvx", "args": ["mcp-server-git"],},
  },
  "inputs": [],
}
"""
    loaded = load_servers(write(tmp_path / "mcp.json", text))
    assert loaded.names == ["gh", "local"]
    assert loaded.servers["gh"].transport == "http"
    assert loaded.servers["local"].args == ["mcp-server-git"]
    assert loaded.raw["inputs"] == []


def test_servers_keep_file_order(tmp_path: Path) -> None:
    names = ["zeta", "alpha", "mid"]
    path = write(tmp_path / "s.json", {"mcpServers": {n: {"command": n} for n in names}})
    assert load_servers(path).names == names


def test_our_options_are_read(tmp_path: Path) -> None:
    entry = {
        "url": "http://127.0.0.1:8000/mcp",
        "timeout": 5,
        "connectTimeout": 2.5,
        "protocol": "2026-07-28",
        "cwd": "/srv",
        "auth": {
            "method": "oauth-client",
            "clientId": "cid",
            "clientSecret": "shh",
            "scope": "read write",
            "callbackPort": 33418,
            "grant": "client-credentials",
            "audience": "kept-as-extra",
        },
        "somethingElse": True,
    }
    cfg = load_servers(write(tmp_path / "s.json", {"mcpServers": {"x": entry}})).servers["x"]
    assert cfg.timeout == 5.0 and cfg.connect_timeout == 2.5
    assert cfg.protocol == "2026-07-28"
    assert cfg.auth.method == "oauth-client"
    assert (cfg.auth.client_id, cfg.auth.client_secret, cfg.auth.scope) == ("cid", "shh", "read write")
    assert cfg.auth.callback_port == 33418 and cfg.auth.grant == "client-credentials"
    assert cfg.auth.extra == {"audience": "kept-as-extra"}
    assert "shh" not in repr(cfg)


def test_defaults_when_options_absent(tmp_path: Path) -> None:
    cfg = load_servers(write(tmp_path / "s.json", {"mcpServers": {"x": {"command": "srv"}}})).servers["x"]
    assert cfg.timeout == DEFAULT_TIMEOUT and cfg.protocol == "auto" and cfg.auth.method == "auto"


def test_auth_method_inferred_from_token_or_username(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.json",
        {
            "mcpServers": {
                "b": {"url": "http://127.0.0.1:1/", "auth": {"token": "t0k"}},
                "u": {"url": "http://127.0.0.1:1/", "auth": {"username": "me", "password": "pw"}},
                "n": {"url": "http://127.0.0.1:1/", "auth": "none"},
            }
        },
    )
    servers = load_servers(path).servers
    assert servers["b"].auth.method == "bearer" and servers["b"].auth.token == "t0k"
    assert servers["u"].auth.method == "basic" and servers["u"].auth.password == "pw"
    assert servers["n"].auth.method == "none"


# --- ${VAR} expansion --------------------------------------------------------------------


def test_expand_vars_forms() -> None:
    env = {"A": "1", "EMPTY": ""}
    missing: list[str] = []
    assert expand_vars("x${A}y", env) == "x1y"
    assert expand_vars("${env:A}", env) == "1"
    assert expand_vars("${B:-fallback}", env) == "fallback"
    assert expand_vars("${EMPTY:-fallback}", env) == "fallback"
    assert expand_vars("${A:-fallback}", env) == "1"
    assert expand_vars("${B}-${C}", env, missing) == "-"
    assert missing == ["B", "C"]
    assert expand_vars("no vars $A here", env) == "no vars $A here"


def test_expansion_in_headers_env_url_args_auth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_TOKEN", "abc123")
    monkeypatch.setenv("MCP_HOST", "127.0.0.1:8123")
    path = write(
        tmp_path / "s.json",
        {
            "mcpServers": {
                "web": {
                    "url": "http://${MCP_HOST}/mcp",
                    "headers": {"Authorization": "Bearer ${API_TOKEN}", "X-Region": "${REGION:-eu}"},
                    "auth": {"clientSecret": "${API_TOKEN}"},
                },
                "cli": {
                    "command": "srv",
                    "args": ["--token", "${API_TOKEN}"],
                    "env": {"TOKEN": "${API_TOKEN}"},
                },
            }
        },
    )
    loaded = load_servers(path)
    web, cli = loaded.servers["web"], loaded.servers["cli"]
    assert web.url == "http://127.0.0.1:8123/mcp"
    assert web.headers == {"Authorization": "Bearer abc123", "X-Region": "eu"}
    assert web.auth.client_secret == "abc123"
    assert cli.args == ["--token", "abc123"]
    assert cli.env == {"TOKEN": "abc123"}
    assert loaded.warnings == []
    # the raw file keeps the references
    assert loaded.raw["mcpServers"]["web"]["headers"]["Authorization"] == "Bearer ${API_TOKEN}"


def test_bearer_with_unset_var_is_dropped_with_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.json",
        {
            "mcpServers": {
                "web": {
                    "url": "http://127.0.0.1:1/mcp",
                    "headers": {
                        "Authorization": "Bearer ${UNSET_TOKEN}",
                        "X-Api-Key": "${UNSET_TOKEN}",
                        "X-Other": "Token ${UNSET_TOKEN:-}",
                        "X-Kept": "visible",
                    },
                }
            }
        },
    )
    loaded = load_servers(path)
    assert loaded.servers["web"].headers == {"X-Kept": "visible"}
    joined = "\n".join(loaded.warnings)
    for header in ("Authorization", "X-Api-Key", "X-Other"):
        assert f"header {header} is empty" in joined
    assert "UNSET_TOKEN" in joined and "not set" in joined


def test_unset_var_in_url_or_command_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MCP_HOST", "127.0.0.1:9")
    path = write(
        tmp_path / "s.json",
        {
            "mcpServers": {
                "u": {"url": "${UNSET_TOKEN}"},
                "c": {"command": "${UNSET_TOKEN}"},
                "ok": {"type": "sse", "url": "http://${MCP_HOST}/sse", "command": "${UNSET_TOKEN}"},
            }
        },
    )
    loaded = load_servers(path)
    assert loaded.servers["u"].url == "" and loaded.servers["c"].command == ""
    assert loaded.servers["ok"].url == "http://127.0.0.1:9/sse" and loaded.servers["ok"].command is None
    joined = "\n".join(loaded.warnings)
    assert "server 'u': url is not an http(s) URL after expansion" in joined
    assert "server 'c': command is empty after expansion" in joined
    assert "'ok'" not in joined, "the command of an HTTP server is not used, so not expanded"


def test_unset_var_in_auth_becomes_none(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.json",
        {
            "mcpServers": {
                "w": {"url": "http://127.0.0.1:1/", "auth": {"method": "bearer", "token": "${UNSET_TOKEN}"}}
            }
        },
    )
    cfg = load_servers(path).servers["w"]
    assert cfg.auth.method == "bearer" and cfg.auth.token is None


def test_vscode_input_reference_warns(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mcp.json",
        {
            "servers": {
                "gh": {"url": "https://x.test/", "headers": {"Authorization": "Bearer ${input:gh_token}"}}
            }
        },
    )
    loaded = load_servers(path)
    assert loaded.servers["gh"].headers == {}
    assert any("${input:...}" in w for w in loaded.warnings)


def test_drop_empty_headers_rules() -> None:
    kept, dropped = drop_empty_headers(
        {"A": "", "B": "  ", "C": "Bearer ", "D": "basic", "E": "Bearer x", "F": "plain", "G": "Token\t"}
    )
    assert kept == {"E": "Bearer x", "F": "plain"}
    assert dropped == ["A", "B", "C", "D", "G"]


# --- malformed files ---------------------------------------------------------------------


def test_invalid_json_names_path_line_and_column(tmp_path: Path) -> None:
    text = '{\n  "mcpServers": {\n    "a": {"command": "x"}\n    "b": {}\n  }\n}\n'
    path = write(tmp_path / "servers.json", text)
    with pytest.raises(ConfigError) as info:
        load_servers(path)
    message = str(info.value)
    assert str(path) in message
    assert "line 4, column 5" in message
    assert "invalid JSON" in message
    assert "Traceback" not in message


@pytest.mark.parametrize(
    ("entry", "problem", "line"),
    [
        ({"command": "x", "args": "not-a-list"}, "mcpServers.foo.args must be a list of strings", 8),
        ({"command": "x", "args": [1, 2]}, "mcpServers.foo.args must be a list of strings", 8),
        ({"command": "x", "env": {"A": 1}}, "mcpServers.foo.env must be an object of strings", 8),
        ({"url": "ftp://x"}, "mcpServers.foo.url must be an http:// or https:// URL", 7),
        ({"type": "websocket", "url": "http://x/"}, "mcpServers.foo.type must be one of", 7),
        ({"url": "http://x/", "timeout": -1}, "mcpServers.foo.timeout must be a positive number", 8),
        ({"url": "http://x/", "protocol": "v9"}, "mcpServers.foo.protocol must be one of", 8),
        ({"url": "http://x/", "auth": {"method": "magic"}}, "mcpServers.foo.auth.method must be one of", 9),
        ({"type": "stdio", "url": "http://x/"}, 'mcpServers.foo needs a "command"', 6),
        ({"env": {}}, 'mcpServers.foo needs a "url" or a "command"', 6),
        ({"type": "http"}, 'mcpServers.foo needs a "url" for type http', 6),
        ({"url": "http://x/", "command": "y"}, 'mcpServers.foo has both "url" and "command"', 6),
    ],
)
def test_shape_errors_name_the_field_and_line(tmp_path: Path, entry: dict, problem: str, line: int) -> None:
    data = {"mcpServers": {"ok": {"command": "fine"}, "foo": entry}}
    text = json.dumps(data, indent=2)
    path = write(tmp_path / "servers.json", text)
    with pytest.raises(ConfigError) as info:
        load_servers(path)
    message = info.value.message
    assert message.startswith(f"{path}, line {line}, column ")
    assert problem in message
    # the reported line really holds the offending key
    key = problem.split(" ")[0].split(".")[-1]
    reported = text.splitlines()[line - 1]
    assert f'"{key}"' in reported


def test_shape_error_exact_message(tmp_path: Path) -> None:
    text = '{\n  "mcpServers": {\n    "foo": {\n      "command": "x",\n      "args": "-v"\n    }\n  }\n}\n'
    path = write(tmp_path / "servers.json", text)
    with pytest.raises(ConfigError) as info:
        load_servers(path)
    assert info.value.message == f"{path}, line 5, column 7: mcpServers.foo.args must be a list of strings"
    assert "nothing was changed" in info.value.hint


def test_shape_error_in_unicode_name_and_vscode_section(tmp_path: Path) -> None:
    text = '{\n  "servers": {\n    "météo": {\n      "url": 42\n    }\n  }\n}\n'
    path = write(tmp_path / "mcp.json", text)
    with pytest.raises(ConfigError) as info:
        load_servers(path)
    assert info.value.message == f"{path}, line 4, column 7: servers.météo.url must be a string"


def test_header_values_never_appear_in_errors(tmp_path: Path) -> None:
    entry = {"url": "http://x/", "headers": {"Authorization": "Bearer sk-live-1234", "X-N": 5}}
    path = write(tmp_path / "servers.json", {"mcpServers": {"foo": entry}})
    with pytest.raises(ConfigError) as info:
        load_servers(path)
    assert "mcpServers.foo.headers must be an object of strings" in str(info.value)
    assert "sk-live-1234" not in str(info.value)


def test_name_in_both_sections_first_wins_with_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.json",
        {
            "mcpServers": {"a": {"command": "first"}},
            "servers": {"a": {"command": "second"}, "b": {"command": "b"}},
        },
    )
    loaded = load_servers(path)
    assert loaded.names == ["a", "b"] and loaded.servers["a"].command == "first"
    assert any("defined twice" in w for w in loaded.warnings)


def test_top_level_must_be_object(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="line 1, column 1"):
        load_servers(write(tmp_path / "s.json", "[1, 2]"))
    with pytest.raises(ConfigError, match=r"line 2, column 3: mcpServers must be an object"):
        load_servers(write(tmp_path / "t.json", '{\n  "mcpServers": []\n}'))


def test_blank_file_is_empty(tmp_path: Path) -> None:
    assert load_servers(write(tmp_path / "s.json", "  \n")).servers == {}


def test_nothing_rewritten_after_error(tmp_path: Path) -> None:
    text = '{"mcpServers": {"a": {"command": "x", "args": "oops"}}, "keep": 1}'
    path = write(tmp_path / "servers.json", text)
    before = path.stat().st_mtime_ns
    with pytest.raises(ConfigError):
        upsert_server(path, "b", {"command": "y"})
    with pytest.raises(ConfigError):
        remove_server(path, "a")
    with pytest.raises(ConfigError):
        import_servers(path, write(tmp_path / "src.json", {"mcpServers": {"c": {"command": "z"}}}))
    assert path.read_text(encoding="utf-8") == text
    assert path.stat().st_mtime_ns == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_upsert_rejects_bad_entry_without_writing(tmp_path: Path) -> None:
    path = write(tmp_path / "servers.json", {"mcpServers": {"a": {"command": "x"}}})
    text = path.read_text()
    with pytest.raises(ConfigError, match="mcpServers.b.args must be a list of strings"):
        upsert_server(path, "b", {"command": "y", "args": "z"})
    assert path.read_text() == text


# --- editing -----------------------------------------------------------------------------


def test_upsert_and_remove_round_trip_preserving_unknown_keys(tmp_path: Path) -> None:
    original = {
        "$schema": "https://example.test/schema.json",
        "mcpServers": {
            "a": {"command": "x", "args": ["1"], "disabled": False, "x-note": {"keep": [1, 2]}},
            "b": {"url": "http://127.0.0.1:1/", "headers": {"Authorization": "Bearer ${API_TOKEN}"}},
        },
        "otherClientSetting": {"nested": True},
    }
    path = write(tmp_path / "servers.json", original)
    loaded = upsert_server(path, "c", {"type": "sse", "url": "http://127.0.0.1:2/sse", "ourExtra": 7})
    assert loaded.names == ["a", "b", "c"]
    on_disk = json.loads(path.read_text())
    assert on_disk["$schema"] == original["$schema"]
    assert on_disk["otherClientSetting"] == {"nested": True}
    assert on_disk["mcpServers"]["a"] == original["mcpServers"]["a"]
    assert on_disk["mcpServers"]["b"]["headers"]["Authorization"] == "Bearer ${API_TOKEN}"
    assert on_disk["mcpServers"]["c"] == {"type": "sse", "url": "http://127.0.0.1:2/sse", "ourExtra": 7}
    assert path.read_text().startswith('{\n  "$schema"'), "2-space indent"
    assert path.read_text().endswith("}\n")

    # replacing keeps the position
    upsert_server(path, "a", {"command": "new"})
    assert list(json.loads(path.read_text())["mcpServers"]) == ["a", "b", "c"]
    assert load_servers(path).servers["a"].command == "new"

    loaded = remove_server(path, "b")
    assert loaded.names == ["a", "c"]
    on_disk = json.loads(path.read_text())
    assert "b" not in on_disk["mcpServers"] and on_disk["otherClientSetting"] == {"nested": True}


def test_upsert_creates_file_and_folder(isolated_home: Path) -> None:
    loaded = upsert_server(None, "demo", {"command": "python", "args": ["-m", "demo"]})
    path = isolated_home / "config" / "servers.json"
    assert loaded.path == path and path.exists()
    assert json.loads(path.read_text()) == {
        "mcpServers": {"demo": {"command": "python", "args": ["-m", "demo"]}}
    }
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_save_writes_through_a_symlink(tmp_path: Path) -> None:
    real = write(tmp_path / "dotfiles" / "servers.json", {"mcpServers": {}})
    link = tmp_path / "config" / "servers.json"
    link.parent.mkdir()
    link.symlink_to(real)
    upsert_server(link, "a", {"command": "x"})
    assert link.is_symlink()
    assert json.loads(real.read_text()) == {"mcpServers": {"a": {"command": "x"}}}


def test_upsert_into_vscode_file_uses_servers_key(tmp_path: Path) -> None:
    path = write(tmp_path / "mcp.json", {"servers": {"a": {"command": "x"}}})
    upsert_server(path, "b", {"command": "y"})
    assert json.loads(path.read_text()) == {"servers": {"a": {"command": "x"}, "b": {"command": "y"}}}


def test_remove_unknown_server_suggests_close_match(tmp_path: Path) -> None:
    path = write(tmp_path / "servers.json", {"mcpServers": {"github": {"command": "x"}}})
    with pytest.raises(UsageError) as info:
        remove_server(path, "githb")
    assert "githb" in info.value.message and "github" in info.value.hint


def test_save_servers_writes_raw_not_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_TOKEN", "s3cr3t-value")
    path = write(
        tmp_path / "servers.json",
        {
            "mcpServers": {
                "b": {"url": "http://127.0.0.1:1/", "headers": {"Authorization": "Bearer ${API_TOKEN}"}}
            }
        },
    )
    loaded = load_servers(path)
    assert loaded.servers["b"].headers["Authorization"] == "Bearer s3cr3t-value"
    loaded.raw["note"] = "added"
    save_servers(loaded)
    text = path.read_text()
    assert "s3cr3t-value" not in text and "${API_TOKEN}" in text and '"note": "added"' in text


def test_server_to_entry_round_trip() -> None:
    http = ServerConfig(
        name="w", transport="sse", url="http://127.0.0.1:1/sse", headers={"X": "1"}, timeout=9
    )
    stdio = ServerConfig(name="s", transport="stdio", command="python", args=["-m", "x"], env={"A": "b"})
    for cfg in (http, stdio):
        back, warnings = entry_to_server(cfg.name, server_to_entry(cfg))
        assert warnings == []
        assert (back.transport, back.url, back.command, back.args, back.env, back.headers, back.timeout) == (
            cfg.transport,
            cfg.url,
            cfg.command,
            cfg.args,
            cfg.env,
            cfg.headers,
            cfg.timeout,
        )


# --- import ------------------------------------------------------------------------------


def test_import_merges_claude_cursor_and_vscode(tmp_path: Path) -> None:
    target = write(tmp_path / "servers.json", {"mcpServers": {"mine": {"command": "keep"}}, "extra": 1})
    claude = write(
        tmp_path / "claude.json",
        {"mcpServers": {"fs": {"command": "npx", "args": ["fs"]}, "mine": {"command": "theirs"}}},
    )
    report = import_servers(target, claude)
    assert report == ImportReport(added=["fs"], skipped=["mine"], replaced=[], invalid=[])
    loaded = load_servers(target)
    assert loaded.names == ["mine", "fs"] and loaded.servers["mine"].command == "keep"
    assert loaded.raw["extra"] == 1

    cursor = write(tmp_path / "cursor.json", {"mcpServers": {"remote": {"url": "https://r.test/mcp"}}})
    assert import_servers(target, cursor).added == ["remote"]

    vscode = write(
        tmp_path / "vscode.json",
        '{"servers": {"gh": {"type": "http", "url": "https://gh.test/mcp",\n'
        ' "headers": {"Authorization": "Bearer ${input:tok}"}}}, // comment\n "inputs": []}',
    )
    assert import_servers(target, vscode).added == ["gh"]
    on_disk = json.loads(target.read_text())
    assert on_disk["mcpServers"]["gh"]["headers"]["Authorization"] == "Bearer ${input:tok}"
    assert list(on_disk["mcpServers"]) == ["mine", "fs", "remote", "gh"]


def test_import_overwrite_replaces(tmp_path: Path) -> None:
    target = write(tmp_path / "servers.json", {"mcpServers": {"mine": {"command": "keep"}}})
    source = write(tmp_path / "src.json", {"mcpServers": {"mine": {"command": "theirs"}}})
    report = import_servers(target, source, overwrite=True)
    assert report.replaced == ["mine"] and report.added == [] and report.skipped == []
    assert load_servers(target).servers["mine"].command == "theirs"


def test_import_skips_invalid_entries_and_reports_them(tmp_path: Path) -> None:
    target = tmp_path / "servers.json"
    source = write(
        tmp_path / "src.json",
        {"mcpServers": {"good": {"command": "x"}, "bad": {"command": "y", "args": "z"}}},
    )
    report = import_servers(target, source)
    assert report.added == ["good"]
    assert len(report.invalid) == 1 and report.invalid[0].startswith("bad: ")
    assert load_servers(target).names == ["good"]


def test_import_nothing_new_does_not_write(tmp_path: Path) -> None:
    target = tmp_path / "servers.json"
    source = write(tmp_path / "src.json", {"mcpServers": {}})
    assert import_servers(target, source) == ImportReport()
    assert not target.exists()


def test_import_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        import_servers(tmp_path / "t.json", tmp_path / "missing.json")
    with pytest.raises(ConfigError, match='no "mcpServers" or "servers"'):
        import_servers(tmp_path / "t.json", write(tmp_path / "x.json", {"other": {}}))
    with pytest.raises(ConfigError, match=r"line 1, column \d+: invalid JSON"):
        import_servers(tmp_path / "t.json", write(tmp_path / "y.json", "{oops"))
