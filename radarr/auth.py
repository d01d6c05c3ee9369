"""Who is asking: the client's address, whether it came over https, and local-address trust.

Forwarding headers (X-Forwarded-For, Forwarded, X-Real-IP, X-Forwarded-Proto/-Host) are believed only
from a peer listed in RADARR_TRUSTED_PROXIES. Local-address trust (RADARR_TRUST_LOCAL_ADDRESSES) is
stricter than Radarr's: only loopback, RFC 1918, link-local and IPv6 unique local addresses count, a
request relayed by a proxy we do not trust is never local, and the Host header must name something a
DNS rebinding attack cannot point at us (an IP literal, localhost or a name in RADARR_ALLOWED_HOSTS).
"""

import functools
import ipaddress
import re
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port, validate_host

from radarr.hostconfig import host_settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

LOCAL_NETWORKS: tuple[Network, ...] = tuple(
    ipaddress.ip_network(network)
    for network in (
        "127.0.0.0/8",  # loopback
        "::1/128",
        "10.0.0.0/8",  # RFC 1918 private networks
        "172.16.0.0/12",
        "192.168.0.0/16",
        "169.254.0.0/16",  # link-local
        "fe80::/10",
        "fc00::/7",  # IPv6 unique local addresses
    )
)
# A request carrying any of these was relayed by a proxy (or forged to look so).
FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")
_FORWARDED_PAIR = re.compile(r'(?i)(?:^|[;,\s])(for|proto)=("[^"]*"|[^;,\s]+)')


