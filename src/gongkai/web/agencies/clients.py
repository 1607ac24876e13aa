"""The address of the person behind a request, believing X-Forwarded-For only from trusted proxies.

Why: every limit counted per client (status lookups, applications, staff logins) is only as good as
the address it counts. Behind the site's reverse proxy REMOTE_ADDR is the proxy itself, so all citizens
would share one counter; but X-Forwarded-For is an ordinary header that anybody can send, so believing
it from anywhere would let one person pose as any number of others. The header is read only when the
request comes from an address in GONGKAI_TRUSTED_PROXIES, and then from the right: each trusted proxy
appends the address it saw, so the first address from the right that is not a trusted proxy is the
client, whatever the client wrote to the left of it.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_ip(request) -> str:
    """The client's address as text ("203.0.113.7"); REMOTE_ADDR unless it is a trusted proxy."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return request.META.get("REMOTE_ADDR", "") or "unknown"
    trusted = trusted_networks(tuple(getattr(settings, "GONGKAI_TRUSTED_PROXIES", ())))
    if not _is_trusted(remote, trusted):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [part.strip() for part in forwarded.split(",") if part.strip()]
    nearest = remote
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # A trusted proxy wrote something that is not an address: stop at the last hop we can name.
            break
        nearest = address
        if not _is_trusted(address, trusted):
            break
    return str(nearest)


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """The trusted proxies as networks: "10.0.0.5" is one address, "10.0.0.0/24" a whole subnet."""
    return tuple(ipaddress.ip_network(str(entry).strip(), strict=False) for entry in entries if str(entry).strip())


def _is_trusted(address: Address, trusted: tuple[Network, ...]) -> bool:
    return any(address.version == net.version and address in net for net in trusted)


def _address(text: str) -> Address | None:
    """An address from REMOTE_ADDR or one hop of X-Forwarded-For; IPv4 inside IPv6 as plain IPv4."""
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:5123"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address
