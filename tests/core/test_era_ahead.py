"""The newest era's wire models imported once the first list request is on its way
(:mod:`mcptui.core.era_ahead`), not in the SDK import before the connection can open.

Each end-to-end case runs in a fresh process (an era is imported once a process): the TUI's
live connection (lazy SDK import, first-catalog gate held) and the prefetch child's one-shot
connection, each against the demo over streamable HTTP (2026-07-28) and a legacy-only demo.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
from types import SimpleNamespace

import pytest

from mcptui.core import era_ahead

CONNECT = """
import asyncio, json, sys, threading
from mcptui.core import era_ahead, first_shown, speed
from mcptui.core.connection import ServerConnection
from mcptui.core.server_config import ServerConfig

url, kind = sys.argv[1], sys.argv[2]
ERA = era_ahead.NEWEST_ERA
seen = {}

class Watch:  # who imports the era, and from which thread
    def find_spec(self, name, path=None, target=None):
        if name == ERA and "thread" not in seen:
            seen["thread"] = threading.current_thread().name
        return None

sys.meta_path.insert(0, Watch())
start = era_ahead.start

def recording_start():
    seen.setdefault("loaded at the trigger", ERA in sys.modules)
    return start()

era_ahead.start = recording_start
trigger = era_ahead.on_request

async def on_request(request):
    if era_ahead.pending() and "trigger" not in seen and request.headers.get("mcp-method") not in era_ahead._NOT_YET:
        seen["trigger"] = request.headers.get("mcp-method") or "(no mcp-method)"
    await trigger(request)

era_ahead.on_request = on_request
load_sdk = speed.load_sdk

async def recording_load(**options):
    await load_sdk(**options)
    seen["after the SDK import"] = ERA in sys.modules

import mcptui.core.connection as connection_module
connection_module.load_sdk = recording_load

async def main():
    if kind == "tui":
        first_shown.hold()  # the TUI before its first catalog: the lazy import
        connection = ServerConnection(ServerConfig(name="s", url=url), keep_aside=True, era_ahead=True)
    else:  # the prefetch child's connection
        connection = ServerConnection(ServerConfig(name="s", url=url), one_shot=True, log_level=None, era_ahead=True)
    catalog = await connection.connect()
    seen["tools"] = len(catalog.tools)
    seen["version"] = connection.protocol_version
    seen["loaded at the end"] = ERA in sys.modules
    if era_ahead._Ahead.thread is not None:
        era_ahead._Ahead.thread.join()
    await connection.disconnect()

asyncio.run(main())
print(json.dumps(seen))
"""


def _run(url: str, kind: str, home: str | None = None) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CONNECT, url, kind],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MCPTUI_HOME": home or tempfile.mkdtemp()},
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("kind", ["tui", "child"])
def test_the_era_is_imported_in_a_thread_once_a_list_is_sent(demo_http_url: str, kind: str) -> None:
    seen = _run(demo_http_url, kind)
    assert seen["version"] == "2026-07-28"
    assert seen["after the SDK import"] is False  # not before the connection could open
    assert seen["trigger"] == "tools/list"  # neither server/discover nor subscriptions/listen
    assert seen["loaded at the trigger"] is False
    assert seen["thread"] == "mcptui-era"  # off the event loop, while the server answers
    assert seen["loaded at the end"] is True
    assert int(str(seen["tools"])) > 0


def test_a_legacy_session_starts_it_after_initialize(demo_legacy_url: str) -> None:
    """2025-11-25: the SDK looks up the newer era's rows for every result, so it is still
    imported ahead, from the first request after the ``server/discover`` probe."""
    seen = _run(demo_legacy_url, "tui")
    assert seen["version"] == "2025-11-25"
    assert seen["after the SDK import"] is False
    assert seen["trigger"] == "(no mcp-method)"
    assert seen["thread"] == "mcptui-era"
    assert int(str(seen["tools"])) > 0


def test_a_later_legacy_launch_never_imports_it(demo_legacy_url: str, tmp_path) -> None:
    """Once the SDK's later-revision answers are kept on disk (the first launch), a 2025-11-25
    session reads its whole catalog without the newest era: it is not imported ahead."""
    home = str(tmp_path)
    first = _run(demo_legacy_url, "tui", home)
    assert first["thread"] == "mcptui-era"  # nothing kept yet: imported ahead, as before
    later = _run(demo_legacy_url, "tui", home)
    assert later["version"] == "2025-11-25"
    assert "thread" not in later and later["loaded at the end"] is False
    assert later["tools"] == first["tools"] and int(str(later["tools"])) > 0


def _request(method: str | None, version: str | None = None) -> SimpleNamespace:
    headers = {} if method is None else {"mcp-method": method}
    if version is not None:
        headers["mcp-protocol-version"] = version
    return SimpleNamespace(headers=headers)


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The hook wanting the era, ``start`` recorded instead of run; the facts table empty."""
    from mcptui.core import sdk_facts

    started: list[bool] = []
    monkeypatch.setattr(era_ahead._Ahead, "wanted", True)
    monkeypatch.setattr(era_ahead._Ahead, "waited", False)
    monkeypatch.setattr(era_ahead._Ahead, "thread", None)
    monkeypatch.setattr(era_ahead, "start", lambda: started.append(True))
    monkeypatch.setattr(sdk_facts._Facts, "path", sdk_facts.Path("installed-for-test"))  # never read
    monkeypatch.setattr(sdk_facts._Facts, "table", {})
    return started


LISTS = ("tools/list", "prompts/list", "resources/list", "resources/templates/list")


