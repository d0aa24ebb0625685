"""The code cache: a second run compiles nothing new, dataclasses behave the same, a foreign file is ignored."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import dataclasses, json
from mcptui.core import code_cache
code_cache.install()
@dataclasses.dataclass(frozen=True)
class P:
    x: int
    y: "tuple[int, ...]" = ()
p = P(1)
print(json.dumps({"new": code_cache._Cache.new, "repr": repr(p), "eq": p == P(1, ()), "hash": hash(p) == hash(P(1))}))
"""


def _run(home: str) -> dict:
    import json

    env = {**os.environ, "MCPTUI_HOME": home}
    env.pop("MCPTUI_CODE_CACHE", None)
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_second_run_compiles_nothing_new_and_dataclasses_behave(tmp_path) -> None:
    first = _run(str(tmp_path))
    assert first["new"] > 0
    cached = tmp_path / "cache" / "code" / f"{sys.implementation.cache_tag}.marshal"
    assert cached.stat().st_mode & 0o777 == 0o600
    second = _run(str(tmp_path))
    assert second["new"] == 0
    assert second["repr"] == first["repr"] == "P(x=1, y=())"
    assert second["eq"] and second["hash"]


def test_a_file_others_can_write_is_ignored(tmp_path) -> None:
    _run(str(tmp_path))
    cached = tmp_path / "cache" / "code" / f"{sys.implementation.cache_tag}.marshal"
    cached.chmod(0o666)
    assert _run(str(tmp_path))["new"] > 0
