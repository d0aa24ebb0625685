"""Deterministic scenes of the TUI, shared by the snapshot tests and the screenshot exporter.

Each scene builds an app on the stdio demo server (named "demo": no URL or port on screen)
with timings hidden, and a ``run_before(pilot)`` that drives it to the state to capture.
The console is cleared before the capture so no timing-dependent wire traffic shows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from mcptui.core.catalog import Catalog, CatalogCache
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.settings import UiSettings
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
from mcptui.ui.widgets.console import ConsoleView

from .conftest import connected, live, panes_up, stdio_demo, wait_for

SIZE = (120, 36)
Scene = tuple[McpTuiApp, Callable[[Any], Awaitable[None]]]


def _app(servers: list[ServerConfig], **kwargs: Any) -> McpTuiApp:
    return McpTuiApp(servers, settings=UiSettings(), show_times=False, **kwargs)


async def _settle(pilot: Any) -> None:
    app = pilot.app
    app.main_screen.query_one(ConsoleView).action_clear()
    app.clear_notifications()
    await pilot.pause()
    await freeze_cursors(pilot)


async def freeze_cursors(pilot: Any) -> None:
    """Stop text cursors blinking (a blink caught mid-way would make captures differ)."""
    for screen in pilot.app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            widget.cursor_blink = False
    await pilot.pause()


async def _connected(pilot: Any) -> None:
    await wait_for(pilot, lambda: connected(pilot.app), what="the demo to connect")


async def _show_tool(pilot: Any, name: str, values: dict | None = None) -> None:
    app = pilot.app
    item = CatalogItem.of("demo", "tool", app.sessions["demo"].catalog.tool(name))
    app.main_screen.query_one(CatalogTree).select_item(item)
    app.main_screen.show_item(item, values=values)
    await pilot.pause()


def browse() -> Scene:
    """Connected, a tool with a rich schema selected."""

    async def run_before(pilot: Any) -> None:
        await _connected(pilot)
        await _show_tool(pilot, "describe_order")
        pilot.app.main_screen.query_one(CatalogTree).focus()
        await _settle(pilot)

    return _app([stdio_demo()]), run_before


def tool_result() -> Scene:
    """A tool call sent and its result shown."""

    async def run_before(pilot: Any) -> None:
        await _connected(pilot)
        await _show_tool(pilot, "get_forecast", {"city": "Lisbon"})
        await pilot.press("f9")
        await wait_for(pilot, lambda: pilot.app.history.records("demo"), what="the result")
        pilot.app.main_screen.query_one(CatalogTree).focus()
        await _settle(pilot)

    return _app([stdio_demo()]), run_before


def filtered() -> Scene:
    """The catalog filtered as you type."""

    async def run_before(pilot: Any) -> None:
        await _connected(pilot)
        await pilot.press("slash", *"re")
        await _settle(pilot)

    return _app([stdio_demo()]), run_before


def stale(cache_dir: Path) -> Scene:
    """An unreachable server: its cached catalog marked stale, with the error and the retry key."""
    config = ServerConfig(name="offline", url="http://127.0.0.1:9/mcp", connect_timeout=3)
    cache = CatalogCache(cache_dir)
    cache.save(
        config.cache_slug,
        Catalog(
            tools=[
                {"name": "search_issues", "description": "Search issues", "inputSchema": {"type": "object"}},
                {"name": "create_issue", "description": "Open an issue", "inputSchema": {"type": "object"}},
            ],
            prompts=[{"name": "triage", "arguments": [{"name": "issue", "required": True}]}],
        ),
    )

    async def run_before(pilot: Any) -> None:
        session = live(pilot.app, "offline")
        await wait_for(pilot, lambda: session.error and panes_up(pilot.app), what="the connection to fail")
        pilot.app.main_screen.query_one(ConsoleView).action_clear()
        await freeze_cursors(pilot)

    return _app([config], cache=cache), run_before


def help_screen() -> Scene:
    async def run_before(pilot: Any) -> None:
        await _connected(pilot)
        await _settle(pilot)
        await pilot.press("t", "f1")
        await pilot.pause()

    return _app([stdio_demo()]), run_before


def server_editor() -> Scene:
    async def run_before(pilot: Any) -> None:
        await _connected(pilot)
        await _settle(pilot)
        await pilot.press("s", "n")
        await pilot.pause()
        await freeze_cursors(pilot)

    return _app([stdio_demo()]), run_before


def goto_palette() -> Scene:
    async def run_before(pilot: Any) -> None:
        await _connected(pilot)
        await _settle(pilot)
        await pilot.press("g", *"tool: ech")
        from textual.command import CommandList

        await wait_for(pilot, lambda: pilot.app.screen.query_one(CommandList).option_count > 0, what="hits")
        await freeze_cursors(pilot)

    return _app([stdio_demo()]), run_before


def form_focused() -> Scene:
    """A tool's form with the focus in its first field (on 80 columns the sidebar folds away)."""

    async def run_before(pilot: Any) -> None:
        await _connected(pilot)
        await _show_tool(pilot, "describe_order")
        await _settle(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: pilot.app.focused is not None and pilot.app.focused.id != "catalog")
        await freeze_cursors(pilot)

    return _app([stdio_demo()]), run_before


