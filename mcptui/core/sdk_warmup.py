"""The rest of the TUI's SDK import, built once its first catalog is drawn (no Textual).

While the TUI's first-catalog gate is held (:mod:`mcptui.core.first_shown`), :func:`mcptui.core.speed.load_sdk`
imports the SDK as a one-shot command does (validators built on first use, no TLS roots), plus the
newest era's wire models (:data:`NEWEST_ERA`). :func:`warm_up_rest` then runs in the after-shown
thread: the TLS roots and ``jsonschema`` (:func:`finish_sdk`, what an eager import does at once).
The validators the lazy import left are built on first use, as in a one-shot command
(:func:`build_deferred_models` builds them all: measured, and not run; see :func:`warm_up_rest`).
Figures in :mod:`mcptui.core.speed`'s list.
"""

from __future__ import annotations

import importlib
import sys

NEWEST_ERA = "mcp_types._v2026_07_28"  # the wire models a current server's answers are read with


def finish_sdk() -> None:
    """The TLS roots and ``jsonschema``: at import (eager), or once the first catalog is drawn."""
    importlib.import_module("mcptui.core.transports").tls_context()
    # the first call's argument check (schema_form.validation) and the SDK's output-schema
    # check import it on the event loop otherwise (see the list in mcptui.core.speed)
    importlib.import_module("jsonschema")


def build_deferred_models() -> int:
    """Build the validators the lazy import left for first use (off the event loop: this runs
    in a thread once the first catalog is drawn); the count built."""
    from pydantic import BaseModel, TypeAdapter

    built = 0
    for name, module in list(sys.modules.items()):
        if not (name == "mcp" or name.startswith(("mcp.", "mcp_types"))) or module is None:
            continue
        for value in list(vars(module).values()):
            try:
                if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
                    built += bool(not value.__pydantic_complete__ and value.model_rebuild(raise_errors=False))
                elif isinstance(value, TypeAdapter) and not value.pydantic_complete:
                    built += bool(value.rebuild(raise_errors=False))
            except Exception:  # noqa: BLE001, S112 - left to be built on first use, as before
                continue
    return built


class Warmup:
    """The lazy import's rest, queued once (tests read ``done``)."""

    queued = False
    done = False


def warm_up_rest() -> None:
    """The TLS roots and ``jsonschema`` only: building every validator left here as well
    (:func:`build_deferred_models`: 321 of them, 0.064 s of CPU) landed in the first keystrokes
    after the catalog (the headless bench's first one: 400 ms without it, 540-930 ms with it);
    left to first use, each costs a few ms once (the SDK's tools/call adapter: 5.5 ms)."""
    finish_sdk()
    Warmup.done = True
