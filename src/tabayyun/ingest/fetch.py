"""Fetch a URL safely: http(s) only, time- and size-limited, polite per host, no private targets.

Server-side request forgery (SSRF) protection: unless `Settings.allow_private_addresses` is set,
every hop (the URL itself and each redirect target) is parsed, its host normalised (numeric forms
that browsers and `inet_aton` accept, such as ``2130706433``, ``0x7f.1`` or ``127.1``, are read as
the IPv4 address they mean), resolved, and *every* resolved address checked. An address is refused
when it is private, loopback, link-local (169.254.169.254, the cloud metadata service, included),
unspecified, multicast, reserved, shared (100.64.0.0/10), an IPv6 ULA / link-local / loopback, or
an IPv4 address of those kinds embedded in IPv6 (mapped, 6to4, Teredo, NAT64).

DNS rebinding: a name could resolve to a public address when checked and to a private one when
httpx connects. To close that gap the request is sent to the checked address itself: the URL's host
is replaced by the IP, while the ``Host`` header and the TLS SNI name keep the original name, so
certificates are still verified against the name. Because of that pinning:

- proxies from the environment are ignored (``trust_env=False``): a proxy would resolve the name
  again on its own side, out of our control;
- keep-alive is off in the default transport: httpcore pools connections by IP and port, so a TLS
  connection verified for one name could otherwise be reused for another name on the same IP;
- a transport passed in (tests) sees the pinned URL; read the name from the ``Host`` header.

Residual risks: an address that is public but reaches internal services through your own network
(firewall rules, NAT hairpins) is not detected; a public site may still serve anything it likes.
A `Fetcher` is not thread-safe; use one per thread.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType

import httpx

from tabayyun.config import Settings
from tabayyun.errors import BlockedAddressError, ConfigError, FetchError, InputTooLargeError

__all__ = [
    "FetchResult",
    "Fetcher",
    "Resolver",
    "blocked_reason",
    "check_url",
    "fetch_url",
    "resolve_host",
]

Resolver = Callable[[str], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/json;q=0.9,text/plain;q=0.9,*/*;q=0.5"
)
_SHARED = ipaddress.IPv4Network("100.64.0.0/10")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# One IPv4 part as the WHATWG URL standard reads it: hex, octal (leading 0) or decimal.
_IPV4_PART = re.compile(r"0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*")
_NUMERIC_LABEL = re.compile(r"(0[xX][0-9a-fA-F]*|[0-9]+)")


@dataclass
class FetchResult:
    """What one successful fetch returned; `content` is the (decompressed) body."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None
    content: bytes
    fetched_at: str  # ISO 8601, UTC


