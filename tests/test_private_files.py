"""Files mcptui writes with user data are 0600 in 0700 folders, whatever the umask.

Covers the helper and each writer: history, catalog cache, servers file, saved blobs (TUI and
``--save-dir``), and the F8 screenshot (which asks where, with Pilot).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from mcptui.core import config, locations
from mcptui.core.catalog import Catalog, CatalogCache
from mcptui.core.history import CallRecord, HistoryStore
from mcptui.core.private_files import private_dir, write_private


@pytest.fixture(params=[0o022, 0o000], ids=["umask022", "umask000"])
def umask(request) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_helper_makes_private_files_and_folders(tmp_path, umask) -> None:
    folder = private_dir(tmp_path / "a" / "b")
    assert mode(tmp_path / "a") == 0o700 and mode(folder) == 0o700
    assert mode(write_private(folder / "f.txt", "x")) == 0o600
    existing = tmp_path / "shared"
    existing.mkdir(mode=0o755)
    os.chmod(existing, 0o755)
    private_dir(existing / "new", own=False)  # a user's folder is left as it is
    assert mode(existing) == 0o755 and mode(existing / "new") == 0o700


def test_history_is_private(tmp_path, umask) -> None:
    store = HistoryStore(tmp_path / "data" / "history")
    store.load("s", "s-slug")
    store.add(CallRecord(server="s", kind="tool", name="echo", arguments={"text": "hi"}))
    path = tmp_path / "data" / "history" / "s-slug.jsonl"
    assert mode(path) == 0o600 and mode(path.parent) == 0o700


def test_catalog_cache_is_private(tmp_path, umask) -> None:
    CatalogCache(tmp_path / "catalogs").save("slug", Catalog())
    files = list((tmp_path / "catalogs").iterdir())
    assert files and all(mode(f) == 0o600 for f in files) and mode(tmp_path / "catalogs") == 0o700


def test_servers_file_writes_are_private(umask) -> None:
    path = locations.servers_file()
    config.upsert_server(path, "s", {"url": "http://127.0.0.1:9/mcp", "headers": {"X-Api-Key": "k"}})
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    os.chmod(path, 0o644)  # a file made readable by hand is tightened on the next write
    config.upsert_server(path, "t", {"url": "http://127.0.0.1:9/mcp"})
    assert mode(path) == 0o600


def test_cli_save_dir_files_are_private(tmp_path, umask) -> None:
    from mcptui.cli.render import BinarySaver

    saved = BinarySaver(str(tmp_path / "out"), "r").save(b"\x89PNG", "image/png")
    assert saved is not None and mode(saved) == 0o600 and mode(saved.parent) == 0o700


def test_a_saved_attachment_is_private(tmp_path, umask) -> None:
    from mcptui.ui.widgets.attachments import Attachment, save_attachment

    path = save_attachment(Attachment("image", "image/png", b"abc"), tmp_path / "dl", "x.png")
    assert mode(path) == 0o600 and path.read_bytes() == b"abc"


async def test_f8_asks_where_and_saves_a_private_screenshot(umask) -> None:
    from textual.widgets import Input

    from mcptui.ui.app import McpTuiApp
    from mcptui.ui.screens.save_dialog import SaveModal

    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, SaveModal)
        path_input = app.screen.query_one(Input)
        assert path_input.value.startswith(str(locations.save_dir()))  # not the working directory
        path_input.value = "shot.svg"
        await pilot.press("enter")
        await pilot.pause()
        target = locations.save_dir() / "shot.svg"
        assert target.read_text().lstrip().startswith("<svg") and mode(target) == 0o600
        assert any(str(target) in n.message for n in app._notifications)
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert sorted(p.name for p in locations.save_dir().iterdir()) == ["shot.svg"]


def test_token_files_are_private_too(tmp_path, umask) -> None:
    from mcptui.core.auth.token_store import ServerRecord, TokenSet, TokenStore

    store = TokenStore(tmp_path / "auth")
    store.save_server(ServerRecord(server_url="https://mcp.example.com/mcp", tokens=TokenSet("AT")))
    path = store.server_path("https://mcp.example.com/mcp")
    assert mode(path) == 0o600 and mode(path.parent) == 0o700 and mode(tmp_path / "auth") == 0o700
