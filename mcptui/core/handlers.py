"""Requests a server makes of the client: elicitation, sampling, roots.

The CLI and the UI each implement :class:`ClientHandlers` their own way (a TTY prompt, a
modal form); :func:`sdk_callbacks` adapts one to the SDK's callback signatures. Everything
crossing this boundary is a plain wire-form dict, so implementations need no SDK import.

While a person answers (:func:`_answered_by_person`): the call timeouts stop, a request that
carries ``_meta.progressToken`` is kept alive with ``notifications/progress`` every
:data:`KEEPALIVE_SECONDS` (2025-11-25 only: later revisions have no client progress), and the
question ends when what caused it ends (:mod:`mcptui.core.request_link`): the front end's wait
is cancelled and nothing is ever answered (the request stays unanswered until the server
withdraws it or the connection closes).
"""

from __future__ import annotations

import warnings
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Literal, Protocol, TypeVar, runtime_checkable

import anyio

from mcptui.core.request_clock import sdk_request_clock_paused
from mcptui.core.request_link import CallsInFlight, PendingRequest, current_call

ElicitAction = Literal["accept", "decline", "cancel"]
T = TypeVar("T")
KEEPALIVE_SECONDS = 5.0  # how often a request with a progress token hears that a person is on it


@runtime_checkable
class ClientHandlers(Protocol):
    """What a front end answers when the server asks."""

    async def elicit(
        self, server: str, message: str, schema: dict[str, Any]
    ) -> tuple[ElicitAction, dict[str, Any] | None]:
        """Ask the user for the fields of ``schema``; return the action and the content."""
        ...

    async def sample(self, server: str, params: dict[str, Any]) -> dict[str, Any] | None:
        """Return a CreateMessageResult-shaped dict, or None to reject the request."""
        ...

    def roots(self, server: str) -> list[dict[str, Any]]:
        """The roots offered to the server: ``[{"uri": "file:///...", "name": ...}]``."""
        ...


async def _keep_alive(context: Any, every: float) -> None:
    """Tell the server a person is answering: progress on its token every ``every`` seconds."""
    meta = getattr(context, "meta", None)
    token = None
    if isinstance(meta, dict):  # the SDK's RequestParamsMeta (a TypedDict), or a wire dict
        token = meta.get("progress_token", meta.get("progressToken"))
    session = getattr(context, "session", None)
    if token is None or session is None:
        return
    beats = 0
    while True:
        await anyio.sleep(every)
        beats += 1
        try:
            with warnings.catch_warnings():  # client progress is deprecated in 2026-07-28, not in 2025
                warnings.simplefilter("ignore")  # (the SDK's MCPDeprecationWarning)
                await session.send_progress_notification(token, beats, message="waiting for the user")
        except Exception:  # noqa: BLE001 - the connection is going: the question ends another way
            return


async def _answered_by_person(
    server: str,
    kind: str,
    context: Any,
    ask: Callable[[], Awaitable[T]],
    *,
    waiting: Callable[[], AbstractContextManager[Any]],
    calls: CallsInFlight | None,
    keepalive: float | None,
    legacy: Callable[[], bool],
) -> T:
    """``await ask()`` with the clocks stopped and kept alive; never returns once its cause ended."""
    # 2026-07-28: an input request is asked inside its call (it ends with it, never withdrawn)
    request = PendingRequest(server, kind, within=None if legacy() else current_call())
    outcome: list[T] = []
    failure: list[Exception] = []  # raised after the task group (which would wrap it in a group)
    every = KEEPALIVE_SECONDS if keepalive is None else keepalive
    registry = calls or CallsInFlight()
    cause = registry.cause()  # taken as it arrives, before anything is awaited
    with registry.asking(request), waiting(), sdk_request_clock_paused():
        async with anyio.create_task_group() as group:

            async def watch_cause() -> None:
                await cause(request)

            async def end_when_ended() -> None:
                await request.ended.wait()
                group.cancel_scope.cancel()

            if calls is not None:
                group.start_soon(watch_cause)
            group.start_soon(end_when_ended)
            if legacy():
                group.start_soon(_keep_alive, context, every)
            try:
                outcome.append(await ask())
            except Exception as exc:  # noqa: BLE001 - re-raised below, as itself
                failure.append(exc)
            group.cancel_scope.cancel()
    if failure:
        raise failure[0]
    if outcome:
        return outcome[0]
    await anyio.sleep_forever()  # its cause ended: nothing is answered, ever
    raise AssertionError("unreachable")


