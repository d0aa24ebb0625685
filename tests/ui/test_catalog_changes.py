"""The tree marks what changed since the last visit: the live catalog against the cached one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from mcptui.core.catalog import CatalogCache
from mcptui.core.server_config import ServerConfig
from mcptui.core.session import SessionManager
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import CatalogTree
from tests.servers import running_demo

from .conftest import connected, wait_for

SIZE = (120, 40)


@pytest.fixture(scope="module")
def variant_url() -> Iterator[str]:
    with running_demo("--variant", "changed", transport="http") as demo:
        yield demo.url


def labels(app: McpTuiApp) -> dict[str, str]:
    """Every item leaf of the tree: its key → its label as drawn."""
    tree = app.main_screen.query_one(CatalogTree)
    out = {}
    for group in tree.root.children:
        for leaf in group.children:
            if leaf.data is not None:
                out[leaf.data.key] = leaf.label.plain
    return out


def status(app: McpTuiApp) -> str:
    return str(app.main_screen.query_one("#catalog-status", Static).render())


async def visit(url: str, cache: CatalogCache) -> tuple[dict[str, str], str, object]:
    app = McpTuiApp([ServerConfig(name="demo", url=url, from_config=True)], cache=cache)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app), what="connected")
        return labels(app), status(app), app


async def test_changed_items_are_marked_after_the_server_changed(
    demo_http_url: str, variant_url: str, tmp_path: Path
) -> None:
    cache = CatalogCache(tmp_path / "catalogs")
    first, first_status, _app = await visit(demo_http_url, cache)  # no cached catalog yet: no marks
    assert first["add"] == "add" and "since last visit" not in first_status
    app = McpTuiApp([ServerConfig(name="demo", url=variant_url, from_config=True)], cache=cache)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app), what="connected to the variant")
        await wait_for(pilot, lambda: app.sessions["demo"].catalog_changes is not None, what="the diff")
        await wait_for(pilot, lambda: labels(app).get("translate") == "translate +", what="marks drawn")
        shown = labels(app)
        assert shown["add"] == "add •"
        assert shown["echo"] == "echo !" and shown["show_image"] == "show_image !"
        assert shown["get_forecast"] == "get_forecast !"
        assert shown["summarize"] == "summarize •"
        assert shown["number_stats"] == "number_stats" and "write_stderr" not in shown
        line = status(app)
        assert "6 changed since last visit (4 breaking), 1 removed" in line
        assert "+ added · • changed · ! breaking" in line


async def test_the_same_catalog_again_shows_no_marks(
    demo_http_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = CatalogCache(tmp_path / "catalogs")
    await visit(demo_http_url, cache)
    compared: list[str] = []
    original = SessionManager._compare_with_last_visit

    async def compare(self: SessionManager, name: str, before: Any, after: Any) -> None:
        await original(self, name, before, after)
        compared.append(name)

    monkeypatch.setattr(SessionManager, "_compare_with_last_visit", compare)
    app = McpTuiApp([ServerConfig(name="demo", url=demo_http_url, from_config=True)], cache=cache)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: connected(app), what="connected again")
        # the comparison ran (it publishes nothing when nothing changed): wait for it to end
        await wait_for(pilot, lambda: compared == ["demo"], what="the comparison")
        assert app.sessions["demo"].catalog_changes is None
        assert all(not label.endswith((" •", " +", " !")) for label in labels(app).values())
        assert "since last visit" not in status(app)
