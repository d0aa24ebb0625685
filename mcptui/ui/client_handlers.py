"""Server requests answered by the user: elicitation and sampling modals, and roots.

Roots are only the folders the user gave the server (its ``roots`` entry, ``--root``, or
the roots editor): none by default, never the working directory.

Implements :class:`mcptui.core.handlers.ClientHandlers` for the TUI. A request arrives on
the connection's task; the handler pushes a modal screen and awaits a future that the
screen's dismiss callback resolves, so nothing blocks the UI while the user answers. When the
server withdraws its request (``notifications/cancelled``: the SDK cancels the handler and
never answers), or what caused it ends (its call returned, failed, was cancelled or timed out;
the connection closed: :mod:`mcptui.core.request_link`), the dialog closes by itself and one
toast says why: nothing is sent.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from mcptui.core.events import Notice
from mcptui.core.request_gate import DECLINED, RequestGate
from mcptui.core.request_link import current_request
from mcptui.ui.modal_wait import ask_modal
from mcptui.ui.safe_text import safe_line

if TYPE_CHECKING:
    from textual.app import App


class UiClientHandlers:
    """Elicitation and sampling through modals; roots from an editable per-server list."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.root_lists: dict[str, list[dict[str, Any]]] = {}
        self.url_dialogs: dict[tuple[str, str | None], Any] = {}  # open URL-mode dialogs
        self.gate = RequestGate(on_decline=self._declined, on_waiting=self._waiting)
        self._shown: dict[str, int] = {}

    async def _ask(self, screen: Any) -> Any:
        try:
            return await ask_modal(self.app, screen)
        except asyncio.CancelledError:  # the dialog is closed already (ask_modal); nothing is sent
            server = getattr(screen, "server", "the server")
            request = current_request()
            reason = request.why if request is not None else None
            why = f"{server}: {reason}" if reason else f"{server} withdrew its request"
            self.app.notify(safe_line(f"{why}: the dialog was closed"), severity="warning", markup=False)
            raise

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

    async def elicit_url(self, server: str, message: str, url: str, elicitation_id: str | None) -> str:
        """URL mode: show the URL (open / copy); "accept", "decline" or "cancel"."""
        from mcptui.ui.screens.url_elicitation import UrlElicitationScreen

        screen = UrlElicitationScreen(server, message, url, elicitation_id)
        self.url_dialogs[(server, elicitation_id)] = screen
        try:  # through the same gate as the other server requests: one dialog at a time
            result = await self.gate.run(server, "elicitation", lambda: self._ask(screen))
            return "decline" if result is DECLINED else (result or "cancel")
        finally:
            if self.url_dialogs.get((server, elicitation_id)) is screen:
                del self.url_dialogs[(server, elicitation_id)]

    def elicitation_complete(self, server: str, elicitation_id: str) -> None:
        """The server finished a URL elicitation: close its dialog if still open, and say so."""
        screen = self.url_dialogs.get((server, elicitation_id))
        if screen is not None:
            screen.completed()
        self.app.notify(f"{server}: the step in the browser is complete", timeout=4)

    async def sample(self, server: str, params: dict[str, Any]) -> dict[str, Any] | None:
        from mcptui.ui.screens.sampling import SamplingScreen

        result = await self.gate.run(server, "sampling", lambda: self._ask(SamplingScreen(server, params)))
        return None if result is DECLINED else result

    def roots(self, server: str) -> list[dict[str, Any]]:
        if server not in self.root_lists:
            from mcptui.core.roots import root_entries

            session = getattr(self.app, "sessions", {}).get(server)
            self.root_lists[server] = root_entries(session.config.roots) if session is not None else []
        return self.root_lists[server]
