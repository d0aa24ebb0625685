"""The collector's policy around the TUI's launch (core/speed.py): a resume asked for while the
SDK is being imported comes at the import's end, so the import still runs without collections."""

from __future__ import annotations

import gc
import sys

from mcptui.core import speed


async def test_a_resume_during_the_sdk_import_waits_for_its_end(monkeypatch) -> None:
    seen: list[bool] = []

    def import_sdk(one_shot: bool = False, lazy: bool = False) -> None:
        speed.resume_collector()  # the TUI's first screen completes while the SDK is imported
        seen.append(gc.isenabled())

    monkeypatch.delitem(sys.modules, "mcp.client.client", raising=False)  # not imported yet
    monkeypatch.setattr(speed, "_import_sdk", import_sdk)
    thresholds = gc.get_threshold()
    gc.disable()  # paused at launch (`mcptui` before the UI imports)
    try:
        await speed.load_sdk()
        assert seen == [False]  # the import went on without collections
        assert gc.isenabled()  # and the collector came back at its end
    finally:
        gc.unfreeze()  # what load_sdk froze here is the test process's, not an import's
        gc.set_threshold(*thresholds)
        gc.enable()


def test_a_resume_with_no_import_under_way_is_at_once() -> None:
    thresholds = gc.get_threshold()
    gc.disable()
    try:
        speed.resume_collector()
        assert gc.isenabled() and gc.get_threshold()[2] == speed.FULL_EVERY
    finally:
        gc.set_threshold(*thresholds)
        gc.enable()
