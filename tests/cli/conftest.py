"""Fixtures for the command-line tests: run ``main(argv)`` in-process, and tiny misbehaving HTTP servers.

The misbehaving servers are plain ``http.server`` instances on 127.0.0.1 in a thread: one that
always answers 401 with a ``WWW-Authenticate`` challenge, one that answers HTML, and one that
accepts a request and never answers (released when the test ends, so nothing sleeps).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from mcptui.__main__ import main


@dataclass
class CliRun:
    """What one ``mcptui`` run produced."""

    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Run the real CLI in-process: ``run_cli("list", url)`` → CliRun(code, out, err)."""

    def run(*argv: str) -> CliRun:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run


class _Quiet(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def _drain_body(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)

    def _reply(
        self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None
    ) -> None:
        self._drain_body()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


class Always401(_Quiet):
    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        port = self.server.server_address[1]
        challenge = f'Bearer resource_metadata="http://127.0.0.1:{port}/.well-known/oauth-protected-resource"'
        self._reply(401, b'{"error":"invalid_token"}', "application/json", {"WWW-Authenticate": challenge})

    do_GET = do_POST  # noqa: N815 - metadata documents are missing too


class HtmlPage(_Quiet):
    def do_POST(self) -> None:  # noqa: N802
        self._reply(200, b"<html><body><h1>Sign in</h1></body></html>", "text/html; charset=utf-8")

    do_GET = do_POST  # noqa: N815


def _hanging_handler(release: threading.Event) -> type[BaseHTTPRequestHandler]:
    class Hang(_Quiet):
        def do_POST(self) -> None:  # noqa: N802
            self._drain_body()
            release.wait(timeout=60)

        do_GET = do_POST  # noqa: N815

    return Hang


@dataclass
class LocalServer:
    url: str
    requests: int = 0


class _QuietServer(ThreadingHTTPServer):
    """A client hanging up mid-reply is normal here; socketserver would print a traceback."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


def _serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="cli-test-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/mcp"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def auth_401_url() -> Iterator[str]:
    yield from _serve(Always401)


@pytest.fixture
def html_url() -> Iterator[str]:
    yield from _serve(HtmlPage)


@pytest.fixture
def hanging_url() -> Iterator[str]:
    release = threading.Event()
    try:
        yield from _serve(_hanging_handler(release))
    finally:
        release.set()


@pytest.fixture
def refused_url() -> str:
    """A 127.0.0.1 URL whose port was just free: binding and closing a socket reserves nothing."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/mcp"
