"""A server request ends with the call that caused it, which says how it ended."""

from __future__ import annotations

import asyncio
import contextvars

import pytest

from mcptui.core.handlers import sdk_callbacks
from mcptui.core.request_link import CallsInFlight, PendingRequest


@pytest.mark.parametrize(
    ("error", "how"),
    [
        (None, "returned"),
        (ValueError("no"), "failed"),
        (TimeoutError(), "timed out"),
        (asyncio.CancelledError(), "was cancelled"),
    ],
)
async def test_the_call_says_how_it_ended(error, how) -> None:
    calls = CallsInFlight()
    request = PendingRequest("srv", "elicitation")
    watcher = None
    try:
        with calls.running("the call add"):
            watcher = asyncio.ensure_future(calls.wait_for_cause(request))  # in the call's context
            await asyncio.sleep(0)
            if error is not None:
                raise error
    except BaseException as exc:  # noqa: BLE001
        assert exc is error
    await watcher
    assert request.why == f"the call add {how}"
    assert not calls.calls


async def test_a_request_asked_once_its_call_ended_ends_at_once() -> None:
    calls = CallsInFlight()
    request = PendingRequest("srv", "elicitation")
    with calls.running("the call add"):
        watcher = asyncio.ensure_future(calls.wait_for_cause(request))  # starts after the call
    await asyncio.wait_for(watcher, 5)
    assert request.why == "the call add returned"


async def test_a_request_with_no_link_ends_with_the_last_call_in_flight() -> None:
    calls = CallsInFlight()
    request = PendingRequest("srv", "sampling")
    loop = asyncio.get_running_loop()
    with calls.running("the call one"):
        with calls.running("the call two"):
            # as over stdio: the SDK runs the request outside any call's context
            watcher = loop.create_task(calls.wait_for_cause(request), context=contextvars.Context())
            await asyncio.sleep(0)
        await asyncio.sleep(0)
        assert not request.ended.is_set()  # a call is still in flight
    await asyncio.wait_for(watcher, 5)
    assert request.why == "the call one returned (its last call in flight)"


async def test_a_failing_front_end_declines_with_its_own_message() -> None:
    import mcp.types as types

    class Broken:
        async def elicit(self, server, message, schema):
            raise RuntimeError("boom")

        async def sample(self, server, params):
            return None

        def roots(self, server):
            return []

    callbacks = sdk_callbacks(Broken(), "srv", calls=CallsInFlight())
    params = types.ElicitRequestFormParams(message="?", requested_schema={"type": "object", "properties": {}})
    answer = await callbacks["elicitation_callback"](None, params)
    assert answer.message == "elicitation failed: boom"
