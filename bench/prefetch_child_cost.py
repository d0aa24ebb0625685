"""The prefetch child's own work, alone in one process, for an instruction count (valgrind).

    python bench/prefetch_child_cost.py URL [--code-cache FILE]
    valgrind --tool=cachegrind --cache-sim=no python bench/prefetch_child_cost.py URL

What the fork of ``mcptui URL`` runs (:mod:`mcptui.core.prefetch_fork`), in order, in this
process instead of a fork: the program's first imports (``mcptui.__main__``, the code cache when
``--code-cache`` names a file to load, as a user's later launches have it), the one-shot SDK
import, then one fetch whose catalog line is written to a pipe and read back here. The count is
deterministic where wall time on a shared VM is not; ``python -c pass`` is the floor to subtract.
It prints the CPU seconds of each step (noisy; the instruction count is the figure).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--code-cache", type=Path, help="a code cache file to load (a later launch's)")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp())
    os.environ["MCPTUI_HOME"] = str(home)
    steps = [("start", time.process_time())]
    import mcptui.__main__  # noqa: F401 - what the program has imported when it forks
    from mcptui.core import code_cache, prefetch_fork, speed  # noqa: F401

    if args.code_cache is not None:
        target = code_cache.cache_file()
        target.parent.mkdir(parents=True)
        shutil.copy(args.code_cache, target)
        code_cache.install()
    steps.append(("first imports (and the code cache)", time.process_time()))
    prefetch_fork.import_sdk_for_one_fetch()
    steps.append(("one-shot SDK import", time.process_time()))
    from mcptui.core import prefetch

    line_read, line_write = os.pipe()
    settings = {"name": "demo", "url": args.url, "transport": "auto"}
    prefetch.fetch_in_child(json.dumps(settings).encode(), line_write)
    steps.append(("connect, list, line written", time.process_time()))
    with os.fdopen(line_read, "rb") as line:
        catalog = prefetch.parse_line(line.readline())
    assert catalog is not None and catalog.tools, "no catalog"
    for (_, before), (name, after) in zip(steps, steps[1:], strict=False):
        print(f"{name}: {after - before:.3f} s CPU")
    code_cache.uninstall()  # nothing written back
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
