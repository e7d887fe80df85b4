"""Checking cited web addresses without letting them reach inside our network.

``fetch_status(url)`` asks a source's address for its page the way a careful
crawler does, and says what came back: the status, the address it ended at after
redirects, or why it could not. It is safe to point at any address an editor (or
an imported file) typed:

- the host name is resolved first, and every address it resolves to must be a
  public one: loopback, private, shared (CGNAT), link-local (cloud metadata at
  169.254.169.254), multicast, reserved and unspecified addresses, IPv4 and IPv6
  (mapped IPv4 included), are refused;
- the connection goes to the address that was checked, never to a name resolved
  again (no DNS rebinding between check and use); HTTPS still verifies the
  certificate for the host name;
- every redirect is checked the same way before it is followed, up to
  ``MAX_REDIRECTS``;
- the whole check has a deadline, reads at most ``MAX_BYTES`` of a body, and sends
  a User-Agent that says who we are;
- ``wait_for_host`` spaces the requests to one host (``LINK_CHECK["host_interval"]``
  seconds, through the shared cache, so across workers too).

``settings.LINK_CHECK["allow"]`` lists "address:port" pairs that are let through
although not public: empty in production; the tests put their local servers there.
"""

import http.client
import ipaddress
import math
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.cache import cache

MAX_REDIRECTS = 5
MAX_BYTES = 64 * 1024
REDIRECTS = {301, 302, 303, 307, 308}


class Refused(Exception):
    """The address may not be fetched (not public, not http(s), malformed)."""


@dataclass
class LinkResult:
    status: int | None = None
    final_url: str = ""
    error: str = ""
    refused: bool = False
    redirects: int = 0

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def options() -> dict:
    return {
        "timeout": 10.0,
        "days": 7,
        "host_interval": 2.0,
        "allow": [],
        "user_agent": f"ANKASAM-LinkChecker/1.0 (+{settings.SITE_URL})",
        **getattr(settings, "LINK_CHECK", {}),
    }


def is_public(address: str) -> bool:
    """Whether ``address`` (an IPv4 or IPv6 literal) is a public unicast one."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def allowed(address: str, port: int) -> bool:
    if is_public(address):
        return True
    return f"{address}:{port}" in options()["allow"]


def checked_address(host: str, port: int) -> str:
    """The one address to connect to: every address ``host`` resolves to must be
    allowed (a name that also points inside is refused altogether)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise ConnectionError(f"cannot resolve {host}: {error}") from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise ConnectionError(f"cannot resolve {host}")
    for address in addresses:
        if not allowed(address, port):
            raise Refused(f"{host} resolves to {address}, which is not public")
    return addresses[0]


def target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path with query) of an http(s) address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise Refused(f"not an http(s) address: {url[:200]}")
    if parts.username or parts.password:
        raise Refused("addresses with credentials are not fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise Refused(f"bad port in {url[:200]}") from error
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    return parts.scheme, parts.hostname, port, path


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address checked beforehand, whatever the host name."""

    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection(
            (self.address, self.port), timeout=self.timeout
        )


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), timeout=self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def request_once(url: str, deadline: float) -> tuple[int, str]:
    """One GET of ``url``: (status, Location header), reading at most MAX_BYTES."""
    scheme, host, port, path = target(url)
    address = checked_address(host, port)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("the check took too long")
    kind = PinnedHTTPSConnection if scheme == "https" else PinnedHTTPConnection
    connection = kind(host, port, address, timeout=remaining)
    try:
        connection.request(
            "GET",
            path,
            headers={
                "User-Agent": options()["user_agent"],
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                "Accept-Encoding": "identity",
                "Connection": "close",
            },
        )
        response = connection.getresponse()
        response.read(MAX_BYTES)  # enough to know the page answered; no more
        return response.status, response.getheader("Location", "") or ""
    finally:
        connection.close()


def fetch_status(url: str) -> LinkResult:
    """What ``url`` answers now, following redirects that stay public."""
    deadline = time.monotonic() + options()["timeout"]
    current = url
    result = LinkResult()
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            wait_for_host(urlsplit(current).hostname or "")
            status, location = request_once(current, deadline)
            result.status, result.final_url = status, current
            if status not in REDIRECTS or not location:
                return result
            current = urljoin(current, location)
            result.redirects += 1
        result.error = f"more than {MAX_REDIRECTS} redirects"
        result.status = None
    except Refused as refused:
        result.refused, result.error, result.status = True, str(refused), None
        result.final_url = current
    except (OSError, http.client.HTTPException, ValueError) as error:
        result.error = f"{type(error).__name__}: {error}"[:300] or "failed"
        result.status = None
        result.final_url = current
    return result


def wait_for_host(host: str) -> None:
    """Space the requests to ``host`` by the configured interval."""
    interval = options()["host_interval"]
    if not interval or not host:
        return
    key = f"linkcheck:host:{host.lower()}"
    give_up = time.monotonic() + 10 * interval
    while (
        not cache.add(key, 1, timeout=math.ceil(interval))
        and time.monotonic() < give_up
    ):
        time.sleep(min(0.2, interval))
