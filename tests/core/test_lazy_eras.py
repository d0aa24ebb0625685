"""The SDK's per-version method maps, with the eras imported on first use: the same rows (the
same classes) as imported as usual, and an era imported only when one of its rows is looked up."""

from __future__ import annotations

import json
import os
import subprocess
import sys

MAPS = [
    "CLIENT_REQUESTS",
    "CLIENT_NOTIFICATIONS",
    "SERVER_REQUESTS",
    "SERVER_NOTIFICATIONS",
    "SERVER_RESULTS",
    "CLIENT_RESULTS",
]
ERAS = ["mcp_types._v2025_11_25", "mcp_types._v2026_07_28"]

PROBE = """
import json, sys, types, typing
from mcptui.core import sdk_import
sdk_import.import_client(lazy_models=sys.argv[1] == "lazy")
import mcp_types.methods as methods
maps = json.loads(sys.argv[2])
eras = json.loads(sys.argv[3])
out = {"eras_after_import": [e for e in eras if e in sys.modules]}
out["proxies"] = all(type(getattr(methods, m)) is types.MappingProxyType for m in maps)
out["types_restored"] = types.MappingProxyType is type(types.MappingProxyType({}))
row = methods.SERVER_RESULTS[("tools/call", "2026-07-28")]
def name(v):
    return [name(a) for a in typing.get_args(v)] if isinstance(v, types.UnionType) else [v.__module__, v.__qualname__]
out["one_row"] = name(row)
out["eras_after_one_row"] = [e for e in eras if e in sys.modules]
out["keys_only"] = ("tools/list", "2025-11-25") in methods.SERVER_RESULTS and len(methods.SERVER_RESULTS) > 50
out["eras_after_keys"] = [e for e in eras if e in sys.modules]
out["rows"] = {m: sorted([list(k), name(v)] for k, v in getattr(methods, m).items()) for m in maps}
try:
    methods.SERVER_RESULTS[("x", "y")] = None
    out["read_only"] = False
except TypeError:
    out["read_only"] = True
print(json.dumps(out))
"""


def _probe(mode: str, **env: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode, json.dumps(MAPS), json.dumps(ERAS)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_maps_hold_the_same_classes_and_an_era_waits_for_its_first_row() -> None:
    lazy, usual = _probe("lazy"), _probe("usual")
    assert usual["eras_after_import"] == ERAS
    assert lazy["eras_after_import"] == []
    assert lazy["one_row"] == usual["one_row"]
    assert ["mcp_types._v2026_07_28", "CallToolResult"] in lazy["one_row"]
    assert lazy["eras_after_one_row"] == ["mcp_types._v2026_07_28"]
    assert lazy["keys_only"] and lazy["eras_after_keys"] == ["mcp_types._v2026_07_28"]
    assert lazy["rows"] == usual["rows"] and all(lazy["rows"][m] for m in MAPS)
    assert lazy["proxies"] and lazy["types_restored"] and lazy["read_only"]


def test_the_switch_imports_both_eras_as_usual() -> None:
    assert _probe("lazy", MCPTUI_LAZY_ERAS="0")["eras_after_import"] == ERAS
