"""The collector's policy (:mod:`mcptui.core.speed`): nothing is frozen on a UI event.

Freezing on each catalog repaint pinned whatever was alive then: replaced forms and tree nodes
(objects in reference cycles) were never collected again.
"""

from __future__ import annotations

import gc
import sys
import weakref

from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.argument_form import ArgumentForm
from mcptui.ui.widgets.catalog_tree import CatalogTree
from mcptui.ui.widgets.detail_pane import DetailPane

from .conftest import connected, wait_for
from .test_calls import select_tool

SIZE = (120, 36)
REPAINTS = 4
TOOLS = ["echo", "add", "describe_order"]


async def test_repainting_the_catalog_leaves_no_old_form_alive(demo_http) -> None:
    app = McpTuiApp([demo_http])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        tree = app.main_screen.query_one(CatalogTree)
        detail = app.main_screen.query_one(DetailPane)
        forms: list[weakref.ref[object]] = []
        for _ in range(REPAINTS):
            for name in TOOLS:
                select_tool(app, name, {})
                await wait_for(
                    pilot, lambda: detail.form is not None and detail.form.is_attached, what="form"
                )
                forms.append(weakref.ref(detail.form))
            tree.show_catalog("demo", app.sessions["demo"].catalog)  # a resync's repaint
            await wait_for(pilot, lambda: not tree._announce_paint, what="the repaint")
            await pilot.pause()  # the Painted message is handled
        replaced = forms[:-1]  # the last one is still shown
        gc.collect()
        alive = sum(ref() is not None for ref in replaced)
        assert len(replaced) == REPAINTS * len(TOOLS) - 1
        assert alive == 0, f"{alive} of {len(replaced)} replaced forms still alive"


async def test_the_settled_app_is_frozen_once(demo_http, monkeypatch) -> None:
    """Once the panes are in and a first catalog is drawn, what the app holds is frozen, once per
    process (mcptui.core.speed.freeze_settled): later repaints and forms freeze nothing."""
    from mcptui.core import speed

    app = McpTuiApp([demo_http])
    freezes: list[tuple[bool, bool, bool]] = []  # at each: a catalog in, the panes in, no form yet
    earlier = {id(o) for o in gc.get_objects() if isinstance(o, ArgumentForm)}  # an earlier test's

    def freeze() -> None:
        if sys._getframe(1).f_code is not speed.freeze_settled.__code__:
            return  # the SDK's load freezes too, when this test loads it
        forms = [o for o in gc.get_objects() if isinstance(o, ArgumentForm) and id(o) not in earlier]
        freezes.append((app.sessions["demo"].catalog is not None, app.main_screen.panes_ready, not forms))

    monkeypatch.setattr(speed._Settled, "done", False)  # as in a new process
    monkeypatch.setattr(speed.gc, "freeze", freeze)
    async with app.run_test(size=SIZE) as pilot:
        tree = app.main_screen.query_one(CatalogTree)
        await wait_for(pilot, lambda: connected(app) and freezes, what="the settled freeze")
        for name in TOOLS:
            select_tool(app, name, {})
            tree.show_catalog("demo", app.sessions["demo"].catalog)
            await wait_for(pilot, lambda: not tree._announce_paint, what="the repaint")
            await pilot.pause()
    assert freezes == [(True, True, True)]  # the first form, replaced later, is not pinned
    assert not speed.freeze_settled()  # done for this process
