"""Run a collection's calls on one live connection and judge each against its expectations.

The use case behind ``mcptui run`` and the TUI's Collections pane: each call's arguments have
their ``${VAR}`` expanded (a variable not set fails that call only), the item is looked up in
the catalog (a tool the server does not list fails without being sent), the call goes through
:func:`mcptui.core.calls.run_call` (so a server error is a failure, never an exception), and
:class:`~mcptui.core.expectations.Expectations` say whether it passed. A result kept aside
(the TUI's connection, core/spill.py) is judged whole, read back from its spill file in a worker
thread; one too large to read back fails its content checks as "not checked", never judged cut.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mcptui.core.calls import CallTarget, run_call
from mcptui.core.collections import Collection, MissingVariable, SavedCall, expand_arguments
from mcptui.core.history import CallRecord

# A refusal hook: (tool, arguments) → why the call must not be sent, or None.
Guard = Callable[[dict[str, Any], dict[str, Any]], str | None]
CallStarted = Callable[[int, int, SavedCall], None]  # (index from 0, how many, the call)
CallDone = Callable[["CallOutcome"], None]


@dataclass(frozen=True)
class CallOutcome:
    """How one saved call went: passed, or the reasons it failed."""

    call: SavedCall
    reasons: tuple[str, ...] = ()
    elapsed_ms: float | None = None
    record: CallRecord | None = None  # None: not sent

    @property
    def passed(self) -> bool:
        return not self.reasons

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.call.name,
            "kind": self.call.kind,
            "item": self.call.item,
            "passed": self.passed,
            "reasons": list(self.reasons),
            "elapsed_ms": None if self.elapsed_ms is None else round(self.elapsed_ms, 1),
            "sent": self.record is not None,
        }


@dataclass(frozen=True)
class RunResult:
    """A whole run: each call's outcome, in order, and the time it all took."""

    collection: str
    target: str
    outcomes: tuple[CallOutcome, ...]
    elapsed_ms: float

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if not o.passed)

    @property
    def passed(self) -> int:
        return len(self.outcomes) - self.failed

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "collection": self.collection,
            "target": self.target,
            "total": len(self.outcomes),
            "passed": self.passed,
            "failed": self.failed,
            "elapsed_ms": round(self.elapsed_ms, 1),
            "calls": [o.to_dict() for o in self.outcomes],
        }


def _catalog_tool(catalog: Any, name: str) -> dict[str, Any] | None:
    tool = catalog.tool(name) if catalog is not None else None
    return tool if isinstance(tool, dict) else None


async def run_saved_call(
    connection: CallTarget | None,
    catalog: Any,
    call: SavedCall,
    *,
    server: str,
    env: Mapping[str, str] | None = None,
    guard: Guard | None = None,
) -> CallOutcome:
    """Send ``call`` (``connection`` None: not connected) and judge it."""
    try:
        arguments = expand_arguments(call.arguments, env)
    except MissingVariable as missing:
        return CallOutcome(call, (f"not sent: {missing}",))
    tool = None
    if call.kind == "tool" and catalog is not None:
        tool = _catalog_tool(catalog, call.item)
        if tool is None:
            return CallOutcome(call, (f"not sent: {server} has no tool named {call.item!r}",))
        refusal = guard(tool, arguments) if guard is not None else None
        if refusal:
            return CallOutcome(call, (f"not sent: {refusal}",))
    record = await run_call(connection, server, call.kind, call.item, arguments)
    expect, result, not_checked = call.expect, record.result, []
    if result is not None and (expect.jsonpath or expect.output_schema):
        from mcptui.core.spill_check import CHECK_KEY
        from mcptui.core.spill_whole import NoLongerKept, TooLarge, cut_texts, whole_in_thread

        if cut_texts(result):  # kept aside: judged whole, or not at all
            try:
                result = await whole_in_thread({k: v for k, v in result.items() if k != CHECK_KEY})
            except (TooLarge, NoLongerKept) as why:
                not_checked = [f"jsonpath / output_schema not checked: the result was cut ({why})"]
                expect = dataclasses.replace(expect, jsonpath=(), output_schema=False)
    reasons = not_checked + expect.failures(
        result=result,
        error=record.error,
        elapsed_ms=record.elapsed_ms,
        output_schema=(tool or {}).get("outputSchema"),
    )
    return CallOutcome(call, tuple(reasons), record.elapsed_ms, record)


async def run_collection(
    connection: CallTarget | None,
    catalog: Any,
    collection: Collection,
    *,
    server: str,
    only: list[str] | None = None,
    env: Mapping[str, str] | None = None,
    guard: Guard | None = None,
    on_start: CallStarted | None = None,
    on_done: CallDone | None = None,
) -> RunResult:
    """Run the calls of ``collection`` (``only``: those names) one after another."""
    calls = [c for c in collection.calls if only is None or c.name in only]
    started = time.perf_counter()
    outcomes = []
    for index, call in enumerate(calls):
        if on_start is not None:
            on_start(index, len(calls), call)
        outcome = await run_saved_call(connection, catalog, call, server=server, env=env, guard=guard)
        outcomes.append(outcome)
        if on_done is not None:
            on_done(outcome)
    return RunResult(collection.name, server, tuple(outcomes), (time.perf_counter() - started) * 1000)
