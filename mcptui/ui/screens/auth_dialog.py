"""AuthDialog: sign in to a server that needs OAuth, in a way that also works over SSH.

Shows the authorization server, the scope (editable before the browser opens), the resource
and the redirect URI. Actions: open the browser (``o``), copy the URL (``c``, OSC 52 so it
reaches your own clipboard over SSH), paste the redirect URL or the code, use an access token
instead, sign in with a code on another device (``d``, when the authorization server offers
the device grant), cancel (escape). Over SSH it says so and shows the ``ssh -L`` command that forwards the
callback port. The dialog sends nothing: it dismisses with an :class:`AuthDialogResult` and the
auth engine acts on it (the scope the user settled on is in every result). Given an ``opener``,
``o`` opens the browser itself and the dialog stays, saying in its own status line whether it
worked; given a ``check_paste``, a paste the engine would refuse (another sign-in's state, no
code) is refused here, with the reason, and the edited scope stays. The token is typed into a
password box and never shown or logged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from mcptui.ui.safe_text import safe_line, safe_text

AuthAction = Literal["browser", "paste", "token", "device", "cancel"]


@dataclass(frozen=True)
class AuthDialogResult:
    """What the user chose. ``token`` is excluded from ``repr`` so it cannot end up in a log."""

    action: AuthAction
    scope: str | None = None
    pasted: str | None = None
    token: str | None = field(default=None, repr=False)


def with_scope(url: str, scope: str | None) -> str:
    """``url`` with its ``scope`` query parameter replaced (removed when ``scope`` is empty)."""
    if not url:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "scope"]
    if scope:
        query.append(("scope", scope))
    return urlunsplit(parts._replace(query=urlencode(query)))


def query_param(url: str, name: str) -> str | None:
    """The first ``name`` parameter of ``url``'s query (None when absent or empty)."""
    values = [v for k, v in parse_qsl(urlsplit(url).query) if k == name and v] if url else []
    return values[0] if values else None


