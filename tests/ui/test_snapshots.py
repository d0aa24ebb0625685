"""Snapshot tests of the main screens at a fixed size (SVGs in __snapshots__/).

Update after a deliberate UI change with ``pytest tests/ui/test_snapshots.py --snapshot-update``
and review the report first. ``python -m tests.ui.export_screenshots`` writes the same
scenes to ``screenshots/`` for the README.
"""

from __future__ import annotations

from . import scenes


def _compare(snap_compare, scene: scenes.Scene) -> bool:
    app, run_before = scene
    return snap_compare(app, run_before=run_before, terminal_size=scenes.SIZE)


def test_browse(snap_compare) -> None:
    assert _compare(snap_compare, scenes.browse())


def test_tool_result(snap_compare) -> None:
    assert _compare(snap_compare, scenes.tool_result())


def test_filtered(snap_compare) -> None:
    assert _compare(snap_compare, scenes.filtered())


def test_stale_catalog(snap_compare, tmp_path) -> None:
    assert _compare(snap_compare, scenes.stale(tmp_path / "catalogs"))


def test_help_screen(snap_compare) -> None:
    assert _compare(snap_compare, scenes.help_screen())


def test_server_editor(snap_compare) -> None:
    assert _compare(snap_compare, scenes.server_editor())


def test_goto_palette(snap_compare) -> None:
    assert _compare(snap_compare, scenes.goto_palette())
