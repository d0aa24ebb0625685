"""Where the auth engine may send things: one check for every authorization endpoint.

:func:`check_endpoint` is the single rule, applied before anything is fetched or posted:

* a remote MCP server may not steer mcptui to this machine or its private network: an
  endpoint (or discovery document) on a loopback, private or link-local address is refused
  unless the MCP server itself is there too (loopback only for a loopback server; a server
  on a private address may name private addresses, never loopback);
* anything that receives a credential or a registration (token, registration, revocation,
  device authorization, introspection endpoints, and the authorize URL a browser opens)
  must be HTTPS; plain ``http`` only when the endpoint *and* the MCP server are loopback.

Where a host is: IP literals (in any form ``inet_aton`` accepts) as written; ``localhost``
and ``*.localhost`` are loopback without asking DNS (RFC 6761 §6.3); any other name is
resolved (:func:`resolve_host`, ``getaddrinfo`` in a thread) and judged by *all* its
addresses. An endpoint counts as reaching loopback (or a private network) when *any* of
its addresses is there; the MCP server counts as loopback only when *every* address is
loopback (private: every address loopback or private). A name that does not resolve is
public: nothing can be sent to it anyway. The check resolves before the request and the
HTTP client resolves again when it connects, so a name whose answers change in between
(DNS rebinding) is not caught here.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Mapping
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


RESOLVE_TIMEOUT = 5.0  # seconds for one name's getaddrinfo


def written_class(host: str | None) -> str | None:
    """The class of a host as written: ``localhost`` names and IP literals; None for other names."""
    name = (host or "").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return LOCAL
    ip = _ip_of(name)
    if ip is None:
        return None
    if ip.is_loopback or ip.is_unspecified:
        return LOCAL
    if any(ip in net for net in _PRIVATE_NETS if net.version == ip.version):
        return PRIVATE
    return PUBLIC


def host_class(host: str | None) -> str:
    """``loopback``, ``private`` (RFC 1918, link-local, ULA, CGNAT) or ``public`` for a host as written."""
    return written_class(host) or PUBLIC


def url_class(url: str) -> str:
    return host_class(urlsplit(url).hostname)


def is_loopback_url(url: str) -> bool:
    return url_class(url) == LOCAL


async def resolve_host(host: str) -> list[str]:
    """The addresses ``host`` resolves to (``getaddrinfo`` in a thread); empty when it does not."""
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(loop.getaddrinfo(host, None, type=socket.SOCK_STREAM), RESOLVE_TIMEOUT)
    except (OSError, TimeoutError, UnicodeError):
        return []
    return [str(info[4][0]) for info in infos]


async def resolved_classes(host: str | None) -> frozenset[str]:
    """The classes of every address of ``host``: as written, else resolved (see the module docstring)."""
    written = written_class(host)
    if written is not None or not host:
        return frozenset({written or PUBLIC})
    addresses = await resolve_host(host.rstrip("."))
    return frozenset(host_class(a) for a in addresses) or frozenset({PUBLIC})


def check_endpoint(
    url: str,
    what: str,
    *,
    server_url: str | None,
    credential: bool = True,
    classes: Mapping[str, frozenset[str]] | None = None,
) -> None:
    """Refuse ``url`` as the ``what`` of the MCP server ``server_url`` (see the module docstring).

    ``credential=False`` is for discovery documents: only the local-address rule applies.
    Without ``server_url`` (no MCP server known) the server counts as remote. ``classes``
    holds the resolved classes of host names (:func:`resolved_classes`); a name missing from
    it is judged as written (public).
    """
    known = classes or {}

    def of(host: str | None) -> frozenset[str]:
        return known.get(host or "") or frozenset({host_class(host)})

    parts = urlsplit(url)
    endpoint = of(parts.hostname)
    server = of(urlsplit(server_url).hostname) if server_url else frozenset({PUBLIC})
    server_loopback = server == {LOCAL}
    server_internal = server <= {LOCAL, PRIVATE}
    same_host = bool(server_url) and (parts.hostname or "") == (urlsplit(server_url or "").hostname or "")
    shown = redact_url(url)
    reaches_local = LOCAL in endpoint and not server_loopback
    probing = reaches_local or (PRIVATE in endpoint and not server_internal)
    if probing and not same_host:
        where = "this machine (loopback)" if reaches_local else "a private or link-local network address"
        raise AuthError(
            f"refusing the {what} {shown}: the remote server points it at {where}",
            hint="a remote MCP server may not make mcptui contact this machine or its local network; "
            "nothing was sent there",
        )
    if not credential:
        return
    if parts.scheme == "https" or (parts.scheme == "http" and endpoint == {LOCAL} and server_loopback):
        return
    raise AuthError(
        f"refusing the {what} {shown}: it is not HTTPS",
        hint="credentials and registrations go only to HTTPS endpoints; plain http is accepted only when "
        "both the MCP server and the endpoint are on this machine (loopback)",
    )
