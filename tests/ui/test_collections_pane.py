"""Pilot test of the Collections tab: save a call from History (b), then run the collection: PASS."""

from __future__ import annotations

from textual.widgets import Input, TabbedContent

from mcptui.core.collections import collections_dir, load_file
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.collections_pane import CollectionNameModal, CollectionsPane
from mcptui.ui.widgets.history import HistoryPane

from .conftest import connected, wait_for

SIZE = (120, 36)


async def test_save_a_call_from_history_then_run_it_as_a_test(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        app.manager.call("demo", "tool", "echo", {"text": "saved call"})
        history = app.main_screen.query_one(HistoryPane)
        await wait_for(pilot, lambda: history.records, what="the call in the history")
        app.main_screen.query_one(TabbedContent).active = "tab-history"
        history.focus()
        await pilot.pause()
        await pilot.press("b")
        modal = await wait_for(pilot, lambda: isinstance(app.screen, CollectionNameModal) and app.screen)
        modal.query_one("#collection-name", Input).value = "smoke"
        await pilot.press("enter")
        path = collections_dir() / "smoke.json"
        await wait_for(pilot, path.exists, what="the collection file")
        saved = load_file(path)
        assert [(c.kind, c.item, c.arguments) for c in saved.calls] == [
            ("tool", "echo", {"text": "saved call"})
        ]

        app.main_screen.query_one(TabbedContent).active = "tab-collections"
        pane = app.main_screen.query_one(CollectionsPane)
        pane.focus()
        await pilot.pause()
        assert [row.call for row in pane.rows] == [None, "echo"]
        pane.highlighted = 1
        await pilot.press("enter")
        outcome = await wait_for(pilot, lambda: pane.outcomes.get(("smoke", "echo")), what="the run")
        assert outcome.passed, outcome.reasons
        assert "PASS" in str(pane.get_option_at_index(1).prompt)

        # a failing expectation shows FAIL with its reason
        path.write_text(path.read_text().replace('"not_error": true', '"under_ms": 0.001'))
        pane.reload()
        pane.highlighted = 0
        await pilot.press("x")
        await wait_for(pilot, lambda: not pane.running and pane.outcomes[("smoke", "echo")].reasons)
        label = str(pane.get_option_at_index(1).prompt)
        assert "FAIL" in label and "expected under 0.001 ms" in label
