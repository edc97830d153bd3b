"""Trust X-Forwarded-For and X-Forwarded-Proto only from the proxy's own address.

ProxyFix alone believes the header from anyone who reaches gunicorn: with TRUSTED_PROXIES=1
and the app reachable without the proxy, a made-up X-Forwarded-For skipped every per-client
limit (issue 14). Here the headers count only when the connection comes from one of
PROXY_ADDRESSES (by default the loopback addresses, where deploy/nginx talks to gunicorn).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from werkzeug.middleware.proxy_fix import ProxyFix

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(addresses: Iterable[str] | str) -> list[Network]:
    """Return the networks in a comma-separated string (or a list) of addresses or CIDRs."""
    if isinstance(addresses, str):
        addresses = addresses.split(",")
    return [ipaddress.ip_network(item.strip(), strict=False) for item in addresses if item.strip()]


class TrustedProxy:
    """WSGI middleware: apply ProxyFix to requests from the proxy, leave the rest untouched."""

    def __init__(self, app: Any, hops: int, addresses: Iterable[str] | str) -> None:
        self.app = app
        self.fixed = ProxyFix(app, x_for=hops, x_proto=hops)
        self.networks = parse_networks(addresses)

    def is_proxy(self, address: str) -> bool:
        try:
            peer = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(peer in network for network in self.networks)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self.is_proxy(environ.get("REMOTE_ADDR", "")):
            return self.fixed(environ, start_response)
        return self.app(environ, start_response)
