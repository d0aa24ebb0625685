"""mcptui's one-shot commands beside the MCP Inspector's CLI, interleaved in one run. Prints; asserts nothing.

    python bench/peers.py [--rounds 5] [--inspector DIR]

``DIR`` holds ``node_modules/@modelcontextprotocol/inspector`` (``npm install
@modelcontextprotocol/inspector@2`` there; default ``$MCPTUI_BENCH_INSPECTOR``); without it only
mcptui and the floor run. Each round runs a fresh process for each of, against the demo over
streamable HTTP (``127.0.0.1``):

- the floor: a stdlib ``http.client`` script sending initialize, notifications/initialized and
  tools/list (:mod:`bench_cold`'s);
- ``mcptui list URL --json`` and ``mcptui call URL echo text=hi`` (no agent: a cold run), and
  the Inspector's ``--cli URL --method tools/list`` and ``--method tools/call --tool-name echo
  --tool-arg text=hi``;
- the same floor and both ``list`` commands on the demo with ``--bulk-tools 50000`` (7.5 MB of
  tools, printed whole by both);
- mcptui's rows once more in the 2025-11-25 era (a servers file with ``"protocol": "legacy"``):
  the Inspector's CLI speaks that era unless told otherwise, mcptui the newest both sides
  speak (2026-07-28 with the demo). The floor speaks 2025-11-25 too. On the 50,000 tools the era
  is most of the difference: the demo (the SDK's server) answers the list in ~0.11 s in
  2025-11-25 and ~0.53 s in 2026-07-28 (its modern path dumps the result to Python objects,
  then ``json.dumps`` them).

Then, on a pseudo-terminal (:mod:`pty_terminal`), launch -> catalog on screen, nothing cached:
``mcptui URL`` against the Inspector's ``--tui URL`` (which waits for a ``c`` to connect: sent
the moment its first frame is up), on both demos (:func:`tui_runs`).

With ``--fastmcp PYTHON`` (an interpreter with ``fastmcp`` installed; default
``$MCPTUI_BENCH_FASTMCP``), FastMCP's client too, as a one-shot command
(:mod:`fastmcp_client`): list and call over HTTP, the 50,000 tools, and a stdio list spawning
``python -m mcptui.demo`` beside ``mcptui list -- python -m mcptui.demo``. With ``--mcpc DIR``
(``npm install @apify/mcpc`` there; default ``$MCPTUI_BENCH_MCPC``), warm sessions: mcpc's
(``mcpc connect URL @bench``, then ``mcpc @bench tools-list|tools-call``) beside mcptui's agent
(started by a first, untimed command), interleaved.

Each command's output goes to a pipe that is read to its end, as a script would. Printed: the
median wall time, CPU time and peak RSS of each (``wait4`` of the process, its children
included), each as a ratio to the floor, and mcptui's against the Inspector's. Both keep their
own home across the rounds (a user's later runs: mcptui's code cache warm, the Inspector's
``~/.mcp-inspector`` kept), warmed by one untimed run each.

Figures (2026-12-07, issue 13, ninth session; Inspector 2.12.0, Node 20.20.2, FastMCP 4.2.3 on
the SDK 2.3.0, mcpc 0.2.6; load 0.9-1.8): see the README's Speed section. mcptui's wall time over
the peer's: one-shot list / call 0.74x / 0.61x the Inspector's, 0.26x / 0.21x FastMCP's; 50,000
tools 0.93x the Inspector's (the server's slower 2026-07-28 path; 0.71x in 2025-11-25), 0.24x
FastMCP's; stdio list 0.44x FastMCP's; warm list / call 0.11x / 0.09x mcpc's; TUI launch ->
catalog 0.39x the Inspector's (50,000 tools 0.63x).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_cold import STDLIB_CLIENT  # noqa: E402

from tests.servers import running_demo  # noqa: E402

PY = sys.executable
INSPECTOR_MAIN = "node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one run of ``command``: its output read to the end, then
    ``wait4`` for what it (and its children) used."""
    start = time.perf_counter()
    read_end, write_end = os.pipe()
    pid = os.posix_spawn(
        command[0],
        command,
        env,
        file_actions=[
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_DUP2, write_end, 1),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_CLOSE, read_end),
        ],
    )
    os.close(write_end)
    size = 0  # the floor prints nothing; the others their JSON
    while chunk := os.read(read_end, 1 << 20):
        size += len(chunk)
    os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[:5]} failed (exit {os.waitstatus_to_exitcode(status)}, {size} bytes out)")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def legacy_config(folder: Path, url: str, big_url: str) -> Path:
    """A servers file naming both demos with ``"protocol": "legacy"`` (2025-11-25, the era the
    Inspector's CLI speaks by default: its ``DEFAULT_PROTOCOL_ERA``)."""
    path = folder / "legacy.json"
    servers = {
        name: {"url": where, "protocol": "legacy"} for name, where in (("demo", url), ("big", big_url))
    }
    path.write_text(json.dumps({"mcpServers": servers}))
    return path