def sign_in() -> Scene:
    """The sign-in dialog over the main screen (fixed, made-up addresses)."""
    from mcptui.ui.screens.auth_dialog import AuthDialog

    async def run_before(pilot: Any) -> None:
        await _connected(pilot)
        await _settle(pilot)
        pilot.app.push_screen(
            AuthDialog(
                "secure",
                authorization_server="https://auth.example.com",
                scope="read",
                resource=None,
                redirect_uri="http://127.0.0.1:33418/callback",
                authorize_url=(
                    "https://auth.example.com/authorize?response_type=code&client_id=abc&scope=read"
                    "&resource=https%3A%2F%2Fmcp.example.com%2Fmcp&state=xyz&code_challenge=c"
                ),
                over_ssh=True,
                ssh_forward_command="ssh -L 33418:127.0.0.1:33418 you@this-host",
            )
        )
        await pilot.pause()
        await freeze_cursors(pilot)

    return _app([stdio_demo()]), run_before


async def cache_demo_catalog(cache: CatalogCache, config: ServerConfig) -> None:
    """Store the plain demo's catalog in ``cache`` as ``config``'s last visit."""
    from mcptui.core.connection import ServerConnection

    connection = ServerConnection(stdio_demo(), offer_roots=False)
    try:
        cache.save(config.cache_slug, await connection.connect())
    finally:
        await connection.disconnect()


def changed_demo() -> ServerConfig:
    """The demo's "changed" variant over stdio, named "demo" like the plain one."""
    config = stdio_demo()
    return ServerConfig(
        name=config.name,
        transport="stdio",
        command=config.command,
        args=[*config.args, "--variant", "changed"],
    )


def catalog_changes(cache: CatalogCache) -> Scene:
    """The catalog changed since the last visit (``cache``: see :func:`cache_demo_catalog`): marks."""
    from textual.widgets import Static

    def marks_drawn(app: Any) -> bool:
        status = str(app.main_screen.query_one("#catalog-status", Static).render())
        return app.sessions["demo"].catalog_changes is not None and "since last visit" in status

    async def run_before(pilot: Any) -> None:
        await _connected(pilot)
        await wait_for(pilot, lambda: marks_drawn(pilot.app), what="the changes since the last visit")
        await _show_tool(pilot, "echo")  # breaking: "repeat" is required now
        pilot.app.main_screen.query_one(CatalogTree).focus()
        await pilot.press("f4")  # the console hidden: its scrollbar follows the run's widest line
        await _settle(pilot)

    return _app([changed_demo()], cache=cache), run_before


def collection_run() -> Scene:
    """The Collections tab after running a collection on the demo: two calls pass, one fails.

    Call times are masked (they differ on every run): the rows show no time.
    """
    import dataclasses
    import json

    from textual.widgets import TabbedContent

    from mcptui.core.collections import Collection, collection_path, save_file
    from mcptui.ui.widgets.collections_pane import CollectionsPane

    from .cli_transcripts import SMOKE

    async def run_before(pilot: Any) -> None:
        save_file(Collection.loads(json.dumps(SMOKE)), collection_path("smoke"))
        await _connected(pilot)
        screen = pilot.app.main_screen
        screen.query_one(TabbedContent).active = "tab-collections"
        pane = screen.query_one(CollectionsPane)
        pane.focus()
        await pilot.pause()
        pane.highlighted = 0
        await pilot.press("x")
        calls = len(SMOKE["calls"])
        await wait_for(pilot, lambda: len(pane.outcomes) == calls and not pane.running, what="the run")
        pane.outcomes = {key: dataclasses.replace(o, elapsed_ms=None) for key, o in pane.outcomes.items()}
        pane.reload()
        pane.highlighted = 1  # a call, so the collection's totals read clearly
        await pilot.press("f4")  # the console hidden: its scrollbar follows the run's widest line
        await _settle(pilot)

    return _app([stdio_demo()]), run_before
