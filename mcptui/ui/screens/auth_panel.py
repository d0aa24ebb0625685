"""The auth panel of one server: saved credentials and the sign-in flow's steps as they happened.

Shows the token state (method, issuer, client kind, scopes, expiry countdown, whether a
refresh token is present; a fingerprint, never the token) and every auth step reported by the
engine, the failing ones highlighted with their advice. **l** logs out (revokes when the
authorization server allows it, deletes the saved state), **a** signs in again (reconnects).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

if TYPE_CHECKING:
    from mcptui.ui.app import McpTuiApp
    from mcptui.ui.connection_worker import ServerSession

STATUS_STYLES = {"ok": "green", "failed": "bold red", "start": "yellow", "info": "dim"}


def describe_state(state: dict[str, Any], now: float) -> Text:
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
        left = round(expires - now)
        rows.append(("expires", "expired" if left <= 0 else f"in {left // 60} min {left % 60:02d} s"))
    for key, value in rows:
        text.append(f"{key:>14}  ", style="bold")
        text.append(f"{value}\n")
    return text


def describe_steps(session: ServerSession) -> Text:
    text = Text()
    if not session.auth_steps:
        text.append("No sign-in activity in this session.", style="dim")
    for step in session.auth_steps:
        text.append(f"{step.status:<7}", style=STATUS_STYLES.get(step.status, ""))
        text.append(f" {step.step:<18} ", style="bold")
        text.append(step.detail or "")
        if step.http is not None:
            http = step.http
            text.append(f"\n          {http.method} {http.url} → {http.status or '…'}", style="dim")
        if step.advice:
            text.append(f"\n          advice: {step.advice}", style="yellow")
        text.append("\n")
    return text


class AuthPanel(ModalScreen[None]):
    """Credentials and sign-in steps of one server."""

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="auth-panel-close"),
        Binding(
            "l", "logout", "Log out", id="auth-logout", tooltip="Revoke and delete the saved credentials"
        ),
        Binding(
            "a", "sign_in", "Sign in again", id="auth-sign-in", tooltip="Reconnect (signs in when needed)"
        ),
    ]

    def __init__(self, session: ServerSession) -> None:
        super().__init__()
        self.session = session

    @property
    def mcp_app(self) -> McpTuiApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="auth-panel", classes="modal-box"):
            yield Label(f"Auth · {self.session.name}", classes="modal-title")
            yield Static(id="auth-state")
            yield Label("Sign-in steps", classes="modal-title")
            with VerticalScroll(id="auth-steps-scroll"):
                yield Static(id="auth-steps")
            yield Label("l log out · a sign in again · Esc close", classes="modal-hint")

    def on_mount(self) -> None:
        self.refresh_panel()
        self.set_interval(1.0, self.refresh_panel)

    def _store(self) -> Any:
        from mcptui.core.auth import TokenStore

        return self.mcp_app.auth_options.get("store") or TokenStore()

    def refresh_panel(self) -> None:
        config = self.session.config
        if config.is_stdio or not config.url:
            state_text = Text("stdio server: no HTTP authentication.", style="dim")
        else:
            from mcptui.core.auth.manage import status

            state_text = describe_state(status(config, store=self._store(), now=time.time()), time.time())
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
        from mcptui.core.auth.flow import AuthOptions
        from mcptui.core.auth.manage import logout

        options = AuthOptions()
        for key, value in self.mcp_app.auth_options.items():
            if hasattr(options, key):
                setattr(options, key, value)
        outcome = await logout(
            config,
            store=self._store(),
            options=options,
            interaction=self.mcp_app.auth_interaction,
            sink=self.mcp_app.router,
        )
        revoked = ", ".join(outcome["revoked"]) or "nothing revoked"
        self.notify(f"{config.name}: logged out ({revoked})")
        self.refresh_panel()