def commands(
    url: str, big_url: str, inspector: Path | None, legacy: Path, fastmcp: str | None = None
) -> dict[str, list[str]]:
    mcptui = [PY, "-m", "mcptui"]
    old = ["--config", str(legacy)]
    stdio_demo = [PY, "-m", "mcptui.demo"]
    runs = {
        "floor: stdlib http.client": [PY, "-c", STDLIB_CLIENT, url],
        "mcptui list URL --json": [*mcptui, "list", url, "--json"],
        "mcptui list (2025-11-25)": [*mcptui, "list", "demo", "--json", *old],
        "mcptui call URL echo text=hi": [*mcptui, "call", url, "echo", "text=hi"],
        "mcptui call (2025-11-25)": [*mcptui, "call", "demo", "echo", "text=hi", *old],
        "50k floor: stdlib http.client": [PY, "-c", STDLIB_CLIENT, big_url],
        "50k mcptui list URL --json": [*mcptui, "list", big_url, "--json"],
        "50k mcptui list (2025-11-25)": [*mcptui, "list", "big", "--json", *old],
        "stdio mcptui list -- demo": [*mcptui, "list", "--json", "--", *stdio_demo],
    }
    if fastmcp is not None:
        client = [fastmcp, str(ROOT / "bench" / "fastmcp_client.py")]
        runs["FastMCP client list"] = [*client, "list", url]
        runs["FastMCP client call echo"] = [*client, "call", url]
        runs["50k FastMCP client list"] = [*client, "list", big_url]
        runs["stdio FastMCP client list"] = [*client, "list", "--stdio", *stdio_demo]
    if inspector is not None:
        node = [_which("node"), str(inspector / INSPECTOR_MAIN), "--cli"]
        call = ["--method", "tools/call", "--tool-name", "echo", "--tool-arg", "text=hi"]
        runs["Inspector --cli tools/list"] = [*node, url, "--method", "tools/list"]
        runs["Inspector --cli tools/call echo"] = [*node, url, *call]
        runs["50k Inspector --cli tools/list"] = [*node, big_url, "--method", "tools/list"]
    return runs


def _which(name: str) -> str:
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if os.access(candidate := os.path.join(folder, name), os.X_OK):
            return candidate
    raise SystemExit(f"{name} not found on PATH")


