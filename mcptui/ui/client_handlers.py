"""Server requests answered by the user: elicitation and sampling modals, and roots.

Implements :class:`mcptui.core.handlers.ClientHandlers` for the TUI. A request arrives on
the connection's task; the handler pushes a modal screen and awaits a future that the
screen's dismiss callback resolves, so nothing blocks the UI while the user answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcptui.core.events import Notice
from mcptui.core.request_gate import DECLINED, RequestGate
from mcptui.ui.modal_wait import ask_modal

if TYPE_CHECKING:
    from textual.app import App


class UiClientHandlers:
    """Elicitation and sampling through modals; roots from an editable per-server list."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.root_lists: dict[str, list[dict[str, Any]]] = {}
        self.gate = RequestGate(on_decline=self._declined, on_waiting=self._waiting)
        self._shown: dict[str, int] = {}

    async def _ask(self, screen: Any) -> Any:
        return await ask_modal(self.app, screen)

    def _declined(self, server: str, kind: str, why: str) -> None:
        sink = getattr(self.app, "router", None)
        if sink is not None:  # the console shows it; no dialog, no toast per request
            sink(Notice(server=server, level="warning", text=f"{kind} request declined: {why}"))

    def _waiting(self, server: str, count: int) -> None:
        if count > self._shown.get(server, 0):  # said as the queue grows, not on every turn
            self.app.notify(f"{server}: {count} more request(s) waiting", timeout=3)
        self._shown[server] = count

    async def elicit(self, server: str, message: str, schema: dict[str, Any]) -> tuple[str, dict | None]:
        from mcptui.ui.screens.elicitation import ElicitationScreen

        result = await self.gate.run(
            server, "elicitation", lambda: self._ask(ElicitationScreen(server, message, schema))
        )
        if result is DECLINED:
            return "decline", None
        if not result:
            return "cancel", None
        action, content = result
        return action, content if action == "accept" else None

    async def sample(self, server: str, params: dict[str, Any]) -> dict[str, Any] | None:
        from mcptui.ui.screens.sampling import SamplingScreen

        result = await self.gate.run(server, "sampling", lambda: self._ask(SamplingScreen(server, params)))
        return None if result is DECLINED else result

    def roots(self, server: str) -> list[dict[str, Any]]:
        if server not in self.root_lists:
            self.root_lists[server] = [{"uri": Path.cwd().as_uri(), "name": "working directory"}]
        return self.root_lists[server]
