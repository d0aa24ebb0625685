"""The footer recomposes only when the keys it draws change (not on every ``refresh_bindings``)."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.key_footer import KeyFooter

from .conftest import panes_up, wait_for

SIZE = (120, 36)


def drawn_keys(footer: KeyFooter) -> list[FooterKey]:
    return list(footer.query(FooterKey))


async def test_the_footer_is_not_rebuilt_while_its_keys_stay_the_same() -> None:
    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: panes_up(app), what="panes mounted")
        footer = app.main_screen.query_one(KeyFooter)
        await wait_for(pilot, lambda: drawn_keys(footer), what="footer keys")
        keys = drawn_keys(footer)
        app.main_screen.refresh_bindings()  # nothing changed: the same keys
        await pilot.pause()
        await pilot.pause()
        assert drawn_keys(footer) == keys  # the very same widgets: no recompose
        await pilot.press("c")  # the console's keys: a new set, drawn
        await wait_for(pilot, lambda: drawn_keys(footer) != keys, what="footer rebuilt")
        assert [k.description for k in drawn_keys(footer)] != [k.description for k in keys]


async def test_the_footer_is_composed_once_at_launch_with_its_keys(monkeypatch) -> None:
    """Its keys are in the first frame, and nothing is recomposed once the bindings are announced."""
    composed: list[int] = []
    compose = KeyFooter.compose

    def counting(self: KeyFooter):
        widgets = list(compose(self))
        composed.append(len(widgets))
        yield from widgets

    monkeypatch.setattr(KeyFooter, "compose", counting)
    app = McpTuiApp([], auto_connect=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: panes_up(app), what="panes mounted")
        await pilot.pause()
        assert len(composed) == 1 and composed[0] > 5, composed
