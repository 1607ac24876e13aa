"""The address of the client behind the platform's own reverse proxies.

Why: behind nginx every request comes from 127.0.0.1, so limits per REMOTE_ADDR would count every
citizen as one; but X-Forwarded-For is typed by the client, so it is believed only as far as it was
written by a proxy of ``GONGKAI_TRUSTED_PROXIES`` (addresses or networks). Read from the right: each
trusted hop names the one before it; the first untrusted address is the client.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _networks() -> list:
    return [ipaddress.ip_network(item, strict=False) for item in getattr(settings, "GONGKAI_TRUSTED_PROXIES", [])]


def _trusted(address: str, networks: list) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    networks = _networks()
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else remote
