"""Issue 9 point 6: a repeated cursor or the page cap is a warning (stderr, console) and a marker, never silent."""

from __future__ import annotations

import json

from mcptui.core import catalog_fetch
from mcptui.core.connection import ServerConnection
from mcptui.core.events import EventRecorder, Notice
from mcptui.core.server_config import ServerConfig
from tests.hostile.conftest import hostile, mcptui

REPEATED = "warning: the tools list may be incomplete: the server repeated a cursor after 2 page(s); showing 2 item(s)"


def test_a_repeated_cursor_warns_and_marks_the_json():
    run = mcptui("list", "--json", "--", *hostile("repeat-cursor"))
    assert run.code == 0, run.err
    assert run.err.splitlines() == [REPEATED]
    doc = json.loads(run.out)
    assert doc["truncated"] is True and doc["truncatedReasons"] == [REPEATED.removeprefix("warning: ")]
    assert run.seconds < 20


def test_a_repeated_cursor_is_an_error_under_strict():
    run = mcptui("list", "--strict", "--", *hostile("repeat-cursor"))
    assert run.code == 1
    assert run.out == ""
    assert run.err.splitlines()[0].startswith("error: ") and "a list was cut short" in run.err


def test_the_page_cap_warns_in_the_text_listing(run_cli, monkeypatch):
    monkeypatch.setattr(catalog_fetch, "MAX_PAGES", 30)
    run = run_cli("list", "--", *hostile("endless-pages"))
    assert run.code == 0, run.err
    assert run.err.splitlines() == [
        "warning: the tools list may be incomplete: stopped after 30 pages "
        "(the server kept handing out cursors); showing 30 item(s)"
    ]
    assert "Tools (30)" in run.out


async def test_the_console_gets_the_warning_as_an_event():
    events = EventRecorder()
    config = ServerConfig(
        name="h", transport="stdio", command=hostile("repeat-cursor")[0], args=hostile("repeat-cursor")[1:]
    )
    async with ServerConnection(config, sink=events) as connection:
        assert connection.catalog is not None and connection.catalog.truncated
    warnings = [n.text for n in events.of(Notice) if n.level == "warning"]
    assert warnings == [REPEATED.removeprefix("warning: ")]