def sdk_callbacks(
    handlers: ClientHandlers,
    server: str,
    waiting: Callable[[], AbstractContextManager[Any]] = nullcontext,
    *,
    calls: CallsInFlight | None = None,
    keepalive: float | None = None,
    legacy: Callable[[], bool] = lambda: True,
) -> dict[str, Any]:
    """Keyword arguments for ``mcp.Client`` wiring ``handlers`` in.

    ``waiting``: a context manager open while a person answers (it stops the call timeouts).
    ``calls``: the connection's calls in flight (a question ends with the call that caused it).
    ``keepalive``: seconds between keep-alive progress notifications (default
    :data:`KEEPALIVE_SECONDS`). ``legacy``: whether the connection speaks 2025-11-25.
    """
    import mcp.types as types

    def person(kind: str, context: Any, ask: Callable[[], Awaitable[T]]) -> Awaitable[T]:
        return _answered_by_person(
            server, kind, context, ask, waiting=waiting, calls=calls, keepalive=keepalive, legacy=legacy
        )

    async def elicitation(
        context: Any, params: types.ElicitRequestParams
    ) -> types.ElicitResult | types.ErrorData:
        schema = getattr(params, "requested_schema", None) or {}
        message = getattr(params, "message", "") or ""
        if getattr(params, "mode", "form") == "url":
            return await url_elicitation(context, params, message)
        try:
            action, content = await person(
                "elicitation", context, lambda: handlers.elicit(server, message, schema)
            )
        except Exception as exc:  # noqa: BLE001 - a failing front end declines, with a reason
            return types.ErrorData(code=types.INTERNAL_ERROR, message=f"elicitation failed: {exc}")
        return types.ElicitResult(action=action, content=content if action == "accept" else None)

    async def url_elicitation(
        context: Any, params: Any, message: str
    ) -> types.ElicitResult | types.ErrorData:
        ask = getattr(handlers, "elicit_url", None)  # optional: a front end without it declines
        if ask is None:
            return types.ElicitResult(action="decline")
        url, elicitation_id = str(params.url), getattr(params, "elicitation_id", None)
        try:
            action = await person("elicitation", context, lambda: ask(server, message, url, elicitation_id))
        except Exception as exc:  # noqa: BLE001
            return types.ErrorData(code=types.INTERNAL_ERROR, message=f"elicitation failed: {exc}")
        return types.ElicitResult(action=action)

    async def sampling(
        context: Any, params: types.CreateMessageRequestParams
    ) -> types.CreateMessageResult | types.ErrorData:
        wire = params.model_dump(by_alias=True, exclude_none=True, mode="json")
        try:
            answer = await person("sampling", context, lambda: handlers.sample(server, wire))
        except Exception as exc:  # noqa: BLE001
            return types.ErrorData(code=types.INTERNAL_ERROR, message=f"sampling failed: {exc}")
        if answer is None:
            return types.ErrorData(
                code=types.INVALID_REQUEST, message="The user rejected the sampling request"
            )
        return types.CreateMessageResult.model_validate(answer)

    async def list_roots(_context: Any) -> types.ListRootsResult:
        roots = [types.Root.model_validate(r) for r in handlers.roots(server)]
        return types.ListRootsResult(roots=roots)

    return {
        "elicitation_callback": elicitation,
        "sampling_callback": sampling,
        "list_roots_callback": list_roots,
    }