class AuthDialog(ModalScreen[AuthDialogResult]):
    """The login dialog. See the module docstring."""

    DEFAULT_CSS = """
    AuthDialog { align: center middle; }
    AuthDialog > .request-dialog { width: 90%; max-width: 110; height: auto; max-height: 90%; }
    AuthDialog .kv-row, AuthDialog .dialog-buttons { height: auto; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog-cancel"),
        Binding("o", "browser", "Open browser", id="auth-open-browser"),
        Binding("c", "copy_url", "Copy URL", id="auth-copy-url"),
        Binding("d", "device", "Code on another device", id="auth-device-code"),
    ]

    def __init__(
        self,
        server: str,
        *,
        authorization_server: str,
        scope: str | None,
        resource: str | None,
        redirect_uri: str,
        authorize_url: str,
        over_ssh: bool = False,
        ssh_forward_command: str | None = None,
        device_grant: bool = False,
        opener: Callable[[str], str | None] | None = None,
        check_paste: Callable[[str], str | None] | None = None,
        note: str | None = None,
    ) -> None:
        super().__init__()
        self.opener = opener  # opens a URL; returns why it could not (None: it did)
        self.check_paste = check_paste  # why a paste would be refused (None: it would not)
        self.note = note  # shown in the status line at first (why the dialog is shown again)
        self.server = server
        self.authorization_server = authorization_server
        self.initial_scope = scope or ""
        # the engine may not know it yet, but the authorization URL carries it (RFC 8707)
        self.resource = resource or query_param(authorize_url, "resource")
        self.redirect_uri = redirect_uri
        self.authorize_url = authorize_url
        self.over_ssh = over_ssh
        self.ssh_forward_command = ssh_forward_command
        self.device_grant = device_grant  # the AS offers the device grant (RFC 8628)

    # --------------------------------------------------------------- composition

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="request-dialog auth-dialog") as dialog:
            dialog.border_title = "Sign in"
            yield Static(safe_text(f"{self.server} needs you to sign in"), classes="dialog-title")
            for name, value in (
                ("authorization server", self.authorization_server),
                ("resource", self.resource or "(not stated)"),
                ("redirect", self.redirect_uri),
            ):
                with Horizontal(classes="kv-row"):
                    yield Static(name, classes="field-name")
                    yield Static(safe_text(value), classes="kv-value")
            with Horizontal(classes="kv-row"):
                yield Static("scope", classes="field-name")
                yield Input(
                    safe_line(self.initial_scope),
                    placeholder="(server default)",
                    compact=True,
                    classes="kv-value scope-input",
                )
            yield Static(safe_text(self.current_url), classes="auth-url dialog-note")
            if self.over_ssh:
                yield Static(
                    Text(
                        "You are connected over SSH: a browser opened here runs on the remote machine. "
                        "Copy the URL (c) and open it on your own machine, then paste the address your "
                        "browser lands on (or the code) below"
                        + (", or forward the callback port first:" if self.ssh_forward_command else ".")
                    ),
                    classes="dialog-warning ssh-note",
                )
                if self.ssh_forward_command:
                    yield Static(safe_text(f"  {self.ssh_forward_command}"), classes="ssh-command")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Open browser (o)", variant="primary", classes="browser-button")
                yield Button("Copy URL (c)", classes="copy-button")
                if self.ssh_forward_command:
                    yield Button("Copy ssh command", classes="copy-ssh-button")
                yield Button("Cancel (esc)", classes="cancel-button")
            if self.device_grant:
                yield Button("Sign in with a code on another device (d)", classes="device-button")
            yield Static("Paste the redirect URL or the code:", classes="dialog-note")
            yield Input(placeholder="http://127.0.0.1:…/callback?code=…  or the code", classes="paste-input")
            yield Static("Or use an access token instead of signing in:", classes="dialog-note")
            yield Input(placeholder="access token", password=True, classes="token-input")
            error = Static(safe_text(self.note or "", multiline=True), classes="dialog-error")
            error.display = bool(self.note)
            yield error
            status = Static("", classes="dialog-note dialog-status")
            status.display = False
            yield status

    def on_mount(self) -> None:
        self.query_one(".browser-button", Button).focus()

    # --------------------------------------------------------------- state

    @property
    def scope(self) -> str | None:
        """The scope as the user left it (None when empty: the server's default)."""
        value = self.query_one(".scope-input", Input).value.strip()
        return value or None

    @property
    def current_url(self) -> str:
        """The authorization URL with the scope the user settled on."""
        try:
            scope = self.scope
        except Exception:  # before compose: the scope given
            scope = self.initial_scope or None
        if (scope or "") == self.initial_scope:
            return self.authorize_url
        return with_scope(self.authorize_url, scope)

    @on(Input.Changed, ".scope-input")
    def _scope_changed(self) -> None:
        self.query_one(".auth-url", Static).update(safe_text(self.current_url))

    # --------------------------------------------------------------- actions

    def action_browser(self) -> None:
        if self.opener is None:
            self.dismiss(AuthDialogResult("browser", scope=self.scope))
            return
        problem = self.opener(self.current_url)
        if problem:
            self._error(problem)
        else:
            self._status("Opened the sign-in page in your browser. Finish there, or paste the address below.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.device_grant if action == "device" else True

    def action_device(self) -> None:
        self.dismiss(AuthDialogResult("device", scope=self.scope))

    def action_copy_url(self) -> None:
        self.app.copy_to_clipboard(self.current_url)
        self.notify("Copied the sign-in URL to the clipboard (OSC 52)")

    def action_cancel(self) -> None:
        self.dismiss(AuthDialogResult("cancel", scope=self.scope))

    def _error(self, message: str) -> None:
        self.query_one(".dialog-status", Static).display = False
        error = self.query_one(".dialog-error", Static)
        error.update(safe_text(message, multiline=True))
        error.display = True

    def _status(self, message: str) -> None:
        self.query_one(".dialog-error", Static).display = False
        status = self.query_one(".dialog-status", Static)
        status.update(safe_text(message, multiline=True))
        status.display = True

    @on(Input.Submitted, ".paste-input")
    def _pasted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self._error("Paste the address your browser was sent to (or just the code), then press enter.")
            return
        problem = self.check_paste(text) if self.check_paste is not None else None
        if problem:
            self._error(problem)
            return
        self.dismiss(AuthDialogResult("paste", scope=self.scope, pasted=text))

    @on(Input.Submitted, ".token-input")
    def _token(self, event: Input.Submitted) -> None:
        event.stop()
        token = event.value.strip()
        if not token:
            self._error("Type or paste the access token, then press enter.")
            return
        self.dismiss(AuthDialogResult("token", scope=self.scope, token=token))

    @on(Input.Submitted, ".scope-input")
    def _scope_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(".browser-button", Button).focus()

    @on(Button.Pressed, ".browser-button")
    def _browser_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_browser()

    @on(Button.Pressed, ".copy-button")
    def _copy_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_copy_url()

    @on(Button.Pressed, ".copy-ssh-button")
    def _copy_ssh_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.ssh_forward_command:
            self.app.copy_to_clipboard(self.ssh_forward_command)
            self.notify("Copied the ssh command to the clipboard (OSC 52)")

    @on(Button.Pressed, ".device-button")
    def _device_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_device()

    @on(Button.Pressed, ".cancel-button")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
