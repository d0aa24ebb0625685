"""The speed layer: the collector's policy and the SDK preload, in one place (no Textual); the list
of every measured trick and where each lives.

What each trick buys (figures from ``bench/``, on a 2-core VM):

- **The collector paused while the UI imports** (:func:`pause_collector` before the import,
  :func:`freeze_imports` after it, :func:`resume_collector` once the first screen is complete:
  the deferred panes mounted, after the catalog is drawn; see the TUI's cold catalog below).
  Importing Textual, Rich and our UI creates ~100k objects that live as long as the process;
  collecting cycles meanwhile only walks them again and again (~20 ms of the first frame), and
  once frozen no later full collection walks them.
- **The SDK imported in a thread** (:func:`load_sdk`, ~0.5 s, ~200k long-lived objects, pydantic
  models above all), so a UI's event loop keeps handling input meanwhile; the collector is paused
  during it (~60 ms of the import) and what it built is frozen afterwards. The freeze also pins
  what the UI holds at that moment: its first screen, which lives as long as the app anyway.
  ``jsonschema`` comes with it (not in a one-shot command): the first call's argument check
  (and the SDK's output-schema check) imported it on the event loop, 30 ms of CPU once the SDK
  is in (77 ms cold, ``-X importtime``), the longest key wait of a first call under load; its
  objects are frozen with the SDK's.
- **What the settled app holds, frozen once** (:func:`freeze_settled`, once the panes are
  mounted and a first catalog is shown, before the first item's form is built). The screen,
  panes, styles, the modules imported since, the connection and the first catalog live about
  as long as the app, and a full collection walked them wherever it landed (in a 50 MB
  result, say). The heap it walks (``bench/bench_big_result.py``'s figure, JSON 50 MB,
  interleaved in one process, load 2.5-3.5): 133-143k objects and 59-95 ms without, 80-92k
  and 19-61 ms with it; with the demo's 50,000 tools, once settled (a process each, load 4):
  205k objects and 77-91 ms without, 7-22k and 1-3 ms with it. Its bounded cost: what was alive
  then and dies later in a reference cycle (the first connection's objects after a reconnect,
  a first catalog's tree nodes, at most 100 a group, ~5-10k objects of older garbage) is never
  freed; a form is never among them (tests/ui/test_gc_policy.py).

- **Large JSON-RPC messages parsed to plain values first**
  (:class:`mcptui.core.lean_messages.LeanMessageAdapter`, installed by
  :func:`mcptui.core.lean_messages.install_sdk_tricks` when :mod:`transports` is imported): the
  SDK's pydantic ``validate_json`` of the 7.5 MB ``tools/list`` reply of 50,000 tools takes RSS
  from 72 to 322 MB; ``json.loads`` then ``validate_python`` builds the same message with RSS at
  130 MB, in half the time (0.25 s against 0.57 s). With it the TUI's peak RSS on 50,000 tools
  went from 425 to 233 MB (``bench/tui_bench.py --section 4``, load 4.3 then 1.2). The plain
  parse is pydantic-core's own (jiter, :func:`mcptui.core.lean_messages._parse`; issue 13,
  eighth session) with NaN/Infinity refused and only dict keys cached, ``json.loads`` where it
  refuses: 402 M instructions for the reply against 601 M (a fresh process each, cachegrind;
  wall 54-57 ms against 61-68 ms cold), the read's CPU on the TUI's live connection 0.234 ->
  0.220 s median (8 interleaved pairs, ``connect_to_wire``'s child). Its default (every short
  string cached) is what was tried before and gave nothing (below): 417 M, and slower on the wall.
- **A large message's payload not spelled out for the SDK's debug line**
  (:class:`mcptui.core.lean_messages.QuietPayload`, issue 13, eighth session): the SDK's
  streamable HTTP client builds ``f"SSE message: {message}"`` for every SSE message whatever the
  log level; on the 50,000-tool page of a 2025-11-25 session that repr took 65-77 ms and an 8 MB
  string. The lean path's messages carry their ``result``/``params`` as a dict subclass with a
  short ``repr``: the TUI's live connection (``connect_to_wire``'s child with
  ``protocol="legacy"``, 6 interleaved pairs) connect -> catalog 1.116 -> 1.022 s median, CPU
  0.982 -> 0.910 s.
- **Results validated without the SDK's dump**
  (:func:`mcptui.core.lean_messages.install_sdk_tricks`): ``validate_server_result`` validates
  against the negotiated version's wire model, then dumps the model and discards the dump
  (0.36-0.46 s of 0.9-1.3 s on 50,000 tools); the replacement runs the same validation only.

The catalog's own share (pages read raw, checked a chunk at a time, no typed copy of the page
and no dump of items that are their own dump) is :mod:`catalog_pages`.

- **The SDK's tool bookkeeping when a tool is first called** (:mod:`tool_bookkeeping`): a tools
  page with no ``x-mcp-header`` text in it (:func:`mcptui.core.chunk_facts.chunk_facts`) cannot
  lose a tool to the SDK's checks, so its output schemas and header maps are given to the session
  before its first ``call_tool``, not before the catalog is shown (nor ever in the prefetch
  child). On 50,000
  tools the headless core's CPU from connect to catalog went from 0.449 to 0.345 s (median of 3
  interleaved runs each, load 3.9-4.1; ``bench/big_catalog_floor.py``), the TUI's peak RSS
  from 163 to 149 MB.
- **One ``tools/list`` per launch** (:mod:`prefetch_adopt`): the TUI's own connection takes
  the catalog its launch's prefetch child listed instead of listing again (two 7.5 MB answers
  on 50,000 tools, the second built and read while the first was; counted through a recording
  proxy by ``bench/big_launch.py``: 2 -> 1). Figures in ``bench/tui_bench.py`` (50,000 tools).
- **The prefetch line written and read in big pieces** (:func:`json_line`,
  :func:`mcptui.core.prefetch.read_line`): the child's 7.5 MB line by pydantic's serializer
  (0.026-0.04 s against 0.08-0.11 s for ``json.dumps``), read from a 1 MiB pipe up to 1 MiB at
  a time (``readline`` took 8 KiB at a time: ~900 pieces, each waiting for the GIL behind the
  live connection's SDK import).
- **The TUI's first catalog drawn before what it does not need** (:mod:`first_shown`, issue 13,
  branch fifty3). Found with ``py-spy`` (chrometrace timelines of a headless 50,000-tool run)
  and per-phase CPU counters: the TUI spent ~0.56 s of CPU from connect to drawn beyond the
  headless core's own 0.33 s. Three pieces now wait for the first catalog drawn, or are gone:
  the catalog cache's write (one ``json.dumps`` of 7.5 MB, 0.14-0.3 s holding the GIL, started
  the moment the catalog arrived and so racing its drawing: received to drawn 0.13-0.27 s when
  it won the race); the SDK's validators the listing does not use, built on first use until
  then (the one-shot import, :func:`load_sdk`; the newest era's wire models still imported in
  the import thread, since fifty6 once the first list is out: below; the TLS roots and ``jsonschema`` in a thread once drawn,
  :mod:`sdk_warmup`: the import's CPU 0.49-0.58 -> 0.23-0.28 s; ``MCPTUI_TUI_LAZY=0`` for
  comparisons; the validators left are built on first use, a few ms each); and
  the young collection at the end of the first read (:func:`collections_paused`), which found
  nothing to free in ~156k objects for 0.044-0.047 s: they are frozen instead. Headless, 50,000
  tools, interleaved runs against base2 (load 1.3-1.9): CPU from connect to drawn 0.80-1.13
  -> 0.67-0.77 s; received to drawn 0.017-0.267 -> 0.016-0.048 s. The cache's write, now just
  after the paint, encodes its long lists a slice at a time (:func:`mcptui.core.catalog.encode_in_slices`)
  so a keystroke never waits for one 0.1-0.3 s ``json.dumps``; the worst headless keystroke (the
  first, which also meets the panes' mount) stays where it was: 430-876 ms against 450-598
  before (4 interleaved runs each, load 2.7). What is left: the lazy SDK
  import (~0.23 s of CPU, before the request) beside the core's own work (~0.35 s: JSON parse
  0.10, the SDK's per-chunk tool checks ~0.2), and the server's ~0.44 s to answer.

- **A plain chunk kept without a look at each item** (:func:`catalog_pages.kept_items`, issue
  13, branch fifty4): the chunk's dump proves no ``null`` in it
  (:class:`mcptui.core.chunk_facts.ChunkFacts`), and when its items share one key shape, plain
  and in the model's order (``set(map(tuple, chunk))``),
  it is kept as sent, as the per-item loop would have kept it item by item. On 50,000 tools
  (cProfile, a headless read): ``kept_items`` 0.032 -> 0.007 s, the read's calls 228k -> 130k;
  the core's CPU 0.008-0.021 s lower in 5 of 6 interleaved pairs (load 0.7-1.0).

- **A large page's facts proven once, and the model check left out where it certainly
  passes** (issue 13, branch fifty5). Where the read's CPU went (per-phase thread-time
  wrappers on a headless 50,000-tool read, gate held, and an offline replay of the saved 7.5 MB
  body): ``json.loads`` 0.055-0.067 s; the wire-model check 0.060 s plus 0.008 s freeing its
  typed page; the ``mcp.types`` check 0.042 s plus 0.005 s freeing; the chunk dumps for
  :class:`mcptui.core.chunk_facts.ChunkFacts` 0.038 s; ``kept_items`` 0.007 s; the body's read
  (httpx2) 0.025 s; the handshake 0.033 s (not the read's). Now: :mod:`mcptui.core.catalog_proof` proves no
  NaN/Infinity and no ``x-mcp-header`` for the whole page from the body's bytes (1 MiB slices)
  and ``json.loads``'s ``parse_constant`` hook, in ~0.010 s, and the chunks are not dumped
  (a body with a ``\\u`` escape, the key's text, a NaN/Infinity token or a number that may
  overflow is dumped a chunk at a time as before); a one-shape chunk's None fields are looked up
  a field at a time, only where the model admits None (:func:`catalog_pages.nullable_fields`);
  and :mod:`mcptui.core.catalog_model_check` leaves out the ``mcp.types`` check of a proven,
  plain, as-sent chunk when the model's core schema (a whitelist: bare ``str`` /
  ``dict[str, Any]`` fields, no validator, constraint, strict or transforming config) and the
  values' exact types prove it passes (the SDK's wire check too, since the ninth session: below). cProfile
  of the read: ``chunk_facts`` 54 -> 3 calls, pydantic ``to_json`` 54 -> 3, ``validate_python``
  142 -> 92, ``model_validate`` 61 -> 11. The core's CPU connect -> catalog (8 interleaved pairs
  against main at 33416c5, load 2.3-2.7): median 0.346 -> 0.274 s, 7 of 8 pairs lower
  (proofs alone, before the model check: 0.320 -> 0.298 s, load 1.1-1.4); the bench's own child
  (eager import, no gate; 6 pairs, load 2.7-3.4) 0.377 -> 0.333 s, 6 of 6 lower; peak RSS
  152.8 MB headless, 148.4 on a terminal (146-150 before). Tried and not taken:
  ``pydantic_core.from_json`` for the body with its defaults (89-95 ms against ``json.loads``
  91 ms on the text, same run: no gain; taken later with keys only cached, above), a whole-body "no null" proof (the demo's first tools hold
  ``"default": null``: it never holds there), freeing the typed chunks after the paint
  (~0.013 s off the read for every typed copy kept alive meanwhile), and a ``bytes.find`` of
  the exponent (7.3 ms against ``re``'s literal search, 2.6 ms).
- **The wire check left out where it certainly passes** (:mod:`catalog_wire_check`, issue 13,
  ninth session). The negotiated version's wire check of each chunk was the read's largest
  part: 0.128 s of CPU on the demo's 50,000 tools (52 chunk checks, thread-time wrapper on a
  headless 2026-07-28 read; the body's parse 0.114 s beside it). A chunk already proven for
  the version-free model is now proven for the wire model too, from its core schema (nested
  plain models, string literals, lists, dicts, unions of bare types) and the values' exact
  types a field at a time: ~0.025-0.05 s for 50,000 tools against the check's 0.33-0.48 s on
  the same items offline. ``bench/connect_to_wire.py --later --runs 6`` against main at
  9d27674 (load 0.2-0.6): instructions from start to the catalog 3,619 M -> 3,014 M (-17%);
  the answer's headers to the catalog, median 0.231 -> 0.195 s wall, 0.205 -> 0.166 s CPU.
- **A big catalog's search texts built ahead** (not here: ``CatalogTree._search_ahead`` in
  :mod:`mcptui.ui.widgets.catalog_tree`, ninth session): once a group of 5,000 items or more is
  drawn, its filter texts are built 5,000 at a time with the event loop running between steps,
  not by the first keystroke. The first filter keystroke on 50,000 tools, its frame on a
  terminal: 50-58 -> 16-28 ms (every later keystroke 8-32 ms, unchanged).
- **The prefetch child's long line parsed by jiter** (:func:`mcptui.core.prefetch.line_value`,
  ninth session): dict keys cached, NaN/Infinity taken as ``json.loads`` takes them, and only when
  pydantic-core is loaded already (no import for it); 50,000 tools 65 -> 49 ms. On a terminal,
  the 50,000 tools from launch with the child, 5 interleaved pairs with the wire check above:
  1.251 -> 1.150 s (the live connection only 1.349 -> 1.279 s).
- **The newest era imported while the first list waits for its answer** (:mod:`era_ahead`,
  issue 13, branch fifty6). Marks on the TUI's live connection (headless, 50,000 tools, quiet):
  connect -> SDK import done 0.26-0.32 s (CPU-bound), -> ``server/discover`` out 0.30-0.37,
  its answer 5-7 ms later, ``subscriptions/listen`` out and acknowledged, -> ``tools/list`` out
  0.32-0.40 s; the server answers 0.40-0.45 s later, then the read. Of the import, only
  ``mcp_types._v2026_07_28`` (~150 classes, ~0.04 s of CPU) is not needed to send: its first
  lookup is the first page's check. It is now left out of the TUI's lazy import and imported in
  a thread by the HTTP client's request hook when the first list request goes out (the
  prefetch child too: it imported it on its loop after the answer). Instructions from start
  to ``tools/list`` handed to httpx2 (cachegrind, the live connection headless,
  ``bench/connect_to_wire.py``): 1,798 M -> 1,589 M (-12%); to the catalog returned 4,586 M
  -> 4,599 M (the work moved, not removed). Wall, interleaved against main on this busy 2-core
  VM (the thread and the server then share the one core left): of 22 pairs of the headless
  TUI with marks (load 0.4-1.8), received median -0.049 s, better in 13; ``tui_bench.py``'s
  headless app, 8 pairs each: 1.178 -> 1.233 s at load 2.3-2.9, 1.165 -> 1.094 s at load
  1.7-1.8: within the noise here, ~0.04 s where a core is free (or the server is remote). A row
  looked up while the thread still defines the era waits on the module's import lock
  (:mod:`lazy_eras`; a small server's answer can come first). Measured, not built: sending
  ``tools/list`` beside ``server/discover`` (0.02-0.05 s; the SDK's ``mode="auto"`` stamps no
  version before ``adopt()``), and the prefetch line in slices (at most ~0.03 s): the
  reasons and figures are in ``bench/tui_bench.py``.

Tried and dropped for the 50,000-tool catalog: the list checks' validators built on the event loop while the first list waits (an httpcore2 ``trace`` hook once the request is all out; the read's CPU 0.230 -> 0.213 s median over 6 interleaved pairs, within the noise, not worth the hook: ``bench/tui_bench.py``); the prefetch child's ``tools/list`` POSTed with the standard
library before its SDK import (taken only if the SDK then stamped the very same request; drawn
4.82 -> 3.69 s from launch at load 3.2-4.4): set aside, a hand-written request and answer parser
beside the SDK is the second JSON-RPC client issue 13 rules out, and a request the console never
shows. Also the young collection at the end of a catalog read
(:func:`collections_paused`) left until the catalog was drawn. It took 0.08-0.11 s off the way
to the screen, but the collection then walked the drawing's objects too: 0.16-0.26 s, right
after the catalog appeared (load 2-3). The filter's search texts were already built on the first
keystroke, not before the catalog is drawn; a prefetch line that arrives once the TUI has asked
for it (a 50,000-tool one always does) is parsed at once, in a thread. The SDK's ``tools/call`` adapter (built when a
session adopts its version, with our tasks claim) deferred to after the first catalog: py-spy
sampled 0.24 s in it, but its build measured 0.7 ms eager, 5.5 ms lazy (the samples were the
lazy models' first builds): not worth a wrapper.

- **Big messages and log floods below the SDK** (not here: in the modules that do it, each with
  its figures). A message over 1 MiB goes to a 0600 spill file as it arrives and the SDK gets a
  small copy (:mod:`mcptui.core.sse_spill`, :mod:`mcptui.core.spill`): a 50 MB result's longest
  event-loop stall went from ~1.7-3.2 s to ~30-80 ms without UI (bench/bench_big_result.py, and
  the loop-gap figures in the report of issue 13); a gzip-compressed one is kept aside by the
  handlers over the SDK transport instead (:mod:`mcptui.core.wire_fast_path`; not measured), and
  nothing is written twice. A ``notifications/message`` line is read with
  ``json.loads`` under the SDK's pipeline (:mod:`mcptui.core.wire_fast_path`): the client keeps
  up with the load server instead of falling seconds behind (bench/bench_flood.py).
  ``MCPTUI_FAST_PATH=0`` turns both off, for same-run comparisons.

- **A 2025-11-25 session's big catalog read** (issue 13, eighth session, branch legacy8; each
  in its module with its figures): the demo answers 50,000 tools there as one 7.5 MB SSE event.
  The newest era is not imported ahead when the session's later-revision answers are on disk
  (:mod:`era_ahead`, :mod:`sdk_facts`); the spill looks for an event's end only where a new
  one can be (:mod:`sse_spill`) and for a long string only around quote-free blocks
  (:mod:`spill`); an event given whole reaches the SDK's handler as its text, past httpx2's
  parser, where that text is certainly what the parser makes (:mod:`sse_whole`). Start ->
  catalog (cachegrind, ``connect_to_wire.py --legacy``): 4,447 -> 3,906 M instructions on a
  later launch, 4,694 -> 4,375 M on a first one; 2026-07-28 3,733 -> 3,565 M; wall medians
  (10 interleaved pairs, load 1.0-1.4) 0.713 -> 0.651 s, and 0.986 -> 0.925 s in 2026-07-28.
  Without :mod:`sse_whole` the headless TUI's peak RSS on it was 161-184 MB against 153-154.

- **"Show all" folded at the width, its rows indexed at C speed** (not here: in
  :mod:`mcptui.ui.widgets.paged_text`). The worker thread makes the pages whole inert lines
  with their widths; at a new width the row index of a 50 MB text (500,000 lines) is rebuilt
  from the widths by two ``map`` calls in ~30 ms, against ~100 ms counting each line's rows as
  the cut view does (load 4.6); a 1 MiB page is appended in ~5 ms.

- **Full collections ten times rarer in the TUI** (:data:`FULL_EVERY`, set by
  :func:`resume_collector`). During a flood every log line leaves a few long-lived objects (its
  events, its console entries), so full collections came every ~10,000 lines, each walking the
  whole heap: 170-455 ms at load ~4 on this VM, the longest key waits of a flood. With 100 a
  30,000-line flood ran without one (bench/bench_flood.py, same runs: keys p99 109-113 ms and
  no gen2 collection, against 504-523 ms with one gen2 of 368-423 ms; load 3.7). A full collection
  still comes, later, as long; garbage in cycles lives a little longer (most is freed by
  reference counting anyway).

- **A cold one-shot command** (``mcptui list|call|read|prompt`` with no agent; issue 13).
  Measured in instructions (valgrind, deterministic on this loaded VM) of ``list URL --json``
  against the demo, main at e135c8b: 2,541 M; after: 2,084 M (-18%); ``call URL echo``:
  2,717 M → 2,287 M (-16%). ``python -c pass`` is 88 M. Each trick, in the order applied:

  - the OAuth flow imported on the first 401, not by every HTTP command (``auth/options.py``
    holds ``AuthOptions``; ``McpAuth.flow`` is built on first use): -64 M;
  - annotation strings compiled once during the SDK import
    (:func:`mcptui.core.sdk_import._cached_annotation_compiles`): -94 M;
  - the SDK's models and adapters built on first use (``load_sdk(one_shot=True)``,
    :func:`mcptui.core.sdk_import._models_built_on_first_use`): -84 M more;
  - no TLS roots for an ``http://`` server (:mod:`mcptui.core.lazy_tls`; the one-shot also skips
    the TLS prebuild): -242 M (~25-40 ms of wall time here);
  - no pydantic plugin discovery in a one-shot (``PYDANTIC_DISABLE_PLUGINS``): ~10 ms of file
    reads (74 distributions' metadata), 19 M.

  - generated code compiled once per machine (:mod:`mcptui.core.code_cache`: dataclasses'
    methods and annotation strings, marshal-cached on disk): 2,153 M → 1,788 M (-17%);
    ``call`` 2,328 M → 1,964 M (issue 13, branch cold2).

  - no ``jsonschema`` (nor ``referencing``, ``rpds``, ``attrs``) for a value that plainly fits
    a plain schema (:mod:`mcptui.core.schema_form.plain_check`: True only when jsonschema
    would agree, else jsonschema as before): the arguments' check before a call, and the SDK's
    check of a tool's structured result against its ``outputSchema``
    (:mod:`mcptui.core.sdk_output_check`, the schema wholly understood so its meta-schema check
    passes too). ``call URL echo text=hi`` 1,946 M → 1,769 M (-9%); either check alone: -0 M
    (the other still imports jsonschema). ``list`` unchanged (issue 13, branch cold).

  - the SDK's two protocol eras' wire models imported when first looked up, not both at
    start-up (:mod:`mcptui.core.lazy_eras`): on a 2026-07-28 server ``list`` 1,785 M →
    1,604 M (-10%), ``call`` 1,769 M → 1,588 M; a 2025-11-25 server still imports both (the
    SDK looks up the newer era's rows): unchanged; with the SDK's later-revision field sets
    kept on disk (:mod:`mcptui.core.sdk_facts`) it no longer does: legacy ``list`` 1,741 M →
    1,539 M, ``call`` 1,755 M → 1,550 M.

  - regular expressions' ``_sre`` programs cached on disk beside the code cache
    (:mod:`mcptui.core.regex_cache`: ~150 patterns a run, compiled by ``re``'s pure-Python
    compiler every run): ``list`` 1,614 M → 1,527 M (-5.4%), ``call`` 1,594 M → 1,510 M.

  Branch cold as a whole (fresh homes warmed by two runs, main's code run by the same
  interpreter): ``list`` 1,798 M → 1,555 M, ``call echo`` 1,978 M → 1,558 M; on a 2025-11-25
  server 1,799 M → 1,559 M and 1,991 M → 1,571 M (bench/bench_cold.py has the wall times).

  Issue 13, branch cold6 (before: main at 33416c5 run by the same interpreter from a copy,
  each side its own warmed home; ``list`` 1,524 M, ``call echo`` 1,508 M):

  - the era's wire models defined when first looked up, each class with what it names
    (:mod:`mcptui.core.era_slices`, under :mod:`mcptui.core.lazy_eras`: a ``list`` defines 16
    of the 2026-07-28 era's 148 classes, a ``call`` the 31 of ``CallToolResult |
    InputRequiredResult``; the plan kept beside the code cache): ``list`` 1,524 M → 1,390 M
    (-8.8%), ``call`` 1,508 M → 1,392 M (-7.7%), then 1,367 M and 1,370 M once docstrings
    were no longer read as forward references (they named classes never needed); the run
    that builds the plan (a first run, a new SDK) pays ~80 M once (1,602 M);
  - no cyclic collection from a one-shot's launch until the SDK is in
    (:func:`start_up_paused`, ended by :func:`load_sdk`, which freezes what start-up built): 78
    young collections freed 941 objects in all, 10 remain; ``list`` 1,390 M → 1,380 M,
    ``call`` 1,392 M → 1,382 M (measured before the docstring change).

  Branch cold6 as a whole (interleaved, within 0.3%): ``list URL --json`` 1,526 M → 1,367 M
  (-10.4%), ``call URL echo text=hi`` 1,510 M → 1,370 M (-9.3%); on a 2025-11-25 server (its
  era sliced the same way) 1,532 M → 1,377 M (-10.1%) and 1,523 M → 1,361 M (-10.7%).

  Looked at and left: the version-free ``mcp_types._types`` sliced the same way (the SDK's
  modules import 154 of its 155 classes by name at import: nothing to leave out); the column
  tables of the bytecode (``-X no_debug_ranges``: the ``.pyc`` files only ~8% smaller).

  A stdio one-shot: no auth engine at all, and the child is sent SIGTERM 0.1 s after its stdin
  EOF (:func:`mcptui.core.child_guard.one_shot_graces`; a Python SDK server spends ~0.27 s of
  interpreter teardown after EOF, and ends in ~10 ms on SIGTERM): -0.15 s to -0.2 s of wall.
  A stdio one-shot's server spawned first thing (:mod:`mcptui.core.early_child`, from
  ``mcptui.__main__`` before the code cache, with a few standard library modules, when the agent
  is ruled out): before, it was
  spawned by the connection (:func:`mcptui.core.child_guard.prespawn`), after the command line,
  the config, asyncio, anyio and the connection's modules were imported. The server's start-up
  (the demo: ~0.9 s of CPU, its own SDK import) then overlaps all of that on the other core.
  The child runs its first line 0.117 → 0.073 s after launch (a stamping wrapper around the
  demo, medians of 6 interleaved runs, load 1.4-1.8); ``list --json -- demo`` past the server's
  start-up: +0.227 → +0.185 s (10 interleaved rounds, load 1.6-1.8; 9 of 10 rounds lower);
  the mcptui process's instructions 1,506 M → 1,500 M (the work moved, none added). The
  connection takes it only when command, arguments, folder and environment are the ones it
  would spawn
  (:meth:`ConnectionSetup.spawn_early`), wrapped as an ``anyio`` process for the SDK
  (:mod:`mcptui.core.early_process`); otherwise it is ended, and :func:`child_guard.kill_all`
  tracks it from the spawn on. The end of a run, from the ``initialize`` answer to our exit, is
  unchanged (~0.2 s: the four lists, the output, the 0.1 s grace, ~15 ms for the child to die
  on SIGTERM, ~20-40 ms of our exit). Tried and dropped there: ending a one-shot's process with
  ``os._exit`` once its ``atexit`` handlers ran and stdout/stderr were flushed (no interpreter
  teardown): 1,506 M → 1,491 M instructions (-1%), not worth a file object left unflushed.
  Tried and dropped: deferring the models without the adapters (+140 M), a stand-in for the
  SDK's ``session_group`` (-9 M, 0.4%), the collector off for the whole run (-28 M, ~1%, but
  a long ``run`` of a collection would keep its cyclic garbage); in branch cold: deferring
  the SDK's explicit ``model_rebuild()`` calls at the end of ``mcp_types._types`` (+10 M on
  ``list``, +30 M on ``call``: later schemas then build them inline), skipping the rebuild of a
  generic model's origin on parametrization (+76 M), ``to_camel`` cached during the import
  (±0), ``importlib.metadata`` left unimported (httpx2 and httpcore2 ask it their versions at
  import; -23 M, 1.4%, not worth a second answer to ``version()``), and caching attrs'
  generated methods (attrs is no longer imported on the ``list``/``call`` path at all).

- **The TUI's cold catalog** (``mcptui URL``, no agent, nothing cached; issue 13, branch
  tuicold; the choice and the wall figures: ``bench/tui_bench.py``). The prefetch child's
  line is the critical path (fork at ~0.04 s, then 2,043 M instructions to the line on a first
  ever launch, 1,741 M with the code cache a later launch has: ``bench/prefetch_child_cost.py``);
  the parent's first frame comes ~0.07 s before it, and what the parent still did then delayed
  the catalog (the prefetched snapshot waited behind footer recomposes and collections).
  Instructions of the parent, launch to its first frame refreshed (valgrind on a terminal,
  ``MCPTUI_PREFETCH=0``): 1,804 M → 1,700 M on a first launch, 1,575 M → 1,517 M on a later one.
  Each trick:

  - the deferred panes' widget modules (item, history, collections, tasks, console) imported
    as those panes are mounted (``mcptui.ui.screens.main_panes.pane_widgets``), not with the
    main screen: ``import mcptui.ui.app`` 1,195 M → 1,110 M (code cache off; 469 → 449
    modules), launch to first frame -91 M;
  - the footer (``mcptui.ui.widgets.key_footer``) composes its keys in the first frame and
    recomposes only when they change: Textual's footer drew none at first, then recomposed
    (35-45 ms of CPU each, headless at load 2.4) on every ``refresh_bindings`` (a focus, each
    snapshot), twice between the first frame and the catalog; its keys are made compact as they
    are built (no restyle of each at mount): a compose 42-46 → 36-44 ms CPU, -29 M at launch;
  - the collector resumes once the deferred panes are mounted (it ran 11-16 ms gen0 and
    6-16 ms gen1 collections between the first frame and the catalog); during an SDK import
    :func:`resume_collector` leaves it to :func:`load_sdk`'s end.
  - the prefetch line's reader wakes the waiting loop itself (``prefetch.LinePrefetch``; a
    worker thread waited for it before): line parsed to catalog published, median 4.2 → 1.7 ms,
    worst 35 → 8 ms (10 interleaved launches each, load 2-3.9).

  Parent CPU from launch to the catalog drawn (``--timeline`` marks, interleaved with main, the
  line arriving late at load 4-5.8): median 0.487 → 0.370 s. Tried and dropped: the child's SDK
  import in its own thread instead of a worker thread (2,048 → 2,045 M, 0.2%); handing the
  prefetched snapshot ahead of the screen's queue (once the above was in, it waited 0-1 ms:
  nothing left to win); holding the first frame for an imminent catalog line (the frame would
  come ~0.07 s later to save the 4-8 ms the catalog's own frame costs).

No raised gen0 threshold: ``gc.set_threshold(7000, 10, 10)`` after the imports measured no
better on ``bench/tui_bench.py`` (filter keystroke on 5,000 tools, settled: median 72 ms against
63 ms without it, within this VM's noise), so the defaults stay.

A freeze is done only after imports, and once when the app has settled, never on each UI event:
everything alive at a freeze leaves the collector's reach for good, so freezing on each catalog
repaint kept every replaced widget (forms, tree nodes: objects in reference cycles) alive for
the rest of the process.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import json
import os
import sys
from collections.abc import Iterator
from typing import Any


class _SdkLoad:
    """How many imports of the SDK are under way, and whether the collector ran before them;
    ``start_up``: stopped at launch for a one-shot command (:func:`start_up_paused`)."""

    running = 0
    collector_was_on = True
    start_up = False


def start_up_paused() -> None:
    """A one-shot command's launch (``mcptui.__main__``): no cyclic collection until the SDK is
    in; :func:`load_sdk` then freezes what start-up built and resumes the collector (see the list
    at the top of this module: 78 young collections found 941 objects to free, ~26 M instructions)."""
    gc.disable()
    _SdkLoad.start_up = True


def end_start_up_pause() -> None:
    """A one-shot command that will not load the SDK (the agent runs it): the collector back on
    now, not left off for as long as the command's output is relayed."""
    if _SdkLoad.start_up and _SdkLoad.running == 0:
        _SdkLoad.start_up = False
        gc.enable()


