"""The code cache: a second run compiles nothing new, dataclasses behave the same; a foreign, torn or
bit-flipped file is ignored and replaced."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def _cached(home: Path) -> Path:
    return home / "cache" / "code" / f"{sys.implementation.cache_tag}.marshal"


def test_a_flipped_byte_is_not_run_and_the_file_is_replaced(tmp_path) -> None:
    _run(str(tmp_path))
    cached = _cached(tmp_path)
    content = cached.read_bytes()
    at = content.rfind(b"(x=")  # the last one: inside __repr__'s code object, after its source text
    assert at > 0
    cached.write_bytes(content[:at] + b"(y=" + content[at + 3 :])
    flipped = _run(str(tmp_path))
    assert flipped["repr"] == "P(x=1, y=())"  # not the flipped code: P(y=1, y=())
    assert flipped["new"] > 0
    assert cached.read_bytes() != content[:at] + b"(y=" + content[at + 3 :]
    assert _run(str(tmp_path))["new"] == 0  # replaced by a whole file


def test_a_torn_file_is_ignored_and_replaced(tmp_path) -> None:
    _run(str(tmp_path))
    cached = _cached(tmp_path)
    whole = cached.read_bytes()
    cached.write_bytes(whole[: len(whole) * 2 // 3])
    assert _run(str(tmp_path))["new"] > 0
    assert cached.read_bytes() == whole  # the same code objects, written again
    assert _run(str(tmp_path))["new"] == 0


def test_a_symlink_or_garbage_in_its_place_is_ignored(tmp_path) -> None:
    _run(str(tmp_path))
    cached = _cached(tmp_path)
    elsewhere = tmp_path / "elsewhere.marshal"
    elsewhere.write_bytes(cached.read_bytes())
    elsewhere.chmod(0o600)
    cached.unlink()
    cached.symlink_to(elsewhere)
    assert _run(str(tmp_path))["new"] > 0  # a valid file, but through a link: not read
    assert not cached.is_symlink() and cached.is_file()  # the link replaced, its target untouched
    cached.write_bytes(b"\x00garbage" * 100)
    assert _run(str(tmp_path))["new"] > 0
    assert _run(str(tmp_path))["new"] == 0
