"""UrlElicitationScreen: a server asks the user to visit a URL (MCP ``elicitation/create``, URL mode).

URL mode sends the user out of band (a sign-in, a payment, a secret typed into the server's own
page). The dialog shows which server asks, its message and the URL itself, with ``o`` to open it
in a browser and ``c`` to copy it (OSC 52, which works over SSH). Dismisses with ``"accept"``
(opened, or Enter once the user went there), ``"decline"`` or ``"cancel"`` (Esc). The server's
``notifications/elicitation/complete`` closes it as accepted (:meth:`completed`).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class UrlElicitationScreen(ModalScreen[str]):
    """Visit the server's URL (open or copy it), decline, or cancel."""

    DEFAULT_CSS = """
    UrlElicitationScreen { align: center middle; }
    UrlElicitationScreen > .request-dialog { width: 90%; max-width: 110; height: auto; max-height: 90%; }
    UrlElicitationScreen .dialog-buttons { height: auto; }
    UrlElicitationScreen .elicitation-url { padding: 1 0; text-style: underline; }
    """

    BINDINGS = [
        Binding("o", "open_url", "Open", id="elicit-open"),
        Binding("c", "copy_url", "Copy URL", id="elicit-copy"),
        Binding("escape", "cancel", "Cancel", id="dialog-cancel"),
    ]

    def __init__(self, server: str, message: str, url: str, elicitation_id: str | None = None) -> None:
        super().__init__()
        self.server = server
        self.message = message
        self.url = url
        self.elicitation_id = elicitation_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="request-dialog url-elicitation-dialog") as dialog:
            dialog.border_title = "Visit a link"
            yield Static(Text(f"{self.server} asks you to open a link"), classes="dialog-title")
            yield Static(Text(self.message or "(no message)"), classes="dialog-message")
            yield Static(Text(self.url), classes="elicitation-url")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Open in browser (o)", variant="primary", classes="open-button")
                yield Button("Copy URL (c)", classes="copy-button")
                yield Button("Done (enter)", classes="accept-button")
                yield Button("Decline", classes="decline-button")
                yield Button("Cancel (esc)", classes="cancel-button")
            yield Static(
                "Check the address before you go there: only visit it if you trust this server.",
                classes="dialog-note",
            )

    def on_mount(self) -> None:
        self.query_one(".accept-button", Button).focus()

    def action_open_url(self) -> None:
        import webbrowser

        try:
            webbrowser.get()
        except webbrowser.Error:  # no browser here (an SSH session): copying still works
            self.notify("No browser to open here: press c to copy the URL", severity="warning")
            return
        self.app.open_url(self.url)
        self.notify("Opening the link in your browser", timeout=4)
        self.dismiss("accept")

    def action_copy_url(self) -> None:
        self.app.copy_to_clipboard(self.url)
        self.notify("Copied the URL to the clipboard (OSC 52)")

    def action_cancel(self) -> None:
        self.dismiss("cancel")

    def completed(self) -> None:
        """The server says the out-of-band step is done: nothing left to ask."""
        if self.is_attached and self.app.screen is self:
            self.dismiss("accept")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        classes = event.button.classes
        if "open-button" in classes:
            self.action_open_url()
        elif "copy-button" in classes:
            self.action_copy_url()
        elif "accept-button" in classes:
            self.dismiss("accept")
        elif "decline-button" in classes:
            self.dismiss("decline")
        else:
            self.action_cancel()
