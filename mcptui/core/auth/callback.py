"""The loopback redirect listener: 127.0.0.1 only, one expected path, one expected ``state``.

It binds the first free port of a list (default 8085–8099; ``0`` means any free port),
answers only ``GET <path>`` with the expected ``state`` (wrong path → 404, wrong or missing
state → 400, a second delivery → 400 "already used"), and shows a small page saying the tab
can be closed. The same checks apply to a redirect URL, query string or bare code pasted by
the user (:meth:`CallbackListener.deliver`), which races the listener.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

DEFAULT_PORTS = tuple(range(8085, 8100))
CALLBACK_PATH = "/callback"


@dataclass(frozen=True)
class CallbackResult:
    """What came back on the redirect. ``code`` is secret: never shown or logged."""

    code: str | None = field(default=None, repr=False)
    state: str | None = field(default=None, repr=False)
    iss: str | None = None
    error: str | None = None
    error_description: str | None = None
    source: str = "listener"  # listener | paste
    state_checked: bool = True


def parse_pasted(text: str) -> dict[str, str]:
    """A pasted redirect URL, query string (with or without ``?``) or bare code, as params."""
    text = text.strip().strip('"').strip("'")
    if not text:
        return {}
    if "://" in text:
        parts = urlsplit(text)
        return dict(parse_qsl(parts.query or parts.fragment, keep_blank_values=True))
    if "=" in text:
        return dict(parse_qsl(text.lstrip("?"), keep_blank_values=True))
    return {"code": text}


_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>mcptui</title>
<style>body{{font-family:system-ui,sans-serif;max-width:32em;margin:4em auto;color:#222}}</style></head>
<body><h1>{title}</h1><p>{text}</p></body></html>"""


class CallbackListener:
    """One authorization's redirect endpoint. Use as ``async with``."""

    def __init__(self, ports: Iterable[int] | int | None = None, *, path: str = CALLBACK_PATH) -> None:
        if ports is None:
            ports = DEFAULT_PORTS
        self.ports = [ports] if isinstance(ports, int) else list(ports)
        self.path = path
        self.host = "127.0.0.1"
        self.port: int | None = None
        self._server: asyncio.Server | None = None
        self._expected_state: str | None = None
        self._result: asyncio.Future[CallbackResult] | None = None
        self.rejected: list[str] = []  # one line per refused request (for events and tests)
        self.on_reject: Callable[[str], None] | None = None

    @property
    def redirect_uri(self) -> str:
        assert self.port is not None, "listener not started"
        return f"http://{self.host}:{self.port}{self.path}"

    async def start(self) -> None:
        errors: list[str] = []
        for port in self.ports:
            try:
                self._server = await asyncio.start_server(self._handle, self.host, port)
            except OSError as exc:
                errors.append(f"{port}: {exc.strerror}")
                continue
            self.port = self._server.sockets[0].getsockname()[1]
            return
        from mcptui.core.errors import AuthError

        raise AuthError(
            "no free port for the OAuth callback listener (" + ", ".join(map(str, self.ports[:3])) + "...)",
            hint="choose another port with --callback-port (0 = any free port)",
        )

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)
            self._server = None

    async def __aenter__(self) -> CallbackListener:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def expect(self, state: str) -> None:
        """Arm the listener for one authorization request."""
        self._expected_state = state
        self._result = asyncio.get_running_loop().create_future()

    async def wait(self) -> CallbackResult:
        assert self._result is not None, "call expect() first"
        return await asyncio.shield(self._result)

    def deliver(self, params: dict[str, str], *, source: str = "paste") -> tuple[bool, str]:
        """Offer a result (from the listener or a paste). Returns (accepted, reason)."""
        if self._result is None:
            return False, "no authorization is in progress"
        if self._result.done():
            return False, "this authorization response was already used"
        state = params.get("state")
        bare_code = source == "paste" and set(params) == {"code"}
        if not bare_code:
            if not state:
                return False, "the response has no state"
            if self._expected_state is None or not secrets.compare_digest(state, self._expected_state):
                return False, "the response's state does not match this authorization request"
        if not params.get("code") and not params.get("error"):
            return False, "the response has neither a code nor an error"
        self._result.set_result(
            CallbackResult(
                code=params.get("code"),
                state=state,
                iss=params.get("iss"),
                error=params.get("error"),
                error_description=params.get("error_description"),
                source=source,
                state_checked=not bare_code,
            )
        )
        return True, "ok"

    def _reject(self, reason: str) -> None:
        self.rejected.append(reason)
        if self.on_reject is not None:
            with contextlib.suppress(Exception):
                self.on_reject(reason)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ConnectionError):
            writer.close()
            return
        line = head.split(b"\r\n", 1)[0].decode("latin-1")
        parts = line.split(" ")
        status, title, text = 404, "Not found", "This is mcptui's sign-in callback; nothing else lives here."
        if len(parts) == 3 and parts[0] in ("GET", "HEAD"):
            target = urlsplit(parts[1])
            if target.path == self.path:
                ok, reason = self.deliver(
                    dict(parse_qsl(target.query, keep_blank_values=True)), source="listener"
                )
                if ok:
                    status, title = 200, "Signed in"
                    text = "mcptui received the authorization response. You can close this tab."
                else:
                    status, title, text = 400, "Not accepted", reason
                    self._reject(reason)
            else:
                self._reject(f"wrong path {target.path}")
        else:
            status, title, text = 405, "Method not allowed", "Only GET is accepted here."
            self._reject("method not allowed")
        body = _PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
        reason_phrase = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}[status]
        writer.write(
            f"HTTP/1.1 {status} {reason_phrase}\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n".encode()
            + (body if parts[0] != "HEAD" else b"")
        )
        with contextlib.suppress(ConnectionError):
            await writer.drain()
        writer.close()
