"""The core never imports Textual, and the CLI's light modules never import the SDK stack.

Each check runs in a fresh interpreter, so modules imported by other tests do not count.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import mcptui.core

LIGHT_MODULES = ["mcptui.core.config", "mcptui.core.targets", "mcptui.core.redact", "mcptui.core.locations"]
HEAVY_PACKAGES = ["mcp", "httpx2", "httpx", "pydantic", "textual", "authlib"]


def core_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(mcptui.core.__path__, prefix="mcptui.core."))


def loaded_after_import(modules: list[str]) -> set[str]:
    """Top-level package names present in sys.modules after importing ``modules`` in a fresh Python."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_core_modules_are_discovered() -> None:
    names = core_modules()
    assert set(LIGHT_MODULES) <= set(names)
    assert "mcptui.core.events" in names


def test_no_core_module_imports_textual() -> None:
    loaded = loaded_after_import(["mcptui.core", *core_modules()])
    assert "mcptui" in loaded, "the probe really imported the package"
    assert "textual" not in loaded


def test_light_modules_do_not_load_the_sdk_stack() -> None:
    loaded = loaded_after_import(LIGHT_MODULES)
    assert "mcptui" in loaded
    assert not loaded & set(HEAVY_PACKAGES), sorted(loaded & set(HEAVY_PACKAGES))


SDK_LOAD_CHECK = """
import asyncio, gc, json, sys
from mcptui.core.speed import load_sdk
collector_on = sys.argv[1] == "on"
if not collector_on:
    gc.disable()
frozen_before = gc.get_freeze_count()
asyncio.run(load_sdk())
print(json.dumps({
    "sdk": "mcp.client.client" in sys.modules,
    "enabled": gc.isenabled(),
    "frozen": gc.get_freeze_count() - frozen_before,
}))
"""


def test_loading_the_sdk_pauses_the_collector_and_restores_it() -> None:
    """The SDK's ~200k import-time objects are frozen; the collector is left as it was found."""
    for state, enabled in (("on", True), ("off", False)):
        done = subprocess.run(
            [sys.executable, "-c", SDK_LOAD_CHECK, state], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout.strip().splitlines()[-1])
        assert report["sdk"] is True
        assert report["enabled"] is enabled
        assert report["frozen"] > 50_000


SCHEMA_CHECK = """
import asyncio, json, sys
from mcptui.core.speed import load_sdk
asyncio.run(load_sdk(one_shot=sys.argv[1] == "one-shot"))
print(json.dumps("jsonschema" in sys.modules))
"""


def test_the_ui_s_sdk_load_brings_jsonschema_and_a_one_shot_s_does_not() -> None:
    """The first call's argument check needs jsonschema: the TUI's SDK load imports it in its
    thread (not on the event loop at the first call); a one-shot command imports it only if used."""
    for kind, expected in (("ui", True), ("one-shot", False)):
        done = subprocess.run(
            [sys.executable, "-c", SCHEMA_CHECK, kind], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout.strip().splitlines()[-1]) is expected, kind
