"""Issue 9 point 1: a flood of elicitation and sampling requests during one call never crashes or
freezes the TUI: one dialog at a time, a few waiting (counted), the rest declined with a reason."""

from __future__ import annotations

import asyncio
import time

from mcptui.core.request_gate import DECLINED, RequestGate
from mcptui.core.server_config import ServerConfig
from mcptui.ui.app import McpTuiApp
from mcptui.ui.screens.elicitation import ElicitationScreen
from mcptui.ui.screens.sampling import SamplingScreen
from tests.hostile.conftest import hostile
from tests.ui.conftest import connected, wait_for


async def test_the_gate_admits_one_at_a_time_queues_a_few_and_declines_the_rest():
    declined: list[tuple[str, str, str]] = []
    gate = RequestGate(max_waiting=2, rate=100, on_decline=lambda *a: declined.append(a))
    release = asyncio.Event()
    open_now: list[int] = []
    peak = 0

    async def ask() -> str:
        nonlocal peak
        open_now.append(1)
        peak = max(peak, len(open_now))
        await release.wait()
        open_now.pop()
        return "answer"

    tasks = [asyncio.create_task(gate.run("s", "elicitation", ask)) for _ in range(10)]
    await asyncio.sleep(0)
    assert gate.waiting("s") == 2
    release.set()
    results = await asyncio.gather(*tasks)
    assert results.count("answer") == 3 and results.count(DECLINED) == 7
    assert peak == 1
    assert declined[0] == ("s", "elicitation", "2 requests already waiting")


async def test_the_gate_rate_limits_per_server():
    now = [0.0]
    gate = RequestGate(rate=2, per=10, clock=lambda: now[0])

    async def ask() -> str:
        return "ok"

    assert [await gate.run("a", "sampling", ask) for _ in range(3)] == ["ok", "ok", DECLINED]
    assert await gate.run("b", "sampling", ask) == "ok"  # another server has its own budget
    now[0] = 11
    assert await gate.run("a", "sampling", ask) == "ok"


async def test_a_cancelled_wait_leaves_the_queue():
    gate = RequestGate()
    hold = asyncio.Event()
    first = asyncio.create_task(gate.run("s", "elicitation", hold.wait))
    second = asyncio.create_task(gate.run("s", "elicitation", hold.wait))
    await asyncio.sleep(0)
    assert gate.waiting("s") == 1
    second.cancel()
    await asyncio.sleep(0)
    assert gate.waiting("s") == 0
    hold.set()
    await first


async def test_500_elicitations_and_500_samplings_leave_the_tui_responsive():
    """One dialog at a time, a few waiting, the rest declined; they all end with the call (issue 11)."""
    command = hostile("flood", 500)
    config = ServerConfig(name="h", transport="stdio", command=command[0], args=command[1:])
    app = McpTuiApp([config])
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: connected(app, "h"), what="connected")
        seen: list[str] = []
        gate = app.handlers.gate
        report = gate.on_decline
        most_dialogs = [0]

        def recording(server: str, kind: str, why: str) -> None:  # the app's own report, and a copy
            seen.append(f"{kind} request declined: {why}")
            report(server, kind, why)

        def dialogs() -> int:
            count = sum(isinstance(s, ElicitationScreen | SamplingScreen) for s in app.screen_stack)
            most_dialogs[0] = max(most_dialogs[0], count)
            return count

        gate.on_decline = recording
        started = time.monotonic()
        call = asyncio.ensure_future(app.manager.connection("h").call_tool("echo", {"x": "1"}))

        def call_done() -> bool:
            dialogs()  # counted while the flood comes in
            return call.done()

        await wait_for(pilot, call_done, what="the call")
        assert call.result()["content"][0]["text"] == "ok"
        await wait_for(
            pilot, lambda: gate.declined >= 1000 - 1 - gate.max_waiting, what="the excess declined"
        )
        # the call that caused them ended (over stdio a request belongs to the server's calls in
        # flight): the open dialog closes with one toast, the waiting ones leave the queue
        await wait_for(pilot, lambda: dialogs() == 0 and gate.waiting("h") == 0, what="the queue drained")
        assert most_dialogs[0] <= 1  # one at a time, no stack of a thousand modals
        assert time.monotonic() - started < 30
        closed = [n.message for n in app._notifications if "the dialog was closed" in n.message]
        # (none when the call ended before the first dialog was up)
        assert closed in ([], ["h: the call echo returned (its last call in flight): the dialog was closed"])
        reasons = set(seen)
        assert (
            reasons
            <= {
                "elicitation request declined: 8 requests already waiting",
                "sampling request declined: 8 requests already waiting",
                "elicitation request declined: more than 20 requests in 60 s",
                "sampling request declined: more than 20 requests in 60 s",
            }
            and reasons
        )
