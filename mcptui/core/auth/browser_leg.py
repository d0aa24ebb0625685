"""The browser leg of the authorization code flow: from the authorization URL to the callback.

:func:`browser_leg` builds the authorization request (PKCE, ``state``, ``resource``; ``prompt=consent``
for a refresh token from an OpenID provider), opens the browser or shows the URL (with an SSH
tunnel command when headless), and waits for the loopback callback or a pasted answer, whichever
comes first, within the login timeout; while it waits the MCP call's timeout stops
(:func:`mcptui.core.request_clock.person_time`). :func:`callback_ports` chooses the loopback ports.
Driven by :class:`mcptui.core.auth.flow.AuthFlow`, whose settings and reporter it uses.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from mcptui.core.auth import browser as browser_mod
from mcptui.core.auth.callback import DEFAULT_PORTS, CallbackListener, CallbackResult, parse_pasted
from mcptui.core.auth.discovery import AuthServer
from mcptui.core.auth.http import AuthHttp, guard
from mcptui.core.auth.interaction import AuthorizationPrompt
from mcptui.core.auth.options import login_hint
from mcptui.core.auth.pkce import new_pkce, new_state
from mcptui.core.auth.token_store import ClientRegistration
from mcptui.core.errors import AuthError, AuthRequired
from mcptui.core.request_clock import person_time

if TYPE_CHECKING:
    from mcptui.core.auth.flow import AuthFlow


def callback_ports(flow: AuthFlow, server: AuthServer) -> list[int]:
    """The loopback ports to try for the callback: the one configured, else the one this
    client was registered with first, then the defaults (8085-8099)."""
    configured = (
        flow.options.callback_port
        if flow.options.callback_port is not None
        else flow.config.auth.callback_port
    )
    reg = flow.store.load_client(server.issuer)
    stored = reg.callback_port() if reg is not None else None
    if configured is not None and configured != 0:
        return [configured]
    rest = [0] if configured == 0 else list(DEFAULT_PORTS)
    return list(dict.fromkeys(([stored] if stored else []) + rest))


async def browser_leg(
    flow: AuthFlow,
    http: AuthHttp,
    listener: CallbackListener,
    server: AuthServer,
    reg: ClientRegistration,
    scope: str | None,
) -> tuple[CallbackResult, str]:
    """Send the person to the authorization endpoint (PKCE, ``state``, ``resource``) and wait
    for the code: the callback's answer, and the PKCE verifier to exchange it with."""
    pkce, state = new_pkce(), new_state()
    params = {
        "response_type": "code",
        "client_id": reg.client_id,
        "redirect_uri": listener.redirect_uri,
        "state": state,
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
        "resource": flow.server_url,
    }
    if scope:
        params["scope"] = scope
        if "offline_access" in scope.split() and server.is_openid:
            params["prompt"] = "consent"  # OpenID Connect Core §11: else no refresh token
    assert server.authorization_endpoint
    await guard(http, flow.report, "authorize", server.authorization_endpoint, "authorization endpoint")
    sep = "&" if "?" in server.authorization_endpoint else "?"
    url = server.authorization_endpoint + sep + urlencode(params)
    listener.expect(state)
    with person_time():  # from the browser opening on, the MCP call's timeout stops
        result = await _person_signs_in(flow, listener, server, url, scope)
    return result, pkce.verifier


async def _person_signs_in(
    flow: AuthFlow, listener: CallbackListener, server: AuthServer, url: str, scope: str | None
) -> CallbackResult:
    """Open ``url`` (or show it) and wait for the callback or a pasted answer."""
    flow.waiting_on_person = True
    opened, why = await browser_mod.open_url(url, flow.options.browser)
    if not opened and not flow.interaction.can_prompt:
        # nobody can paste the answer back and no browser will deliver it: fail now, not at the timeout
        raise flow.report.fail(
            "authorize",
            AuthRequired(f"{flow.config.name} needs you to sign in, but {why}", hint=login_hint(flow.config)),
        )
    headless = not opened
    prompt = AuthorizationPrompt(
        server=flow.config.name,
        url=url,
        redirect_uri=listener.redirect_uri,
        issuer=server.issuer,
        scope=scope,
        browser_opened=opened,
        why_not_opened=why,
        ssh_command=browser_mod.ssh_forward_command(browser_mod.tunnel_ports(listener.port or 0, url))
        if headless
        else None,
        device_grant=bool(server.device_authorization_endpoint),
    )
    flow.report(
        "authorize",
        "start",
        "opened the browser" if opened else f"waiting for you to open the URL ({why})",
        data={"redirect_uri": listener.redirect_uri, "scope": scope, "browser_opened": opened},
    )
    await flow.interaction.show_authorization(prompt)
    try:
        return await asyncio.wait_for(_race(flow, listener, prompt), flow.options.login_timeout)
    except TimeoutError:
        raise flow.report.fail(
            "callback",
            AuthError(
                f"timed out after {flow.options.login_timeout:.0f}s waiting for the sign-in to finish",
                hint=login_hint(flow.config),
            ),
        ) from None


async def _race(flow: AuthFlow, listener: CallbackListener, prompt: AuthorizationPrompt) -> CallbackResult:
    waiter = asyncio.ensure_future(listener.wait())
    paster: asyncio.Future[str | None] | None = None
    try:
        while True:
            if paster is None and flow.interaction.can_prompt:
                paster = asyncio.ensure_future(flow.interaction.read_pasted_response(prompt))
            pending = {waiter} | ({paster} if paster is not None else set())
            done, _ = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            if waiter in done:
                return waiter.result()
            assert paster is not None
            text = paster.result()
            if text is None:  # this interaction cannot paste: only the listener is left
                result = await waiter
                return result
            paster = None
            ok, why = listener.deliver(parse_pasted(text), source="paste")
            if not ok:
                flow.report("callback", "failed", f"the pasted response was not accepted: {why}")
    finally:
        for task in (waiter, paster):
            if task is not None and not task.done():
                task.cancel()
