"""Safe fetching: SSRF refusals, redirects, limits and politeness, over a fake network."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import ClassVar

import httpx
import pytest

from tabayyun.config import Settings
from tabayyun.errors import BlockedAddressError, ConfigError, FetchError, InputTooLargeError
from tabayyun.ingest.fetch import Fetcher, FetchResult, check_url, fetch_url

PUBLIC_IP = "93.184.215.14"
OTHER_PUBLIC_IP = "151.101.1.69"
DNS = {
    "news.example": [PUBLIC_IP],
    "agency.example": [OTHER_PUBLIC_IP],
    "localhost": ["127.0.0.1", "::1"],
    "rebind.example": ["10.1.2.3"],
    "mixed.example": [PUBLIC_IP, "192.168.0.10"],
    "metadata.example": ["169.254.169.254"],
}
PAGE = "<html><body><p>أكدت زاخاروفا أن روسيا تنظر بجدية إلى التعاون الإعلامي.</p></body></html>"
NOW = datetime(2024, 11, 27, 18, 9, 30, tzinfo=UTC)


def resolver(host: str) -> list[str]:
    if host not in DNS:
        raise FetchError(f"could not resolve {host}")
    return DNS[host]


def settings(**overrides: object) -> Settings:
    values: dict[str, object] = {"per_host_delay": 0.0, "max_input_bytes": 10_000}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


class Network:
    """A fake web: routes on the Host header (the URL carries the pinned IP) and logs requests."""

    def __init__(self, routes: dict[str, Callable[[httpx.Request], httpx.Response]]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        key = request.headers["host"] + request.url.path
        if key not in self.routes:
            return httpx.Response(404, text="not here")
        return self.routes[key](request)


def page(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200, content=PAGE.encode("utf-8"), headers={"Content-Type": "text/html; charset=UTF-8"}
    )


def redirect(location: str, status: int = 302) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, headers={"Location": location})


def fetcher(network: Network, **overrides: object) -> Fetcher:
    return Fetcher(
        settings(**overrides),
        transport=httpx.MockTransport(network),
        resolver=resolver,
        now=lambda: NOW,
    )


# --- check_url: every spelling of a private target is refused -------------------------------


@pytest.mark.parametrize(
    ("url", "address", "kind"),
    [
        ("http://127.0.0.1/", "127.0.0.1", "loopback"),
        ("http://10.0.0.1/", "10.0.0.1", "private"),
        ("http://192.168.1.1:8080/admin", "192.168.1.1", "private"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "link-local"),
        ("http://100.64.0.1/", "100.64.0.1", "shared"),
        ("http://0.0.0.0/", "0.0.0.0", "unspecified"),
        ("http://224.0.0.1/", "224.0.0.1", "multicast"),
        ("http://240.0.0.1/", "240.0.0.1", "reserved"),
        ("http://[::1]/", "::1", "loopback"),
        ("http://[fd12:3456::1]/", "fd12:3456::1", "private"),
        ("http://[fe80::1]/", "fe80::1", "link-local"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1", "loopback"),
        ("http://[::ffff:169.254.169.254]/", "::ffff:a9fe:a9fe", "link-local"),
        ("http://[64:ff9b::a00:1]/", "64:ff9b::a00:1", "private"),
        ("http://2130706433/", "127.0.0.1", "loopback"),
        ("http://0x7f.1/", "127.0.0.1", "loopback"),
        ("http://127.1/", "127.0.0.1", "loopback"),
        ("http://0x7f000001/", "127.0.0.1", "loopback"),
        ("http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254", "link-local"),
        ("http://0/", "0.0.0.0", "unspecified"),
        ("http://127.0.0.1./", "127.0.0.1", "loopback"),
        ("http://news.example@127.0.0.1/", "127.0.0.1", "loopback"),
    ],
)
def test_private_address_literals_are_refused(url: str, address: str, kind: str) -> None:
    with pytest.raises(BlockedAddressError) as caught:
        check_url(url, allow_private=False, resolver=resolver)
    message = str(caught.value)
    assert f"{address} is a" in message and kind in message
    assert message.endswith("pass --allow-private to fetch it anyway")


def test_refusal_message_names_url_address_and_way_out() -> None:
    with pytest.raises(BlockedAddressError) as caught:
        check_url("http://10.0.0.1/", allow_private=False, resolver=resolver)
    assert str(caught.value) == (
        "refused to fetch http://10.0.0.1/: 10.0.0.1 is a private address; "
        "pass --allow-private to fetch it anyway"
    )


@pytest.mark.parametrize(
    ("url", "resolved"),
    [
        ("http://localhost/", "127.0.0.1"),
        ("http://LocalHost:8000/", "127.0.0.1"),
        ("https://rebind.example/news", "10.1.2.3"),
        ("http://mixed.example/", "192.168.0.10"),  # one bad address is enough
        ("http://metadata.example/", "169.254.169.254"),
    ],
)
def test_names_resolving_to_private_addresses_are_refused(url: str, resolved: str) -> None:
    with pytest.raises(BlockedAddressError, match=f"resolves to {resolved},"):
        check_url(url, allow_private=False, resolver=resolver)


@pytest.mark.parametrize(
    "url",
    [
        "http://news.example/a",
        "https://news.example/",
        f"http://{PUBLIC_IP}/",
        "http://[2606:4700::1]/",
    ],
)
def test_public_targets_pass(url: str) -> None:
    check_url(url, allow_private=False, resolver=resolver)


@pytest.mark.parametrize(
    "url",
    ["ftp://news.example/a.txt", "file:///etc/passwd", "gopher://news.example/", "news.example"],
)
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https URLs can be fetched"):
        check_url(url, allow_private=True, resolver=resolver)


def test_malformed_numeric_host_is_refused() -> None:
    with pytest.raises(FetchError, match="not a valid"):
        check_url("http://1.2.3.4.5/", allow_private=False, resolver=resolver)


def test_allow_private_lets_loopback_through() -> None:
    check_url("http://127.0.0.1/", allow_private=True, resolver=resolver)
    network = Network({"127.0.0.1/": page})
    with fetcher(network, allow_private_addresses=True) as client:
        assert client.fetch("http://127.0.0.1/").status == 200


# --- Fetcher over a fake network ------------------------------------------------------------


def test_fetch_returns_body_and_metadata_and_pins_the_checked_address() -> None:
    network = Network({"news.example/article": page})
    with fetcher(network, user_agent="tabayyun-test/1") as client:
        result = client.fetch("https://news.example/article")
    assert result == FetchResult(
        url="https://news.example/article",
        final_url="https://news.example/article",
        status=200,
        content_type="text/html",
        charset="utf-8",  # lowercased, whatever the header says
        content=PAGE.encode("utf-8"),
        fetched_at="2024-11-27T18:09:30+00:00",
    )
    (request,) = network.requests
    # Connect to the IP that was checked, so a second DNS answer cannot change the target.
    assert request.url.host == PUBLIC_IP
    assert request.extensions["sni_hostname"] == "news.example"
    assert request.headers["user-agent"] == "tabayyun-test/1"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/", "http://[::1]/", "http://localhost/", "http://rebind.example/"]
)
def test_fetch_refuses_before_sending_anything(url: str) -> None:
    network = Network({})
    with fetcher(network) as client, pytest.raises(BlockedAddressError):
        client.fetch(url)
    assert network.requests == []


def test_dns_rebinding_cannot_move_the_connection() -> None:
    answers = iter([[PUBLIC_IP], ["127.0.0.1"]])  # public when checked, loopback afterwards
    network = Network({"rebinding.example/": page})
    client = Fetcher(
        settings(), transport=httpx.MockTransport(network), resolver=lambda host: next(answers)
    )
    with client:
        client.fetch("http://rebinding.example/")
    assert [r.url.host for r in network.requests] == [PUBLIC_IP]


def test_redirect_to_metadata_service_is_refused() -> None:
    network = Network({"news.example/r": redirect("http://169.254.169.254/latest/meta-data/")})
    with fetcher(network) as client, pytest.raises(BlockedAddressError) as caught:
        client.fetch("http://news.example/r")
    assert "redirected from http://news.example/r" in str(caught.value)
    assert len(network.requests) == 1  # the metadata address was never contacted


def test_redirect_to_name_resolving_private_is_refused() -> None:
    network = Network({"news.example/r": redirect("https://rebind.example/")})
    with fetcher(network) as client, pytest.raises(BlockedAddressError, match=r"10\.1\.2\.3"):
        client.fetch("http://news.example/r")


def test_redirects_are_followed_relative_and_across_hosts() -> None:
    network = Network(
        {
            "news.example/old": redirect("/new", 301),
            "news.example/new": redirect("https://agency.example/story?id=7", 308),
            "agency.example/story": page,
        }
    )
    with fetcher(network) as client:
        result = client.fetch("http://news.example/old")
    assert result.final_url == "https://agency.example/story?id=7"
    assert result.url == "http://news.example/old"
    assert [r.url.host for r in network.requests] == [PUBLIC_IP, PUBLIC_IP, OTHER_PUBLIC_IP]


def test_redirect_to_other_scheme_is_refused() -> None:
    network = Network({"news.example/r": redirect("file:///etc/passwd")})
    with fetcher(network) as client, pytest.raises(FetchError, match="only http and https"):
        client.fetch("http://news.example/r")


def test_redirect_loop_is_detected() -> None:
    network = Network({"news.example/a": redirect("/b"), "news.example/b": redirect("/a")})
    with fetcher(network) as client, pytest.raises(FetchError, match="redirect loop"):
        client.fetch("http://news.example/a")
    assert len(network.requests) == 2


@pytest.mark.parametrize(("hops", "limit", "ok"), [(3, 3, True), (4, 3, False), (1, 0, False)])
def test_redirect_limit(hops: int, limit: int, ok: bool) -> None:
    routes = {f"news.example/{i}": redirect(f"/{i + 1}") for i in range(hops)}
    routes[f"news.example/{hops}"] = page
    network = Network(routes)
    with fetcher(network, max_redirects=limit) as client:
        if ok:
            assert client.fetch("http://news.example/0").final_url == f"http://news.example/{hops}"
        else:
            with pytest.raises(FetchError, match=f"more than {limit} redirects"):
                client.fetch("http://news.example/0")
    assert len(network.requests) == min(hops, limit) + 1


def test_redirect_without_location_is_an_error() -> None:
    network = Network({"news.example/r": lambda request: httpx.Response(302)})
    with fetcher(network) as client, pytest.raises(FetchError, match="without a Location"):
        client.fetch("http://news.example/r")


def test_oversize_streamed_body_stops_reading() -> None:
    pulled: list[int] = []

    def chunks() -> Iterator[bytes]:
        for i in range(100):
            pulled.append(i)
            yield b"x" * 1000

    network = Network({"news.example/big": lambda request: httpx.Response(200, content=chunks())})
    too_large = pytest.raises(InputTooLargeError, match="more than the limit of 5500 bytes")
    with fetcher(network, max_input_bytes=5_500) as client, too_large:
        client.fetch("http://news.example/big")
    assert len(pulled) == 6  # stopped at the first chunk past the limit, not at the end


def test_declared_oversize_body_is_refused_before_reading() -> None:
    network = Network(
        {"news.example/big": lambda request: httpx.Response(200, content=b"x" * 20_000)}
    )
    with fetcher(network) as client, pytest.raises(InputTooLargeError, match="20000 bytes"):
        client.fetch("http://news.example/big")


def test_body_at_the_limit_is_accepted() -> None:
    network = Network(
        {"news.example/x": lambda request: httpx.Response(200, content=b"y" * 10_000)}
    )
    with fetcher(network) as client:
        result = client.fetch("http://news.example/x")
    assert len(result.content) == 10_000 and result.content_type is None


@pytest.mark.parametrize(
    ("status", "advice"),
    [(404, "check the URL"), (410, "deleted"), (403, "refused access"), (503, "try again later")],
)
def test_http_errors_name_status_and_url(status: int, advice: str) -> None:
    network = Network({"news.example/x": lambda request: httpx.Response(status)})
    with fetcher(network) as client, pytest.raises(FetchError) as caught:
        client.fetch("http://news.example/x")
    message = str(caught.value)
    assert f"http://news.example/x answered HTTP {status}" in message and advice in message


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (httpx.ConnectTimeout("connect timed out"), "timed out after 20 s"),
        (httpx.ReadTimeout("read timed out"), "raise fetch_timeout"),
        (httpx.ConnectError("connection refused"), "could not connect to news.example"),
        (httpx.RemoteProtocolError("peer closed"), "network error"),
    ],
)
def test_network_failures_become_fetch_errors(error: Exception, expected: str) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise error

    network = Network({"news.example/x": fail})
    with fetcher(network, fetch_timeout=20.0) as client, pytest.raises(FetchError, match=expected):
        client.fetch("http://news.example/x")


def test_politeness_delay_between_requests_to_one_host() -> None:
    now = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    network = Network({"news.example/a": page, "news.example/b": page, "agency.example/c": page})
    client = Fetcher(
        settings(per_host_delay=2.0),
        transport=httpx.MockTransport(network),
        resolver=resolver,
        clock=lambda: now[0],
        sleep=sleep,
    )
    with client:
        client.fetch("http://news.example/a")
        client.fetch("http://agency.example/c")  # another host: no wait
        now[0] += 0.5
        client.fetch("http://news.example/b")  # 0.5 s after the first: wait 1.5 s
        now[0] += 5.0
        client.fetch("http://news.example/a")  # long enough ago: no wait
    assert sleeps == [pytest.approx(1.5)]


def test_politeness_applies_to_redirect_hops() -> None:
    sleeps: list[float] = []
    network = Network({"news.example/r": redirect("/a"), "news.example/a": page})
    client = Fetcher(
        settings(per_host_delay=1.0),
        transport=httpx.MockTransport(network),
        resolver=resolver,
        clock=lambda: 0.0,
        sleep=sleeps.append,
    )
    with client:
        client.fetch("http://news.example/r")
    assert sleeps == [1.0]


def test_invalid_settings_are_refused() -> None:
    with pytest.raises(ConfigError, match="max_redirects"):
        Fetcher(settings(max_redirects=-1))


# --- the real httpx transport, on loopback --------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    seen_hosts: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # the name http.server calls
        type(self).seen_hosts.append(self.headers["Host"])
        body = "Захарова заявила о сотрудничестве.".encode("cp1251")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=windows-1251")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_real_transport_connects_to_pinned_address_with_original_host() -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        # "pinned.invalid" exists in no DNS: the request can only arrive through the pinned IP.
        client = Fetcher(
            settings(allow_private_addresses=True, fetch_timeout=5.0),
            resolver=lambda host: ["127.0.0.1"],
        )
        with client:
            result = client.fetch(f"http://pinned.invalid:{port}/ru")
    finally:
        server.shutdown()
        server.server_close()
    assert _Handler.seen_hosts == [f"pinned.invalid:{port}"]
    assert result.charset == "windows-1251"
    assert result.content.decode("cp1251") == "Захарова заявила о сотрудничестве."


def test_fetch_url_refuses_private_targets_with_default_settings() -> None:
    with pytest.raises(BlockedAddressError):
        fetch_url("http://127.0.0.1:9/", Settings(allow_private_addresses=False))
