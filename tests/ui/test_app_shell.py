"""Pilot tests of the app shell: F1 help, remapped keys, themes/NO_COLOR, add/edit/remove
servers (written back to the servers file), and a first frame that needs no SDK import."""

from __future__ import annotations

import json
import subprocess
import sys

from textual.widgets import Input, Markdown, Select

from mcptui.core import config, locations
from mcptui.ui.app import McpTuiApp
from mcptui.ui.help_screen import HelpScreen
from mcptui.ui.screens.dialogs import ConfirmModal
from mcptui.ui.screens.server_editor import ServerEditor, entry_from_fields, fields_from_entry
from mcptui.ui.settings import UiSettings
from mcptui.ui.widgets.console import ConsoleView
from mcptui.ui.widgets.server_list import ServerList

from .conftest import wait_for

SIZE = (120, 36)


def test_importing_the_app_does_not_import_the_sdk() -> None:
    code = "import sys, mcptui.ui.app; print(sorted(m for m in sys.modules if m == 'mcp' or m.startswith('mcp.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


async def test_f1_shows_help_for_the_focused_pane() -> None:
    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "f1")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one(Markdown).source
        assert text.startswith("## Console")
        ids = {row[2] for row in app.screen.rows}
        assert {"console-follow", "console-open", "focus-servers", "quit", "help"} <= ids
        await pilot.press("escape")
        await pilot.press("s", "f1")
        assert app.screen.query_one(Markdown).source.startswith("## Servers")


async def test_keys_can_be_remapped_by_binding_id(tmp_path) -> None:
    settings_path = tmp_path / "settings.json"
    settings_path.write_text(json.dumps({"keymap": {"focus-console": "f3"}, "theme": "ansi-dark"}))
    settings = UiSettings.load(settings_path)
    app = McpTuiApp([], auto_connect=False, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "ansi-dark"
        await pilot.press("f3")
        assert isinstance(app.focused, ConsoleView)


def test_bad_settings_are_reported_not_raised(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert "not valid JSON" in UiSettings.load(path).problem
    path.write_text(json.dumps({"keymap": {"focus-console": 3}}))
    assert "keymap" in UiSettings.load(path).problem
    assert UiSettings.load(tmp_path / "missing.json") == UiSettings()


async def test_no_color_is_honoured(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = McpTuiApp([], auto_connect=False)
    assert app.no_color


def test_every_binding_has_an_id_and_avoids_multiplexer_keys() -> None:
    from mcptui.ui.screens.main_screen import MainScreen
    from mcptui.ui.widgets.catalog_tree import CatalogTree
    from mcptui.ui.widgets.history import HistoryPane

    taken = {"ctrl+b", "ctrl+a", "ctrl+g", "ctrl+o", "ctrl+s", "ctrl+j"}
    for owner in (McpTuiApp, MainScreen, ServerList, CatalogTree, ConsoleView, HistoryPane):
        for binding in owner.BINDINGS:
            keys = set(binding.key.split(","))
            assert not keys & taken, (owner.__name__, binding.key)
            if binding.show:
                assert binding.id, (owner.__name__, binding.key)


def test_editor_fields_round_trip() -> None:
    assert entry_from_fields("https://h/mcp", "sse", "12", None) == {
        "url": "https://h/mcp",
        "type": "sse",
        "timeout": 12.0,
    }
    entry = entry_from_fields("python -m srv --flag 'a b'", "auto", "", {"env": {"K": "${K}"}})
    assert entry == {
        "env": {"K": "${K}"},
        "command": "python",
        "args": ["-m", "srv", "--flag", "a b"],
        "type": "stdio",
    }
    assert fields_from_entry(entry) == ("python -m srv --flag 'a b'", "stdio", "")
    with_auth = entry_from_fields("https://h/mcp", "auto", "", {"auth": {"token": "${T}"}}, "bearer")
    assert with_auth == {"auth": {"token": "${T}", "method": "bearer"}, "url": "https://h/mcp"}


async def test_add_edit_and_remove_a_server(tmp_path) -> None:
    servers_path = locations.servers_file()
    app = McpTuiApp([], servers_file=servers_path, auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "n")
        assert isinstance(app.screen, ServerEditor)
        app.screen.query_one("#editor-name", Input).value = "local"
        app.screen.query_one("#editor-where", Input).value = "http://127.0.0.1:9/mcp"
        await pilot.press("f9")
        await wait_for(pilot, lambda: "local" in app.sessions, what="the new session")
        saved = config.load_servers(servers_path)
        assert saved.entry("local") == {"url": "http://127.0.0.1:9/mcp"}
        assert app.main_screen.query_one(ServerList).selected_name == "local"

        # edit: the form is prefilled from the file; change the URL
        await pilot.press("s", "e")
        assert isinstance(app.screen, ServerEditor)
        where = app.screen.query_one("#editor-where", Input)
        assert where.value == "http://127.0.0.1:9/mcp"
        app.screen.query_one("#editor-auth", Select).value = "none"
        where.value = "http://127.0.0.1:10/mcp"
        await pilot.press("f9")
        await wait_for(
            pilot,
            lambda: (
                config.load_servers(servers_path).entry("local")
                == {"url": "http://127.0.0.1:10/mcp", "auth": {"method": "none"}}
            ),
        )
        assert app.sessions["local"].config.url == "http://127.0.0.1:10/mcp"

        # a bad entry is refused with a message, nothing written
        await pilot.press("s", "e")
        app.screen.query_one("#editor-where", Input).value = ""
        await pilot.press("f9")
        assert isinstance(app.screen, ServerEditor)
        await pilot.press("escape")

        # remove, after confirmation
        await pilot.press("s", "d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await wait_for(pilot, lambda: "local" not in app.sessions)
        assert config.load_servers(servers_path).names == []


async def test_roots_can_be_edited() -> None:
    from textual.widgets import TextArea

    from mcptui.ui.screens.dialogs import RootsEditor

    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        assert app.handlers.roots("srv") == []  # none by default, never the working directory
        app.edit_roots("srv")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, RootsEditor)
        editor.query_one(TextArea).text = '[{"uri": "not-a-file-uri"}]'
        await pilot.press("f9")
        assert app.screen is editor  # refused, with a message
        editor.query_one(TextArea).text = '[{"uri": "file:///srv/project", "name": "project"}]'
        await pilot.press("f9")
        await pilot.pause()
        assert app.handlers.roots("srv") == [{"uri": "file:///srv/project", "name": "project"}]
