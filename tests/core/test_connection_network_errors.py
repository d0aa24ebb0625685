"""TLS and DNS failures get one clear message and exit code 4.

TLS is real: an HTTPS server on 127.0.0.1 with a self-signed certificate the client cannot
trust. DNS is simulated through httpx2.MockTransport (tests may not query a resolver).
"""

from __future__ import annotations

import datetime
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx2
import pytest

from mcptui.core.connection import ServerConnection
from mcptui.core.errors import UnreachableError
from mcptui.core.server_config import ServerConfig


def self_signed(tmp_path) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return str(cert_path), str(key_path)


class _Quiet(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # never reached: the handshake fails first
        self.send_response(500)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def https_url(tmp_path):
    cert, key = self_signed(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/mcp"
    finally:
        server.shutdown()
        server.server_close()


async def test_untrusted_certificate_is_a_tls_failure(https_url):
    conn = ServerConnection(ServerConfig(name="tls", url=https_url, transport="http", connect_timeout=10))
    with pytest.raises(UnreachableError) as info:
        await conn.connect()
    assert "TLS handshake" in info.value.message and info.value.exit_code == 4
    assert "Traceback" not in str(info.value)


async def test_unknown_host_is_a_dns_failure():
    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("[Errno -2] Name or service not known", request=request)

    conn = ServerConnection(
        ServerConfig(name="dns", url="http://no-such-host.invalid/mcp", transport="http"),
        http_transport=httpx2.MockTransport(refuse),
    )
    with pytest.raises(UnreachableError) as info:
        await conn.connect()
    assert "cannot resolve the host" in info.value.message and info.value.exit_code == 4
