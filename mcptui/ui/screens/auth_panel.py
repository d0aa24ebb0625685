"""The auth panel of one server: saved credentials and the sign-in flow's steps as they happened.

Shows the token state (method, issuer, client kind, scopes, expiry countdown, whether a
refresh token is present; a fingerprint, never the token) and every auth step reported by the
engine, the failing ones highlighted with their advice. **r** refreshes the access token now
(through the saved refresh token), **l** logs out (revokes when the authorization server
allows it, deletes the saved state), **a** signs in again (reconnects).

Everything goes through the session manager (:mod:`mcptui.core.session`), which holds the one
credential store the connections use (``MCPTUI_TOKEN_STORE`` honoured): the panel never builds
a store. The saved state is read when the panel opens, when the server's snapshot changes (an
auth step, a reconnect) and after refresh / logout; the expiry countdown ticks every second
from what was read (unless clocks are hidden, ``timings`` off as in snapshot tests: then it
only says whether the token is still valid).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from mcptui.core.errors import McpTuiError
from mcptui.core.redact import redact_text, redact_url
from mcptui.core.session_state import ServerSnapshot, SnapshotChanged
from mcptui.ui.messages import SessionUpdate
from mcptui.ui.safe_text import safe_line, safe_text

if TYPE_CHECKING:
    from mcptui.ui.app import McpTuiApp

STATUS_STYLES = {"ok": "green", "failed": "bold red", "start": "yellow", "info": "dim"}


def describe_expiry(expires_at: float, now: float, *, countdown: bool = True) -> str:
    """ "in 9 min 59 s" (or "expired"); without ``countdown`` only "valid" / "expired"."""
    left = round(expires_at - now)
    if left <= 0:
        return "expired"
    return f"in {left // 60} min {left % 60:02d} s" if countdown else "valid (countdown hidden)"


def describe_state(state: dict[str, Any], now: float, *, countdown: bool = True) -> Text:
    text = Text()
    if not state.get("signedIn"):
        text.append("No saved credentials.", style="dim")
        return text
    rows = [
        ("method", state.get("method")),
        ("issuer", state.get("issuer")),
        ("client", f"{state.get('clientKind') or '?'} {state.get('clientId') or ''}".strip()),
        ("scopes", state.get("scopes") or "(none)"),
        ("token", state.get("tokenFingerprint") or "-"),
        ("refresh token", "present" if state.get("hasRefreshToken") else "none"),
    ]
    expires = state.get("expiresAt")
    if expires:
        rows.append(("expires", describe_expiry(expires, now, countdown=countdown)))
    for key, value in rows:
        text.append(f"{key:>14}  ", style="bold")
        text.append(safe_line(value) + "\n")
    return text


def describe_steps(session: ServerSnapshot) -> Text:
    text = Text()
    if not session.auth_steps:
        text.append("No sign-in activity in this session.", style="dim")
    for step in session.auth_steps:
        text.append(f"{step.status:<7}", style=STATUS_STYLES.get(step.status, ""))
        text.append(safe_line(f" {step.step:<18} "), style="bold")
        text.append(safe_line(redact_text(step.detail or "")))
        if step.http is not None:
            http = step.http
            text.append(
                "\n" + safe_line(f"          {http.method} {redact_url(http.url)} → {http.status or '…'}"),
                style="dim",
            )
        if step.advice:
            text.append("\n" + safe_line(f"          advice: {redact_text(step.advice)}"), style="yellow")
        text.append("\n")
    return text


class AuthPanel(ModalScreen[None]):
    """Credentials and sign-in steps of one server."""

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="auth-panel-close"),
        Binding(
            "r",
            "refresh_token",
            "Refresh now",
            id="auth-refresh",
            tooltip="Trade the saved refresh token for a new access token",
        ),
        Binding(
            "l", "logout", "Log out", id="auth-logout", tooltip="Revoke and delete the saved credentials"
        ),
        Binding(
            "a", "sign_in", "Sign in again", id="auth-sign-in", tooltip="Reconnect (signs in when needed)"
        ),
    ]

    def __init__(self, session: ServerSnapshot) -> None:
        super().__init__()
        self.server = session.name
        self._first = session
        self._saved: dict[str, Any] | None = None  # what the store holds, as last read

    @property
    def session(self) -> ServerSnapshot:
        """The server as it is now (the manager's latest snapshot)."""
        return self.mcp_app.sessions.get(self.server, self._first)

    @property
    def mcp_app(self) -> McpTuiApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="auth-panel", classes="modal-box"):
            yield Label(safe_text(f"Auth · {self.session.name}"), classes="modal-title")
            yield Static(id="auth-state")
            yield Label("Sign-in steps", classes="modal-title")
            with VerticalScroll(id="auth-steps-scroll"):
                yield Static(id="auth-steps")
            with Horizontal(classes="modal-buttons"):
                if self.has_credentials:  # a stdio server has no token to refresh or revoke
                    yield Button("Refresh now  r", id="auth-refresh")
                    yield Button("Log out  l", id="auth-logout")
                yield Button("Sign in again  a", id="auth-sign-in")
            hint = "r refresh now · l log out · a sign in again" if self.has_credentials else "a reconnect"
            yield Label(f"{hint} · Esc close", classes="modal-hint")

    @property
    def has_credentials(self) -> bool:
        """Only an HTTP server can hold OAuth credentials."""
        from mcptui.core.credentials import Credentials

        return Credentials.applies(self.session.config)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("refresh_token", "logout"):
            return self.has_credentials
        return True

    @property
    def countdown(self) -> bool:
        """Whether clocks are shown (off in snapshot tests: nothing may move there)."""
        return bool(getattr(self.app, "show_times", True))

    def on_mount(self) -> None:
        self.reload()
        if self.countdown:
            self.set_interval(1.0, self.refresh_panel)  # the "expires in" countdown (no store read)

    def on_session_update(self, message: SessionUpdate) -> None:
        event = message.event
        if isinstance(event, SnapshotChanged) and event.server == self.server:
            self.reload()

    def reload(self) -> None:
        """Read the saved state again (through the manager's store), then redraw."""
        self._saved = self.mcp_app.manager.auth_status(self.server) if self.has_credentials else None
        self.refresh_panel()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions: dict[str, Callable[[], object]] = {  # the async ones are workers: calling starts them
            "auth-refresh": self.action_refresh_token,
            "auth-logout": self.action_logout,
            "auth-sign-in": self.action_sign_in,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    def refresh_panel(self) -> None:
        config = self.session.config
        if config.is_stdio or not config.url:
            state_text = Text("stdio server: no HTTP authentication.", style="dim")
        else:
            state_text = describe_state(self._saved or {}, time.time(), countdown=self.countdown)
        self.query_one("#auth-state", Static).update(state_text)
        self.query_one("#auth-steps", Static).update(describe_steps(self.session))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_sign_in(self) -> None:
        self.mcp_app.connect(self.session.name)
        self.dismiss(None)

    @work(group="auth-logout", exclusive=True, exit_on_error=False)
    async def action_logout(self) -> None:
        config = self.session.config
        if config.is_stdio or not config.url:
            return
        outcome = await self.mcp_app.manager.logout(self.server)
        revoked = ", ".join(outcome["revoked"]) or "nothing revoked"
        self.notify(f"{config.name}: logged out ({revoked})")
        self.reload()

    @work(group="auth-refresh", exclusive=True, exit_on_error=False)
    async def action_refresh_token(self) -> None:
        config = self.session.config
        if config.is_stdio or not config.url:
            self.notify(f"{config.name}: stdio servers have no token to refresh", severity="warning")
            return
        try:
            await self.mcp_app.manager.refresh_token(self.server)
        except McpTuiError as error:
            self.notify(f"{error.message}" + (f" ({error.hint})" if error.hint else ""), severity="error")
        else:
            self.notify(f"{config.name}: access token refreshed")
        self.reload()
