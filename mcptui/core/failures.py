"""Turn whatever the SDK, httpx2 or the OS raised into one clear, actionable McpTuiError.

Connect-time failures escape the SDK as nested ``ExceptionGroup``s; per-request failures as
``MCPError``. :func:`explain` digs out the root cause and, with what the HTTP hooks saw
(:class:`HttpFacts`), says what happened and what to do, without a traceback or a secret.
"""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING, Any

from mcptui.core.errors import (
    AuthError,
    AuthRequired,
    McpTuiError,
    RequestError,
    TimeoutError_,
    TransportError,
    UnreachableError,
)
from mcptui.core.redact import redact_text
from mcptui.core.server_config import ServerConfig

if TYPE_CHECKING:
    from mcptui.core.wire_tap import HttpFacts

REQUEST_TIMEOUT = -32001
CONNECTION_CLOSED = -32000
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
MISSING_CLIENT_CAPABILITY = -32021  # 2026-07-28: data.requiredCapabilities names what is missing


def leaves(exc: BaseException) -> list[BaseException]:
    """The innermost exceptions of a (possibly nested) exception group, causes followed."""
    if isinstance(exc, BaseExceptionGroup):
        out: list[BaseException] = []
        for inner in exc.exceptions:
            out.extend(leaves(inner))
        return out
    return [exc]


def _pick(exc: BaseException) -> BaseException:
    found = [e for e in leaves(exc) if not _is_cancel(e)]
    if not found:
        return exc
    # prefer our own errors, then network errors, then anything else
    for kind in (McpTuiError, OSError):
        for e in found:
            if isinstance(e, kind):
                return e
    for e in found:
        cause = e.__cause__ or e.__context__
        if isinstance(cause, McpTuiError | OSError):
            return cause
    return found[0]


def _is_cancel(exc: BaseException) -> bool:
    import asyncio

    return isinstance(exc, asyncio.CancelledError | GeneratorExit | KeyboardInterrupt)


def _refused(exc: BaseException) -> bool:
    seen = exc.__cause__ or exc.__context__
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def where(config: ServerConfig) -> str:
    """How an error names the server: a stdio server by its name, not its whole command line;
    secrets in its URL or command redacted."""
    if config.is_stdio and config.name:
        return redact_text(config.name)
    return redact_text(config.describe())


def closed(config: ServerConfig) -> TransportError:
    """The peer went away: for stdio that means the server process exited."""
    if config.is_stdio:
        return TransportError(
            f"the stdio server `{config.command}` exited or closed its output",
            hint="run the command by hand to see why",
        )
    return TransportError(
        f"the connection to {where(config)} closed", hint="the server may have exited; see its log"
    )


def _http_hint(facts: HttpFacts | None) -> str:
    if facts is None or facts.last_status is None:
        return ""
    ctype = (facts.last_content_type or "?").split(";")[0]
    return f"last HTTP reply: {facts.last_status} {ctype}"


def explain(
    exc: BaseException, config: ServerConfig, facts: HttpFacts | None = None, *, auth_failure: Any = None
) -> McpTuiError:
    """One McpTuiError for ``exc``."""
    if auth_failure is not None and isinstance(auth_failure, McpTuiError):
        return auth_failure
    root = _pick(exc)
    if isinstance(root, McpTuiError):
        return root
    target = where(config)
    name = type(root).__name__
    text = redact_text(str(root)) or name

    import httpx2

    from mcptui.core.body_limit import BodyTooLarge, size_words

    if isinstance(root, (httpx2.TimeoutException, TimeoutError)):
        return TimeoutError_(
            f"{target} did not answer in time",
            hint="raise --timeout, or check that the server is not stuck",
        )
    if isinstance(root, httpx2.ConnectError | httpx2.ConnectTimeout):
        low = text.lower()
        if "ssl" in low or "certificate" in low or "tls" in low:
            return UnreachableError(
                f"TLS handshake with {target} failed: {text}",
                hint="check the certificate, or use http:// for a local server",
            )
        if (
            "name or service not known" in low
            or "nodename nor servname" in low
            or "getaddrinfo" in low
            or "temporary failure in name resolution" in low
        ):
            return UnreachableError(
                f"cannot resolve the host of {target}", hint="check the spelling of the URL"
            )
        if "refused" in low or "all connection attempts failed" in low or _refused(root):
            return UnreachableError(
                f"connection refused by {target}", hint="is the server running, on that port?"
            )
        return UnreachableError(
            f"cannot connect to {target}: {text}", hint="is the server running and reachable?"
        )
    if isinstance(root, ssl.SSLError):
        return UnreachableError(f"TLS handshake with {target} failed: {text}", hint="check the certificate")
    if isinstance(root, FileNotFoundError | PermissionError) and config.is_stdio:
        return UnreachableError(
            f"cannot start the stdio server `{config.command}`: {root.strerror or text}",
            hint="check the command and that it is installed and on PATH",
        )
    if isinstance(root, httpx2.HTTPStatusError):
        status = root.response.status_code
        return _from_status(status, target, facts)
    too_large = facts.body_too_large if facts is not None else None
    if isinstance(root, BodyTooLarge) or too_large:
        limit = root.limit if isinstance(root, BodyTooLarge) else too_large or 0
        return TransportError(
            f"the reply from {target} is larger than {size_words(limit)} once decompressed; not read",
            hint="raise MCPTUI_MAX_BODY_MB (in MiB) if a reply that large is expected",
        )
    if isinstance(root, httpx2.HTTPError):
        return TransportError(f"HTTP error talking to {target}: {text}")

    code = getattr(root, "code", None)
    if name == "MCPError" or (code is not None and hasattr(root, "error")):
        return _from_mcp_error(root, config, facts)
    if name == "ValidationError":
        return TransportError(
            f"{target} sent a reply that is not valid MCP{_first_problem(root)}",
            hint=_http_hint(facts) or "the server may not be an MCP server",
        )
    if isinstance(root, ValueError | UnicodeDecodeError) and "json" in text.lower():
        return TransportError(f"{target} sent malformed JSON", hint=_http_hint(facts))
    if isinstance(root, OSError):
        return UnreachableError(f"cannot talk to {target}: {text}")
    if isinstance(root, EOFError | BrokenPipeError | ConnectionError):
        return closed(config)
    if name in ("ClosedResourceError", "BrokenResourceError", "EndOfStream"):
        return closed(config)
    return TransportError(f"{target}: {name}: {text}")


