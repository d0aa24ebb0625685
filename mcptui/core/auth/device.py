"""The device authorization grant (RFC 8628): a code to type on any device; no callback, no tunnel.

Used with ``--grant device`` (or ``grant: device``), and chosen by itself when the
authorization server advertises ``device_authorization_endpoint``, there is neither a
browser nor a terminal to paste into, and the interaction can still show the code to
someone (``can_show_codes``: the CLI's stderr is a terminal). Steps, each reported as a ``device`` event: the client
(pre-registered, a stored device registration, else DCR without redirect URI), the device
authorization request, the code shown to the person, then polling the token endpoint at the
server's interval (``authorization_pending`` waits, ``slow_down`` adds 5 s, ``expired_token``
and ``access_denied`` stop with what to do). Cancelling the task, or setting the prompt's
``cancelled`` event (a dialog's Cancel), stops the polling; ``finished`` is set when it ends. The
``device_code`` is a secret: it is never shown or logged.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from mcptui.core.auth.discovery import AuthServer
from mcptui.core.auth.http import AuthHttp, guard, json_object
from mcptui.core.auth.interaction import AuthorizationPrompt, DevicePrompt
from mcptui.core.auth.registration import choose_secret_method, register_dynamic
from mcptui.core.auth.token_endpoint import ClientAuth
from mcptui.core.auth.token_store import ClientRegistration, ServerRecord, TokenSet
from mcptui.core.errors import AuthError
from mcptui.core.request_clock import person_time

if TYPE_CHECKING:
    from mcptui.core.auth.flow import AuthFlow

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
DEVICE_GRANTS = [DEVICE_GRANT, "refresh_token"]
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def device_client(
    flow: AuthFlow, http: AuthHttp, server: AuthServer, scope: str | None
) -> ClientRegistration:
    """A client allowed the device grant: pre-registered, stored, or registered now."""
    client_id = flow.options.client_id or flow.config.auth.client_id
    if client_id:
        secret = flow.options.client_secret or flow.config.auth.client_secret
        flow.report(
            "registration",
            "ok",
            f"using the pre-registered client {client_id}",
            data={"kind": "pre-registered"},
        )
        return ClientRegistration(
            issuer=server.issuer,
            client_id=client_id,
            kind="pre-registered",
            client_secret=secret,
            token_endpoint_auth_method=choose_secret_method(server) if secret else "none",
        )
    stored = flow.store.load_client(server.issuer)
    if stored is not None and DEVICE_GRANT in (stored.grant_types or []):
        flow.report("registration", "ok", f"reusing the device registration with {server.issuer}")
        return stored
    if not server.registration_endpoint:
        raise flow.report.fail(
            "registration",
            AuthError(
                f"no OAuth client for the device grant at {server.issuer}: it offers no dynamic registration",
                hint="register a client there that may use the device grant and pass --client-id",
            ),
        )
    return await register_dynamic(
        server=server,
        redirect_uri=None,
        store=flow.store,
        http=http,
        report=flow.report,
        scope=scope,
        grant_types=DEVICE_GRANTS,
    )


def _error(doc: dict[str, Any], status: int) -> tuple[str, str]:
    raw = doc.get("error")
    error = raw if isinstance(raw, str) else f"HTTP {status}"
    desc = doc.get("error_description")
    return error, f"{error} ({desc})" if isinstance(desc, str) and desc else error


async def device_record(
    flow: AuthFlow, http: AuthHttp, server: AuthServer, scope: str | None
) -> ServerRecord:
    """Sign in with the device grant and save the record."""
    report = flow.report
    endpoint = server.device_authorization_endpoint
    if not endpoint:
        raise report.fail(
            "device",
            AuthError(
                f"the authorization server {server.issuer} does not offer the device grant "
                "(no device_authorization_endpoint)",
                hint="sign in with a browser instead (without --grant device)",
            ),
        )
    assert server.token_endpoint
    await guard(http, report, "device", endpoint, "device authorization endpoint")
    reg = await device_client(flow, http, server, scope)
    client = ClientAuth(
        reg.client_id, reg.token_endpoint_auth_method, reg.client_secret, issuer=server.issuer
    )
    form = {"resource": flow.server_url, **({"scope": scope} if scope else {})}
    headers = dict(FORM)
    client.apply(form, headers, endpoint)
    report("device", "start", f"POST {endpoint} (device authorization)")
    response = await http.request(
        "POST", endpoint, data=form, headers=headers, sends="device authorization endpoint"
    )
    try:
        doc = json_object(response, "device authorization reply")
    except AuthError as exc:
        raise report.fail("device", exc, http=http.last) from None
    if response.status_code != 200:
        _, what = _error(doc, response.status_code)
        raise report.fail(
            "device", AuthError(f"the device authorization request was refused: {what}"), http=http.last
        )
    device_code, user_code = doc.get("device_code"), doc.get("user_code")
    uri = doc.get("verification_uri") or doc.get("verification_url")  # the latter: an early draft's name
    if not all(isinstance(v, str) and v for v in (device_code, user_code, uri)):
        raise report.fail(
            "device",
            AuthError("the device authorization reply lacks device_code, user_code or verification_uri"),
            http=http.last,
        )
    complete = doc.get("verification_uri_complete")
    expires_in = _number(doc.get("expires_in"), 600.0)
    interval = max(1.0, _number(doc.get("interval"), 5.0))
    prompt = DevicePrompt(
        server=flow.config.name,
        issuer=server.issuer,
        user_code=str(user_code),
        verification_uri=str(uri),
        verification_uri_complete=complete if isinstance(complete, str) and complete else None,
        expires_in=expires_in,
        scope=scope,
    )
    report(
        "device",
        "info",
        f"open {prompt.verification_uri} and enter the code {prompt.user_code}",
        http=http.last,
        data={
            "user_code": prompt.user_code,
            "verification_uri": prompt.verification_uri,
            "verification_uri_complete": prompt.verification_uri_complete,
            "expires_in": expires_in,
            "interval": interval,
        },
    )
    try:
        await _show(flow, prompt)
        tokens = await _poll(flow, http, server.token_endpoint, client, str(device_code), prompt, interval)
    finally:
        prompt.finished.set()  # a dialog showing the code closes on it
    return await flow.save_signed_in(server, reg, scope, tokens)


def _number(value: Any, default: float) -> float:
    return (
        float(value)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0
        else default
    )


async def _show(flow: AuthFlow, prompt: DevicePrompt) -> None:
    show = getattr(flow.interaction, "show_device_code", None)
    if show is not None:
        await show(prompt)
        return
    await flow.interaction.show_authorization(  # an interaction without device support: the URL at least
        AuthorizationPrompt(
            server=prompt.server,
            url=prompt.verification_uri_complete or prompt.verification_uri,
            redirect_uri="",
            issuer=prompt.issuer,
            scope=prompt.scope,
            browser_opened=False,
            why_not_opened=f"enter the code {prompt.user_code} there",
        )
    )


async def _pause(flow: AuthFlow, prompt: DevicePrompt, interval: float) -> None:
    """Wait ``interval`` before the next poll; stop when the person cancels (``prompt.cancelled``)."""
    sleeper = asyncio.ensure_future(flow.options.sleep(interval))
    stopper = asyncio.ensure_future(prompt.cancelled.wait())
    try:
        await asyncio.wait({sleeper, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (sleeper, stopper):
            task.cancel()
    if prompt.cancelled.is_set():
        raise flow.report.fail(
            "device", AuthError("the device sign-in was cancelled", hint="sign in again when you are ready")
        )
    sleeper.result()


async def _poll(
    flow: AuthFlow,
    http: AuthHttp,
    endpoint: str,
    client: ClientAuth,
    device_code: str,
    prompt: DevicePrompt,
    interval: float,
) -> TokenSet:

    report, clock = flow.report, flow.options.clock
    deadline = clock() + min(prompt.expires_in, flow.options.login_timeout)
    form = {"grant_type": DEVICE_GRANT, "device_code": device_code, "resource": flow.server_url}
    headers = dict(FORM)
    client.apply(form, headers, endpoint)
    expired = AuthError(
        f"the code {prompt.user_code} expired before the sign-in was finished",
        hint="run the command again for a new code",
    )
    polls = 0
    flow.waiting_on_person = True
    try:
        with person_time():
            while True:
                if clock() + interval > deadline:
                    raise report.fail("device", expired)
                await _pause(flow, prompt, interval)
                polls += 1
                response = await http.request(
                    "POST", endpoint, data=form, headers=headers, sends="token endpoint"
                )
                try:
                    doc = json_object(response, "token endpoint reply")
                except AuthError as exc:
                    raise report.fail("device", exc, http=http.last) from None
                if response.status_code == 200 and isinstance(doc.get("access_token"), str):
                    if str(doc.get("token_type") or "Bearer").lower() != "bearer":
                        raise report.fail(
                            "token",
                            AuthError(f"unsupported token type {doc.get('token_type')!r} (only Bearer)"),
                        )
                    tokens = TokenSet.from_response(doc, clock())
                    report(
                        "token",
                        "ok",
                        "got an access token" + (" and a refresh token" if tokens.refresh_token else ""),
                        http=http.last,
                        data={"scope": tokens.scope, "expires_at": tokens.expires_at, "polls": polls},
                    )
                    return tokens
                error, what = _error(doc, response.status_code)
                if error == "authorization_pending":
                    report(
                        "device", "info", f"waiting for the code to be entered (poll {polls})", http=http.last
                    )
                elif error == "slow_down":
                    interval += 5
                    report(
                        "device", "info", f"asked to slow down: polling every {interval:.0f}s", http=http.last
                    )
                elif error == "expired_token":
                    raise report.fail("device", expired, http=http.last)
                elif error == "access_denied":
                    raise report.fail(
                        "device",
                        AuthError(
                            "the sign-in was declined at the authorization server",
                            hint="run the command again and approve the request",
                        ),
                        http=http.last,
                    )
                else:
                    raise report.fail(
                        "device",
                        AuthError(f"the token endpoint refused the device code: {what}"),
                        http=http.last,
                    )
    except asyncio.CancelledError:
        report("device", "failed", "the device sign-in was cancelled")
        raise
    finally:
        flow.waiting_on_person = False