def _keep(version: str, methods: tuple[str, ...] = LISTS) -> None:
    from mcptui.core import sdk_facts

    sdk_facts._Facts.table.update({(method, version): ("ttlMs",) for method in methods})


def test_a_legacy_session_with_its_answers_kept_does_not_start_it(hook: list[bool]) -> None:
    _keep("2025-11-25")
    asyncio.run(era_ahead.on_request(_request(None)))  # initialize: no version yet
    assert hook == [] and era_ahead.pending()
    asyncio.run(era_ahead.on_request(_request(None, "2025-11-25")))
    assert hook == [] and not era_ahead.pending()
    asyncio.run(era_ahead.on_request(_request(None, "2025-11-25")))
    assert hook == []


def test_a_legacy_session_missing_one_answer_starts_it(hook: list[bool]) -> None:
    _keep("2025-11-25", LISTS[:-1])
    _keep("2025-06-18")  # another version's answers do not count
    asyncio.run(era_ahead.on_request(_request(None)))
    assert hook == []
    asyncio.run(era_ahead.on_request(_request(None, "2025-11-25")))
    assert hook == [True]


def test_answers_not_installed_start_it(hook: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    from mcptui.core import sdk_facts

    _keep("2025-11-25")
    monkeypatch.setattr(sdk_facts._Facts, "path", None)  # the SDK's own function answers
    asyncio.run(era_ahead.on_request(_request(None, "2025-11-25")))
    assert hook == [True]


def test_a_session_that_never_names_its_version_starts_it_at_its_second_request(hook: list[bool]) -> None:
    _keep("2025-11-25")
    asyncio.run(era_ahead.on_request(_request(None)))
    assert hook == []
    asyncio.run(era_ahead.on_request(_request(None)))
    assert hook == [True]


def test_the_newest_version_named_without_a_method_starts_it(hook: list[bool]) -> None:
    _keep("2026-07-28")
    asyncio.run(era_ahead.on_request(_request(None, "2026-07-28")))
    assert hook == [True]


def test_the_handshake_requests_do_not_start_it(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[bool] = []
    monkeypatch.setattr(era_ahead._Ahead, "wanted", True)
    monkeypatch.setattr(era_ahead._Ahead, "thread", None)
    monkeypatch.setattr(era_ahead, "start", lambda: started.append(True))
    for method in ("server/discover", "subscriptions/listen"):
        asyncio.run(era_ahead.on_request(_request(method)))
    assert started == []
    asyncio.run(era_ahead.on_request(_request("tools/list")))
    assert started == [True]


def test_nothing_starts_unless_wanted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(era_ahead._Ahead, "wanted", False)
    monkeypatch.setattr(era_ahead._Ahead, "thread", None)
    assert era_ahead.start() is None
    asyncio.run(era_ahead.on_request(_request("tools/list")))
    assert era_ahead._Ahead.thread is None


SLOW_ERA = """
import sys
started, release = sys.modules["era_gate_for_test"].events
started.set()
release.wait(30)  # until the row's lookup is waiting on this import (never by time)
ListToolsResult = "the row"
"""


def test_a_row_looked_up_while_the_thread_imports_its_era_waits_for_it(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race the thread brings: the loop looks a row up while the era module is half
    defined (in ``sys.modules``, its classes not yet). The lookup waits on the import's module
    lock instead of reading the half-made module (AttributeError, seen with a fast server)."""
    import importlib
    import threading
    import types

    from mcptui.core import lazy_eras

    (tmp_path / "slow_era_for_test.py").write_text(SLOW_ERA)
    monkeypatch.syspath_prepend(str(tmp_path))
    started, release = threading.Event(), threading.Event()
    gate = types.ModuleType("era_gate_for_test")
    gate.events = (started, release)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "era_gate_for_test", gate)
    importer = threading.Thread(target=importlib.import_module, args=("slow_era_for_test",))
    importer.start()
    try:
        assert started.wait(30)
        real_import = importlib.import_module

        def import_once_waiting(name: str) -> object:
            release.set()  # the lookup is about to wait on the module lock: let the import end
            return real_import(name)

        monkeypatch.setattr(lazy_eras.importlib, "import_module", import_once_waiting)
        assert lazy_eras.Pending("slow_era_for_test", "ListToolsResult").resolve() == "the row"
    finally:
        release.set()
        importer.join()
        sys.modules.pop("slow_era_for_test", None)


RESUMING_ERA = """
from mcptui.core import speed
speed.resume_collector()  # the TUI's panes mounted while the era is being defined
classes = [[index] for index in range(20_000)]  # the era's objects: enough for collections
ListToolsResult = "the row"
"""


def test_a_collector_resumed_during_the_era_import_is_on_after_it(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The thread's import pauses the collector the way :func:`speed.load_sdk` does: a
    ``resume_collector`` meanwhile (the TUI's panes mounted) takes effect once the import ends,
    so no collection walks the era's half-built objects, and the collector is on after it."""
    import gc

    (tmp_path / "resuming_era_for_test.py").write_text(RESUMING_ERA)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(era_ahead, "NEWEST_ERA", "resuming_era_for_test")
    was_on, thresholds = gc.isenabled(), gc.get_threshold()
    collections: list[str] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and "resuming_era_for_test" in sys.modules and importing:
            collections.append(phase)

    importing = True
    gc.callbacks.append(count)
    gc.disable()  # the TUI before its panes are mounted
    try:
        era_ahead._import_era()
        importing = False
        assert sys.modules["resuming_era_for_test"].ListToolsResult == "the row"
        assert collections == []
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(count)
        sys.modules.pop("resuming_era_for_test", None)
        gc.set_threshold(*thresholds)
        if was_on:
            gc.enable()
        else:
            gc.disable()
