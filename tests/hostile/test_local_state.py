"""Issue 9 point 4: corrupt local state (cache, history, tokens, settings, servers file) never crashes.

Each file is parsed with a size and depth limit into the shape its loader expects; a file that
does not fit is set aside with one message naming it (or, for the servers file, one error).
"""

from __future__ import annotations

import json
import time

import pytest

from mcptui.core import local_files, locations
from mcptui.core.auth.token_store import TokenStore
from mcptui.core.catalog import CatalogCache
from mcptui.core.config import ServersFile, load_servers
from mcptui.core.errors import ConfigError
from mcptui.core.history import HistoryStore
from mcptui.core.targets import resolve_target
from mcptui.ui.settings import UiSettings

DEEP = "[" * 100_000 + "]" * 100_000


def test_depth_scan_refuses_deep_json_quickly():
    started = time.monotonic()
    with pytest.raises(local_files.LocalFileError, match="nested more than 200 levels"):
        local_files.parse_json(DEEP)
    assert time.monotonic() - started < 1.0
    assert local_files.nesting_depth('{"a": "[[[[", "b": [[1]]}') == 3  # brackets in strings do not count


@pytest.mark.parametrize(
    "content",
    [
        '{"format": 1, "catalog": {"tools": "not a list"}}',
        "[]",
        '{"format": 1, "catalog": {"tools": [1, 2]}}',
        DEEP,
    ],
)
def test_a_catalog_cache_of_the_wrong_shape_is_set_aside(tmp_path, content):
    cache = CatalogCache(tmp_path)
    path = tmp_path / "srv.catalog.json"
    path.write_text(content, encoding="utf-8")
    assert cache.load("srv") is None
    assert not path.exists()
    assert cache.problem is not None and str(path) in cache.problem and "moved it to" in cache.problem
    assert len(list(tmp_path.glob("srv.catalog.json.corrupt-*"))) == 1


def test_the_cli_reports_the_connection_error_not_the_corrupt_cache(run_cli, refused_url):
    config = resolve_target(refused_url, None, ServersFile(path=locations.servers_file()))
    cache_dir = locations.catalog_cache_dir()
    cache_dir.mkdir(parents=True, exist_ok=True)
    (cache_dir / f"{config.cache_slug}.catalog.json").write_text('{"format": 1, "catalog": []}')
    run = run_cli("-v", "list", refused_url)
    assert run.code == 4, run.err
    assert "internal error" not in run.err and "Traceback" not in run.err
    assert "catalog cache file" in run.err and "moved it to" in run.err


def test_history_lines_of_another_shape_are_skipped(tmp_path):
    good = {"server": "s", "kind": "tool", "name": "add", "arguments": {"a": 1}}
    lines = [
        "[]",
        "42",
        '{"server": "s", "kind": "tool", "name": "x", "arguments": 5}',
        json.dumps(good),
        "[" * 5000,
    ]
    (tmp_path / "slug.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = HistoryStore(tmp_path).load("s", "slug")
    assert [(r.name, r.arguments) for r in records] == [("add", {"a": 1})]


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b'{"server_url": "\xff\xfe"}', "not UTF-8 text"),
        (DEEP.encode(), "nested more than 200 levels deep"),
        (b'{"server_url": "http://127.0.0.1:1/mcp", "tokens": [1, 2]}', "not a credentials record"),
        (b"[]", "not a JSON object"),
    ],
)
def test_a_token_file_that_does_not_fit_is_set_aside(tmp_path, content, why):
    notices: list[str] = []
    store = TokenStore(tmp_path, notify=notices.append)
    url = "http://127.0.0.1:1/mcp"
    path = store.server_path(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    assert store.load_server(url) is None
    assert not path.exists()
    assert len(notices) == 1 and str(path) in notices[0] and why in notices[0]


def test_a_deeply_nested_settings_file_is_ignored_with_one_problem(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(DEEP)
    settings = UiSettings.load(path)
    assert settings.problem == f"{path}: ignored, nested more than 200 levels deep"


def test_a_deeply_nested_servers_file_is_one_config_error(tmp_path):
    path = tmp_path / "servers.json"
    path.write_text('{"mcpServers": ' + DEEP + "}")
    with pytest.raises(ConfigError, match="nested more than 200 levels deep"):
        load_servers(path)


def test_the_cli_reports_a_deep_servers_file_in_one_line(run_cli, tmp_path):
    path = tmp_path / "servers.json"
    path.write_text(DEEP)
    run = run_cli("servers", "--config", str(path))
    assert run.code == 1, run.err  # a config error, like any other unusable servers file
    assert run.err.count("\n") <= 2 and "nested more than 200 levels deep" in run.err
    assert "RecursionError" not in run.err


async def test_an_unhandled_ui_error_shows_one_line_and_no_locals(monkeypatch):
    from rich.text import Text

    from mcptui.ui.app import McpTuiApp

    monkeypatch.delenv("MCPTUI_DEBUG", raising=False)
    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=(100, 30)):
        secret_argument = {"token": "s3cr3t"}  # noqa: F841 - a local a traceback would dump
        try:
            raise KeyError("boom")
        except KeyError:
            app._fatal_error()
        shown = list(app._exit_renderables)
    assert len(shown) == 1 and isinstance(shown[0], Text)
    assert (
        str(shown[0])
        == "mcptui: internal error (KeyError); please report it (MCPTUI_DEBUG=1 shows the details)"
    )
