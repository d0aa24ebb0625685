"""Pilot tests: the console (filter, follow, open one event, floods), list_changed resync,
the stale catalog of an unreachable server with retry, and server requests (elicitation)."""

from __future__ import annotations

import socket

from textual.widgets import Input

from mcptui.core.catalog import Catalog, CatalogCache
from mcptui.core.events import ServerLog
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.messages import ConsoleEventsPending, EventRouter
from mcptui.ui.screens.dialogs import TextModal
from mcptui.ui.widgets.catalog_tree import CatalogTree
from mcptui.ui.widgets.console import ConsoleView

from .conftest import connected, live, panes_up, wait_for
from .test_calls import select_tool

SIZE = (120, 36)


async def test_console_shows_the_wire_and_filters_by_kind_and_text(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        view = app.main_screen.query_one(ConsoleView)
        await wait_for(pilot, lambda: any(e.kind == "state" for e in view.rows), what="state events")
        kinds = {e.kind for e in view.rows}
        assert {"rpc", "state"} <= kinds
        assert any("tools/list" in e.line for e in view.rows)

        # kind filter
        view.set_filters(kind="state")
        assert view.rows and all(e.kind == "state" for e in view.rows)
        # text filter, typed in the console bar
        view.set_filters(kind=None)
        await pilot.click("#console-filter")
        await pilot.press(*"tools/list")
        assert view.rows and all("tools/list" in e.line.lower() for e in view.rows)

        # server logs with a level selector: emit_logs sends debug..error
        select_tool(app, "emit_logs", {"message": "pilot"})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: app.history.records("demo"))
        app.main_screen.query_one("#console-filter", Input).value = ""
        await pilot.pause()
        assert view.text_filter == ""
        view.set_filters(kind="log", level="warning")
        await wait_for(pilot, lambda: len(view.rows) >= 2, what="warning+ logs")
        assert {e.level for e in view.rows} <= {"warning", "error", "critical", "alert", "emergency"}

        # follow/pause and open one event in full (Esc leaves the filter box for the list)
        await pilot.press("escape")
        assert app.focused is view
        await pilot.press("t", "c")
        assert app.focused is view and view.follow
        await pilot.press("k")
        assert not view.follow
        await pilot.press("enter")
        assert isinstance(app.screen, TextModal)
        assert '"kind": "log"' in app.screen.text
        await pilot.press("escape")
        await pilot.press("f")
        assert view.follow


async def test_a_flood_of_events_is_batched_and_bounded() -> None:
    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        posted: list[object] = []
        router = EventRouter(posted.append, limit=5_000)
        for i in range(10_000):
            router(ServerLog(server="flood", level="info", data=f"line {i}"))
        # one pending notice for the whole flood, the buffer bounded
        assert [type(m) for m in posted] == [ConsoleEventsPending]
        assert router.dropped == 5_000
        # drained in slices: each slice asks for the next one
        first = router.drain(1_000)
        assert len(first) == 1_000 and first[0].data == "line 5000" and len(posted) == 2
        view = app.main_screen.query_one(ConsoleView)
        view.entries = type(view.entries)(maxlen=2_000)
        view.add_events(first + router.drain())
        await pilot.pause()
        assert len(view.entries) == 2_000 and view.rows[-1].line.endswith("line 9999")
        assert view.virtual_size.height == len(view.rows)


