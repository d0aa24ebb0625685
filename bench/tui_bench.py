"""TUI speed figures, end to end on a real terminal: first frame, catalog, filtering, memory, flood.

Run from the repository root: ``python bench/tui_bench.py [--runs 7]``. The real ``mcptui`` runs
on a pseudo-terminal (:mod:`pty_terminal`) and every figure is what reached that terminal:

1. first frame: launch (``mcptui``, the stdio demo) until the footer has been drawn;
2. catalog: ``mcptui URL`` (the demo over streamable HTTP, nothing cached, a fresh home per run)
   until its tools are drawn, with and without the prefetch child (interleaved runs; see below);
3. filtering on a 5,000-tool server (the demo with ``--bulk-tools 5000``, over HTTP): from writing
   a key to the frame it caused, and to the screen settled, per keystroke; the same keys on the
   plain demo show what a redraw costs anyway; the TUI's peak RSS;
4. 50,000 tools (the demo with ``--bulk-tools 50000``): headless in a child, connect to the
   catalog received, received to drawn, filter keystrokes and peak RSS, with the raw SDK client
   listing the same tools as the floor; then the filter on a real terminal;
5. a flood of 10,000 log events in one second (in-process, headless): the longest time the event
   loop was held, which is what a keystroke would have waited for.

**The TUI cold catalog, the choice** (``mcptui URL``, nothing cached; issue 13): the SDK import
(~0.4 s of CPU) holds the GIL, so a thread in the TUI cannot overlap it with Textual's start;
only another process can. Section 2 runs every candidate interleaved (fresh home each; per run
the first frame, the catalog drawn, and the TUI's own connection live), ``--before DIR`` adds an
older checkout in the same runs. What was chosen, in order:

- **A warm agent, when one runs**: the TUI sends it a ``catalog`` frame before importing
  Textual (:mod:`mcptui.cli.agent_catalog`) and draws the answer in its first frame. No agent
  is started for this (it would cost what the child costs, then linger for ten minutes).
- **Else a prefetch child, forked first thing** (:mod:`mcptui.core.prefetch_fork`): no new
  interpreter, and its SDK import overlaps the parent's command-line start (~0.06 s of CPU)
  as well as Textual's import. Only with a spare core (load average below the cores; was <= cores - 1, see below): measured
  on a busy VM, the child halves the TUI's CPU and its first frame comes later (below).
- **The TUI's live connection starts once the early catalog is drawn** (at most
  ``LIVE_HEAD_START``, 0.4 s, after the first frame): started at once, its own SDK import in a
  thread holds the GIL while the early catalog is being drawn.

Figures, one interleaved run of 5 each at 06:40 UTC, load average 2.25 at the start and 2.78 at
the end (2 cores shared with 7 jobs: no quiet spell came; before = main at e135c8b, run as
``python -P -m mcptui`` like the "after" rows), drawn median (min) from launch, in s:

- warm agent: before 1.121 (0.935), the catalog came with the live connection; after 0.452
  (0.329) as ``-m``, 0.422 (0.342) as the script, drawn in the first frame itself (0.000 s
  after it; target: within 0.2 s). Live connection after 1.33-1.39, before 1.12.
- no agent, the child: before (new interpreter after the command line, live at once) 0.976
  (0.789); after (forked at launch, live after it) 0.702 (0.523) as ``-m``, 0.883 (0.632) as
  the script; forked after the command line 0.914 (0.686); forked at launch but live at once
  1.144 (0.583), its catalog drawn 0.377 s after the first frame against 0.246. Live
  connection only: 1.031 (0.902). Target 0.55 s: met by the fastest runs only, on a machine
  without a spare core (the children's first frame: 0.47-0.73 s against 0.42 without one).
  Idle, by CPU time: the fork comes ~0.03 s after launch and needs ~0.47-0.55 s of CPU to the
  catalog line (the SDK import alone 0.34-0.47), so ~0.52-0.58 s: at the target, not under it.
- a second run at 06:45 (load 2.97 to 3.37) repeated the agent's figures (after 0.488 / 0.509
  as ``-m``, in the first frame; before 1.700) while every child row was slower than live only
  (1.33-1.88 against 1.41): on a busy machine the child is not started (see above).
- a third run at 06:53 (load 1.10 to 2.45, the lowest of the session): warm agent 0.481 after
  (script and ``-m``, in the first frame), 1.235 before; the child forked at launch 0.690
  (0.658) as ``-m`` against 0.987 (0.799) before, 1.287 (0.984) as the script (its first frame
  0.94 s, the ``-m`` one 0.63: the spread between runs of the same thing here); live only 1.392.
- the quiet reference (main, 05:33 UTC, load 0.6, the same section then): the child 0.798,
  the default 0.748, live connection only 1.338; first frame 0.367 on a terminal.
- the price: with a child the TUI's own connection is live later (1.6-1.75 s against 1.03 s
  with none, on this busy machine: the child takes the other core the live import would use).

**No agent: what the TUI did while the child's line came** (issue 13, branch tuicold; each trick
with its count in ``mcptui/core/speed.py``). The child's line is the critical path: forked at
~0.04 s, it needs 2,043 M instructions to the line on a first-ever launch, 1,741 M on a later
one (``bench/prefetch_child_cost.py``); the TUI's first frame comes ~0.07 s before it (idle).
The TUI was then still busy, and the catalog waited: Textual's footer drew no keys in the first
frame and recomposed (35-45 ms of CPU each) on every ``refresh_bindings``; the collector,
resumed after the first frame, ran gen0/gen1 collections (6-16 ms each); the prefetched snapshot
waited behind that work in the screen's queue (0-88 ms, median 9 at load 3.8), and a thread
woke the loop for the line. Now the footer's keys are composed once, in the first frame; the
collector resumes once the first screen is complete (panes mounted); the deferred panes'
modules are imported with them; the line's reader wakes the loop itself. Handing the snapshot
ahead of the queue then had nothing left to win (it waited 0-1 ms), and holding the first frame
for an imminent line would delay it ~0.07 s to save the catalog frame's own 4-8 ms: not done.

Two launches are measured: a fresh home is a *first-ever* launch (empty code cache,
:mod:`mcptui.core.code_cache`); a user's *later* launch on a new server has the code cache a
previous run wrote (the ``later launch (code cache)`` rows: a fresh home holding only the cache
a TUI run wrote, :func:`warm_code_cache`). ``--timeline`` runs ``mcptui`` as the program does,
code cache installed (it called ``main(argv)`` before, which skips it). Figures, main
(38bc277) against this branch, interleaved:

- instructions (valgrind, the TUI on a terminal, ``MCPTUI_PREFETCH=0``, launch to its first frame
  refreshed): first launch 1,804 M → 1,700 M, later launch 1,575 M → 1,517 M;
- the TUI's CPU from launch to the catalog drawn (``--timeline``, 8 runs, load 2.8-4.6):
  0.447 → 0.347 s (first launch), 0.449 → 0.329 s (later launch);
- from the child's line to the catalog on the terminal, median of 8 (load 3.4-3.8): 69 → 31 ms;
- section 2 at 21:35 UTC (load 0.44 at the start, 1.77 at the end; 7 runs each, the script):
  the child forked at launch 0.406 (0.386) s, its later launch 0.403 (0.331) s: within the 0.55 s
  target; main's child as ``-m`` 0.468 (0.439) against 0.461 (0.386) now. The default then forked
  the child in only some runs: the bench's own launches lifted the load average past the old
  rule's 1.0 (drawn 0.693 (0.397) s, its later launch 0.584 (0.332) s);
- the spare-core rule, at 21:37 (load 1.67-2.19, 9 runs each): the TUI's own connection alone
  0.763 (0.711) s against the child's 0.607 (0.426) s, later launches 0.651 (0.616) against
  0.398 (0.352) s; at 20:51 (load 2.1-2.7) 1.162 (0.826) against 0.776 (0.422) s; at load 3-4
  the child came later. So a core counts as spare below a load average of one per core
  (:func:`mcptui.core.prefetch_fork.core_to_spare`; it was cores - 1);
- section 2 at 21:43 (new rule; load 0.56 at the start, 1.99 at the end, 9 runs each): the
  child forked at launch 0.678 (0.400) s, its later launch 0.570 (0.374) s; the default 0.708
  (0.504) s, its later launch 0.648 (0.607) s (live connection in most runs: the load average
  reached 2); main's child as ``-m`` 0.580 (0.473) s against 0.635 (0.400) s now. Between
  two such runs the same row moved by 0.27 s (the child forked at launch: 0.406 at 21:35):
  this VM's neighbours, not the code. The default, launched alone at load 1.7-1.8 (4 runs,
  ``--timeline``'s wrapper): the child forked each time, catalog drawn 0.436-0.583 s;
- section 2 at 21:46 (load 0.75 at the start, 3.30 at the end: a neighbour's burst; 9 runs
  each, interleaved, all as ``-m``): the default, no agent, main 1.138 (0.478) s → 0.838 (0.462)
  s; the child forked at launch, main 0.867 (0.520) s → 0.644 (0.402) s;
- first frame (section 1's launch, ``python -P -m mcptui`` both, 8 runs each, load 2.8): median
  0.552 → 0.441 s, min 0.315 → 0.317 s. With a warm agent the catalog may now reach the
  terminal one frame (~0.01 s) before the footer's keys: "drawn after it" can read negative;
- catalog on the terminal, median (min) of 8, ``--timeline`` (21:31 UTC, load 1.7-2.0): first
  launch 0.542 (0.416) → 0.606 (0.390) s, later launch 0.598 (0.420) → 0.459 (0.378) s; the
  child's line itself came at 0.511 / 0.589 (first) and 0.577 / 0.437 s (later): at this load
  the medians follow when the child is scheduled, the TUI's share after the line is 17-31 ms
  either way once it is idle. An earlier run (load 2.1-2.4, before the footer's first compose
  and the reader's wake-up): first launch 0.652 (0.448) → 0.462 (0.405) s, later launch 0.624
  (0.441) → 0.558 (0.422) s.

**50,000 tools** (same VM, same load; before = main at b604c46): connect to catalog received
6.56 s before, 4.59 s after (the raw SDK client listing them, the floor: 3.8-4.7 s); received to
drawn 0.22 s before, 0.19 s after (0.07 s under cProfile once the cache write no longer runs
beside it); filter keystroke median 74/77 ms, worst 245/169 ms; peak RSS 394/393 MB, against
372 MB for the raw SDK client alone (its typed validation of the lists is the peak: 300 MB needs
the lists read without it).

**50,000 tools, pages read raw** (``--section 4`` runs this section alone; main at e135c8b against
this change, interleaved in the same run, load 2.4-6.2): peak RSS 421-426 MB before, 170-173 MB
after (the SDK's ``validate_json`` of the 7.5 MB reply held 250 MB of it: core/speed.py; the
typed copies of the page and their dump most of the rest: core/catalog_pages.py); connect to
catalog received, as a ratio to the raw SDK client's floor measured beside it, 0.96-1.44 before,
0.78-1.12 after (on this VM the floor itself ran 3.2-16.7 s: the target of 1 s is below what
the server alone needs, 0.48 s to answer at load 0.9, plus the SDK's import and handshake).
The catalog fetch alone (connected, 3 fetches a process, 4 processes a side): median 5.88 s
before, 2.24 s after; received to drawn is within this VM's noise. The first filter keystroke
(the worst) was 215-374 ms with collections paused during the read and the read's objects left
young (the first automatic collection walked them all, 122 ms, inside that keystroke); collected
at the end of the read instead: 134-179 ms (3 runs each, interleaved, load 2.7-3.5).

**50,000 tools, one list per launch** (issue 13, branch fifty; before = main at 38bc277, both
run from the same bench in interleaved runs). Where the TUI's time went, per step (marks on
the launch path, :mod:`launch_timeline`): with the prefetch child, the live connection asked
for a second 7.5 MB ``tools/list`` while the child's was being built (two per launch, counted
through a recording proxy), and the child's list only went out after its SDK import; without
the child, the SDK import (~0.5 s) comes before the request, the SDK's tool bookkeeping
(~0.1 s of CPU) before the catalog is shown, and the panes mounted at 1.5 s landed in the
catalog's way. Now (core/speed.py lists each trick): one ``tools/list`` per launch, the live
connection takes the child's catalog; the bookkeeping waits for the first tool call; the panes
wait up to 3 s. (The terminal figures "with the child" below were taken with the child also
sending its ``tools/list`` before its SDK import, by hand; that was set aside at the merge, as a
second JSON-RPC client beside the SDK: see core/speed.py. The quiet figures at the end of this
docstring are without it.)

- ``--section 4`` at load 1.2-1.8 (3 interleaved runs each, headless, no prefetch): connect to
  catalog received 1.366 -> 1.138 s, received to drawn 0.100 -> 0.096 s; the TUI's CPU from
  connect to drawn 0.989 -> 0.889 s; the headless core's CPU 0.418 -> 0.325 s (wall 0.832 ->
  0.764); peak RSS 160 -> 145 MB. The server alone: first byte 0.404 s, whole body 0.442 s
  (load 1.9). The worst headless keystroke (the first) now meets the panes' mount: 215 -> 279 ms
  (on a terminal, where the bench types once the panes are up: drawn median 14.9 ms, max 38.6).
- ``mcptui URL`` on a terminal (``bench/big_launch.py``, 3 runs each, load 1.7 then 3.4),
  catalog drawn from launch, median: with the child 4.506 s (2.41-5.06) -> 1.664 s (1.60-3.36),
  live 6.436 -> 2.510 s, ``tools/list`` per launch 2 -> 1; the live connection alone 3.185 s
  (1.84-4.69) -> 2.670 s (1.65-3.35). A second run (load 1.9-2.3, after the credentials
  check): with the child 2.884 s (2.37-3.69) -> 2.578 s (1.28-2.78), live 4.175 -> 2.783 s;
  alone 2.380 -> 2.053 s. At load 3.2-4.4 (launch_timeline marks, 3 runs each), the child's
  early request alone: drawn 4.82 -> 3.69 s. On this 2-core VM the local server now builds its
  answer while the TUI starts: the first frame with the child moved by -0.43 s and +0.42 s in
  the two runs (0.92 against 1.35, 0.96 against 0.54): within the noise, not measured apart.
- One launch with the child under the timeline marks (load 1.15): settings to the child 0.09 s
  after launch and its early ``tools/list`` out at once; its SDK import 0.14-1.12 s (beside the
  TUI's Textual import and the server building the answer, on 2 cores); connected and listed
  1.14-1.35 s (the answer was waiting); line read 1.42, parsed 1.53; catalog on the terminal
  1.567 s, 0.67 s after the first frame (0.90 s); live 2.13 s.
- Not under 1 s from connect yet, live connection alone: its SDK import (~0.35-0.5 s of CPU)
  comes before its request, and the server needs ~0.44 s to answer.

**50,000 tools, the first catalog before what it does not need** (issue 13, branch fifty3;
before = base2 at b4ecf24, run from an exported copy on ``PYTHONPATH``, interleaved; the tricks:
core/speed.py, :mod:`mcptui.core.first_shown`). Where the TUI's extra CPU went (py-spy
timelines of the headless run below, and per-phase CPU counters): the SDK import inside the
window (the core's figure is taken with the SDK imported already: 0.49-0.58 s eager, now
0.23-0.28 s with validators built on first use), the catalog cache's ``json.dumps`` of 7.5 MB
racing the drawing (one C call, 0.1-0.3 s holding the GIL: now after the paint, a slice at a
time), and the young collection at the end of the read (0.044-0.047 s, nothing to free: frozen).

- headless, as ``--section 4`` runs it (4 interleaved runs each, load 1.3-1.9): CPU from
  connect to drawn 0.80-1.13 s (median ~1.03) -> 0.67-0.77 s (median ~0.72); received to
  drawn 0.017-0.267 -> 0.016-0.048 s; connect to catalog received 1.28-2.18 -> 1.01-2.15 s
  (the server's own answer 0.44-0.65 s of it). Per phase now (load 1.3): SDK import 0.23 s of
  CPU (0.25 s wall), handshake 0.07, listing and reading 0.32-0.37 (the headless core,
  measured beside it: 0.35-0.39): the TUI's own work beyond the core and the SDK's import is
  ~0.05 s. At load 2.7 (4 interleaved runs each): CPU 1.04-1.66 -> 0.80-1.16 s; the worst
  keystroke (the first, with the panes' mount) 450-598 -> 430-876 ms: the same spread.
- ``--section 4`` once, at d326323 (load 1.7-2.7): connect to received 1.234 s, received to
  drawn 0.016 s, CPU 0.713 s (core 0.377 s); on a terminal, the live connection alone: drawn
  1.471 s from launch (1.22-2.48), with the child 2.169 s (1.48-2.63); peak RSS 145-148 MB.
- Under 1 s from connect: only in the fastest runs (1.00-1.01 s at load 1.1-1.3). The floor
  left: the lazy SDK import (0.23 s of CPU) before the request, the server's 0.44 s, the read
  (JSON parse 0.10 s, the SDK's per-chunk tool checks ~0.2 s).

**50,000 tools, one shape per chunk** (issue 13, branch fifty4; before = base3 at a09cc8a from
an exported copy on ``PYTHONPATH``, 6 interleaved pairs of headless core reads with the TUI's
first-catalog gate held, load 0.7-1.0). A chunk whose dump (already made for its facts) holds
no ``null`` and whose items share one plain, in-order key shape is kept as sent without the
per-item loop (core/catalog_pages.py's ``kept_items``): its time 0.032 -> 0.007 s (cProfile,
tottime), the read's Python calls 228k -> 130k; the core's CPU connect -> catalog median 0.372
-> 0.371 s, 5 of 6 pairs lower by 0.008-0.021 s (the sixth an outlier both ways). Not enough
for 1 s alone: the read left (cProfile, lazy validators): the SDK's two checks 0.10 s (wire
model 0.06, ``mcp.types`` model 0.04), JSON parse 0.06, the chunk dumps 0.036; ~0.04 of
lazy validator builds fall inside ``connect()`` but not in the page checks (their first build
is ~1 ms a list), so building those while the server thinks would not buy that.

**50,000 tools, the read proven once** (issue 13, branch fifty5; before = main at 33416c5 from an
exported copy on ``PYTHONPATH``, 8 interleaved pairs of headless core reads with the TUI's
first-catalog gate held). Where the read's CPU went, per phase (thread-time wrappers, and an
offline replay of the saved 7.5 MB body): ``json.loads`` 0.055-0.067 s, the wire-model check
0.060 s + 0.008 s freeing its typed page, the ``mcp.types`` check 0.042 s + 0.005 s freeing,
the chunk dumps proving :class:`ChunkFacts` 0.038 s, the body's read 0.025 s, ``kept_items``
0.007 s; the handshake 0.033 s beside it (cProfile's 0.06 s "in" ``collections_paused`` is an
artefact of profiling coroutines: its exit measures 32 microseconds). Now the page's facts
are proven once from its bytes (core/catalog_proof.py, ~0.010 s), no chunk is dumped, and the
``mcp.types`` check is left out for a plain as-sent chunk whose model and values prove it
passes (core/catalog_model_check.py; the wire check still runs on each chunk). The core's CPU
connect -> catalog median 0.346 -> 0.274 s (load 2.3-2.7), 7 of 8 pairs lower; the proofs
alone 0.320 -> 0.298 s (load 1.1-1.4). cProfile of the read: ``chunk_facts`` 54 -> 3 calls,
``to_json`` 54 -> 3, pydantic ``validate_python`` 142 -> 92. The bench's own child (eager SDK
import, no gate; 6 interleaved pairs, load 2.7-3.4): 0.377 -> 0.333 s, 6 of 6 lower. What is
left of the read: the JSON parse (``pydantic_core.from_json``: no faster), the SDK's wire
check, the body's read. ``--section 4`` once after it, on a busy VM (load 1.6-2.8; the server's
own answer took 0.90 s there, against 0.47 s quiet, so connect -> received, 2.57 s, says
nothing of the client): headless core CPU median 0.381 s (min 0.347), received -> drawn 0.047 s,
peak RSS 152.8 MB headless and 148.4 MB on a terminal (146-150 before).

**50,000 tools, connect to ``tools/list`` on the wire** (issue 13, branch fifty6; before = main
at 33416c5 from an exported copy on ``PYTHONPATH``, interleaved). Marks on the headless live
connection (quiet, load 0.2-0.4, bytecode compiled): connect -> SDK import done 0.20-0.32 s
(CPU-bound: ``mcp_types._types`` ~0.10, ``mcp.client`` ~0.09, httpx2 ~0.04, httpcore2 ~0.02,
pydantic ~0.02, the newest era ~0.04); -> ``server/discover`` out 0.02-0.04 s later (CPU: the
auth engine's import, the Client and session with their first validator builds, the httpx2
client); its answer 5-7 ms; adopt and ``subscriptions/listen`` (out and acknowledged, 2-4 ms)
10-25 ms; ``tools/list`` out 0.32-0.40 s after connect; round trips ~0.01 s of the 0.07 s
"handshake", the rest CPU. The server then needs 0.40-0.45 s, the read ~0.3 s. Of the import,
only the newest era's wire models are not needed to send (their first lookup is the first
page's check): they are now imported in a thread once the first list request is out
(:mod:`mcptui.core.era_ahead`), while the server builds its answer.

- headless marks, 8 pairs (load 0.7-1.4): ``tools/list`` out median 0.357 -> 0.291 s (CPU
  0.355 -> 0.287), received 1.240 -> 1.155 s, drawn 1.265 -> 1.177 s; 6 pairs before that
  (load 0.4-1.0): out 0.314 -> 0.311 s wall, CPU 0.302 -> 0.264 s, received 1.063 -> 1.114 s
  (the server's answer moved by more than the change, both ways).
- instructions from start to ``tools/list`` handed to httpx2 (cachegrind, ``connect_to_wire.py``,
  the live connection headless): 1,798 M -> 1,589 M; to the catalog returned 4,586 -> 4,599 M
  (moved, not removed). 22 pairs of the marked headless app in all (load 0.4-1.8): received
  median -0.049 s, better in 13 of 22.
- this section's headless app, 8 pairs each (run with ``-P``: with ``-c`` from the checkout,
  ``''`` comes first on ``sys.path`` and shadows an older copy on ``PYTHONPATH``): connect ->
  received median 1.178 -> 1.233 s, CPU connect -> drawn 0.731 -> 0.770 s at load 2.3-2.9;
  1.165 -> 1.094 s, CPU 0.715 -> 0.697 s at load 1.7-1.8; RSS unchanged (150-152 MB). On this
  2-core VM the thread shares the one core the server does not take with the neighbours: the
  gain is within the noise here; ~0.04 s where a core is free or the server is remote.
- the prefetch child (``--timeline`` marks, 6 pairs, load 1.3 rising to 2.9: every figure is
  the neighbours' here): child connect -> listed median 1.94 / 1.95 s; its CPU the same work
  moved (the child imported the era on its loop after the answer before); line read -> parsed
  by the parent 0.09-0.26 s. Quiet single runs: child connect -> listed 0.77 s, child CPU
  0.33 s, its line written ~0.04 s after, the parent's parse 0.074 s, drawn 0.08 s later.
- not done, with what was measured: ``tools/list`` beside ``server/discover`` (spec-correct
  in 2026-07-28: discover is optional and any request may go inline, its answer trusted only
  once the era is known) would save the 0.02-0.05 s from discover out to ``tools/list`` out,
  but ``Client(mode="auto")`` negotiates inside ``__aenter__`` and its session stamps no
  version before ``adopt()``: it would take the session's private stamp and a hand-made
  fallback. Pipelining the child's line in slices: the parent's parse (0.07 s quiet) could
  overlap only the child's serialization (0.03-0.04 s) unless the child wrote while it read
  (the read is core/catalog_pages.py's), on a machine where the server, the child's read and
  the TUI's own SDK import already share the 2 cores: at most ~0.03 s, not built.

Python's bytecode for ``mcptui`` is compiled first, as ``pip install`` does (this environment
sets PYTHONDONTWRITEBYTECODE, so an editable checkout would otherwise recompile at every launch).
With tmux installed, the first frame is also timed in tmux as a cross-check.

**Quiet figures, everything merged (2026-12-06, main after issue 13's fifth session; load 0.5-1.1;
``--catalog-only``, ``--timeline``, ``--section 4``, 7 runs each).** Cold catalog: the default
launch (no agent, nothing cached) drawn median 0.424 s from launch (0.398-0.492), first frame
0.350 s, drawn 0.070 s after it; a later launch (code cache warm) 0.402 s; the live connection
only 0.667 s; a warm agent: drawn with the first frame (0.361 s). Timeline: child SDK import
0.078 -> 0.318 s, line read by the parent 0.426 s, Tools on the terminal 0.444 s; the live
connection's SDK import 0.468 -> 0.895 s, live catalog 0.961 s. 50,000 tools: the server's own
answer 0.466 s; headless core CPU 0.411 s; connect -> received 1.142 s, received -> drawn 0.016 s
(target < 1 s: not met); the TUI's CPU connect -> drawn 0.716 s; peak RSS 150 MB; raw SDK client
2.537 s; on a terminal: with the child drawn 1.287 s from launch, live connection only 1.459 s,
one ``tools/list`` per launch; filter keystroke drawn median 15.1 ms, max 42.0 ms.

**Issue 13's seventh session, everything merged (fifty5's proven read, fifty6's era in a thread,
cold6's era slices for one-shots and the prefetch child; 2026-12-07 01:20-01:30 UTC, load
0.3-1.4, this VM 15-35% slower than at the quiet figures above: ``bench_cold.py``'s stdlib floor
0.062-0.077 s against 0.054-0.056 s).** 50,000 tools, ``--section 4`` twice and 3 A/B runs of its
headless app (before = b90551a, without cold6 and the exit fix: 1.229 / 1.211 / 1.143 s):
connect -> received 1.474, 1.304, 1.072, 1.307, 0.949 s (at 00:48, load 1.6, before the slowdown:
1.044 s); received -> drawn 0.016-0.029 s; the TUI's CPU connect -> drawn 0.64-0.98 s; the headless
core's CPU 0.295-0.334 s (``big_catalog_floor.py`` interleaved at 00:47, load 1.2-1.6: main 0.351-0.376
s, now 0.287-0.303 s; wall 0.85-0.94 -> 0.77-0.80 s); the server's own answer 0.41-0.43 s; peak RSS
149.8-150.9 MB; on a terminal: with the child 1.32-1.56 s from launch, the live connection only
1.40-1.94 s; filter keystroke drawn median 18.7 ms, max 32.0 ms. Cold catalog (``--catalog-only``,
load 0.7-1.5): the default launch drawn median 0.494 s (0.414-0.646), a later launch 0.598 s, the
child forked at launch 0.484 s, the live connection only 0.800 s, a warm agent with the first frame
(0.385 s). Tried and not kept: the list checks' validators built on the event loop while the first
list waits (an httpcore2 ``trace`` hook, once the request is all out): the read's CPU median
0.230 -> 0.213 s over 6 interleaved pairs (``connect_to_wire.py``), 4 of 6 lower, within the noise.

**Issue 13's ninth session (2026-12-07 06:50-07:07 UTC, load 0.2-1.0; before = main at 9d27674,
after = integ with :mod:`mcptui.core.catalog_wire_check`, interleaved pairs of the headless app,
2026-07-28).** The headless app waited for the drawn tree by polling it every 2 ms
(``query_one`` on the app's own event loop); that loop took the GIL from the SDK's import
thread and the read, and was measured as the app's time. It now waits on the tree's paint (its
``render_lines`` wrapped: an event, no polling). Same code, 10 pairs each: with the polling,
connect -> received median 1.116 s before, 1.009 s after (the TUI's CPU 0.703 -> 0.613 s); with the
event, 0.984 s before, **0.917 s after** (0.822-1.033; 9 of 10 under 1 s; CPU 0.556 -> 0.524 s);
received -> drawn 0.012 s; peak RSS 150 MB. A 2025-11-25 session (6 pairs, the event): 0.835 ->
0.787 s. On a terminal (``big_launch.py``, 5 pairs): with the child 1.251 -> 1.150 s from launch,
the live connection only 1.349 -> 1.279 s. The first filter keystroke on 50,000 tools (its frame)
50-58 -> 16-28 ms (the search texts built ahead, once the catalog is drawn), every later one 8-32 ms.
In all, four batches of the event-waiting app this session (07:05-07:47 UTC): 38 runs after, median
0.944 s (0.79-1.31 s), 24 under 1 s; main in three of them, 28 runs, median 1.018 s, 13 under 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pty_terminal import PtyProgram  # noqa: E402

BINARY = Path(sys.executable).parent / "mcptui"
FOOTER_MARK = "Catalog"  # the footer's "t Catalog" key: on the first frame
TOOLS_MARK = "Tools"  # the tree's first group: only there once a catalog is


CODE_CACHE = "BENCH_CODE_CACHE"  # in ``extra``: a code cache file the fresh home starts with


def terminal_env(**extra: str) -> dict[str, str]:
    """A fresh home (nothing cached: a first-ever launch); with ``BENCH_CODE_CACHE=FILE``, that
    home holds the code cache FILE only (a later launch on a new server: see :func:`warm_code_cache`)."""
    home = tempfile.mkdtemp()
    code = extra.pop(CODE_CACHE, "")
    if code:
        from mcptui.core import code_cache

        target = Path(home) / "cache" / "code" / code_cache.cache_file().name
        target.parent.mkdir(parents=True)
        shutil.copy(code, target)
    return {**os.environ, "MCPTUI_HOME": home, "TERM": "xterm-256color", **extra}


def warm_code_cache(url: str) -> str:
    """The code cache a user has after one TUI run (``mcptui URL``, connected, quit with ctrl+q):
    what every later launch loads (:mod:`mcptui.core.code_cache`); the bench's fresh homes have none."""
    home = tempfile.mkdtemp()
    env = {**os.environ, "MCPTUI_HOME": home, "TERM": "xterm-256color", "MCPTUI_NO_AGENT": "1"}
    running = PtyProgram([str(BINARY), url], env)
    try:
        running.wait_for(LIVE_MARK)
        running.send("\x11")  # ctrl+q: a clean exit writes the cache
        deadline = time.perf_counter() + 20
        while not running.closed and time.perf_counter() < deadline:
            time.sleep(0.05)
    finally:
        running.close()
    found = list((Path(home) / "cache" / "code").glob("*.marshal"))
    if not found:
        raise RuntimeError("the TUI wrote no code cache")
    return str(found[0])


