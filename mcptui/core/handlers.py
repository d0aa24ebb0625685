"""Requests a server makes of the client: elicitation, sampling, roots.

The CLI and the UI each implement :class:`ClientHandlers` their own way (a TTY prompt, a
modal form); :func:`sdk_callbacks` adapts one to the SDK's callback signatures. Everything
crossing this boundary is a plain wire-form dict, so implementations need no SDK import.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Literal, Protocol, runtime_checkable

ElicitAction = Literal["accept", "decline", "cancel"]


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


def sdk_callbacks(
    handlers: ClientHandlers,
    server: str,
    waiting: Callable[[], AbstractContextManager[Any]] = nullcontext,
) -> dict[str, Any]:
    """Keyword arguments for ``mcp.Client`` wiring ``handlers`` in.

    ``waiting``: a context manager open while a person answers (it stops the call timeouts).
    """
    import mcp.types as types

    async def elicitation(
        _context: Any, params: types.ElicitRequestParams
    ) -> types.ElicitResult | types.ErrorData:
        schema = getattr(params, "requested_schema", None) or {}
        message = getattr(params, "message", "") or ""
        if getattr(params, "mode", "form") == "url":
            return await url_elicitation(params, message)
        try:
            with waiting():
                action, content = await handlers.elicit(server, message, schema)
        except Exception as exc:  # noqa: BLE001 - a failing front end declines, with a reason
            return types.ErrorData(code=types.INTERNAL_ERROR, message=f"elicitation failed: {exc}")
        return types.ElicitResult(action=action, content=content if action == "accept" else None)

    async def url_elicitation(params: Any, message: str) -> types.ElicitResult | types.ErrorData:
        ask = getattr(handlers, "elicit_url", None)  # optional: a front end without it declines
        if ask is None:
            return types.ElicitResult(action="decline")
        try:
            with waiting():
                action = await ask(server, message, str(params.url), getattr(params, "elicitation_id", None))
        except Exception as exc:  # noqa: BLE001
            return types.ErrorData(code=types.INTERNAL_ERROR, message=f"elicitation failed: {exc}")
        return types.ElicitResult(action=action)

    async def sampling(
        _context: Any, params: types.CreateMessageRequestParams
    ) -> types.CreateMessageResult | types.ErrorData:
        wire = params.model_dump(by_alias=True, exclude_none=True, mode="json")
        try:
            with waiting():
                answer = await handlers.sample(server, wire)
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
