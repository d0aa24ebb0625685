"""The auth engine's person, in the TUI: the login dialog, paste-back and "use a token instead".

Implements :class:`mcptui.core.auth.interaction.AuthInteraction` with modal screens:

* ``show_authorization`` pushes the :class:`~mcptui.ui.screens.auth_dialog.AuthDialog` (server,
  scope, redirect, the URL to open or copy, the ``ssh -L`` command over SSH);
* ``read_pasted_response`` awaits that dialog: a pasted redirect URL or code is handed to the
  engine (which checks ``state``), after the same checks here so that a paste the engine would
  refuse is refused in the dialog, with the reason, the edited scope kept; "open the browser"
  opens it from the dialog, which stays and says whether it worked; "use a token" ends the
  OAuth attempt (:class:`UseToken`, also during a 403 step-up) so the engine asks
  :meth:`ask_token`, answered with the token typed in the dialog; cancel ends it. If the engine
  still refuses a paste it asks again: the dialog comes back with the scope and says so. If
  the browser's callback wins the race, the engine cancels the wait and the dialog closes by
  itself. When the authorization server offers the device grant, the dialog offers "sign in
  with a code on another device" instead;
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
        self._pasted: dict[str, tuple[str, str | None]] = {}  # server -> (sign-in URL, scope) of a paste

    async def _ask(self, screen: Any) -> Any:
        # the server's call timeouts stop while a person signs in (a step-up during a call)
        with self._waiting(getattr(screen, "server", None)):
            return await ask_modal(self.app, screen)

    def _waiting(self, server: str | None) -> AbstractContextManager[Any]:
        manager = getattr(self.app, "manager", None)
        return manager.waiting_on_person(server) if manager is not None else nullcontext()

    def _dialog(self, prompt: AuthorizationPrompt, scope: str | None = None, note: str | None = None) -> Any:
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
            opener=self._browser_problem,
            check_paste=lambda text: paste_problem(prompt.url, text),
            note=note,
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
        from mcptui.core.auth.interaction import UseDeviceCode, UseToken
        from mcptui.core.errors import AuthError
        from mcptui.ui.screens.auth_dialog import with_scope

        scope: str | None = None  # what the user settled on survives the dialog being shown again
        note: str | None = None
        earlier = self._pasted.pop(prompt.server, None)
        if earlier is not None and earlier[0] == prompt.url:  # asked again: the engine refused the paste
            scope = earlier[1]
            note = (
                "The pasted response was not accepted (the console says why). Paste it again, or try again."
            )
        while True:
            result = await self._ask(self._dialog(prompt, scope, note))
            action = getattr(result, "action", "cancel")
            scope = getattr(result, "scope", None) or ""
            note = None
            if action == "paste" and result.pasted:
                self._pasted[prompt.server] = (prompt.url, scope)
                return str(result.pasted)
            if action == "browser":  # a dialog without an opener
                note = self._browser_problem(with_scope(prompt.url, result.scope))
                continue
            if action == "token" and result.token:
                self._tokens[prompt.server] = result.token
                raise UseToken()
            if action == "device":
                raise UseDeviceCode(result.scope)
            self._declined.add(prompt.server)
            raise AuthError("sign-in cancelled", hint="press F7 to try again")

    def _browser_problem(self, url: str) -> str | None:
        """Open ``url``; why not when there is no browser here (e.g. over SSH: copy it instead)."""
        import webbrowser

        try:
            webbrowser.get()
        except webbrowser.Error:
            return (
                "There is no browser to open here: copy the URL (c), open it on your own machine, "
                "then paste the address it lands on below."
            )
        self.app.open_url(url)
        return None

    def _open_browser(self, server: str, url: str) -> None:
        """Open ``url``, or say why not, in a toast (for dialogs without a status line)."""
        problem = self._browser_problem(url)
        if problem:
            self.app.notify(f"{server}: {problem}", severity="warning")
        else:
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


def paste_problem(authorize_url: str, text: str) -> str | None:
    """Why the auth engine would refuse ``text`` pasted for the sign-in at ``authorize_url``.

    The engine's own checks (``CallbackListener.deliver``), made before the dialog closes so
    that the person can correct the paste in place; the engine checks again.
    """
    import secrets

    from mcptui.core.auth.callback import parse_pasted
    from mcptui.ui.screens.auth_dialog import query_param

    params = parse_pasted(text)
    if set(params) == {"code"}:
        return None if params["code"] else "Paste the address your browser was sent to, or just the code."
    state, expected = params.get("state"), query_param(authorize_url, "state")
    if not state:
        return "That has no state: paste the whole address your browser landed on (or just the code)."
    if expected is not None and not secrets.compare_digest(state, expected):
        return (
            "That answer belongs to another sign-in (its state does not match this one): "
            "paste the address from this sign-in."
        )
    if not params.get("code") and not params.get("error"):
        return (
            "That address has neither a code nor an error: "
            "paste the one your browser landed on after signing in."
        )
    return None
