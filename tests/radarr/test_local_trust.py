"""Local-address trust (RADARR_TRUST_LOCAL_ADDRESSES): only truly local clients, and no way to fake one."""

import pytest
from django.http import HttpResponse
from django.test import Client

from radarr.auth import client_ip, is_https, is_local_address, requested_host, secure_scheme_middleware

pytestmark = pytest.mark.django_db

PAGE = "/system/status"
LOCAL_HOST = "192.168.1.5:7878"  # the Host a LAN browser sends when it opens the server by address


@pytest.fixture
def trusting(settings, admin_user):
    settings.RADARR_TRUST_LOCAL_ADDRESSES = True
    settings.RADARR_TRUSTED_PROXIES = []
    return settings


def opens_without_login(remote_addr: str, host: str = LOCAL_HOST, **headers: str) -> bool:
    response = Client(REMOTE_ADDR=remote_addr, HTTP_HOST=host).get(PAGE, headers=headers)
    assert response.status_code in (200, 302)
    return response.status_code == 200


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.254",
        "192.168.178.20",
        "169.254.10.20",
        "fe80::1",
        "fd12:3456:789a::1",
        "fc00::1",
        "::ffff:192.168.1.20",  # IPv4-mapped, as a dual-stack socket reports an IPv4 client
    ],
)
def test_loopback_private_link_local_and_unique_local_clients_are_trusted(trusting, address):
    assert is_local_address(address)
    assert opens_without_login(address)


@pytest.mark.parametrize(
    "address",
    [
        "203.0.113.7",  # documentation (TEST-NET-3): Python's is_private says private
        "198.51.100.7",  # documentation (TEST-NET-2)
        "192.0.2.7",  # documentation (TEST-NET-1)
        "198.18.0.1",  # benchmarking
        "240.0.0.1",  # reserved
        "255.255.255.255",
        "0.0.0.0",
        "100.64.0.1",  # carrier-grade NAT: shared with strangers
        "172.32.0.1",  # just past 172.16/12
        "192.0.0.8",  # IETF protocol assignments
        "2001:db8::1",  # IPv6 documentation
        "::",
        "fec0::1",  # deprecated site-local
        "::ffff:203.0.113.7",
        "81.2.69.142",
        "not-an-address",
    ],
)
def test_addresses_python_calls_private_but_are_not_local_are_not_trusted(trusting, address):
    assert not is_local_address(address)
    assert not opens_without_login(address)


@pytest.mark.parametrize(
    "header",
    [
        {"X-Forwarded-For": "192.168.1.20"},
        {"Forwarded": "for=192.168.1.20"},
        {"X-Real-IP": "192.168.1.20"},
        {"X-Forwarded-For": "81.2.69.142"},
    ],
    ids=["x-forwarded-for", "forwarded", "x-real-ip", "public client named"],
)
def test_a_request_relayed_by_an_untrusted_proxy_on_this_host_is_never_local(trusting, header):
    """A reverse proxy on the same machine that is not in RADARR_TRUSTED_PROXIES connects from
    loopback; whoever it relays (the internet) must not inherit that."""
    assert not opens_without_login("127.0.0.1", **header)


def test_a_trusted_proxy_relays_the_local_or_public_client_it_names(trusting):
    trusting.RADARR_TRUSTED_PROXIES = ["172.18.0.0/16"]  # a Docker network

    lan = opens_without_login("172.18.0.2", **{"X-Forwarded-For": "192.168.1.20"})
    internet = opens_without_login("172.18.0.2", **{"X-Forwarded-For": "81.2.69.142"})
    rfc7239 = opens_without_login("172.18.0.2", **{"Forwarded": 'for="[fd00::5]:4711";proto=https'})

    assert lan and not internet and rfc7239


def test_a_client_that_forges_a_local_address_in_front_of_its_own_is_not_local(trusting):
    trusting.RADARR_TRUSTED_PROXIES = ["172.18.0.2"]

    forged = opens_without_login("172.18.0.2", **{"X-Forwarded-For": "192.168.1.20, 81.2.69.142"})

    assert not forged


def test_a_trusted_proxy_that_cannot_name_the_client_does_not_make_it_local(trusting):
    trusting.RADARR_TRUSTED_PROXIES = ["127.0.0.1"]

    unknown = opens_without_login("127.0.0.1", **{"X-Forwarded-For": "unknown"})
    hidden = opens_without_login("127.0.0.1", **{"Forwarded": "for=_hidden"})

    assert not unknown and not hidden


@pytest.mark.parametrize(
    ("host", "trusted"),
    [
        ("192.168.1.5:7878", True),
        ("[fd00::5]:7878", True),
        ("[fd00::5]", True),  # an IPv6 literal without a port keeps its brackets
        ("localhost:7878", True),
        ("LOCALHOST.", True),
        ("rebind.attacker.example:7878", False),  # DNS rebinding: the attacker's name, our address
        ("radarr.lan:7878", False),  # a name nobody configured
    ],
)
def test_the_host_must_be_an_address_localhost_or_a_configured_name(trusting, host, trusted):
    assert opens_without_login("192.168.1.20", host=host) is trusted


def test_a_name_in_allowed_hosts_is_trusted(trusting):
    trusting.ALLOWED_HOSTS = ["radarr.lan", ".home.arpa"]

    assert opens_without_login("192.168.1.20", host="radarr.lan:7878")
    assert opens_without_login("192.168.1.20", host="nas.home.arpa")


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(rf, settings):
    settings.RADARR_TRUSTED_PROXIES = ["10.0.0.2"]
    forged = rf.get("/", REMOTE_ADDR="81.2.69.142", HTTP_X_FORWARDED_FOR="192.168.1.20")
    relayed = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="81.2.69.142, 10.0.0.2")
    mapped = rf.get("/", REMOTE_ADDR="::ffff:10.0.0.2", HTTP_X_REAL_IP="203.0.113.9")

    assert [client_ip(forged), client_ip(relayed), client_ip(mapped)] == [
        "81.2.69.142",
        "81.2.69.142",
        "203.0.113.9",
    ]


def test_a_trusted_proxy_names_the_scheme_and_host_in_forwarded_or_x_forwarded_headers(rf, settings):
    settings.RADARR_TRUSTED_PROXIES = ["10.0.0.2"]
    relayed = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_FORWARDED='for=1.2.3.4;proto="https"')
    named = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_HOST="10.0.0.2", HTTP_X_FORWARDED_HOST="Radarr.Example, x"
    )
    untrusted = rf.get(
        "/", REMOTE_ADDR="10.0.0.3", HTTP_HOST="10.0.0.3", HTTP_X_FORWARDED_HOST="radarr.example"
    )

    assert is_https(relayed) and not is_https(rf.get("/", REMOTE_ADDR="10.0.0.2"))
    assert requested_host(named) == "radarr.example"
    assert requested_host(untrusted) == "10.0.0.3"


def test_behind_a_trusted_https_proxy_the_request_is_https_for_the_views_and_its_cookies(rf, settings):
    settings.RADARR_TRUSTED_PROXIES = ["10.0.0.2"]
    seen = {}

    def view(request):
        seen["url"] = request.build_absolute_uri("/")
        response = HttpResponse()
        response.set_cookie("sessionid", "x")
        return response

    response = secure_scheme_middleware(view)(
        rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_HOST="radarr.example", HTTP_X_FORWARDED_PROTO="https")
    )

    assert seen["url"] == "https://radarr.example/"
    assert response.cookies["sessionid"]["secure"] is True