def resolve_host(host: str) -> list[str]:
    """Return the addresses `host` resolves to, in resolver order, without duplicates."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            "could not resolve %(host)s: %(reason)s; check the URL's spelling and your network "
            "or DNS settings",
            host=host,
            reason=getattr(exc, "strerror", None) or str(exc),
        ) from None
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def check_url(url: str, *, allow_private: bool, resolver: Resolver = resolve_host) -> None:
    """Raise FetchError for a URL that cannot be fetched, BlockedAddressError for a refused one."""
    _check_target(url, allow_private=allow_private, resolver=resolver)


@dataclass(frozen=True)
class _Target:
    """A checked hop: the URL as written, its ASCII host and the address to connect to."""

    url: httpx.URL
    host: str
    address: str


def _check_target(
    url: str | httpx.URL, *, allow_private: bool, resolver: Resolver, via: str | None = None
) -> _Target:
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise _hop_error(
            "%(url)s is not a valid URL (%(detail)s); check how it is written",
            "%(url)s (redirected from %(via)s) is not a valid URL (%(detail)s); "
            "check how it is written",
            url,
            via,
            detail=str(exc),
        ) from None
    if parsed.scheme not in ("http", "https"):
        raise _hop_error(
            "only http and https URLs can be fetched, not %(url)s",
            "only http and https URLs can be fetched, not %(url)s (redirected from %(via)s)",
            url,
            via,
        )
    host = parsed.raw_host.decode("ascii").lower()
    if not host:
        raise _hop_error(
            "%(url)s has no host name; write it as http(s)://host/path",
            "%(url)s (redirected from %(via)s) has no host name; write it as http(s)://host/path",
            url,
            via,
        )
    literal = _parse_ip_literal(host)
    if literal is not None:
        addresses = [literal]
    else:
        addresses = [_parse_resolved(host, text) for text in resolver(host)]
        if not addresses:
            raise FetchError("%(host)s resolves to no address; check the URL's spelling", host=host)
    if not allow_private:
        for address in addresses:
            reason = blocked_reason(address)
            if reason is None:
                continue
            where = f"{address} is" if literal is not None else f"{host} resolves to {address},"
            shown = f"{url} (redirected from {via})" if via else str(url)
            raise BlockedAddressError(
                f"refused to fetch {shown}: {where} {reason}; "
                "pass --allow-private to fetch it anyway"
            )
    return _Target(url=parsed, host=host, address=str(addresses[0]))


def _hop_error(
    plain: str, redirected: str, url: str | httpx.URL, via: str | None, **params: object
) -> FetchError:
    """The error about a hop: `plain` for the URL as given, `redirected` (which also names the
    URL that redirected to it, as `via`) for one a redirect led to."""
    if via:
        return FetchError(redirected, url=str(url), via=via, **params)
    return FetchError(plain, url=str(url), **params)


def _parse_resolved(host: str, text: str) -> IPAddress:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        raise FetchError(f"{host} resolved to {text!r}, which is not an IP address") from None


def _parse_ip_literal(host: str) -> IPAddress | None:
    """Return the address a numeric host means, or None for a name to resolve.

    Reads IPv6 literals and the legacy IPv4 forms (1-4 parts, hex/octal/decimal) that the
    system resolver accepts, so that no spelling of 127.0.0.1 slips past the check.
    """
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    # As in the WHATWG URL standard: a host whose last label is a number is an IPv4 address.
    if not labels or not _NUMERIC_LABEL.fullmatch(labels[-1]):
        return None
    if len(labels) > 4 or not all(_IPV4_PART.fullmatch(label) for label in labels):
        raise FetchError("%(host)s is not a valid IPv4 address; check the URL", host=host)
    numbers = [_ipv4_number(label) for label in labels]
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (5 - len(numbers)):
        raise FetchError("%(host)s is not a valid IPv4 address; check the URL", host=host)
    value = last
    for index, number in enumerate(leading):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _ipv4_number(label: str) -> int:
    if label[:2].lower() == "0x":
        return int(label[2:] or "0", 16)
    if len(label) > 1 and label.startswith("0"):
        return int(label, 8)
    return int(label)


def blocked_reason(address: IPAddress) -> str | None:
    """Say why `address` must not be fetched ("a private address"), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if address.teredo is not None:
            embedded = address.teredo[1]
        if address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and (reason := blocked_reason(embedded)) is not None:
            return reason
        if address.ipv4_mapped is not None:
            return None  # a mapped public IPv4 address is as public as the address itself
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_multicast:
        return "a multicast address"
    if isinstance(address, ipaddress.IPv4Address) and address in _SHARED:
        return "a shared (carrier-grade NAT) address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private:
        return "a private address"
    if not address.is_global:
        return "a non-public address"
    return None


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Fetcher:
    """Fetches URLs one at a time under the limits in `Settings`; close it or use `with`."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        if settings.max_input_bytes <= 0 or settings.max_redirects < 0:
            raise ConfigError(
                "max_input_bytes must be positive and max_redirects zero or more; fix the settings"
            )
        if settings.fetch_timeout <= 0 or settings.per_host_delay < 0:
            raise ConfigError(
                "fetch_timeout must be positive and per_host_delay zero or more; fix the settings"
            )
        self.settings = settings
        self._resolver = resolver or resolve_host
        self._clock = clock
        self._sleep = sleep
        self._now = now
        self._last_request: dict[str, float] = {}
        if transport is None:
            transport = httpx.HTTPTransport(
                limits=httpx.Limits(max_keepalive_connections=0), trust_env=False
            )
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(settings.fetch_timeout),
            headers={"User-Agent": settings.user_agent, "Accept": ACCEPT},
            follow_redirects=False,
            trust_env=False,
        )

    def fetch(self, url: str) -> FetchResult:
        """Fetch `url`, following redirects that pass the same checks, and return its body."""
        allow_private = self.settings.allow_private_addresses
        target = _check_target(url, allow_private=allow_private, resolver=self._resolver)
        seen = {str(target.url.copy_with(fragment=None))}
        redirects = 0
        while True:
            response = self._send(target)
            try:
                if response.status_code in REDIRECT_STATUSES:
                    next_url = self._redirect_target(url, target, response)
                else:
                    return self._finish(url, target, response)
            finally:
                response.close()
            redirects += 1
            if redirects > self.settings.max_redirects:
                raise FetchError(
                    "more than %(max)s redirects fetching %(url)s; the site may be "
                    "misconfigured, or raise max_redirects (TABAYYUN_MAX_REDIRECTS)",
                    max=self.settings.max_redirects,
                    url=url,
                )
            key = str(next_url.copy_with(fragment=None))
            if key in seen:
                raise FetchError(
                    "redirect loop fetching %(url)s: %(next)s was already visited; "
                    "the site is misconfigured, try again later",
                    url=url,
                    next=str(next_url),
                )
            seen.add(key)
            target = _check_target(
                next_url, allow_private=allow_private, resolver=self._resolver, via=url
            )

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _wait_for_turn(self, host: str) -> None:
        # Politeness: news sites ban crawlers that hammer them; space requests per host.
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.settings.per_host_delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _send(self, target: _Target) -> httpx.Response:
        self._wait_for_turn(target.host)
        # Connect to the checked address, not the name, so DNS cannot change between check and use.
        pinned = target.url.copy_with(host=target.address)
        extensions = {}
        if target.url.scheme == "https" and _parse_ip_literal(target.host) is None:
            extensions["sni_hostname"] = target.host
        request = self._client.build_request(
            "GET",
            pinned,
            headers={"Host": target.url.netloc.decode("ascii")},
            extensions=extensions,
        )
        try:
            return self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise self._timed_out(target.url) from None
        except httpx.ConnectError as exc:
            raise FetchError(
                "could not connect to %(host)s (%(address)s) for %(url)s: %(detail)s; "
                "check the URL and your network connection, or try again later",
                host=target.host,
                address=target.address,
                url=str(target.url),
                detail=str(exc),
            ) from None
        except httpx.HTTPError as exc:
            raise FetchError(
                "network error fetching %(url)s: %(detail)s; try again later",
                url=str(target.url),
                detail=str(exc),
            ) from None

    def _redirect_target(self, url: str, target: _Target, response: httpx.Response) -> httpx.URL:
        location = response.headers.get("location")
        if not location:
            raise FetchError(
                "%(url)s answered HTTP %(status)s without a Location header; "
                "the site is misconfigured, try the final URL directly",
                url=str(target.url),
                status=response.status_code,
            )
        try:
            return target.url.join(location.strip())
        except httpx.InvalidURL as exc:
            raise FetchError(
                "%(url)s redirects to an invalid URL %(location)s (%(detail)s) while fetching "
                "%(start)s; try the final URL directly",
                url=str(target.url),
                location=repr(location),
                detail=str(exc),
                start=url,
            ) from None

    def _finish(self, url: str, target: _Target, response: httpx.Response) -> FetchResult:
        status = response.status_code
        if not 200 <= status < 300:
            raise FetchError(
                _status_message(status),
                url=str(target.url),
                status=status,
                reason=response.reason_phrase,
            )
        content = self._read_capped(target.url, response)
        content_type = response.headers.get("content-type")
        media_type = content_type.split(";")[0].strip().lower() if content_type else None
        return FetchResult(
            url=url,
            final_url=str(target.url),
            status=status,
            content_type=media_type or None,
            charset=response.charset_encoding.lower() if response.charset_encoding else None,
            content=content,
            fetched_at=self._now().astimezone(UTC).isoformat(timespec="seconds"),
        )

    def _read_capped(self, url: httpx.URL, response: httpx.Response) -> bytes:
        limit = self.settings.max_input_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise InputTooLargeError(
                "%(url)s is %(size)s bytes, more than the limit of %(max)s bytes; "
                "raise max_input_bytes (TABAYYUN_MAX_INPUT_BYTES) to accept it",
                url=str(url),
                size=int(declared),
                max=limit,
            )
        # Count decompressed bytes and stop early: a small gzip body can inflate enormously.
        deadline = self._clock() + self.settings.fetch_timeout
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise InputTooLargeError(
                        "%(url)s is more than the limit of %(max)s bytes (stopped reading); "
                        "raise max_input_bytes (TABAYYUN_MAX_INPUT_BYTES) to accept it",
                        url=str(url),
                        max=limit,
                    )
                # A server can trickle bytes just fast enough to dodge the read timeout.
                if self._clock() > deadline:
                    raise self._timed_out(url)
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise self._timed_out(url) from None
        except httpx.HTTPError as exc:
            raise FetchError(
                "network error reading %(url)s: %(detail)s; try again later",
                url=str(url),
                detail=str(exc),
            ) from None
        return b"".join(chunks)

    def _timed_out(self, url: httpx.URL) -> FetchError:
        return FetchError(
            "timed out after %(seconds)s s fetching %(url)s; try again later "
            "or raise fetch_timeout (TABAYYUN_FETCH_TIMEOUT)",
            seconds=_seconds(self.settings.fetch_timeout),
            url=str(url),
        )


def _seconds(value: float) -> int | float | str:
    """`value` as a parameter that reads as `f"{value:g}"`: a number where one does."""
    for number in (int(value) if float(value).is_integer() else None, value):
        if number is not None and str(number) == f"{value:g}":
            return number
    return f"{value:g}"


def _status_message(status: int) -> str:
    """The message for an HTTP status that is neither a page nor a redirect: what to do next."""
    if status < 400:
        return "%(url)s answered HTTP %(status)s %(reason)s, not a page; check the URL in a browser"
    if status in (401, 403):
        return (
            "%(url)s answered HTTP %(status)s %(reason)s; the site refused access; open it in a "
            "browser or save the page and analyse the file"
        )
    if status in (404, 410):
        return (
            "%(url)s answered HTTP %(status)s %(reason)s; check the URL; the article may have "
            "moved or been deleted"
        )
    if status == 429 or status >= 500:
        return (
            "%(url)s answered HTTP %(status)s %(reason)s; the site is busy or failing; "
            "try again later"
        )
    return "%(url)s answered HTTP %(status)s %(reason)s; check the URL"


def fetch_url(url: str, settings: Settings) -> FetchResult:
    """Fetch one URL with a short-lived `Fetcher`."""
    with Fetcher(settings) as fetcher:
        return fetcher.fetch(url)
