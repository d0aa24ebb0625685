"""What keeps the TUI quick, tested as behaviour: the filter narrows in the keystroke's own frame,
an unchanged view costs no tree rebuild, the side panes wait for the catalog (or a key), and the
cyclic collector, paused while the UI imports, runs again once the first frame is drawn."""

from __future__ import annotations

import gc
import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from textual.widgets import Input

from mcptui.core import first_shown
from mcptui.core.catalog import Catalog
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens import main_panes
from mcptui.ui.widgets.catalog_tree import CatalogTree
from mcptui.ui.widgets.filter_input import FilterInput

from .conftest import wait_for

SIZE = (120, 36)
TOOLS = [{"name": f"tool_{i:04d}", "inputSchema": {"type": "object"}} for i in range(300)]


def shown_keys(tree: CatalogTree) -> list[str]:
    return [leaf.data.key for leaf in tree._leaves() if leaf.data is not None]


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A 127.0.0.1 port that accepts connections and never answers: a connect that stays pending."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/mcp"


async def test_the_filter_narrows_the_tree_before_any_message_is_handled() -> None:
    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        tree = app.main_screen.query_one(CatalogTree)
        tree.show_catalog("big", Catalog(tools=TOOLS))
        await pilot.pause()
        box = app.main_screen.query_one("#catalog-filter", FilterInput)
        box.value = "tool_029"  # no await: nothing else has run yet
        assert shown_keys(tree) == [f"tool_{i:04d}" for i in range(290, 300)]
        # still a plain Input to everything else, Changed included
        assert isinstance(box, Input)


async def test_a_keystroke_that_changes_nothing_visible_does_not_rebuild_the_tree() -> None:
    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        tree = app.main_screen.query_one(CatalogTree)
        tree.show_catalog("big", Catalog(tools=TOOLS))
        tree.set_filter("t")
        first_group = tree.root.children[0]
        tree.set_filter("to")  # all 300 still match: the same 100 leaves, the same counts
        assert tree.root.children[0] is first_group
        tree.set_filter("tool_01")  # now fewer: rebuilt
        assert tree.root.children[0] is not first_group
        assert str(tree.root.children[0].label) == "Tools 100/300"
        # a new catalog is always drawn, even with the same items
        group = tree.root.children[0]
        tree.show_catalog("big", Catalog(tools=TOOLS))
        assert tree.root.children[0] is not group
        await pilot.pause()


async def test_side_panes_wait_while_connecting_and_come_with_a_pane_key(silent_server, monkeypatch) -> None:
    monkeypatch.setattr(main_panes, "PANES_AT_THE_LATEST", 600.0)  # only the key may mount them here
    config = ServerConfig(name="slow", url=silent_server, transport="http", timeout=60, connect_timeout=60)
    app = McpTuiApp([config])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.manager.connection("slow") is not None, what="connecting")
        await pilot.pause()
        assert not app.main_screen.panes_ready  # the first frames: servers, tree, footer only
        await pilot.press("c")  # the console key needs them: mounted at once
        await wait_for(pilot, lambda: app.main_screen.panes_ready, what="panes mounted")
        assert app.main_screen.query_one("#console")


DEFERRED_IMPORTS = """
import asyncio, json, socket, sys
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens import main_panes

main_panes.PANES_AT_THE_LATEST = 600.0  # only the key mounts them here

def imported():
    return [name for name in main_panes.DEFERRED_MODULES if name in sys.modules]

async def main():
    listener = socket.socket()  # accepts and never answers: the connection stays pending
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/mcp"
    app = McpTuiApp([ServerConfig(name="slow", url=url, transport="http", timeout=60, connect_timeout=60)])
    seen = {"at import": imported()}
    async with app.run_test(size=(120, 36)) as pilot:
        while app.manager.connection("slow") is None:  # after the first frame: _connect_all ran
            await pilot.pause()
        await pilot.pause()
        seen["first frame"] = imported()
        seen["panes before the key"] = app.main_screen.panes_ready
        await pilot.press("c")
        while not app.main_screen.panes_ready:
            await pilot.pause()
        seen["console opened"] = imported()
    print(json.dumps(seen))

asyncio.run(main())
"""


def test_the_deferred_panes_modules_are_imported_with_the_panes_not_before() -> None:
    """The tabs' and console's widget modules are not imported for the first frame (the screen
    without them is quicker to import), and are once a pane key mounts the panes."""
    out = subprocess.run(
        [sys.executable, "-c", DEFERRED_IMPORTS], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["at import"] == [] and seen["first frame"] == [] and not seen["panes before the key"]
    assert seen["console opened"] == list(main_panes.DEFERRED_MODULES)


async def test_side_panes_come_once_the_catalog_is_drawn(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        painted = await wait_for(
            pilot, lambda: app.main_screen.panes_ready and app.main_screen.query_one(CatalogTree)._leaves()
        )
        assert painted
        assert app.main_screen.query_one("#detail")


async def test_the_collector_waits_for_the_first_screen_to_be_complete(silent_server, monkeypatch) -> None:
    """Paused from launch, it stays paused past the first frame while the catalog is awaited (its
    collections then delayed the catalog), and runs once the deferred panes are mounted."""
    monkeypatch.setattr(main_panes, "PANES_AT_THE_LATEST", 600.0)  # only the key mounts them here
    config = ServerConfig(name="slow", url=silent_server, transport="http", timeout=60, connect_timeout=60)
    gc.disable()  # what `mcptui` does before importing the UI
    try:
        app = McpTuiApp([config])
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.manager.connection("slow") is not None, what="connecting")
            await pilot.pause()
            assert not app.main_screen.panes_ready and not gc.isenabled()
            await pilot.press("c")
            await wait_for(pilot, lambda: app.main_screen.panes_ready, what="panes mounted")
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_the_collector_runs_again_after_the_first_frame() -> None:
    gc.disable()  # what `mcptui` does before importing the UI
    try:
        app = McpTuiApp([], auto_connect=False)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, gc.isenabled, what="gc back on")
    finally:
        gc.enable()


async def test_an_app_that_ends_before_its_first_catalog_starts_no_warm_up(
    silent_server, monkeypatch
) -> None:
    """The SDK's warm-up (TLS roots, jsonschema) queued for after the first catalog is dropped
    when the app ends first: started on the way out, in a daemon thread, its OpenSSL work met
    the interpreter's exit (SIGSEGV, "free(): invalid pointer" in ~3% of such runs)."""
    started: list[tuple[str, bool]] = []

    class Recorded(threading.Thread):
        def start(self) -> None:
            started.append((self.name, self.daemon))
            super().start()

    monkeypatch.setattr(first_shown, "threading", SimpleNamespace(Thread=Recorded))
    config = ServerConfig(name="slow", url=silent_server, transport="http", timeout=60, connect_timeout=60)
    app = McpTuiApp([config])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.manager.connection("slow") is not None, what="connecting")
        assert first_shown.held()
        first_shown.after_shown(lambda: None)  # as load_sdk queues the warm-up
    assert not first_shown.held() and started == []
    first_shown.after_shown(lambda: None)  # the gate open: at once, in a thread waited for at exit
    assert started == [("after-first-catalog", False)]
