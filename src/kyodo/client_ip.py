"""The client's IP address, as the sign-in limits see it.

Behind the reverse proxy every request comes from the proxy's address (``REMOTE_ADDR``), so a
limit per IP would be one limit for everyone. The proxy names the client in ``X-Forwarded-For``,
but anyone can send that header: it is believed only when the request comes from a proxy listed
in ``settings.KYODO_TRUSTED_PROXIES`` (``KYODO_TRUSTED_PROXIES``, addresses or networks,
comma-separated; see docs/operations.md). The client is then the right-most address in the header
that is not itself a trusted proxy (what a client writes to the left of it is not trusted).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(values: Iterable[str] | None = None) -> list[Network]:
    """The trusted proxies' networks (a bare address is a network of one)."""
    items = settings.KYODO_TRUSTED_PROXIES if values is None else values
    return [ipaddress.ip_network(item.strip(), strict=False) for item in items if item.strip()]


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: Any, networks: list[Network]) -> bool:
    return any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or what a trusted proxy says in X-Forwarded-For."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return "0.0.0.0"  # noqa: S104  (no address at all: one bucket for all such requests)
    networks = trusted_networks()
    if not _trusted(remote, networks):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for text in reversed(forwarded.split(",")):
        address = _address(text)
        if address is None:
            break  # a malformed entry: nothing to its left can be trusted either
        if not _trusted(address, networks):
            return str(address)
    return str(remote)
