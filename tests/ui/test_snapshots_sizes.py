"""Snapshot tests at a small SSH terminal (80×24) and a large one (200×60).

The main screen, a form being filled in, a result and the sign-in dialog. Update after a
deliberate UI change with ``pytest tests/ui/test_snapshots_sizes.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

from . import scenes

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((200, 60), id="200x60")]


def _compare(snap_compare, scene: scenes.Scene, size: tuple[int, int]) -> bool:
    app, run_before = scene
    return snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, size) -> None:
    assert _compare(snap_compare, scenes.browse(), size)


@pytest.mark.parametrize("size", SIZES)
def test_form(snap_compare, size) -> None:
    assert _compare(snap_compare, scenes.form_focused(), size)


@pytest.mark.parametrize("size", SIZES)
def test_result(snap_compare, size) -> None:
    assert _compare(snap_compare, scenes.tool_result(), size)


@pytest.mark.parametrize("size", SIZES)
def test_sign_in_dialog(snap_compare, size) -> None:
    assert _compare(snap_compare, scenes.sign_in(), size)