def parse_address(text: str) -> Address | None:
    """An address as a peer or header writes it (quotes, [brackets], :port), IPv4-mapped IPv6 unwrapped."""
    text = text.strip().strip('"')
    if text.startswith("["):  # [2001:db8::1]:4711
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # 203.0.113.7:4711
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@functools.lru_cache(maxsize=8)
def _proxy_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """RADARR_TRUSTED_PROXIES as networks: single addresses and CIDR ranges (a Docker network) alike."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue  # not an address: trusts nothing
    return tuple(networks)


def is_trusted_proxy(address: Address | None) -> bool:
    if address is None:
        return False
    return any(address in network for network in _proxy_networks(tuple(settings.RADARR_TRUSTED_PROXIES)))


def _peer(request: HttpRequest) -> Address | None:
    return parse_address(request.META.get("REMOTE_ADDR", ""))


def _forwarded_values(request: HttpRequest, key: str) -> list[str]:
    """The `key` (for or proto) values of RFC 7239 Forwarded headers, in order."""
    header = request.META.get("HTTP_FORWARDED", "")
    return [value for name, value in _FORWARDED_PAIR.findall(header) if name.lower() == key]


def forwarded_chain(request: HttpRequest) -> list[str]:
    """The addresses the proxies name, client first: X-Forwarded-For, else Forwarded, else X-Real-IP."""
    if forwarded_for := request.META.get("HTTP_X_FORWARDED_FOR", ""):
        return forwarded_for.split(",")
    if forwarded := _forwarded_values(request, "for"):
        return forwarded
    if real_ip := request.META.get("HTTP_X_REAL_IP", ""):
        return [real_ip]
    return []


def client_ip(request: HttpRequest) -> str:
    """The client's address: the peer's, or, when the peer is a trusted proxy, the right-most forwarded
    address that is not itself a trusted proxy. Empty when a trusted proxy names a client that is not
    an address ("unknown", an obfuscated name): such a client must not pass for the proxy itself."""
    peer = _peer(request)
    if peer is None:
        return ""
    chain = forwarded_chain(request)
    if not chain or not is_trusted_proxy(peer):
        return str(peer)
    addresses = [parse_address(entry) for entry in chain]
    for address in reversed(addresses):
        if address is None:
            return ""
        if not is_trusted_proxy(address):
            return str(address)
    return str(addresses[0])  # every hop is a trusted proxy: the first one made the request


def is_local_address(address: str) -> bool:
    """Loopback, RFC 1918, link-local or IPv6 unique local, IPv4-mapped IPv6 included; nothing else.

    Python's `is_private` would also take documentation, benchmarking, reserved and 0.0.0.0 ranges.
    """
    parsed = parse_address(address)
    return parsed is not None and any(parsed in network for network in LOCAL_NETWORKS)


def came_through_untrusted_proxy(request: HttpRequest) -> bool:
    """Forwarding headers from a peer not in RADARR_TRUSTED_PROXIES: the real client is unknown."""
    relayed = any(request.META.get(header) for header in FORWARDING_HEADERS)
    return relayed and not is_trusted_proxy(_peer(request))


def requested_host(request: HttpRequest) -> str:
    """The host name the browser asked for (a trusted proxy's X-Forwarded-Host first), lower-case,
    without port or trailing dot; empty when absent or malformed."""
    raw = request.META.get("HTTP_HOST", "")
    forwarded_host = request.META.get("HTTP_X_FORWARDED_HOST", "")
    if forwarded_host and is_trusted_proxy(_peer(request)):
        raw = forwarded_host.split(",")[0]
    domain, _port = split_domain_port(raw.strip())
    return domain


def is_rebinding_safe_host(request: HttpRequest) -> bool:
    """An IP literal, localhost or a configured name: an attacker's DNS name that resolves to a local
    address (DNS rebinding) must not open the UI from a victim's browser without a login."""
    domain = requested_host(request)
    if not domain:
        return False
    if parse_address(domain.removeprefix("[").removesuffix("]")) is not None or domain == "localhost":
        return True
    configured = [host for host in settings.ALLOWED_HOSTS if host != "*"]
    return validate_host(domain, configured)


CGNAT_NETWORK = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT; Tailscale's addresses


def is_local_client(address: str) -> bool:
    """A local address, or one of the CGNAT range when Settings → General trusts it (Radarr's
    trustCgnatIpAddresses, for VPNs such as Tailscale)."""
    if is_local_address(address):
        return True
    parsed = parse_address(address)
    return parsed is not None and parsed in CGNAT_NETWORK and bool(host_settings()["trustCgnatIpAddresses"])


def is_trusted_local_request(request: HttpRequest) -> bool:
    return (
        not came_through_untrusted_proxy(request)
        and is_local_client(client_ip(request))
        and is_rebinding_safe_host(request)
    )


def local_address_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """With RADARR_TRUST_LOCAL_ADDRESSES on, the UI opens without a login for local clients."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            settings.RADARR_TRUST_LOCAL_ADDRESSES
            and not request.user.is_authenticated
            and is_trusted_local_request(request)
        ):
            owner = get_user_model().objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
            if owner is not None:
                request.user = owner
        return get_response(request)

    return middleware


def is_https(request: HttpRequest) -> bool:
    """Served over https: by this server itself, or by a trusted proxy that says so (X-Forwarded-Proto
    or Forwarded proto=). Django's SECURE_PROXY_SSL_HEADER would believe any peer, so it stays unset."""
    if request.META.get("wsgi.url_scheme") == "https":
        return True
    if not is_trusted_proxy(_peer(request)):
        return False
    proto = request.META.get("HTTP_X_FORWARDED_PROTO", "").split(",")[0]
    if not proto:
        proto = next(iter(_forwarded_values(request, "proto")), "")
    return proto.strip().strip('"').lower() == "https"


def secure_scheme_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """An https request is seen as https everywhere (CSRF origin checks, absolute URLs), and every cookie
    set on its response (session, CSRF, messages) is marked Secure; plain-http LAN use keeps working."""

    def middleware(request: HttpRequest) -> HttpResponse:
        secure = is_https(request)
        if secure:
            request.META["wsgi.url_scheme"] = "https"
        response = get_response(request)
        if secure:
            for morsel in response.cookies.values():
                morsel["secure"] = True
        return response

    return middleware