def first_frame(runs: int) -> list[float]:
    """Launch the real ``mcptui`` (the stdio demo) until the first frame is on the terminal."""
    times = []
    for _ in range(runs):
        program = PtyProgram([str(BINARY)], terminal_env())
        try:
            times.append(program.wait_for(FOOTER_MARK) - program.started)
        finally:
            program.close()
    return times


LIVE_MARK = "connected \u00b7"  # the sidebar's "connected · 2026-07-28 · http": the TUI's own session


def catalog_on_screen(
    url: str, runs: int, *before: str, program: tuple[str, ...] = (), **env: str
) -> list[tuple[float, float, float]]:
    """``mcptui URL`` with nothing cached (a fresh home per run), until the demo's tools are
    drawn and then its own connection is live; ``env``: MCPTUI_PREFETCH ("" the default, "0"
    no prefetch, "1" always the child), MCPTUI_RUNTIME_DIR (where a warm agent listens)...;
    ``before``: options before URL (``--transport auto``, the default, keeps the child from
    being forked before the command line is read); ``program``: what runs (default: the
    ``mcptui`` script). Per run: (first frame, catalog drawn, live), seconds from launch."""
    times = []
    for _ in range(runs):
        running = PtyProgram([*(program or (str(BINARY),)), *before, url], terminal_env(**env))
        try:
            catalog = running.wait_for(TOOLS_MARK) - running.started
            live = running.wait_for(LIVE_MARK) - running.started
            times.append((running.wait_for(FOOTER_MARK) - running.started, catalog, live))
        finally:
            running.close()
    return times


