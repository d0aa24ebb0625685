"""The 50,000-tool catalog on a real terminal: ``mcptui URL`` from launch to the catalog drawn and
to its own connection live, and how many ``tools/list`` requests one launch makes (section 4 of
``tui_bench.py``; alone: ``python bench/big_launch.py [--runs N] [--before DIR]``).

Each run is the real ``mcptui`` on a pseudo-terminal (:mod:`pty_terminal`), nothing cached (a
fresh home), no agent, with the prefetch child forced (``MCPTUI_PREFETCH=1``: the default starts
it only with a spare core) or none (``=0``, the live connection alone). "Drawn" is the tree's
``Tools 50,0xx`` count reaching the terminal; "live" the sidebar's ``connected ·``. The count of
``tools/list`` requests comes from one more launch per variant through a recording proxy
(:mod:`tests.recording_proxy`; it holds each reply until it is whole, so its launch is not timed).
``--before DIR``: an older checkout (the folder holding its ``mcptui/``), run as ``python -P -m
mcptui`` in the same interleaved runs as this one (run the same way).
"""

from __future__ import annotations

import argparse
import compileall
import http.client
import json
import os
import statistics
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from big_catalog_floor import LIST_HEADERS, LIST_REQUEST  # noqa: E402
from pty_terminal import PtyProgram  # noqa: E402

LIVE_MARK = "connected \u00b7"
FOOTER_MARK = "Catalog"


def served_tools(url: str) -> int:
    """How many tools the server lists (one stdlib request; a JSON body or an SSE stream)."""
    parsed = urllib.parse.urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port)
    connection.request("POST", parsed.path, json.dumps(LIST_REQUEST), LIST_HEADERS)
    body = connection.getresponse().read()
    connection.close()
    for line in body.splitlines():
        text = line[len(b"data:") :] if line.startswith(b"data:") else line
        if b'"tools"' in text:
            return len(json.loads(text)["result"]["tools"])
    raise RuntimeError("no tools/list result in the server's answer")


def launch(url: str, mark: str, program: tuple[str, ...], env: dict[str, str]) -> tuple[float, float, float]:
    """One launch: (first frame, catalog drawn, live), in s from launch."""
    home = {"MCPTUI_HOME": tempfile.mkdtemp(), "TERM": "xterm-256color", "MCPTUI_NO_AGENT": "1"}
    running = PtyProgram([*program, url], {**os.environ, **home, **env})
    try:
        drawn = running.wait_for(mark, timeout=60) - running.started
        live = running.wait_for(LIVE_MARK, timeout=60) - running.started
        return running.wait_for(FOOTER_MARK) - running.started, drawn, live
    finally:
        running.close()


def lists_per_launch(url: str, mark: str, program: tuple[str, ...], env: dict[str, str]) -> int:
    """How many tools/list requests one launch sends (through a recording proxy, until live)."""
    import socketserver

    from tests.recording_proxy import recording_proxy

    # the proxy's threads print each stream the TUI cuts when it quits: not news here
    socketserver.BaseServer.handle_error = lambda *_args: None  # type: ignore[method-assign]
    with recording_proxy(url) as recorded:
        launch(recorded.url, mark, program, env)
        return recorded.methods().count("tools/list")


def variants(before: Path | None) -> dict[str, tuple[tuple[str, ...], dict[str, str]]]:
    module = (sys.executable, "-P", "-m", "mcptui")  # -P: not the current folder first
    sides = {"after": {"PYTHONPATH": str(ROOT)}}
    if before is not None:
        compileall.compile_dir(before / "mcptui", quiet=1)
        sides["before"] = {"PYTHONPATH": str(before)}
    found = {}
    for side, path in sides.items():
        found[f"{side}: prefetch child"] = (module, {"MCPTUI_PREFETCH": "1", **path})
        found[f"{side}: live connection only"] = (module, {"MCPTUI_PREFETCH": "0", **path})
    return found


def report(url: str, runs: int = 3, before: Path | None = None) -> None:
    mark = str(served_tools(url))  # the tree's Tools count, drawn once the whole catalog is in
    print(f"50,000-tool server on a terminal ({mark} tools), load average {os.getloadavg()[0]:.2f}")
    chosen = variants(before)
    times: dict[str, list[tuple[float, float, float]]] = {name: [] for name in chosen}
    for _ in range(runs):
        for name, (program, env) in chosen.items():
            times[name].append(launch(url, mark, program, env))
    for name, (program, env) in chosen.items():
        frame, drawn, live = (statistics.median(run[i] for run in times[name]) for i in range(3))
        spread = ", ".join(f"{d:.2f}" for _, d, _ in times[name])
        lists = lists_per_launch(url, mark, program, env)
        print(
            f"  {name}: drawn median {drawn:.3f} s ({spread}), live {live:.3f} s, first frame {frame:.3f} s;"
            f" tools/list per launch: {lists}"
        )
    print(f"  load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path)
    args = parser.parse_args()
    from tests.servers import running_demo

    with running_demo("--bulk-tools", "50000") as demo:
        report(demo.url, args.runs, args.before)
