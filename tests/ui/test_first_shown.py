"""What the TUI leaves until its first catalog is drawn (:mod:`mcptui.core.first_shown`).

The catalog cache's write (one ``json.dumps`` of the whole catalog, holding the GIL) and the rest
of the SDK's warm-up (validators the listing does not use, ``jsonschema``, the TLS roots) ran
beside the drawing of a 50,000-tool catalog; they now start once it is drawn.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from mcptui.core import first_shown
from mcptui.core.catalog import CatalogCache
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import CatalogTree

from .conftest import connected, wait_for

SIZE = (120, 36)


async def test_the_cache_is_written_once_the_catalog_is_drawn(demo_http, tmp_path) -> None:
    cache = CatalogCache(tmp_path)
    app = McpTuiApp([demo_http], cache=cache)
    seen: list[tuple[bool, bool]] = []  # at each write: the catalog drawn, the gate held
    save = cache.save

    def recording_save(slug, catalog) -> None:  # noqa: ANN001
        tree = app.main_screen.query_one(CatalogTree)
        seen.append((tree.catalog is not None and not tree._announce_paint, first_shown.held()))
        save(slug, catalog)

    cache.save = recording_save  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app))
        await wait_for(pilot, lambda: cache.writes == 1, what="the cache write")
    assert seen == [(True, False)]
    assert not first_shown.held()


async def test_a_flush_never_waits_on_a_ui_that_never_draws(demo_http, tmp_path) -> None:
    from mcptui.core.catalog import Catalog

    cache = CatalogCache(tmp_path)
    first_shown.hold()
    try:
        cache.save_soon("x", Catalog(tools=[{"name": "t", "inputSchema": {"type": "object"}}]))
        cache.flush()
        assert cache.writes == 1
    finally:
        first_shown.release()


WARM_UP = """
import asyncio, json, sys
from mcptui.core import sdk_warmup
from mcptui.core.catalog import CatalogCache
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.main_screen import MainScreen

at_paint = []
painted = MainScreen.on_catalog_tree_painted

def noting(self):
    if not at_paint:
        at_paint.append({"jsonschema": "jsonschema" in sys.modules, "done": sdk_warmup.Warmup.done})
    painted(self)

MainScreen.on_catalog_tree_painted = noting

async def main():
    app = McpTuiApp([ServerConfig(name="demo", url=sys.argv[1])], cache=CatalogCache(sys.argv[2]))
    async with app.run_test(size=(120, 36)) as pilot:
        while not (at_paint and sdk_warmup.Warmup.done and app.main_screen.panes_ready):
            await pilot.pause(0.01)
    print(json.dumps({**at_paint[0], "after": sdk_warmup.Warmup.done, "jsonschema_after": "jsonschema" in sys.modules}))

asyncio.run(main())
"""


def test_the_sdk_warm_up_comes_after_the_first_catalog_is_drawn(demo_http_url) -> None:
    """A fresh process (the SDK is imported once a process): at the first catalog's paint,
    ``jsonschema`` is not imported and the warm-up has not run; then it has."""
    out = subprocess.run(
        [sys.executable, "-c", WARM_UP, demo_http_url, tempfile.mkdtemp()],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MCPTUI_HOME": tempfile.mkdtemp()},
        check=True,
    ).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    assert figures["jsonschema"] is False
    assert figures["done"] is False
    assert figures["jsonschema_after"] is True
    assert figures["after"] is True
