"""DeviceCodeDialog: sign in with a code typed on another device (RFC 8628's device grant).

Shows the user code big, the verification URL (and the one with the code already filled in,
when the authorization server gives it), the authorization server and the time left until the
code expires. Actions: open the URL (``o``), copy it (``c``, OSC 52 so it reaches your own
clipboard over SSH), Cancel (escape), which sets the prompt's ``cancelled`` event: the engine
stops polling at once and the sign-in fails as cancelled. The dialog closes by itself when
the engine sets ``finished`` (signed in, refused, expired or cancelled). Everything shown came
from the authorization server and goes through :mod:`mcptui.ui.safe_text`, never markup; the
device code itself is never here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from mcptui.ui.safe_text import safe_line, safe_text

if TYPE_CHECKING:
    from mcptui.core.auth.interaction import DevicePrompt


def describe_left(seconds: float, *, countdown: bool = True) -> str:
    """ "expires in 9 min 58 s" ("expired"); without ``countdown`` only how long it was valid for."""
    left = round(seconds)
    if left <= 0:
        return "the code has expired"
    if not countdown:
        return "the code is valid for a limited time"
    return f"the code expires in {left // 60} min {left % 60:02d} s"


class DeviceCodeDialog(ModalScreen[str | None]):
    """The code to enter elsewhere, while the engine polls. See the module docstring."""

    DEFAULT_CSS = """
    DeviceCodeDialog { align: center middle; }
    DeviceCodeDialog > .request-dialog { width: 90%; max-width: 100; height: auto; max-height: 90%; }
    DeviceCodeDialog .kv-row, DeviceCodeDialog .dialog-buttons { height: auto; }
    DeviceCodeDialog .user-code {
        width: 100%; height: 3; content-align: center middle; text-style: bold;
        border: round $accent; margin: 1 0;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog-cancel"),
        Binding("o", "open_url", "Open URL", id="device-open-url"),
        Binding("c", "copy_url", "Copy URL", id="device-copy-url"),
    ]

    def __init__(
        self,
        prompt: DevicePrompt,
        *,
        opener: Callable[[str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.prompt = prompt
        self.server = prompt.server
        self.opener = opener
        self.on_cancel = on_cancel
        self.deadline = time.monotonic() + prompt.expires_in

    @property
    def url(self) -> str:
        """The address to open or copy: with the code filled in when the AS gives one."""
        return self.prompt.verification_uri_complete or self.prompt.verification_uri

    @property
    def countdown(self) -> bool:
        return bool(getattr(self.app, "show_times", True))

    def compose(self) -> ComposeResult:
        prompt = self.prompt
        with VerticalScroll(classes="request-dialog device-dialog") as dialog:
            dialog.border_title = "Sign in with a code"
            yield Static(safe_text(f"{prompt.server}: sign in on any device"), classes="dialog-title")
            yield Static(Text("1. Open this address on your phone or computer:"), classes="dialog-note")
            yield Static(safe_text(f"   {prompt.verification_uri}"), classes="device-url")
            yield Static(Text("2. Enter this code there and approve:"), classes="dialog-note")
            yield Static(safe_text(" ".join(safe_line(prompt.user_code))), classes="user-code")
            if prompt.verification_uri_complete:
                yield Static(
                    Text("Or open this address, the code already filled in (o opens it, c copies it):"),
                    classes="dialog-note",
                )
                yield Static(
                    safe_text(f"   {prompt.verification_uri_complete}"), classes="device-url-complete"
                )
            for name, value in (
                ("authorization server", prompt.issuer),
                ("scope", prompt.scope or "(default)"),
            ):
                with Horizontal(classes="kv-row"):
                    yield Static(name, classes="field-name")
                    yield Static(safe_text(value), classes="kv-value")
            yield Static(self._left_text(), classes="device-expiry dialog-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Open URL (o)", variant="primary", classes="open-button")
                yield Button("Copy URL (c)", classes="copy-button")
                yield Button("Cancel (esc)", classes="cancel-button")

    def _left_text(self) -> Text:
        left = self.deadline - time.monotonic()
        return Text(describe_left(left, countdown=self.countdown) + " · waiting for you to approve…")

    def on_mount(self) -> None:
        self.query_one(".open-button", Button).focus()
        if self.countdown:
            self.set_interval(1.0, self._tick)
        self.run_worker(self._close_when_finished(), exit_on_error=False)

    def _tick(self) -> None:
        self.query_one(".device-expiry", Static).update(self._left_text())

    async def _close_when_finished(self) -> None:
        await self.prompt.finished.wait()
        if self.is_attached and self in self.app.screen_stack:
            self.dismiss(None)

    # --------------------------------------------------------------- actions

    def action_open_url(self) -> None:
        if self.opener is not None:
            self.opener(self.url)

    def action_copy_url(self) -> None:
        self.app.copy_to_clipboard(self.url)
        self.notify("Copied the sign-in address to the clipboard (OSC 52)")

    def action_cancel(self) -> None:
        if self.on_cancel is not None:
            self.on_cancel()
        self.prompt.cancelled.set()  # the engine stops polling now
        self.dismiss("cancel")

    @on(Button.Pressed, ".open-button")
    def _open_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_open_url()

    @on(Button.Pressed, ".copy-button")
    def _copy_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_copy_url()

    @on(Button.Pressed, ".cancel-button")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
