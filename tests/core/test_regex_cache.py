"""The regex cache: a second run compiles no pattern anew and its patterns behave the same; a
pattern that warns warns every run and is never stored; a bad stored program is not used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = r"""
import json, re, sys, warnings
from mcptui.core import code_cache, regex_cache
code_cache.install()
out = {}
for text, flags in [(r"(?P<year>\d{4})-(?P<month>\d\d)", 0), (r"hello\s+(world)", re.I), (r"^a.c$", re.M | re.S)]:
    p = re.compile(text, flags)
    m = p.search("x 2026-12 HELLO   World\nabc")
    out[text] = [p.pattern, p.flags, p.groups, dict(p.groupindex), m.group(0) if m else None]
b = re.compile(rb"(?P<k>[a-z]+)=(\d+)")
out["bytes"] = [b.flags, b.groups, dict(b.groupindex), [g.decode() for g in b.match(b"ab=12").groups()]]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    nested = re.compile("[[a]")
out["warned"] = [str(w.category.__name__) for w in caught]
out["nested_stored"] = any(key[1] == "[[a]" for key in regex_cache._Table.entries)
out["new"] = regex_cache._Table.new
print(json.dumps(out))
"""


def _run(home: Path) -> dict:
    env = {**os.environ, "MCPTUI_HOME": str(home)}
    env.pop("MCPTUI_CODE_CACHE", None)
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _table(home: Path) -> Path:
    return home / "cache" / "code" / f"{sys.implementation.cache_tag}.re.marshal"


def test_second_run_compiles_nothing_new_and_patterns_behave_the_same(tmp_path: Path) -> None:
    first = _run(tmp_path)
    assert first["new"] > 0
    assert _table(tmp_path).stat().st_mode & 0o777 == 0o600
    second = _run(tmp_path)
    assert second["new"] == 0
    assert {k: v for k, v in second.items() if k != "new"} == {k: v for k, v in first.items() if k != "new"}
    assert second[r"(?P<year>\d{4})-(?P<month>\d\d)"][2:] == [2, {"year": 1, "month": 2}, "2026-12"]
    assert second["bytes"][3] == ["ab", "12"]


def test_a_pattern_that_warns_warns_every_run_and_is_never_stored(tmp_path: Path) -> None:
    for _ in range(2):
        run = _run(tmp_path)
        assert run["warned"] == ["FutureWarning"]
        assert not run["nested_stored"]


def test_a_bad_stored_program_is_not_used(tmp_path: Path) -> None:
    from mcptui.core import code_cache, regex_cache

    _run(tmp_path)
    table = _table(tmp_path)
    stamp = f"{sys.version}|{__import__('_sre').MAGIC}"
    entries = code_cache.read_payload(table, regex_cache.FORMAT, stamp)
    key = (True, r"hello\s+(world)", 2)
    assert key in entries
    entries[key] = (entries[key][0], [1, 2, 3], *entries[key][2:])  # not a program _sre accepts
    code_cache.write_payload(table, regex_cache.FORMAT, stamp, entries)
    run = _run(tmp_path)
    assert run[r"hello\s+(world)"][4] == "HELLO   World"  # compiled by the standard compiler
    assert run["new"] > 0  # and the file rewritten
    assert key not in code_cache.read_payload(table, regex_cache.FORMAT, stamp)  # stored anew next run


GROWER = r"""
import json, random, re, sys
from mcptui.core import code_cache, regex_cache
code_cache.install()
regex_cache.MAX_WORDS = 20_000  # the budget made small, so that a few runs reach it
words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"] * 40
random.shuffle(words)  # a pattern joined anew each run (as tokenize's is, by hash randomization)
re.compile("|".join(words) + sys.argv[1])
code_cache.save()
print(json.dumps({"entries": len(regex_cache._Table.entries)}))
"""


def test_a_pattern_new_every_run_does_not_grow_the_file_without_end(tmp_path: Path) -> None:
    env = {**os.environ, "MCPTUI_HOME": str(tmp_path)}
    env.pop("MCPTUI_CODE_CACHE", None)
    sizes = []
    runs = 14  # each program is over 2,000 words: past the budget of 20,000 within 10 runs
    for n in range(runs):
        subprocess.run([sys.executable, "-c", GROWER, str(n)], env=env, check=True, capture_output=True)
        (table,) = (tmp_path / "cache" / "code").glob("*.re.marshal")
        sizes.append(table.stat().st_size)
    assert max(sizes) < 6 * sizes[0]  # bounded by the budget (a few runs' programs; 14 without it) ...
    assert sizes[-1] < max(sizes)  # ... by keeping only a run's own entries once past the budget
