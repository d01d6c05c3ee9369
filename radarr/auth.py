"""Who is asking: the client's address (proxies believed only when configured) and local-address trust."""

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse


def client_ip(request: HttpRequest) -> str:
    """The peer's address; X-Forwarded-For only when the peer is a configured trusted proxy."""
    peer = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and peer in settings.RADARR_TRUSTED_PROXIES:
        # the right-most entry not itself a trusted proxy is the real client
        for address in reversed([part.strip() for part in forwarded.split(",")]):
            if address and address not in settings.RADARR_TRUSTED_PROXIES:
                return address
    return peer


def is_local_address(address: str) -> bool:
    """Loopback, private ranges and link-local, as Radarr's "local addresses" setting counts them."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_link_local


def local_address_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """With RADARR_TRUST_LOCAL_ADDRESSES on, the UI opens without a login for local clients."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            settings.RADARR_TRUST_LOCAL_ADDRESSES
            and not request.user.is_authenticated
            and is_local_address(client_ip(request))
        ):
            owner = get_user_model().objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
            if owner is not None:
                request.user = owner
        return get_response(request)

    return middleware
