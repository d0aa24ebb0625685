"""URL-mode elicitation: the URL is shown with open and copy, and its completion closes the dialog."""

from __future__ import annotations

import sys

from textual.widgets import Static

from mcptui.core.events import RpcMessage
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.url_elicitation import UrlElicitationScreen
from mcptui.ui.settings import UiSettings
from mcptui.ui.widgets.catalog_tree import CatalogItem
from mcptui.ui.widgets.console import ConsoleView

from .conftest import connected, wait_for
from .url_elicit_server import URL


def url_server() -> ServerConfig:
    return ServerConfig(
        name="demo",
        transport="stdio",
        command=sys.executable,
        args=["-m", "tests.ui.url_elicit_server"],
        protocol="legacy",
    )


async def start_visit(pilot) -> UrlElicitationScreen:
    app = pilot.app
    await wait_for(pilot, lambda: connected(app), what="the server to connect")
    item = CatalogItem.of("demo", "tool", app.sessions["demo"].catalog.tool("visit"))
    app.main_screen.show_item(item)
    await pilot.pause()
    await pilot.press("f9")
    return await wait_for(
        pilot, lambda: isinstance(app.screen, UrlElicitationScreen) and app.screen, what="the URL dialog"
    )


async def test_url_is_shown_copied_and_accepted() -> None:
    app = McpTuiApp([url_server()], settings=UiSettings(), show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await start_visit(pilot)
        assert str(dialog.query_one(".elicitation-url", Static).render()) == URL
        await pilot.press("c")
        assert app.clipboard == URL
        await pilot.press("enter")  # Done: the user went there
        await wait_for(pilot, lambda: app.history.records("demo"), what="the call to finish")
        assert "visit: accept" in str(app.history.records("demo")[-1].result)


async def test_completion_notification_closes_the_dialog() -> None:
    app = McpTuiApp([url_server()], settings=UiSettings(), show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_visit(pilot)
        connection = app.manager.connection("demo")
        app.run_worker(connection.call_tool("finish", {}), exit_on_error=False)
        await wait_for(pilot, lambda: not isinstance(app.screen, UrlElicitationScreen), what="it to close")
        await wait_for(pilot, lambda: app.history.records("demo"), what="the call to finish")
        assert "visit: accept" in str(app.history.records("demo")[-1].result)
        assert any("complete" in n.message for n in app._notifications)


async def test_a_request_the_server_abandons_closes_its_dialog() -> None:
    from mcptui.ui.screens.elicitation import ElicitationScreen

    app = McpTuiApp([url_server()], settings=UiSettings(), show_times=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: connected(app), what="the server to connect")
        item = CatalogItem.of("demo", "tool", app.sessions["demo"].catalog.tool("impatient"))
        app.main_screen.show_item(item)
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ElicitationScreen), what="the question")
        # the server gives up (notifications/cancelled): the dialog goes, nothing is answered
        await wait_for(pilot, lambda: not isinstance(app.screen, ElicitationScreen), what="it to close")
        await wait_for(pilot, lambda: app.history.records("demo"), what="the call to finish")
        assert "gave up" in str(app.history.records("demo")[-1].result)
        # on the wire: the question, the server's cancel, and no answer from us after it
        view = app.main_screen.query_one(ConsoleView)

        def wire() -> list[RpcMessage]:
            return [e.event for e in view.entries if isinstance(e.event, RpcMessage)]

        asked = await wait_for(
            pilot,
            lambda: [m for m in wire() if m.direction == "in" and m.method == "elicitation/create"],
            what="the question on the wire",
        )
        await wait_for(
            pilot,
            lambda: any(m.direction == "in" and m.method == "notifications/cancelled" for m in wire()),
            what="the server's cancel on the wire",
        )
        answers = [
            m
            for m in wire()
            if m.direction == "out" and m.id == asked[0].id and m.kind_of in ("response", "error")
        ]
        assert answers == []