async def test_resync_on_list_changed(demo_stdio) -> None:
    app = McpTuiApp([demo_stdio])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        tree = app.main_screen.query_one(CatalogTree)

        def tool_names() -> list[str]:
            return [n.data.key for n in tree.root.children[0].children if n.data is not None]

        assert "extra_tool" not in tool_names()
        select_tool(app, "toggle_extra_tool")
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: "extra_tool" in tool_names(), what="the tree to show extra_tool")
        # and F5 resyncs on demand
        await pilot.press("f5")
        await wait_for(pilot, lambda: "extra_tool" in tool_names())


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_unreachable_server_shows_its_stale_catalog_and_retries(tmp_path) -> None:
    config = ServerConfig(name="gone", url=f"http://127.0.0.1:{closed_port()}/mcp", connect_timeout=3)
    cache = CatalogCache(tmp_path / "catalogs")
    cache.save(
        config.cache_slug, Catalog(tools=[{"name": "remembered_tool", "inputSchema": {"type": "object"}}])
    )
    app = McpTuiApp([config], cache=cache)
    async with app.run_test(size=SIZE) as pilot:
        session = live(app, "gone")
        await wait_for(pilot, lambda: session.error and panes_up(app), what="the connection to fail")
        tree = app.main_screen.query_one(CatalogTree)
        assert tree.catalog is not None and tree.catalog.stale
        assert [n.data.key for n in tree.root.children[0].children if n.data] == ["remembered_tool"]
        status = str(app.main_screen.query_one("#catalog-status").render())
        assert "stale" in status and "F7 retry" in status
        assert session.state.value == "failed"
        # retry: a new attempt is made (and fails again)
        events_before = len(app.main_screen.query_one(ConsoleView).entries)
        await pilot.press("f7")
        await wait_for(
            pilot,
            lambda: len(app.main_screen.query_one(ConsoleView).entries) > events_before and session.error,
            what="a second attempt",
        )
        assert tree.catalog.stale


async def test_elicitation_request_opens_a_modal_and_returns_the_answer(demo_stdio) -> None:
    from mcptui.ui.screens.elicitation import ElicitationScreen

    app = McpTuiApp([demo_stdio])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        select_tool(app, "ask_user")
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ElicitationScreen), what="the elicitation modal")
        app.screen.dismiss(("accept", {"name": "Ada", "age": 36, "subscribe": True, "color": "blue"}))
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records)
        assert "accepted: name=Ada age=36" in records[-1].result["content"][0]["text"]


async def test_sampling_request_shows_the_request_and_returns_the_reply(demo_http) -> None:
    from mcptui.ui.screens.sampling import SamplingScreen

    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        select_tool(app, "ask_llm", {"prompt": "say hi"})
        await pilot.pause()
        await pilot.press("f9")
        screen = await wait_for(pilot, lambda: isinstance(app.screen, SamplingScreen) and app.screen)
        assert screen.server == "demo" and "say hi" in str(screen.params)
        screen.dismiss(
            {"role": "assistant", "content": {"type": "text", "text": "hi"}, "model": "pilot-model"}
        )
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records)
        assert records[-1].result["content"][0]["text"] == "pilot-model answered: hi"


async def test_resources_read_on_enter_and_notify_when_subscribed(demo_stdio) -> None:
    from mcptui.ui.commands import app_commands

    app = McpTuiApp([demo_stdio])
    notices: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        app.notify = lambda message, **_kw: notices.append(str(message))  # type: ignore[method-assign]
        tree = app.main_screen.query_one(CatalogTree)
        readme = next(n for n in tree.root.children[2].children if n.data and n.data.key == "demo://readme")
        tree.move_cursor(readme)
        tree.focus()
        await pilot.press("enter")  # a static resource is read at once
        records = app.history.records("demo")
        await wait_for(pilot, lambda: records)
        assert records[-1].kind == "resource" and records[-1].name == "demo://readme" and records[-1].ok

        commands = {title: cb for title, cb, _h in app_commands(app)}
        commands["resource: subscribe to demo://readme"]()
        # recorded once the server took it
        await wait_for(pilot, lambda: app.sessions["demo"].subscriptions == {"demo://readme"})
        select_tool(app, "touch_resource", {"uri": "demo://readme"})
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(
            pilot, lambda: any("resource updated demo://readme" in n for n in notices), what="update"
        )

        # the console's level selector also tells the servers which log levels to send
        from textual.widgets import Select

        app.main_screen.query_one("#console-level", Select).value = "error"
        connection = app.manager.connection("demo")
        await wait_for(pilot, lambda: connection.log_level == "error", what="the server log level")
