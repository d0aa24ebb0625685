"""The TUI against the hostile server: nothing a server sends reaches the screen raw.

The app runs under the Pilot on the hostile stdio server; after each step every strip the
screen would paint is inspected for ESC, BEL, backspace, DEL, C1 and bidi characters, and
markup look-alikes from the server must appear literally (never parsed as Rich/Textual markup).
"""

from __future__ import annotations

from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import CatalogItem, CatalogTree
from mcptui.ui.widgets.console import ConsoleView
from mcptui.ui.widgets.detail_pane import DetailPane
from tests.hostile_server import EVIL_TOOL, MARKUP, PAYLOAD, RAW_BYTES, TITLE, stdio_command

from .conftest import connected, wait_for

SIZE = (160, 50)


def hostile() -> ServerConfig:
    command = stdio_command()
    return ServerConfig(name="demo", transport="stdio", command=command[0], args=command[1:])


def screen_text(app: McpTuiApp) -> str:
    """Everything the current screen would paint, as text (segments joined line by line)."""
    strips = app.screen._compositor.render_strips()  # noqa: SLF001 - what reaches the terminal
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def widget_text(app: McpTuiApp) -> str:
    """The plain text of every Static-like widget of the current screen (unwrapped)."""
    from textual.widgets import Static

    parts = []
    for widget in app.screen.walk_children():
        if isinstance(widget, Static):
            rendered = widget.render()
            parts.append(getattr(rendered, "plain", None) or str(rendered))
    return "\n".join(parts)


def assert_inert(app: McpTuiApp, *expected: str) -> str:
    text = screen_text(app)
    shown = widget_text(app)
    raw = [repr(ch) for ch in RAW_BYTES if ch in text or ch in shown]
    assert not raw, f"raw control characters on the screen: {raw}"
    for piece in expected:
        assert piece in text or piece in shown, f"{piece!r} not on the screen"
    return text + "\n" + shown


def select(app: McpTuiApp, name: str) -> DetailPane:
    session = app.sessions["demo"]
    item = CatalogItem.of("demo", "tool", session.catalog.tool(name))
    app.main_screen.query_one(CatalogTree).select_item(item)
    app.main_screen.show_item(item)
    return app.main_screen.query_one(DetailPane)


async def send(pilot, app: McpTuiApp, name: str) -> None:
    records = app.history.records("demo")
    before = len(records)
    select(app, name)
    await pilot.pause()
    await pilot.press("f9")
    await wait_for(pilot, lambda: len(app.history.records("demo")) > before, what=f"{name} to finish")
    await pilot.pause()


async def test_catalog_detail_and_results_show_no_raw_escapes() -> None:
    app = McpTuiApp([hostile()])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        assert EVIL_TOOL in {t["name"] for t in app.sessions["demo"].catalog.tools}
        assert_inert(app, "evil␛[2J␛]0;")
        select(app, EVIL_TOOL)
        await pilot.pause()
        assert_inert(app, "␛[2J␛[H␛[5A", "[bold red]MARKUP[/]")

        select(app, "defaults")  # server defaults in an Input and a JSON TextArea
        await pilot.pause()
        assert_inert(app, "default ␛[2J")

        await send(pilot, app, "boom")
        assert_inert(app, "result ␛[2J", f"␛]0;{TITLE}␇", "[link=https://evil.test]LINK[/link]")

        await send(pilot, app, "markdown")
        assert_inert(app, "Heading ␛[2J")

        await send(pilot, app, "markup")
        assert_inert(app, MARKUP)

        await send(pilot, app, "fail")
        assert_inert(app, "tool failed ␛[2J")

        await send(pilot, app, "rpc_fail")
        assert_inert(app, "rpc error ␛[2J")


async def test_console_logs_stderr_and_the_event_viewer_show_no_raw_escapes() -> None:
    app = McpTuiApp([hostile()])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        await send(pilot, app, "logs")
        view = app.main_screen.query_one(ConsoleView)
        await wait_for(
            pilot, lambda: any("log ␛[2J" in e.line for e in view.entries), what="the log line in the console"
        )
        await wait_for(pilot, lambda: any("stderr ␛[2J" in e.line for e in view.entries), what="stderr")
        for entry in view.entries:
            assert not any(ch in entry.line for ch in RAW_BYTES), entry.line
        log_entry = next(e for e in view.entries if "log ␛[2J" in e.line)
        view.post_message(ConsoleView.OpenEntry(log_entry))
        await wait_for(pilot, lambda: app.screen is not app.main_screen, what="the event viewer")
        await pilot.pause()
        text = assert_inert(app)
        assert "\\u001b[2J" in text  # the raw JSON, escaped