def warm_agent(url: str) -> dict[str, str]:
    """A running agent (in a runtime folder of its own) with a warm connection to ``url``."""
    runtime = tempfile.mkdtemp(prefix="mtb")
    env = {**os.environ, "MCPTUI_RUNTIME_DIR": runtime, "MCPTUI_HOME": tempfile.mkdtemp()}
    env.pop("MCPTUI_NO_AGENT", None)
    subprocess.run([str(BINARY), "list", url, "--json"], env=env, capture_output=True, check=True)
    return {"MCPTUI_RUNTIME_DIR": runtime}


def stop_agent(runtime: str) -> None:
    env = {**os.environ, "MCPTUI_RUNTIME_DIR": runtime}
    env.pop("MCPTUI_NO_AGENT", None)
    subprocess.run([str(BINARY), "sessions", "stop", "--all"], env=env, capture_output=True)


def cold_catalog_candidates(
    url: str, runs: int, before: Path | None = None, only: str = ""
) -> dict[str, list[tuple[float, float, float]]]:
    """Launch to catalog drawn, nothing cached: every way of getting it early, interleaved;
    ``before``: a checkout of an older ``mcptui`` (its package folder's parent), run as
    ``python -m mcptui`` beside this one run the same way; ``only``: the candidates whose
    name has one of these comma-separated words (a shorter run, to fit a quiet spell)."""
    agent = warm_agent(url)
    code = warm_code_cache(url)  # what a later launch has (see terminal_env)
    cold = {"MCPTUI_NO_AGENT": "1"}
    late = ("--transport", "auto")  # the default transport; an option first: no early fork
    candidates: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
        "live connection only": ((), {"MCPTUI_PREFETCH": "0", **cold}),
        "child forked at launch, live after it": ((), {"MCPTUI_PREFETCH": "1", **cold}),
        "child forked at launch, live at once": (
            (),
            {"MCPTUI_PREFETCH": "1", "MCPTUI_PREFETCH_LIVE": "now", **cold},
        ),
        "child forked after the command line, live after it": (late, {"MCPTUI_PREFETCH": "1", **cold}),
        "default, no agent": ((), {"MCPTUI_PREFETCH": "", **cold}),
        "default, no agent, later launch (code cache)": (
            (),
            {"MCPTUI_PREFETCH": "", CODE_CACHE: code, **cold},
        ),
        "child forked at launch, later launch (code cache)": (
            (),
            {"MCPTUI_PREFETCH": "1", CODE_CACHE: code, **cold},
        ),
        "warm agent, live after it": ((), {"MCPTUI_PREFETCH": "", "MCPTUI_NO_AGENT": "", **agent}),
        "warm agent, live at once": (
            (),
            {"MCPTUI_PREFETCH": "", "MCPTUI_NO_AGENT": "", "MCPTUI_PREFETCH_LIVE": "now", **agent},
        ),
    }
    programs: dict[str, tuple[str, ...]] = {}
    if before is not None:
        compileall.compile_dir(before / "mcptui", quiet=1)
        module = (sys.executable, "-P", "-m", "mcptui")  # -P: not the current folder first
        old = {"PYTHONPATH": str(before)}
        for name, env in (
            ("before: prefetch child, as -m", {"MCPTUI_PREFETCH": "1", **cold, **old}),
            ("before: default, no agent, as -m", {"MCPTUI_PREFETCH": "", **cold, **old}),
            ("after: default, no agent, as -m", {"MCPTUI_PREFETCH": "", **cold}),
            ("before: warm agent, as -m", {"MCPTUI_PREFETCH": "", "MCPTUI_NO_AGENT": "", **agent, **old}),
            ("after: child forked at launch, as -m", {"MCPTUI_PREFETCH": "1", **cold}),
            ("after: warm agent, as -m", {"MCPTUI_PREFETCH": "", "MCPTUI_NO_AGENT": "", **agent}),
        ):
            candidates[name] = ((), env)
            programs[name] = module
    if only:
        words = [word.strip() for word in only.split(",") if word.strip()]
        candidates = {name: spec for name, spec in candidates.items() if any(w in name for w in words)}
    figures: dict[str, list[tuple[float, float, float]]] = {name: [] for name in candidates}
    try:
        for _ in range(runs):
            for name, (options, env) in candidates.items():
                figures[name] += catalog_on_screen(url, 1, *options, program=programs.get(name, ()), **env)
    finally:
        stop_agent(agent["MCPTUI_RUNTIME_DIR"])
    return figures


