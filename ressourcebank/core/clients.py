"""The address of the client behind a request, for the access log and rate limits.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only when the
request comes from one of ``settings.TRUSTED_PROXIES``: then the first address from the right
that is not one of those proxies is the client. Anything that is not an IP address is ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def parse_address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)


def client_ip(request) -> str | None:
    remote = parse_address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    if not _trusted(remote):
        return str(remote)
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            break  # a proxy we trust never writes this; what is left of it is the client's
        if not _trusted(address):
            return str(address)
    return str(remote)