async def test_elicitation_dialog_shows_no_raw_escapes() -> None:
    app = McpTuiApp([hostile()])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        select(app, "elicit")
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: app.screen is not app.main_screen, what="the elicitation dialog")
        await pilot.pause()
        assert_inert(app, "elicit ␛[2J", "[bold red]MARKUP[/]")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.history.records("demo"), what="the call to end")


async def test_sampling_dialog_shows_no_raw_escapes() -> None:
    app = McpTuiApp([hostile()])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        select(app, "sampling")
        await pilot.pause()
        await pilot.press("f9")
        await wait_for(pilot, lambda: app.screen is not app.main_screen, what="the sampling dialog")
        await pilot.pause()
        assert_inert(app, "system ␛[2J", "sample ␛[2J", "[bold red]MARKUP[/]")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.history.records("demo"), what="the call to end")


async def test_toasts_are_plain_text() -> None:
    from textual.widgets._toast import Toast

    app = McpTuiApp([hostile()])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: connected(app))
        app.notify(f"toast {PAYLOAD} {MARKUP} http://u:SECRET@127.0.0.1/x?api_key=SECRET", severity="error")
        toasts = await wait_for(pilot, lambda: list(app.screen.query(Toast)), what="the toast")
        await pilot.pause()
        shown = "\n".join(str(getattr(t.render(), "plain", t.render())) for t in toasts)
        assert not any(ch in shown for ch in RAW_BYTES)
        assert "toast ␛[2J" in shown and "[bold red]MARKUP[/]" in shown
        assert "SECRET" not in shown
        assert_inert(app)


def test_real_binary_in_tmux_keeps_the_title_and_clipboard() -> None:
    """The real binary in tmux (set-clipboard on): the payload shows visibly, nothing is acted on."""
    import os
    import time

    import pytest

    from tests.ui.test_tmux import MCPTUI, TMUX, Pane

    if TMUX is None or not MCPTUI.exists():
        pytest.skip("needs tmux and the mcptui script")
    env = {"MCPTUI_HOME": os.environ["MCPTUI_HOME"], "TERM": "xterm-256color"}
    pane = Pane([str(MCPTUI), "--", *stdio_command()], env)
    try:
        pane._tmux("set-option", "-g", "set-clipboard", "on")  # noqa: SLF001 - as the README recommends
        pane.wait_for("connected · 2026-07-28")
        pane.settle_size()
        pane.wait_for("f2 Palette")
        title_before = pane._tmux("display", "-p", "-t", pane.target, "#{pane_title}")  # noqa: SLF001
        pane.send("/")
        pane.wait_for("esc Leave field")  # the filter has the focus
        pane.send("-l", "boom")
        pane.wait_for("Tools 1/")
        pane.send("Enter")
        pane.wait_for("Returns hostile text")
        pane.send("F9")
        screen = pane.wait_for("│ result")
        assert "Tools 1/" in screen and "␛[2J␛[H" in screen  # shown, and the screen not cleared
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:  # give a stray title / clipboard write time to land
            title = pane._tmux("display", "-p", "-t", pane.target, "#{pane_title}")  # noqa: SLF001
            assert TITLE not in title
            time.sleep(0.2)  # poll interval
        assert title == title_before
        assert pane._tmux("list-buffers") == ""  # noqa: SLF001 - no OSC 52 write reached tmux
        assert f"␛]0;{TITLE}␇" in pane.screen()
        pane.send("C-q")
    finally:
        pane.close()


async def test_a_refused_url_with_secrets_never_shows_them() -> None:
    """Server pane status, toast and console: the URL's password and api_key are redacted."""
    import socket

    from textual.widgets._toast import Toast

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://user:SECRET@127.0.0.1:{port}/mcp?api_key=SECRET"
    app = McpTuiApp([ServerConfig(name="demo", url=url, from_config=True)])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: app.sessions["demo"].error, what="the connection to fail")
        await wait_for(pilot, lambda: list(app.screen.query(Toast)), what="the toast")
        await pilot.pause()
        text = assert_inert(app, "refused")
        assert "SECRET" not in text
        assert "SECRET" not in (app.sessions["demo"].error or "")
        view = app.main_screen.query_one(ConsoleView)
        assert not any("SECRET" in entry.line for entry in view.entries)
