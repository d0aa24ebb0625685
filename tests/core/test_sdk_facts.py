"""The SDK's later-revision field sets read back from disk: the SDK's own answers, and a legacy
session's lookups no longer import the newer era; a table of another SDK is not used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from mcptui.core import code_cache, sdk_import
code_cache.install()
sdk_import.import_client(lazy_models=True)
from mcp.client import session
from mcptui.core import sdk_facts
asked = [("tools/list", "2025-11-25"), ("initialize", "2025-11-25"), ("tools/call", "2026-07-28")]
answers = {f"{m} {v}": sorted(session._later_revision_fields(m, v)) for m, v in asked}
out = {"answers": answers, "new": sdk_facts._Facts.new, "newer_era": "mcp_types._v2026_07_28" in sys.modules}
out["sdk_own"] = {f"{m} {v}": sorted(session._later_revision_fields.__wrapped__(m, v)) for m, v in asked}
print(json.dumps(out))
"""


def _run(home: Path) -> dict:
    env = {**os.environ, "MCPTUI_HOME": str(home)}
    for name in ("MCPTUI_CODE_CACHE", "MCPTUI_LAZY_ERAS"):
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _table(home: Path) -> Path:
    return home / "cache" / "code" / f"{sys.implementation.cache_tag}.sdk-facts.marshal"


def test_answers_from_disk_are_the_sdks_and_need_no_newer_era(tmp_path: Path) -> None:
    first = _run(tmp_path)
    assert first["new"] == 3 and first["newer_era"]  # computed by the SDK: it looked up 2026 rows
    assert first["answers"] == first["sdk_own"]
    assert first["answers"]["tools/list 2025-11-25"]  # the 2026-07-28 cache hints, at least
    second = _run(tmp_path)
    assert second["new"] == 0 and second["answers"] == first["answers"] == second["sdk_own"]
    assert not second["newer_era"]  # looked at before the probe asks the SDK's own function


def test_a_table_of_another_sdk_is_not_used(tmp_path: Path) -> None:
    from mcptui.core import code_cache, sdk_facts

    _run(tmp_path)
    table = _table(tmp_path)
    bogus = {("tools/list", "2025-11-25"): ("not", "the", "sdks")}
    code_cache.write_payload(table, sdk_facts.FORMAT, (("/elsewhere/session.py", 1, 2),), bogus)
    run = _run(tmp_path)
    assert run["new"] == 3 and run["answers"] == run["sdk_own"]
