"""The rest of the TUI's SDK import, built once its first catalog is drawn (no Textual).

While the TUI's first-catalog gate is held (:mod:`mcptui.core.first_shown`), :func:`mcptui.core.speed.load_sdk`
imports the SDK as a one-shot command does (validators built on first use, no TLS roots), plus the
newest era's wire models (:data:`NEWEST_ERA`; over HTTP once the first list request is out, in a
thread: :mod:`mcptui.core.era_ahead`). :func:`warm_up_rest` then runs in the after-shown thread: the TLS roots and ``jsonschema`` (:func:`finish_sdk`, what an eager import does at once).
The validators the lazy import left are built on first use, as in a one-shot command (building
them all here was measured and dropped: see :func:`warm_up_rest`).
Figures in :mod:`mcptui.core.speed`'s list.
"""

from __future__ import annotations

import importlib

NEWEST_ERA = "mcp_types._v2026_07_28"  # the wire models a current server's answers are read with


def finish_sdk() -> None:
    """The TLS roots and ``jsonschema``: at import (eager), or once the first catalog is drawn."""
    importlib.import_module("mcptui.core.transports").tls_context()
    # the first call's argument check (schema_form.validation) and the SDK's output-schema
    # check import it on the event loop otherwise (see the list in mcptui.core.speed)
    importlib.import_module("jsonschema")


class Warmup:
    """The lazy import's rest, queued once (tests read ``done``)."""

    queued = False
    done = False


def warm_up_rest() -> None:
    """The TLS roots and ``jsonschema`` only: building every validator left here as well
    (every incomplete pydantic model and adapter of ``mcp``/``mcp_types`` rebuilt: 321 of them,
    0.064 s of CPU) landed in the first keystrokes
    after the catalog (the headless bench's first one: 400 ms without it, 540-930 ms with it);
    left to first use, each costs a few ms once (the SDK's tools/call adapter: 5.5 ms)."""
    finish_sdk()
    Warmup.done = True