def tui_runs(url: str, big_url: str, inspector: Path | None, rounds: int) -> dict[str, list[float]]:
    """Launch -> catalog on screen, on a pseudo-terminal, nothing cached (a fresh home each):
    ``mcptui URL`` (it connects at launch) until its tree's tools are drawn; the Inspector's
    ``--tui URL`` until its first frame ("disconnected"), then ``c`` (connect) at once, until
    its tab bar shows the tool count ("Tools (20)"): its best case, no person is that quick."""
    from big_launch import launch, served_tools
    from pty_terminal import PtyProgram
    from tui_bench import BINARY, TOOLS_MARK

    def ours(where: str, mark: str) -> float:
        return launch(where, mark, (str(BINARY),), {})[1]

    def theirs(where: str, count: int) -> float:
        assert inspector is not None
        env = dict(os.environ, HOME=tempfile.mkdtemp(prefix="bench-peers-"), TERM="xterm-256color")
        running = PtyProgram([_which("node"), str(inspector / INSPECTOR_MAIN), "--tui", where], env)
        try:
            running.wait_for("disconnected", timeout=60)
            running.send("c")
            # its tab label, the "T" underlined (an escape sequence between it and the rest)
            return running.wait_for(f"ools ({count})", timeout=60) - running.started
        finally:
            running.close()

    small, big = served_tools(url), served_tools(big_url)
    runs = {
        "TUI: mcptui URL, catalog drawn": lambda: ours(url, TOOLS_MARK),
        "TUI 50k: mcptui URL, catalog drawn": lambda: ours(big_url, str(big)),
    }
    if inspector is not None:
        runs["TUI: Inspector --tui, c, tool count shown"] = lambda: theirs(url, small)
        runs["TUI 50k: Inspector --tui, c, tool count shown"] = lambda: theirs(big_url, big)
    figures: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, measure in runs.items():
            figures[name].append(measure())
    return figures


PAIRS = [  # (mcptui's row, the peers' rows beside it, the floor)
    (
        "mcptui list URL --json",
        ("Inspector --cli tools/list", "FastMCP client list"),
        "floor: stdlib http.client",
    ),
    ("mcptui list (2025-11-25)", ("Inspector --cli tools/list",), "floor: stdlib http.client"),
    (
        "mcptui call URL echo text=hi",
        ("Inspector --cli tools/call echo", "FastMCP client call echo"),
        "floor: stdlib http.client",
    ),
    ("mcptui call (2025-11-25)", ("Inspector --cli tools/call echo",), "floor: stdlib http.client"),
    (
        "50k mcptui list URL --json",
        ("50k Inspector --cli tools/list", "50k FastMCP client list"),
        "50k floor: stdlib http.client",
    ),
    ("50k mcptui list (2025-11-25)", ("50k Inspector --cli tools/list",), "50k floor: stdlib http.client"),
    ("stdio mcptui list -- demo", ("stdio FastMCP client list",), ""),
]


def warm_rows(url: str, mcpc: Path | None, rounds: int) -> dict[str, list[tuple[float, float, float]]]:
    """Warm sessions, each side's kept between commands: mcptui's agent (started by a first,
    untimed command) and apify's ``mcpc`` session (``mcpc connect URL @bench``, untimed), then
    ``list``/``tools-list`` and ``call``/``tools-call`` as JSON, interleaved."""
    runtime, home = tempfile.mkdtemp(prefix="mcb"), tempfile.mkdtemp(prefix="mcbh")
    ours = dict(os.environ, MCPTUI_RUNTIME_DIR=runtime, MCPTUI_HOME=home)
    ours.pop("MCPTUI_NO_AGENT", None)
    theirs = dict(os.environ, HOME=tempfile.mkdtemp(prefix="bench-peers-"))
    mcptui = [PY, "-m", "mcptui"]
    runs: dict[str, tuple[list[str], dict[str, str]]] = {
        "warm mcptui list URL --json": ([*mcptui, "list", url, "--json"], ours),
        "warm mcptui call URL echo text=hi": ([*mcptui, "call", url, "echo", "text=hi"], ours),
    }
    tool = str(mcpc / "node_modules" / ".bin" / "mcpc") if mcpc is not None else ""
    if mcpc is not None:
        run([tool, "connect", url, "@bench"], theirs)
        runs["warm mcpc @bench tools-list --json"] = ([tool, "@bench", "tools-list", "--json"], theirs)
        runs["warm mcpc @bench tools-call echo"] = (
            [tool, "@bench", "tools-call", "echo", "text:=hi", "--json"],
            theirs,
        )
    try:
        for command, env in runs.values():
            run(command, env)  # the agent started, both connections warm
        figures: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
        for _ in range(rounds):
            for name, (command, env) in runs.items():
                figures[name].append(run(command, env))
        return figures
    finally:
        subprocess.run([*mcptui, "sessions", "stop", "--all"], env=ours, capture_output=True, check=False)
        if mcpc is not None:
            subprocess.run([tool, "close", "@bench"], env=theirs, capture_output=True, check=False)


