"""No test may reach the internet: any connection to an address outside loopback fails loudly."""

import ipaddress
import socket

_original_connect = socket.socket.connect
_original_connect_ex = socket.socket.connect_ex


class NetworkGuardError(ConnectionError):
    pass


def _check(address: object) -> None:
    if not isinstance(address, tuple):  # unix sockets
        return
    host = str(address[0])
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        ip = None
    if host == "localhost" or (ip is not None and ip.is_loopback):
        return
    raise NetworkGuardError(f"A test tried to reach {host}:{address[1]}; tests may only talk to loopback")


def _guarded_connect(self: socket.socket, address: object) -> None:
    _check(address)
    return _original_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _check(address)
    return _original_connect_ex(self, address)


def install_network_guard() -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
