"""The auth engine's person, in the TUI: the login dialog, paste-back and "use a token instead".

Implements :class:`mcptui.core.auth.interaction.AuthInteraction` with modal screens:

* ``show_authorization`` pushes the :class:`~mcptui.ui.screens.auth_dialog.AuthDialog` (server,
  scope, redirect, the URL to open or copy, the ``ssh -L`` command over SSH);
* ``read_pasted_response`` awaits that dialog: a pasted redirect URL or code is handed to the
  engine (which checks ``state``); "open the browser" opens it and shows the dialog again;
  "use a token" ends the OAuth attempt so the engine asks :meth:`ask_token`, answered with the
  token typed in the dialog; cancel ends it. If the browser's callback wins the race, the
  engine cancels the wait and the dialog closes by itself. When the authorization server
  offers the device grant, the dialog offers "sign in with a code on another device" instead;
* ``show_device_code`` pushes the :class:`~mcptui.ui.screens.device_dialog.DeviceCodeDialog`
  and returns at once (the engine polls meanwhile); its Cancel stops the polling, and it
  closes by itself when the sign-in ends.

Nothing here logs or shows a token.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

from mcptui.ui.modal_wait import ask_modal

if TYPE_CHECKING:
    from textual.app import App

    from mcptui.core.auth.interaction import (
        AuthorizationPrompt,
        ClientAnswer,
        ClientPrompt,
        DevicePrompt,
        TokenAnswer,
        TokenPrompt,
    )


class UiAuthInteraction:
    """Sign-in prompts as dialogs on ``app``."""

    can_prompt = True

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._tokens: dict[str, str] = {}
        self._declined: set[str] = set()

    async def _ask(self, screen: Any) -> Any:
        # the server's call timeouts stop while a person signs in (a step-up during a call)
        with self._waiting(getattr(screen, "server", None)):
            return await ask_modal(self.app, screen)

    def _waiting(self, server: str | None) -> AbstractContextManager[Any]:
        manager = getattr(self.app, "manager", None)
        return manager.waiting_on_person(server) if manager is not None else nullcontext()

    def _dialog(self, prompt: AuthorizationPrompt, scope: str | None = None) -> Any:
        from mcptui.ui.screens.auth_dialog import AuthDialog

        return AuthDialog(
            prompt.server,
            authorization_server=prompt.issuer,
            scope=prompt.scope if scope is None else scope,
            resource=None,
            redirect_uri=prompt.redirect_uri,
            authorize_url=prompt.url,
            over_ssh=prompt.ssh_command is not None,
            ssh_forward_command=prompt.ssh_command,
            device_grant=prompt.device_grant,
        )

    async def show_authorization(self, prompt: AuthorizationPrompt) -> None:
        self._declined.discard(prompt.server)
        self._tokens.pop(prompt.server, None)
        self.app.notify(
            f"{prompt.server}: sign-in needed"
            + (" (the browser was opened)" if prompt.browser_opened else f" ({prompt.why_not_opened})"),
            severity="warning",
        )

    async def show_device_code(self, prompt: DevicePrompt) -> None:
        """Show the code and return: the engine polls while the dialog is up."""
        from mcptui.ui.screens.device_dialog import DeviceCodeDialog

        self._declined.discard(prompt.server)
        self._tokens.pop(prompt.server, None)
        dialog = DeviceCodeDialog(
            prompt,
            opener=lambda url: self._open_browser(prompt.server, url),
            on_cancel=lambda: self._declined.add(prompt.server),  # no token dialog after a cancel
        )
        self.app.push_screen(dialog)
        self.app.run_worker(
            self._hold_clocks(prompt), group=f"device-code:{prompt.server}", exit_on_error=False
        )

    async def _hold_clocks(self, prompt: DevicePrompt) -> None:
        with self._waiting(prompt.server):  # call timeouts stop while the person signs in
            await prompt.finished.wait()

    async def read_pasted_response(self, prompt: AuthorizationPrompt) -> str | None:
        from mcptui.core.auth.interaction import UseDeviceCode
        from mcptui.core.errors import AuthError
        from mcptui.ui.screens.auth_dialog import with_scope

        scope: str | None = None  # what the user settled on survives the dialog being shown again
        while True:
            result = await self._ask(self._dialog(prompt, scope))
            action = getattr(result, "action", "cancel")
            scope = getattr(result, "scope", None) or ""
            if action == "paste" and result.pasted:
                return str(result.pasted)
            if action == "browser":
                self._open_browser(prompt.server, with_scope(prompt.url, result.scope))
                continue
            if action == "token" and result.token:
                self._tokens[prompt.server] = result.token
                raise AuthError("signing in with a token instead of OAuth")
            if action == "device":
                raise UseDeviceCode(result.scope)
            self._declined.add(prompt.server)
            raise AuthError("sign-in cancelled", hint="press F7 to try again")

    def _open_browser(self, server: str, url: str) -> None:
        """Open ``url``, or say why not (no browser here, e.g. over SSH: copy it instead)."""
        import webbrowser

        try:
            webbrowser.get()
        except webbrowser.Error:
            self.app.notify(
                f"{server}: no browser to open here; copy the URL (c) and open it on your machine",
                severity="warning",
            )
            return
        self.app.open_url(url)
        self.app.notify(f"{server}: opening the sign-in page in your browser", timeout=4)

    async def ask_token(self, prompt: TokenPrompt) -> TokenAnswer | None:
        from mcptui.core.auth.interaction import TokenAnswer

        token = self._tokens.pop(prompt.server, None)
        if token:
            return TokenAnswer(kind="bearer", token=token)
        if prompt.server in self._declined:
            return None
        from mcptui.ui.screens.token_dialog import TokenDialog

        answer = await self._ask(TokenDialog(prompt.server, prompt.reason, prompt.server_url))
        if not answer:
            self._declined.add(prompt.server)
            return None
        return TokenAnswer(kind="bearer", token=answer)

    async def ask_client(self, prompt: ClientPrompt) -> ClientAnswer | None:
        self.app.notify(
            f"{prompt.server}: {prompt.reason}. Register a client with redirect URI {prompt.redirect_uri} "
            "and set auth.client_id in the servers file.",
            severity="warning",
            timeout=15,
        )
        return None

    async def confirm_scope(self, server: str, scope: str | None) -> str | None:
        return scope  # the login dialog lets the user edit it before the browser opens