def pause_collector() -> None:
    """Stop cyclic collections until :func:`resume_collector` (before a heavy import)."""
    gc.disable()


def freeze_imports() -> None:
    """Move everything alive now (what was just imported) out of the cyclic collector's reach."""
    gc.freeze()


FULL_EVERY = 100  # collections of the middle generation between two full ones (default 10)


def resume_collector() -> None:
    """Let cyclic collections run again (the TUI: once its first screen is complete), full ones
    more rarely. During an SDK import (:func:`load_sdk`) the collector comes back at its end."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_EVERY)
    if _SdkLoad.running:
        _SdkLoad.collector_was_on = True
    else:
        gc.enable()


@contextlib.contextmanager
def sdk_import_window() -> Iterator[None]:
    """No collection while a part of the SDK is imported, then what it built is frozen; the
    collector is left as it was found (on or off), also when windows overlap, and a
    :func:`resume_collector` meanwhile takes effect at the end (:func:`load_sdk`, the newest
    era's import in :mod:`mcptui.core.era_ahead`'s thread, an era imported on first lookup by
    :mod:`mcptui.core.lazy_eras` and its classes defined by :mod:`mcptui.core.era_slices`)."""
    if _SdkLoad.running == 0:  # a one-shot's start-up pause (start_up_paused) ends here
        _SdkLoad.collector_was_on = gc.isenabled() or _SdkLoad.start_up
        _SdkLoad.start_up = False
    _SdkLoad.running += 1
    gc.disable()
    try:
        yield
    finally:
        _SdkLoad.running -= 1
        if _SdkLoad.running == 0:
            gc.freeze()
            if _SdkLoad.collector_was_on:
                gc.enable()


def _import_sdk(one_shot: bool = False, lazy: bool = False) -> None:
    # without its server stack; one_shot (or lazy: the TUI before its first catalog is drawn):
    # validators built on first use
    importlib.import_module("mcptui.core.sdk_import").import_client(lazy_models=one_shot or lazy)
    importlib.import_module("mcptui.core.transports")
    importlib.import_module("httpcore2")  # httpx2 imports it when its first client is built
    warmup = importlib.import_module("mcptui.core.sdk_warmup")
    era_later = importlib.import_module("mcptui.core.era_ahead").pending()  # after the request
    if lazy and not one_shot and not era_later:  # the newest era here, not on the event loop
        importlib.import_module(warmup.NEWEST_ERA)  # at the first lookup (the read: ~0.19 s, py-spy)
    if not (one_shot or lazy):  # a one-shot command builds it only if its server needs it (lazy_tls)
        warmup.finish_sdk()


async def load_sdk(*, one_shot: bool = False, era_ahead: bool = False) -> None:
    """Import the SDK in a thread with the collector paused, then freeze what it built.

    ``era_ahead`` (an HTTP connection whose transport carries :mod:`mcptui.core.era_ahead`'s
    hook): the newest era's wire models are left out, imported in a thread once the first list
    request is on its way.

    The collector is left as it was found (on or off), also when loads overlap.
    ``one_shot`` (one command, then exit): the models' validators are built on first use
    (:func:`mcptui.core.sdk_import.import_client`) and the TLS roots are not loaded ahead.
    While the TUI's first-catalog gate is held (:mod:`mcptui.core.first_shown`), the same lazy
    import, and the rest (the TLS roots, ``jsonschema``, the validators left) is built in a
    thread once that catalog is drawn.
    """
    if era_ahead:
        importlib.import_module("mcptui.core.era_ahead").want()
    if "mcp.client.client" in sys.modules:
        if _SdkLoad.start_up and not _SdkLoad.running:
            _SdkLoad.start_up = False
            gc.enable()
        return
    first_shown = importlib.import_module("mcptui.core.first_shown")
    lazy = not one_shot and first_shown.held() and os.environ.get("MCPTUI_TUI_LAZY") != "0"
    with sdk_import_window():
        import asyncio  # here, not at the top: the CLI imports this module at start-up

        await asyncio.to_thread(_import_sdk, one_shot, lazy)
    warmup = sys.modules.get("mcptui.core.sdk_warmup")
    if lazy and warmup is not None and not warmup.Warmup.queued:
        warmup.Warmup.queued = True
        first_shown.after_shown(warmup.warm_up_rest)


class _Settled:
    """Whether :func:`freeze_settled` has run in this process."""

    done = False


def freeze_settled() -> bool:
    """Once per process, when the UI has settled (its panes mounted, a first catalog drawn):
    collect the young generations, then freeze what is alive. True when it froze (the first call).

    See the list at the top of this module: what the app holds by then (its screen, panes, styles,
    the modules imported since the SDK's freeze, the first catalog) lives about as long as the
    app, and a full collection walked it all, wherever it landed (133-143k objects, 59-95 ms at
    load 2.5-3.5, e.g. in the middle of drawing a 50 MB result). Only once: a freeze at each catalog
    paint pinned every replaced form and tree node (each freeze pins what dies later in cycles).
    """
    if _Settled.done:
        return False
    _Settled.done = True
    gc.collect(1)  # the young garbage (most of it): not pinned
    gc.freeze()
    return True


# ---------------------------------------------------------------- no collections while a catalog is read


class _CatalogReads:
    """How many catalog reads are under way, and the collector thresholds they found."""

    running = 0
    thresholds: tuple[int, int, int] = (700, 10, 10)


@contextlib.contextmanager
def collections_paused() -> Iterator[None]:
    """No automatic cyclic collection meanwhile (a catalog is being read); nested uses stack.

    Threshold 0 stops automatic collections without :func:`gc.disable`, so this never fights
    :func:`load_sdk` or :func:`pause_collector` over whether the collector is on. Reading 50,000
    tools with collections on walked the young objects again and again: the catalog fetch alone
    took a median 3.2 s against 2.2 s paused (6 interleaved fetches each, load 3.7). The objects
    the read made are then collected once, young generations only, before the catalog is shown
    (when the collector is on): left to the first automatic collection, that walk (122 ms on
    50,000 tools) landed in the first filter keystroke. The TUI's first catalog (read while
    :mod:`mcptui.core.first_shown` is held) is frozen instead: that walk found nothing to free
    (0 unreachable of ~156k young objects on 50,000 tools) and cost 0.044-0.047 s of CPU before
    the catalog could be drawn; what it keeps lives as long as the catalog shown, and is still
    freed by reference counting when a newer one replaces it (JSON holds no cycles).
    """
    if _CatalogReads.running == 0:
        _CatalogReads.thresholds = gc.get_threshold()
        gc.set_threshold(0, *_CatalogReads.thresholds[1:])
    _CatalogReads.running += 1
    try:
        yield
    finally:
        _CatalogReads.running -= 1
        if _CatalogReads.running == 0:
            gc.set_threshold(*_CatalogReads.thresholds)
            if importlib.import_module("mcptui.core.first_shown").held():
                gc.freeze()  # the TUI's first catalog: kept, not walked (see the docstring)
            elif gc.isenabled():
                gc.collect(1)  # what the read made, now, not in the first keystroke after it


# ---------------------------------------------------------------- the prefetch line, at C speed


def json_line(value: Any) -> bytes:
    """``value`` (plain JSON values) as one line of JSON text, by pydantic's serializer: the
    prefetch child's catalog line (:mod:`mcptui.core.prefetch`). On the demo's 50,000 tools
    0.026-0.04 s against 0.08-0.11 s for ``json.dumps`` (collector off, as in the child; load
    2.4). NaN and Infinity are written as ``json.dumps`` writes them (``json.loads`` reads them
    back); a value it refuses (a lone surrogate) is written by the json module."""
    try:
        return bytes(_line_writer().dump_json(value)) + b"\n"
    except ValueError:  # pydantic's serialization error (a lone surrogate): the json module's way
        return json.dumps(value).encode("utf-8") + b"\n"


@functools.cache
def _line_writer() -> Any:
    from pydantic import ConfigDict, TypeAdapter

    return TypeAdapter(Any, config=ConfigDict(ser_json_inf_nan="constants"))
