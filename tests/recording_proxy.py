"""A recording HTTP proxy on 127.0.0.1 in front of a real server: what a client asked, in order.

Each request is recorded as ``(HTTP method, JSON-RPC method or None, body)`` and forwarded to
the upstream URL; a GET (the streamable-HTTP standing stream) is recorded and answered 405,
so a client that opens one is seen doing so and nothing stays open.
"""

from __future__ import annotations

import http.client
import json
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass
class Recorded:
    url: str
    requests: list[tuple[str, str | None, Any]] = field(default_factory=list)

    def methods(self) -> list[str]:
        """The JSON-RPC methods asked, in order (notifications included)."""
        return [method for _verb, method, _body in self.requests if method]

    def verbs(self) -> list[str]:
        return [verb for verb, _method, _body in self.requests]


@contextmanager
def recording_proxy(upstream: str) -> Iterator[Recorded]:
    target = urllib.parse.urlsplit(upstream)
    record = Recorded(url="")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def _forward(self, verb: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            try:
                message = json.loads(body) if body else None
            except ValueError:
                message = None
            method = message.get("method") if isinstance(message, dict) else None
            record.requests.append((verb, method, message))
            if verb == "GET":
                self.send_response(405)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            upstream_conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
            upstream_conn.request(verb, target.path, body, headers)
            reply = upstream_conn.getresponse()
            data = reply.read()
            self.send_response(reply.status)
            for key, value in reply.getheaders():
                if key.lower() not in HOP_HEADERS:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            upstream_conn.close()

        def do_POST(self) -> None:  # noqa: N802 - stdlib name
            self._forward("POST")

        def do_GET(self) -> None:  # noqa: N802
            self._forward("GET")

        def do_DELETE(self) -> None:  # noqa: N802
            self._forward("DELETE")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    record.url = f"http://127.0.0.1:{server.server_address[1]}{target.path}"
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()
