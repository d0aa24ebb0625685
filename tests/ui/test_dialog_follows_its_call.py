"""Dialogs that wait for people end with what caused them (issue 11, "server requests wait for people").

A question the server asks during one of our calls closes, with one toast saying why, when that
call ends (here: the user cancels it) or the connection closes; nothing is answered afterwards.
Over streamable HTTP the SDK delivers the question in the call's context (it belongs to that
call); over stdio it belongs to the server's calls in flight. While the dialog is open, a request
carrying ``_meta.progressToken`` hears ``notifications/progress`` (the server records them).
"""

from __future__ import annotations

import sys

import pytest

from mcptui.core import handlers as core_handlers
from mcptui.core.events import RpcMessage
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.elicitation import ElicitationScreen
from mcptui.ui.screens.sampling import SamplingScreen
from mcptui.ui.settings import UiSettings
from mcptui.ui.widgets.catalog_tree import CatalogItem
from mcptui.ui.widgets.console import ConsoleView

from .conftest import connected, wait_for
from .waiting_server import serving_http

DIALOGS = {"ask": ElicitationScreen, "ask_model": SamplingScreen, "patient": ElicitationScreen}
QUESTION = {
    "ask": "elicitation/create",
    "ask_model": "sampling/createMessage",
    "patient": "elicitation/create",
}


def stdio_config() -> ServerConfig:
    return ServerConfig(
        name="waiting",
        transport="stdio",
        command=sys.executable,
        args=["-m", "tests.ui.waiting_server"],
        protocol="legacy",
    )


def http_config(url: str) -> ServerConfig:
    return ServerConfig(name="waiting", url=url, transport="http", protocol="legacy")


async def open_question(pilot, tool: str, *, see_dialog: bool = True):
    """Call ``tool`` from the main screen; return its call id once its dialog is up."""
    app = pilot.app
    await wait_for(pilot, lambda: connected(app, "waiting"), what="the server to connect")
    item = CatalogItem.of("waiting", "tool", app.sessions["waiting"].catalog.tool(tool))
    app.main_screen.show_item(item)
    await pilot.pause()
    await pilot.press("f9")
    if not see_dialog:
        return None
    await wait_for(pilot, lambda: isinstance(app.screen, DIALOGS[tool]), what="the dialog")
    (call_id,) = app.main_screen.calls.running
    return call_id


def wire(app) -> list[RpcMessage]:
    view = app.main_screen.query_one(ConsoleView)
    return [e.event for e in view.entries if isinstance(e.event, RpcMessage)]


def answers_to(app, method: str) -> list[RpcMessage]:
    asked = [m for m in wire(app) if m.direction == "in" and m.method == method]
    assert asked, f"{method} not seen on the wire"
    return [
        m
        for m in wire(app)
        if m.direction == "out" and m.id == asked[0].id and m.kind_of in ("response", "error")
    ]


def toasts(app, text: str) -> list[str]:
    return [n.message for n in app._notifications if text in n.message]


@pytest.mark.parametrize(
    ("transport", "tool", "why"),
    [
        ("http", "ask", "waiting: the call ask was cancelled: the dialog was closed"),
        ("http", "ask_model", "waiting: the call ask_model was cancelled: the dialog was closed"),
        (
            "stdio",
            "ask",
            "waiting: the call ask was cancelled (its last call in flight): the dialog was closed",
        ),
    ],
)
async def test_cancelling_the_call_closes_its_dialog_and_nothing_is_answered(transport, tool, why) -> None:
    async with serving_http() as url:
        config = http_config(url) if transport == "http" else stdio_config()
        app = McpTuiApp([config], settings=UiSettings(), show_times=False)
        async with app.run_test(size=(110, 40)) as pilot:
            call_id = await open_question(pilot, tool)
            assert app.manager.cancel(call_id)
            await wait_for(
                pilot, lambda: not isinstance(app.screen, DIALOGS[tool]), what="the dialog to close"
            )
            await wait_for(pilot, lambda: toasts(app, "the dialog was closed"), what="the toast")
            assert toasts(app, "the dialog was closed") == [why]  # one toast, saying why
            await wait_for(pilot, lambda: app.history.records("waiting"), what="the call to end")
            assert app.history.records("waiting")[-1].cancelled
            assert answers_to(app, QUESTION[tool]) == []


async def test_closing_the_connection_closes_the_dialog_and_says_so() -> None:
    async with serving_http() as url:
        app = McpTuiApp([http_config(url)], settings=UiSettings(), show_times=False)
        async with app.run_test(size=(110, 40)) as pilot:
            await open_question(pilot, "ask")
            app.manager.disconnect("waiting")
            await wait_for(pilot, lambda: not isinstance(app.screen, ElicitationScreen), what="it to close")
            await wait_for(pilot, lambda: toasts(app, "the dialog was closed"), what="the toast")
            assert toasts(app, "the dialog was closed") == [
                "waiting: the connection to waiting was closed: the dialog was closed"
            ]


@pytest.mark.parametrize("transport", ["http", "stdio"])
async def test_an_open_dialog_keeps_the_request_alive_with_progress(transport, monkeypatch) -> None:
    monkeypatch.setattr(
        core_handlers, "KEEPALIVE_SECONDS", 0.05, raising=False
    )  # not 5 s: the test waits on events
    async with serving_http() as url:
        config = http_config(url) if transport == "http" else stdio_config()
        app = McpTuiApp([config], settings=UiSettings(), show_times=False)
        async with app.run_test(size=(110, 40)) as pilot:
            await open_question(pilot, "patient", see_dialog=False)  # it may be gone before we look
            # the server withdraws its question once it heard two keep-alives: the dialog goes
            record = await wait_for(
                pilot, lambda: app.history.records("waiting") and app.history.records("waiting")[-1]
            )
            assert not isinstance(app.screen, ElicitationScreen)
            assert "kept alive 2 times: [1.0, 2.0] waiting for the user" in str(record.result)
            assert toasts(app, "the dialog was closed") == [
                "waiting withdrew its request: the dialog was closed"
            ]
            progress = [m for m in wire(app) if m.direction == "out" and m.method == "notifications/progress"]
            assert len(progress) >= 2
            assert answers_to(app, "elicitation/create") == []


async def test_a_2026_question_inside_the_call_closes_when_the_call_is_cancelled(demo_stdio) -> None:
    """2026-07-28: the question comes inside the call's result; cancelling the call ends it."""
    app = McpTuiApp([demo_stdio.with_overrides(protocol="auto")], settings=UiSettings(), show_times=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_for(pilot, lambda: connected(app), what="the demo to connect")
        assert app.sessions["demo"].protocol_version == "2026-07-28"
        app.main_screen.show_item(
            CatalogItem.of("demo", "tool", app.sessions["demo"].catalog.tool("ask_user"))
        )
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ElicitationScreen), what="the dialog")
        (call_id,) = app.main_screen.calls.running
        assert app.manager.cancel(call_id)
        await wait_for(pilot, lambda: not isinstance(app.screen, ElicitationScreen), what="it to close")
        await wait_for(pilot, lambda: toasts(app, "the dialog was closed"), what="the toast")
        assert toasts(app, "the dialog was closed") == [
            "demo: the call ask_user ended: the dialog was closed"
        ]