TIMELINE = ROOT / "bench" / "launch_timeline.py"


Timeline = dict[str, tuple[float, float]]  # event: (seconds from launch, CPU seconds of its process)


def launch_timeline(url: str, **env: str) -> Timeline:
    """One ``mcptui URL`` (the early fork, no agent, nothing cached) under :mod:`launch_timeline`:
    each event's first time, with the terminal's "first frame" and "catalog drawn" (CPU -1).
    ``env``: PYTHONPATH=an older checkout runs that one (hooks that no longer fit are skipped)."""
    marks = Path(tempfile.mkdtemp()) / "marks"
    argv = [sys.executable, "-P", str(TIMELINE), str(marks), url]
    running = PtyProgram(argv, terminal_env(MCPTUI_PREFETCH="1", MCPTUI_NO_AGENT="1", **env))
    try:
        drawn = running.wait_for(TOOLS_MARK)
        frame = running.wait_for(FOOTER_MARK)
        running.wait_for(LIVE_MARK)
    finally:
        running.close()
    events: Timeline = {}
    parent = 0
    for line in marks.read_text().splitlines():
        pid, wall, cpu, event = line.split(" ", 3)
        parent = parent or int(pid)  # the first mark is the wrapper's
        if int(pid) != parent and not event.startswith("child"):
            event = f"child: {event}"
        events.setdefault(event, (float(wall) - running.started, float(cpu)))
    events["terminal: first frame (footer) arrived"] = (frame - running.started, -1.0)
    events["terminal: catalog (Tools) arrived"] = (drawn - running.started, -1.0)
    return events


