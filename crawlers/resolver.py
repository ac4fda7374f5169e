"""The private-address guard as the crawl's DNS resolver: check every address, pin it.

The crawler connects to the address this resolver returns, so the address that was
checked is the address connected to: a host that answers a public address to a first
lookup and 127.0.0.1 to a second (DNS rebinding) never gets the second lookup.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any, Self

from twisted.internet import defer, threads
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IResolverSimple
from zope.interface import implementer

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# Hosts refused in this process: Twisted reports a failed lookup as "no results", so the
# spider asks here whether a DNS failure was this guard's refusal (one crawl per child).
_REFUSED: set[str] = set()


def was_refused(host: str) -> bool:
    """True when the guard refused `host` (a DNS failure that is a private address)."""
    return host.lower() in _REFUSED


class PrivateAddressLookupError(DNSLookupError):
    """A host name that resolves to a loopback, private or otherwise non-public address."""


def literal_address(host: str) -> Address | None:
    """The address an IP literal stands for, in every spelling the OS accepts.

    `ipaddress` refuses "2130706433", "127.1", "0177.0.0.1" and "0"; the C library's
    inet_aton (what connect() and getaddrinfo use) reads them as 127.0.0.1 and 0.0.0.0.
    """
    text = host.strip().strip("[]").lower()
    if not text:
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if not all(c in "0123456789abcdefx." for c in text):
        return None  # a host name, never an IPv4 spelling
    try:
        return ipaddress.IPv4Address(socket.inet_aton(text))
    except OSError:
        return None


def is_public(address: Address) -> bool:
    return address.is_global and not address.is_multicast


def resolve_all(host: str) -> list[Address]:
    """Every IPv4 address the OS resolver gives for `host` (IP spellings included)."""
    infos = socket.getaddrinfo(host, None, socket.AF_INET, socket.SOCK_STREAM)
    return list(dict.fromkeys(ipaddress.IPv4Address(info[4][0]) for info in infos))


def checked_address(host: str, *, allowed: bool = False) -> str:
    """The first address of `host`, after checking all of them; raises
    PrivateAddressLookupError when any is not public (unless `allowed`)."""
    try:
        addresses = resolve_all(host)
    except (OSError, UnicodeError) as exc:
        raise DNSLookupError(f"{host}: {exc}") from exc
    if not addresses:
        raise DNSLookupError(f"{host}: no address")
    if not allowed and not all(is_public(a) for a in addresses):
        _REFUSED.add(host.lower())
        private = ", ".join(str(a) for a in addresses if not is_public(a))
        raise PrivateAddressLookupError(f"private address refused: {host} -> {private}")
    return str(addresses[0])


@implementer(IResolverSimple)
class GuardedResolver:
    """Scrapy's TWISTED_DNS_RESOLVER: resolve in a thread, check, pin per crawl.

    Host names the operator gave as start URLs (PANTAU_TRUSTED_NETLOCS) and every host
    when PANTAU_ALLOW_PRIVATE is set (tests linking local servers) may be private.
    """

    def __init__(self, reactor: Any, *, allow_all: bool, trusted: set[str]) -> None:
        self.reactor = reactor
        self.allow_all = allow_all
        self.trusted = trusted
        self._pinned: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> Self:
        settings = crawler.settings
        netlocs = settings.getlist("PANTAU_TRUSTED_NETLOCS")
        trusted = {n.lower().rsplit(":", 1)[0].strip("[]") for n in netlocs}
        return cls(reactor, allow_all=settings.getbool("PANTAU_ALLOW_PRIVATE"), trusted=trusted)

    def install_on_reactor(self) -> None:
        self.reactor.installResolver(self)

    def getHostByName(self, name: str, timeout: Any = ()) -> defer.Deferred[str]:
        host = name.lower()
        if host in self._pinned:
            return defer.succeed(self._pinned[host])
        allowed = self.allow_all or host in self.trusted
        d: defer.Deferred[str] = threads.deferToThreadPool(
            self.reactor, self.reactor.getThreadPool(), checked_address, host, allowed=allowed
        )
        d.addCallback(self._pin, host)
        return d

    def _pin(self, address: str, host: str) -> str:
        self._pinned[host] = address
        return address
