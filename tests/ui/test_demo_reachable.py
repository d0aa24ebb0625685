"""The demo stays reachable once the user has servers of their own (listed last, connected on selection)."""

from __future__ import annotations

import json

from mcptui.core import locations
from mcptui.ui.app import DEMO_NAME, McpTuiApp, startup_servers
from mcptui.ui.settings import UiSettings
from mcptui.ui.widgets.server_list import ServerList

from .conftest import live, wait_for


def test_no_servers_means_the_demo_alone() -> None:
    servers, lazy = startup_servers(locations.servers_file())
    assert [s.name for s in servers] == [DEMO_NAME] and lazy == set()


def test_the_demo_is_kept_after_the_first_server_is_added() -> None:
    path = locations.servers_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"mcpServers": {"mine": {"url": "http://127.0.0.1:9/mcp"}}}))
    servers, lazy = startup_servers(path)
    assert [s.name for s in servers] == ["mine", DEMO_NAME] and lazy == {DEMO_NAME}


async def test_the_lazy_demo_connects_when_selected() -> None:
    path = locations.servers_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"mcpServers": {"mine": {"url": "http://127.0.0.1:9/mcp", "connectTimeout": 2}}})
    )
    servers, lazy = startup_servers(path)
    app = McpTuiApp(servers, servers_file=path, settings=UiSettings(), connect_on_select=lazy)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.main_screen.panes_ready, what="the panes")
        demo = live(app, DEMO_NAME)
        assert app.manager.connection(DEMO_NAME) is None and not demo.connected  # not started with the others
        app.main_screen.query_one(ServerList).focus()
        app.main_screen.select_server(DEMO_NAME)
        await wait_for(pilot, lambda: demo.connected, what="the demo to connect once selected")
