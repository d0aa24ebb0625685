"""Where the auth engine may send things: one check for every authorization endpoint.

:func:`check_endpoint` is the single rule, applied before anything is fetched or posted:

* a remote MCP server may not steer mcptui to this machine or its private network: an
  endpoint (or discovery document) on a loopback, private or link-local address is refused
  unless the MCP server itself is there too (loopback only for a loopback server; a server
  on a private address may name private addresses, never loopback);
* anything that receives a credential or a registration (token, registration, revocation,
  device authorization, introspection endpoints, and the authorize URL a browser opens)
  must be HTTPS; plain ``http`` only when the endpoint *and* the MCP server are loopback.

Hosts are judged as written (IP literals in any form ``inet_aton`` accepts, ``localhost``
and ``*.localhost``); names are not resolved.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from mcptui.core.errors import AuthError
from mcptui.core.redact import redact_url

_IPV4_LOOSE = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$", re.IGNORECASE)
_PRIVATE_NETS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "169.254.0.0/16",
        "100.64.0.0/10",  # carrier-grade NAT
        "fc00::/7",
        "fe80::/10",
    )
)

LOCAL = "loopback"
PRIVATE = "private"
PUBLIC = "public"


def _ip_of(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    host = host.strip("[]").split("%", 1)[0]  # IPv6 zone ids: fe80::1%eth0
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        if not _IPV4_LOOSE.match(host):
            return None
        try:  # 127.1, 0x7f.0.0.1, 2130706433: what the resolver would also accept
            ip = ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def host_class(host: str | None) -> str:
    """``loopback``, ``private`` (RFC 1918, link-local, ULA, CGNAT) or ``public`` for a host as written."""
    name = (host or "").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return LOCAL
    ip = _ip_of(name)
    if ip is None:
        return PUBLIC
    if ip.is_loopback or ip.is_unspecified:
        return LOCAL
    if any(ip in net for net in _PRIVATE_NETS if net.version == ip.version):
        return PRIVATE
    return PUBLIC


def url_class(url: str) -> str:
    return host_class(urlsplit(url).hostname)


def is_loopback_url(url: str) -> bool:
    return url_class(url) == LOCAL


def check_endpoint(url: str, what: str, *, server_url: str | None, credential: bool = True) -> None:
    """Refuse ``url`` as the ``what`` of the MCP server ``server_url`` (see the module docstring).

    ``credential=False`` is for discovery documents: only the local-address rule applies.
    Without ``server_url`` (no MCP server known) the server counts as remote.
    """
    parts = urlsplit(url)
    endpoint = url_class(url)
    server = url_class(server_url) if server_url else PUBLIC
    same_host = bool(server_url) and (parts.hostname or "") == (urlsplit(server_url or "").hostname or "")
    shown = redact_url(url)
    probing = (endpoint == LOCAL and server != LOCAL) or (endpoint == PRIVATE and server == PUBLIC)
    if probing and not same_host:
        where = "this machine (loopback)" if endpoint == LOCAL else "a private or link-local network address"
        raise AuthError(
            f"refusing the {what} {shown}: the remote server points it at {where}",
            hint="a remote MCP server may not make mcptui contact this machine or its local network; "
            "nothing was sent there",
        )
    if not credential:
        return
    if parts.scheme == "https" or (parts.scheme == "http" and endpoint == LOCAL and server == LOCAL):
        return
    raise AuthError(
        f"refusing the {what} {shown}: it is not HTTPS",
        hint="credentials and registrations go only to HTTPS endpoints; plain http is accepted only when "
        "both the MCP server and the endpoint are on this machine (loopback)",
    )