def timeline_section(runs: int, before: Path | None = None) -> None:
    """The cold launch's timeline (``--timeline``): each event's median time from launch and the
    CPU its process had used by then; ``before``: an older checkout, in interleaved runs."""
    from tests.servers import running_demo

    sides: dict[str, dict[str, str]] = {"after": {}}
    if before is not None:
        compileall.compile_dir(before / "mcptui", quiet=1)
        sides["before"] = {"PYTHONPATH": str(before)}
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    found: dict[str, list[Timeline]] = {}
    with running_demo() as demo:
        code = warm_code_cache(demo.url)  # a later launch: the code cache of one run before
        for side, env in list(sides.items()):
            sides[f"{side}, later launch (code cache)"] = {**env, CODE_CACHE: code}
        found = {side: [] for side in sides}
        for _ in range(runs):
            for side, env in sides.items():
                found[side].append(launch_timeline(demo.url, **env))
    for side, timelines in found.items():
        names = sorted(
            {name for t in timelines for name in t},
            key=lambda n: statistics.median(t[n][0] for t in timelines if n in t),
        )
        print(f"{side}: {'event':50} {'wall s: median (min-max)':>26} {'cpu s':>7}")
        for name in names:
            seen = [t[name] for t in timelines if name in t]
            walls = sorted(w for w, _ in seen)
            cpus = [c for _, c in seen]
            cpu = f"{statistics.median(cpus):.3f}" if cpus[0] >= 0 else ""
            median = statistics.median(walls)
            print(f"  {name:56} {median:8.3f} ({walls[0]:.3f}-{walls[-1]:.3f}) {cpu:>8}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def python_floor(runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - start)
    return times


BIG_APP = """
import asyncio, json, resource, statistics, sys, time
from mcptui.core import session
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import CatalogTree

url, tools, protocol = sys.argv[1], int(sys.argv[2]), sys.argv[3]
received = []
publish = session.SessionManager._publish

def noting(self, name, **changes):
    catalog = changes.get("catalog")
    if catalog is not None and len(catalog.tools) >= tools and not received:
        received.append(time.perf_counter())
    return publish(self, name, **changes)

session.SessionManager._publish = noting
painted = []  # when the tree's render_lines first drew the big catalog (an event: no polling)
render_lines = CatalogTree.render_lines

def rendering(self, crop):
    announced = self._announce_paint
    lines = render_lines(self, crop)
    if announced and self.catalog is not None and len(self.catalog.tools) >= tools and not painted:
        painted.append((time.perf_counter(), time.process_time()))
        drawn_event.set()
    return lines

CatalogTree.render_lines = rendering

async def main():
    global drawn_event
    drawn_event = asyncio.Event()
    app = McpTuiApp([ServerConfig(name="big", url=url, protocol=protocol)], cache=None)
    async with app.run_test(size=(120, 36)) as pilot:
        start, cpu = time.perf_counter(), time.process_time()
        await drawn_event.wait()
        tree = app.main_screen.query_one(CatalogTree)
        drawn, cpu = painted[0][0], painted[0][1] - cpu
        keys = []
        text = "bulk_4444"
        for typed in [text[:i] for i in range(1, len(text) + 1)] + [text[:i] for i in range(len(text) - 1, -1, -1)]:
            began = time.perf_counter()
            tree.set_filter(typed)
            await pilot.pause()
            keys.append((time.perf_counter() - began) * 1000)
    print(json.dumps({
        "connect to catalog received (s)": received[0] - start,
        "catalog received to drawn (s; target < 1)": drawn - received[0],
        "CPU from connect to drawn (s; every thread of the TUI)": cpu,
        "filter keystroke, median (ms)": statistics.median(keys),
        "filter keystroke, worst (ms)": max(keys),
        "peak RSS (MB; target < 300)": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))

asyncio.run(main())
"""

RAW_LIST = """
import asyncio, sys, time
start = time.perf_counter()
from mcp.client.client import Client
imported = time.perf_counter()

async def main():
    async with Client(sys.argv[1]) as client:
        page = await client.list_tools()
        count = len(page.tools)
        while page.next_cursor:
            page = await client.list_tools(cursor=page.next_cursor)
            count += len(page.tools)
    return count

count = asyncio.run(main())
print(time.perf_counter() - imported)
"""


def big_catalog(url: str, tools: int, protocol: str = "auto") -> dict[str, float]:
    """The TUI (headless, in a child of its own for a clean RSS) on a ``tools``-tool server;
    ``protocol``: the server's ``protocol`` setting (``legacy``: a 2025-11-25 session)."""
    out = subprocess.run(
        [sys.executable, "-c", BIG_APP, url, str(tools), protocol],
        capture_output=True,
        text=True,
        env={**os.environ, "MCPTUI_HOME": tempfile.mkdtemp()},
        check=True,
    ).stdout
    import json

    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    raw = subprocess.run([sys.executable, "-c", RAW_LIST, url], capture_output=True, text=True, check=True)
    figures["floor: the raw SDK client connecting and listing them (s)"] = float(raw.stdout.split()[-1])
    return figures


FILTER_APP = """
import sys
from pathlib import Path
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.widgets.catalog_tree import CatalogTree

url, tools, ready_file = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
app = McpTuiApp([ServerConfig(name="big", url=url, transport="http")])

def check() -> None:
    tree = app.main_screen.query_one(CatalogTree)
    if tree.catalog is None or len(tree.catalog.tools) < tools or not app.main_screen.panes_ready:
        return
    timer.stop()
    box = app.main_screen.query_one("#catalog-filter")
    box.cursor_blink = False  # a blinking cursor redraws on its own; the bench waits for quiet
    box.focus()
    ready_file.write_text("ready")

timer = None
def start() -> None:
    global timer
    timer = app.set_interval(0.01, check)

app.call_later(start)
app.run()
"""

BACKSPACE = "\x7f"


def keystrokes(text: str, rounds: int = 3) -> list[str]:
    """Type ``text`` into the filter, then back off to nothing; ``rounds`` times."""
    return [*text, *[BACKSPACE] * len(text)] * rounds


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def filter_keystrokes(url: str, tools: int, text: str) -> tuple[list[float], list[float], float]:
    """The TUI on the demo server at ``url`` (``tools`` tools or more), filtering as the user types.

    Per keystroke, in ms from writing the key: the first frame it caused (the typed character and
    the narrowed tree are drawn together) and the last (the screen has settled: Textual repaints
    the tree's scrollbar one frame later); and the process's peak RSS (MB).
    """
    ready = Path(tempfile.mkdtemp()) / "ready"
    program = PtyProgram([sys.executable, "-c", FILTER_APP, url, str(tools), str(ready)], terminal_env())
    try:
        deadline = time.perf_counter() + 30
        while not ready.exists():  # the catalog is in and the filter has the focus
            if program.closed or time.perf_counter() > deadline:
                raise RuntimeError("the TUI never showed the catalog")
            time.sleep(0.01)
        program.settle(after=0)
        first, settled = [], []
        for key in keystrokes(text):
            sent, mark = program.send(key)
            last = program.settle(after=mark, quiet=0.2)
            if last is None:
                raise RuntimeError(f"the key {key!r} changed nothing on the screen")
            first.append((program.first_after(mark) - sent) * 1000)
            settled.append((last - sent) * 1000)
        return first, settled, peak_rss_mb(program.pid)
    finally:
        program.close()


def first_frame_in_tmux(runs: int = 3) -> list[float] | None:
    """Launch the real ``mcptui`` in tmux and time until its footer is on the pane."""
    tmux = shutil.which("tmux")
    if tmux is None or not BINARY.exists():
        return None
    times = []
    home = tempfile.mkdtemp()
    for _ in range(runs):
        sock = f"mcptui-bench-{uuid.uuid4().hex[:6]}"
        start = time.perf_counter()
        subprocess.run(
            [
                tmux,
                "-L",
                sock,
                "new-session",
                "-d",
                "-x",
                "120",
                "-y",
                "36",
                "-e",
                f"MCPTUI_HOME={home}",
                f"{BINARY} -- {sys.executable} -m mcptui.demo",
            ],
            check=True,
        )
        try:
            while time.perf_counter() - start < 20:
                pane = subprocess.run(
                    [tmux, "-L", sock, "capture-pane", "-p"], capture_output=True, text=True
                ).stdout
                if FOOTER_MARK in pane:  # the first frame is drawn
                    times.append(time.perf_counter() - start)
                    break
                time.sleep(0.005)
        finally:
            subprocess.run([tmux, "-L", sock, "kill-server"], capture_output=True)
    return times


async def flood() -> dict[str, float]:
    """10,000 log events within one second through the app's real router (headless)."""
    from mcptui.core.events import ServerLog
    from mcptui.ui.app import McpTuiApp
    from mcptui.ui.widgets.console import ConsoleView

    app = McpTuiApp([], auto_connect=False)
    figures: dict[str, float] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        while not app.main_screen.panes_ready:
            await pilot.pause()
        view = app.main_screen.query_one(ConsoleView)
        # meanwhile a probe measures how long the event loop is held (what a keystroke would wait for)
        gaps: list[float] = []
        stop = asyncio.Event()

        async def probe() -> None:
            last = time.perf_counter()
            while not stop.is_set():
                await asyncio.sleep(0.002)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        probe_task = asyncio.create_task(probe())
        start = time.perf_counter()
        for burst in range(100):
            for i in range(100):
                app.router(ServerLog(server="flood", level="info", data=f"line {burst * 100 + i}"))
            await asyncio.sleep(0.01)
        while len(view.entries) < 10_000:
            await pilot.pause()
        figures["10,000 events (1 s) all in the console after (ms)"] = (time.perf_counter() - start) * 1000
        stop.set()
        await probe_task
        figures["longest event-loop stall during the flood (ms; target < 100)"] = max(gaps) * 1000
    figures["peak RSS of this process (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def spread(values: list[float], unit: str = "s", scale: float = 1.0) -> str:
    values = sorted(v * scale for v in values)
    digits = 3 if unit == "s" else 1
    parts = [f"median {statistics.median(values):.{digits}f} {unit}"]
    if len(values) >= 10:
        parts.append(f"p90 {values[int(len(values) * 0.9)]:.{digits}f}")
    parts += [f"min {values[0]:.{digits}f}", f"max {values[-1]:.{digits}f}"]
    return ", ".join(parts)


def big_section(before: Path | None = None) -> None:
    """Section 4: the 50,000-tool server, headless then on a terminal."""
    from big_catalog_floor import report
    from big_launch import report as launch_report

    from tests.servers import running_demo

    with running_demo("--bulk-tools", "50000") as demo:
        report(demo.url, 50_000)  # the server's own answer time, the client's CPU (see that module)
        for name, value in big_catalog(demo.url, 50_000).items():
            print(f"50,000-tool server, {name}: {value:.3f}")
        legacy = big_catalog(demo.url, 50_000, "legacy")  # the era the server answers fastest in
        for name in (
            "connect to catalog received (s)",
            "catalog received to drawn (s; target < 1)",
            "peak RSS (MB; target < 300)",
        ):
            print(f"50,000-tool server, 2025-11-25 session, {name}: {legacy[name]:.3f}")
        first, settled, rss = filter_keystrokes(demo.url, 50_000, "bulk_4444")
        launch_report(demo.url, 3, before)  # mcptui URL on a terminal: drawn, live, lists per launch
    print(f"filter keystroke, 50,000-tool server, on a terminal, drawn: {spread(first, 'ms')}")
    print(f"filter keystroke, 50,000-tool server, on a terminal, settled: {spread(settled, 'ms')}")
    print(f"peak RSS of the TUI on the 50,000-tool server (terminal): {rss:.1f} MB  (target < 300 MB)")


def catalog_section(runs: int, before: Path | None = None, only: str = "") -> None:
    from tests.servers import running_demo

    print(f"load average before the catalog runs: {os.getloadavg()[0]:.2f}")
    with running_demo() as demo:
        for name, runs_of in cold_catalog_candidates(demo.url, runs, before, only).items():
            frames = [frame for frame, _, _ in runs_of]
            drawn = [catalog for _, catalog, _ in runs_of]
            after = [catalog - frame for frame, catalog, _ in runs_of]
            live = [live for _, _, live in runs_of]
            print(f"catalog, {name}: drawn {spread(drawn)}")
            print(f"    first frame {spread(frames)}; drawn after it {spread(after)}; live {spread(live)}")
    print(
        "(targets: drawn within 0.55 s of launch without an agent, within 0.2 s of the first frame "
        f"with a warm one); load average after: {os.getloadavg()[0]:.2f}"
    )


def main() -> None:
    from tests.servers import running_demo

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--section", type=int, choices=range(1, 6), help="run only this section (1-5)")
    parser.add_argument("--catalog-only", action="store_true", help="section 2 only (the cold catalog)")
    parser.add_argument(
        "--before",
        type=Path,
        help="sections 2, 4 and --timeline: also an older checkout (the folder holding its mcptui/)",
    )
    parser.add_argument("--only", default="", help="section 2: candidates whose name has one of these words")
    parser.add_argument("--timeline", action="store_true", help="section 2: the cold launch's timeline only")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "mcptui", quiet=1)
    if args.timeline:
        timeline_section(args.runs, args.before)
        return
    if args.section == 4:
        print(f"load average {os.getloadavg()[0]:.1f}")
        big_section(args.before)
        return
    if args.catalog_only or args.section == 2:
        catalog_section(args.runs, args.before, args.only)
        return
    baseline = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import textual.app"], check=True)
        baseline.append(time.perf_counter() - start)
    print(f"baseline, python -c 'import textual.app': {spread(baseline)}")
    print(f"first frame, real binary on a terminal: {spread(first_frame(args.runs))}  (target < 0.35 s)")
    tmux_frames = first_frame_in_tmux()
    if tmux_frames:
        print(f"first frame, real binary in tmux: {spread(tmux_frames)}")
    print(f"floor, python -c pass: {spread(python_floor())}; load average {os.getloadavg()[0]:.1f}")
    catalog_section(args.runs, args.before)
    big_section()
    with running_demo("--bulk-tools", "5000") as demo:
        first, settled, rss = filter_keystrokes(demo.url, 5_000, "bulk_444")
    print(
        f"filter keystroke, 5,000-tool server, to the narrowed tree drawn: {spread(first, 'ms')}  (target < 50 ms)"
    )
    print(f"filter keystroke, 5,000-tool server, to the screen settled: {spread(settled, 'ms')}")
    print(f"peak RSS of the TUI on the 5,000-tool server: {rss:.1f} MB  (target < 200 MB)")
    with running_demo() as demo:
        first, settled, _ = filter_keystrokes(demo.url, 1, "slow_")
    print(f"filter keystroke, the plain demo: drawn {spread(first, 'ms')}; settled {spread(settled, 'ms')}")
    for name, value in asyncio.run(flood()).items():
        print(f"{name}: {value:.1f}")


if __name__ == "__main__":
    main()