WARM_PAIRS = [
    ("warm mcptui list URL --json", "warm mcpc @bench tools-list --json"),
    ("warm mcptui call URL echo text=hi", "warm mcpc @bench tools-call echo"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--inspector", type=Path, default=os.environ.get("MCPTUI_BENCH_INSPECTOR"))
    parser.add_argument(
        "--fastmcp", default=os.environ.get("MCPTUI_BENCH_FASTMCP"), help="a Python with fastmcp installed"
    )
    parser.add_argument(
        "--mcpc",
        type=Path,
        default=os.environ.get("MCPTUI_BENCH_MCPC"),
        help="a folder: npm install @apify/mcpc",
    )
    options = parser.parse_args()
    inspector = options.inspector
    if inspector is not None and not (inspector / INSPECTOR_MAIN).exists():
        print(f"no Inspector under {inspector} (npm install @modelcontextprotocol/inspector@2 there)")
        inspector = None
    homes = Path(tempfile.mkdtemp(prefix="bench-peers-"))
    env = dict(os.environ, MCPTUI_HOME=str(homes / "mcptui"), MCPTUI_NO_AGENT="1", HOME=str(homes / "home"))
    (homes / "home").mkdir()
    with running_demo() as demo, running_demo("--bulk-tools", "50000") as big:
        runs = commands(
            demo.url, big.url, inspector, legacy_config(homes, demo.url, big.url), options.fastmcp
        )
        for command in runs.values():
            run(command, env)  # warm: each side's home written once, the disk cache hot
        figures: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
        for _ in range(options.rounds):
            for name, command in runs.items():
                figures[name].append(run(command, env))
        print(f"{options.rounds} rounds, load average {os.getloadavg()[0]:.1f}; medians:")
        median = {
            name: [statistics.median(v[i] for v in values) for i in range(3)]
            for name, values in figures.items()
        }
        for name, (wall, cpu, rss) in median.items():
            print(f"  {name:34} {wall:6.3f} s  CPU {cpu:6.3f} s  peak RSS {rss:6.1f} MB")
        warm = warm_rows(demo.url, options.mcpc, options.rounds)
        for name, values in warm.items():
            wall, cpu, rss = (statistics.median(v[i] for v in values) for i in range(3))
            print(f"  {name:34} {wall:6.3f} s  CPU {cpu:6.3f} s  peak RSS {rss:6.1f} MB")
        tui = tui_runs(demo.url, big.url, inspector, options.rounds)
        for name, values in tui.items():
            print(
                f"  {name:44} median {statistics.median(values):6.3f} s ({', '.join(f'{v:.2f}' for v in values)})"
            )
        for ours, theirs in (
            ("TUI: mcptui URL, catalog drawn", "TUI: Inspector --tui, c, tool count shown"),
            ("TUI 50k: mcptui URL, catalog drawn", "TUI 50k: Inspector --tui, c, tool count shown"),
        ):
            if theirs in tui:
                ratio = statistics.median(tui[ours]) / statistics.median(tui[theirs])
                print(f"  {ours}: {ratio:.2f}x the Inspector's")
        for ours, peers, floor in PAIRS:
            against = f" ({median[ours][0] / median[floor][0]:.1f}x the floor)" if floor else ""
            print(f"  {ours}{against}:")
            for theirs in (peer for peer in peers if peer in median):
                print(
                    f"      beside {theirs}: wall {median[ours][0] / median[theirs][0]:.2f}x, "
                    f"CPU {median[ours][1] / median[theirs][1]:.2f}x, peak RSS {median[ours][2] / median[theirs][2]:.2f}x"
                )
        for ours, theirs in WARM_PAIRS:
            if theirs in warm:
                mine, peer = (statistics.median(v[0] for v in warm[name]) for name in (ours, theirs))
                print(f"  {ours} beside {theirs}: wall {mine / peer:.2f}x")


if __name__ == "__main__":
    main()
