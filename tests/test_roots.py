"""Roots are the user's choice: none by default, the servers file's ``roots``, ``--root``, the editor.

A real SDK server (``tests/roots_server.py``) asks the client for its roots and reports them,
so these tests see what a server would see.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mcptui.core import config
from mcptui.core.config_entry import entry_to_server
from mcptui.core.errors import ConfigError
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from tests.ui.conftest import connected, wait_for

PROBE = [sys.executable, str(Path(__file__).parent / "roots_server.py")]


@pytest.fixture
def run_cli(capsys):
    """Run the real CLI in-process; returns (code, out, err) as attributes."""
    from types import SimpleNamespace

    from mcptui.__main__ import main

    def run(*argv: str) -> SimpleNamespace:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return SimpleNamespace(code=code, out=captured.out, err=captured.err)

    return run


def probe_config(name: str = "probe", roots: list[str] | None = None) -> ServerConfig:
    return ServerConfig(name=name, transport="stdio", command=PROBE[0], args=PROBE[1:], roots=roots or [])


# --- the servers file ------------------------------------------------------------------------


def test_roots_in_an_entry_are_expanded_and_checked(tmp_path, monkeypatch) -> None:
    (tmp_path / "proj").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    cfg, warnings = entry_to_server(
        "s", {"command": "x", "roots": ["~/proj", "${DATA_DIR}", "/no/such/folder", "~/proj"]}
    )
    assert cfg.roots == [str(tmp_path / "proj"), str(tmp_path)]
    assert any("/no/such/folder" in w and "does not exist" in w for w in warnings)


def test_a_malformed_roots_value_is_a_config_error(tmp_path) -> None:
    with pytest.raises(ConfigError, match="roots must be a list of folder paths"):
        entry_to_server("s", {"command": "x", "roots": "/tmp"})
    cfg, warnings = entry_to_server("s", {"command": "x", "roots": ["relative/dir"]})
    assert cfg.roots == [] and "not an absolute path" in warnings[0]
    path = tmp_path / "servers.json"
    path.write_text(json.dumps({"mcpServers": {"s": {"command": "x", "roots": [1]}}}))
    with pytest.raises(ConfigError, match=r"line \d+, column \d+: mcpServers.s.roots"):
        config.load_servers(path)


def test_roots_and_cautious_survive_a_round_trip(tmp_path) -> None:
    cfg = probe_config(roots=[str(tmp_path)]).with_overrides(cautious=True)
    entry = config.server_to_entry(cfg)
    assert entry["roots"] == [str(tmp_path)] and entry["cautious"] is True
    again, _ = entry_to_server("probe", entry)
    assert again.roots == [str(tmp_path)] and again.cautious


# --- the command line ------------------------------------------------------------------------


def test_the_cli_offers_no_roots_by_default(run_cli) -> None:
    """A one-shot run given no roots does not declare the roots capability at all (issue 13:
    a server asking roots/list as the CLI shuts down held the child past its grace)."""
    run = run_cli("call", "show_roots", "--json", "--", *PROBE)
    assert run.code == 1
    assert "did not declare: roots" in json.loads(run.err)["error"]["message"]  # failures.py, -32021


def test_the_cli_offers_each_root_flag(run_cli, tmp_path, monkeypatch) -> None:
    (tmp_path / "a").mkdir()
    monkeypatch.chdir(tmp_path)
    run = run_cli("call", "show_roots", "--json", "--root", "a", "--root", str(tmp_path), "--", *PROBE)
    assert run.code == 0, run.err
    uris = json.loads(json.loads(run.out)["content"][0]["text"])
    assert uris == [(tmp_path / "a").as_uri(), tmp_path.as_uri()]


def test_a_root_flag_that_is_not_a_folder_is_refused(run_cli, tmp_path) -> None:
    run = run_cli("call", "show_roots", "--root", str(tmp_path / "missing"), "--", *PROBE)
    assert run.code == 1 and "--root" in run.err and "does not exist" in run.err


def test_a_configured_server_gets_its_roots(run_cli, tmp_path) -> None:
    servers = tmp_path / "servers.json"
    entry = {"command": PROBE[0], "args": PROBE[1:], "roots": [str(tmp_path)]}
    servers.write_text(json.dumps({"mcpServers": {"probe": entry}}))
    run = run_cli("call", "probe", "show_roots", "--json", "--config", str(servers))
    assert run.code == 0, run.err
    assert json.loads(json.loads(run.out)["content"][0]["text"]) == [tmp_path.as_uri()]


# --- the TUI ---------------------------------------------------------------------------------


async def _roots_seen(app: McpTuiApp, pilot, name: str = "probe") -> list[str]:
    await wait_for(pilot, lambda: connected(app, name), what="the probe to connect")
    connection = app.manager.connection(name)
    result = await connection.call_tool("show_roots", {})
    return json.loads(result["content"][0]["text"])


async def test_the_tui_offers_no_roots_by_default(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # the working directory is never offered
    app = McpTuiApp([probe_config()])
    async with app.run_test(size=(120, 36)) as pilot:
        assert await _roots_seen(app, pilot) == []


async def test_the_tui_offers_the_configured_roots_and_shows_them(tmp_path) -> None:
    from mcptui.ui.widgets.server_list import ServerList, session_label

    app = McpTuiApp([probe_config(roots=[str(tmp_path)])])
    async with app.run_test(size=(120, 36)) as pilot:
        assert await _roots_seen(app, pilot) == [tmp_path.as_uri()]
        assert f"roots: {tmp_path}" in session_label(app.sessions["probe"]).plain
        assert app.main_screen.query_one(ServerList).option_count == 1


async def test_the_editor_sets_roots_and_saves_them(tmp_path, monkeypatch) -> None:
    from textual.widgets import Checkbox, Input, Label

    from mcptui.core import locations
    from mcptui.ui.screens.server_editor import ServerEditor

    (tmp_path / "proj dir").mkdir()
    monkeypatch.setenv("PROJ_HOME", str(tmp_path))
    servers_path = locations.servers_file()
    app = McpTuiApp([], servers_file=servers_path, auto_connect=False)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("s", "n")
        editor = app.screen
        assert isinstance(editor, ServerEditor)
        editor.query_one("#editor-name", Input).value = "local"
        editor.query_one("#editor-where", Input).value = "http://127.0.0.1:9/mcp"
        editor.query_one("#editor-roots", Input).value = str(tmp_path / "missing")
        await pilot.press("f9")
        assert app.screen is editor  # refused: not a folder
        assert "does not exist" in str(editor.query_one("#editor-error", Label).render())
        editor.query_one("#editor-roots", Input).value = "'${PROJ_HOME}/proj dir'"
        editor.query_one("#editor-cautious", Checkbox).value = True
        await pilot.press("f9")
        await wait_for(pilot, lambda: "local" in app.sessions, what="the new session")
        entry = config.load_servers(servers_path).entry("local")
        assert entry["roots"] == ["${PROJ_HOME}/proj dir"] and entry["cautious"] is True
        assert app.sessions["local"].config.roots == [str(tmp_path / "proj dir")]

        # edit again: the form shows the roots as written; clearing them removes the key
        await pilot.press("s", "e")
        roots = app.screen.query_one("#editor-roots", Input)
        assert roots.value == "'${PROJ_HOME}/proj dir'"
        assert app.screen.query_one("#editor-cautious", Checkbox).value is True
        roots.value = ""
        await pilot.press("f9")
        await wait_for(pilot, lambda: "roots" not in (config.load_servers(servers_path).entry("local") or {}))
        assert app.sessions["local"].config.roots == []


def test_root_flags_before_and_after_the_command_accumulate() -> None:
    from mcptui.cli.parser import parse_args

    args = parse_args(["--root", "/a", "list", "srv", "--root", "/b"])
    assert args.root == ["/a", "/b"] and args.words == ["srv"]
    assert parse_args(["list", "srv"]).root == []


def test_the_tui_command_passes_root_flags_to_every_server(run_cli, monkeypatch, tmp_path) -> None:
    import types

    import mcptui.cli.commands_local

    calls = []
    fake = types.ModuleType("mcptui.ui.app")
    fake.run_tui = lambda path, target_config=None, **extra: calls.append((target_config, extra)) or 0
    monkeypatch.setitem(sys.modules, "mcptui.ui.app", fake)
    monkeypatch.setattr(mcptui.cli.commands_local, "has_terminal", lambda: True)
    assert run_cli("--root", str(tmp_path)).code == 0
    assert calls[-1][0] is None and calls[-1][1]["extra_roots"] == [str(tmp_path)]
    assert run_cli("--root", str(tmp_path), "--", *PROBE).code == 0  # one target: on its config
    assert calls[-1][0].roots == [str(tmp_path)] and calls[-1][1]["extra_roots"] is None
    assert run_cli("--root", str(tmp_path / "nope")).code == 1


def test_run_tui_adds_extra_roots_to_each_server(tmp_path, monkeypatch) -> None:
    from mcptui.ui import app as app_module

    seen = []
    monkeypatch.setattr(app_module.McpTuiApp, "run", lambda self: seen.append(self.sessions) or 0)
    path = tmp_path / "servers.json"
    path.write_text(
        json.dumps({"mcpServers": {"a": {"command": "x", "roots": ["/"]}, "b": {"command": "y"}}})
    )
    assert app_module.run_tui(path, extra_roots=[str(tmp_path)]) == 0
    assert {n: s.config.roots for n, s in seen[0].items()} == {
        "a": ["/", str(tmp_path)],
        "b": [str(tmp_path)],
        "demo": [],  # the demo listed beside the user's servers gets none: it was not chosen
    }
