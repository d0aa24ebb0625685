"""User-facing errors: one clear message, an optional hint, and the CLI exit code.

Everything the core raises on purpose derives from :class:`McpTuiError`. The CLI prints
``str(error)`` (message plus hint) and exits with ``error.exit_code``; the UI shows the same
text. Messages never contain a token, secret or traceback: the message and hint of every
error pass through :func:`~mcptui.core.redact.redact_text` here, so a URL with ``user:pw@``
or ``?api_key=...`` is shown redacted by every front end (human, ``--json``, TUI).
"""

from __future__ import annotations

from mcptui.core.redact import redact_text

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_AUTH = 3
EXIT_UNREACHABLE = 4
EXIT_TOOL_ERROR = 5


class McpTuiError(Exception):
    """An error with a message meant for people."""

    exit_code = EXIT_USAGE
    code = "error"

    def __init__(self, message: str, *, hint: str = "") -> None:
        message = redact_text(message)
        super().__init__(message)
        self.message = message
        self.hint = hint

    @property
    def hint(self) -> str:
        return self._hint

    @hint.setter
    def hint(self, value: str) -> None:
        self._hint = redact_text(value)

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message

    def to_json(self) -> dict[str, object]:
        """The CLI's ``--json`` error object."""
        out: dict[str, object] = {"error": {"code": self.code, "message": self.message}}
        if self.hint:
            out["error"]["hint"] = self.hint  # type: ignore[index]
        out["error"]["exitCode"] = self.exit_code  # type: ignore[index]
        return out


class UsageError(McpTuiError):
    """The command line or an argument was wrong."""

    code = "usage"


class ConfigError(McpTuiError):
    """The servers file (or a server entry) is malformed."""

    code = "config"


class RequestError(McpTuiError):
    """The server answered a request with a JSON-RPC error (unknown tool, bad params...)."""

    code = "request"

    def __init__(self, message: str, *, hint: str = "", rpc_code: int | None = None) -> None:
        super().__init__(message, hint=hint)
        self.rpc_code = rpc_code


class AuthError(McpTuiError):
    """Authentication is needed, or it failed."""

    exit_code = EXIT_AUTH
    code = "auth"


class AuthRequired(AuthError):
    """The server wants credentials and none could be obtained without a person."""

    code = "auth-required"


class UnreachableError(McpTuiError):
    """The server could not be reached (refused, DNS, TLS, no such command...)."""

    exit_code = EXIT_UNREACHABLE
    code = "unreachable"


class TransportError(McpTuiError):
    """The server was reached but the conversation broke (bad reply, closed stream...)."""

    exit_code = EXIT_UNREACHABLE
    code = "transport"


class TimeoutError_(TransportError):  # noqa: N801 - avoid shadowing the builtin
    """A request or the connection took longer than its timeout."""

    code = "timeout"


class ToolError(McpTuiError):
    """The tool ran and returned ``isError: true`` (CLI exit 5)."""

    exit_code = EXIT_TOOL_ERROR
    code = "tool-error"