def _first_problem(error: Any) -> str:
    """`` (at tools.1.inputSchema.type: ...)``: where a pydantic ValidationError found its first problem."""
    try:
        first = error.errors(include_url=False, include_input=False)[0]
    except Exception:  # noqa: BLE001 - not a pydantic error after all
        return ""
    where = ".".join(str(part) for part in first.get("loc", ()))[:120]
    what = redact_text(str(first.get("msg", "")))[:120]
    return f" (at {where}: {what})" if where else f" ({what})" if what else ""


def _from_status(status: int, target: str, facts: HttpFacts | None) -> McpTuiError:
    if status == 401:
        return AuthRequired(
            f"{target} needs authentication (HTTP 401)",
            hint="run `mcptui auth login TARGET`, or pass --header 'Authorization: Bearer …'",
        )
    if status == 403:
        return AuthError(
            f"{target} refused access (HTTP 403)",
            hint="the token lacks a scope, or the account has no access",
        )
    if status in (404, 405):
        return TransportError(
            f"{target} has no MCP endpoint there (HTTP {status})",
            hint="check the URL path (often /mcp or /sse)",
        )
    return TransportError(f"{target} answered HTTP {status}", hint=_http_hint(facts))


def _from_mcp_error(err: Any, config: ServerConfig, facts: HttpFacts | None) -> McpTuiError:
    target = where(config)
    code = getattr(err, "code", None)
    message = redact_text(getattr(err, "message", None) or str(err))
    if message.startswith("mcptui: "):  # wire_guard: an answer that could not be used
        return TransportError(
            f"{target} {message.removeprefix('mcptui: ')}", hint="the server is broken; nothing was retried"
        )
    if message.startswith("Redirect to "):  # the SDK did not follow it: as over legacy SSE, exit 4
        return TransportError(f"{target} answered with a redirect", hint=message.split("\n", 1)[0])
    if message.startswith("Unexpected content type"):
        ctype = message.split(":", 1)[1].strip() if ":" in message else "?"
        return TransportError(
            f"{target} is not an MCP server: it answered with {ctype}",
            hint="check the URL; an MCP endpoint answers JSON or an event stream",
        )
    if message.startswith(("Failed to parse JSON", "Error parsing")) or code == -32700:
        broken = (
            "malformed JSON" if "json_invalid" in message or "Invalid JSON" in message else "invalid JSON-RPC"
        )
        return TransportError(f"{target} sent {broken}", hint="the server is broken or is not an MCP server")
    if code == REQUEST_TIMEOUT:
        return TimeoutError_(
            f"{target} did not answer in time ({config.timeout:g} s)", hint="raise --timeout"
        )
    if (
        facts is not None
        and facts.last_status in (401, 403)
        and code in (-32603, INVALID_REQUEST, CONNECTION_CLOSED, None)
    ):
        return _from_status(facts.last_status, target, facts)
    if (
        code == -32603
        and message.startswith("Server returned an error response")
        and facts is not None
        and facts.last_status
    ):
        ctype = (facts.last_content_type or "").split(";")[0]
        if facts.last_status < 300 and "json" not in ctype and "event-stream" not in ctype:
            return TransportError(
                f"{target} is not an MCP server: it answered {facts.last_status} {ctype or 'with no content type'}",
                hint="check the URL; an MCP endpoint answers JSON or an event stream",
            )
        return _from_status(facts.last_status, target, facts)
    if "Server-sent event exceeded" in message:
        from mcptui.core.body_limit import max_event_bytes, size_words

        return TransportError(
            f"{target} sent one event larger than {size_words(max_event_bytes())}; not read",
            hint="raise MCPTUI_MAX_EVENT_MB (in MiB) if a reply that large is expected",
        )
    if code == CONNECTION_CLOSED:
        return closed(config)
    if code == MISSING_CLIENT_CAPABILITY:
        return _missing_capability(target, getattr(err, "data", None), message)
    if (
        facts is not None
        and facts.last_status
        and facts.last_status >= 300
        and code in (-32603, METHOD_NOT_FOUND)
    ):
        return _from_status(facts.last_status, target, facts)
    return RequestError(f"{target} refused the request: {message}", rpc_code=code)


def _missing_capability(target: str, data: Any, message: str) -> RequestError:
    """-32021: which client capabilities the server wanted (from ``data.requiredCapabilities``)."""
    from mcptui.core.sanitize import sanitize_line

    wanted = data.get("requiredCapabilities") if isinstance(data, dict) else None
    names: list[str] = []
    for key, value in wanted.items() if isinstance(wanted, dict) else []:
        if key == "extensions" and isinstance(value, dict):
            names.extend(f"the extension {name}" for name in value)
        else:
            names.append(str(key))
    listed = sanitize_line(", ".join(names)[:300]) or sanitize_line(message[:200])
    return RequestError(
        f"{target} needs a client capability this request did not declare: {listed}",
        hint="mcptui declares the tasks extension in the 2026-07-28 era; for another capability, "
        "this client cannot do what the server asks",
        rpc_code=MISSING_CLIENT_CAPABILITY,
    )
