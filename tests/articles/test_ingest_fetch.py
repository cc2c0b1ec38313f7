"""The guarded fetcher, against a local http.server (never the outside network)."""

import http.server
import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest

from factcheck.articles import fetch as fetch_module
from factcheck.articles.fetch import USER_AGENT, FetchError, FetchResult, fetch, is_public_address
from factcheck.articles.ingest import IngestError

PAGE = b"<html><head><title>Hello</title></head><body><p>Local page.</p></body></html>"


class Handler(http.server.BaseHTTPRequestHandler):
    seen: list[dict] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        Handler.seen.append({"path": self.path, "host": self.headers["Host"], **self.headers})
        route = {
            "/article.html": self._page,
            "/redirect": lambda: self._redirect("/article.html"),
            "/loop": lambda: self._redirect("/loop"),
            "/to-private": lambda: self._redirect("http://10.0.0.1/secret"),
            "/big": lambda: self._send(b"x" * 5000, length=True),
            "/big-unannounced": lambda: self._send(b"x" * 5000, length=False),
            "/slow": self._slow,
            "/trickle": self._trickle,
            "/dribble": lambda: self._dribble(length=True),
            "/dribble-unannounced": lambda: self._dribble(length=False),
            "/cut-short": self._cut_short,
            "/notes.md": lambda: self._send(b"# Notes\n", content_type="text/markdown"),
        }.get(self.path)
        if route is None:
            self.send_error(404)
        else:
            route()

    def _page(self):
        self._send(PAGE, content_type="text/html; charset=utf-8")

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _slow(self):
        time.sleep(1.5)
        self._send(PAGE)

    def _trickle(self):
        """Headers a byte at a time, each byte well within a socket timeout."""
        for byte in b"HTTP/1.1 200 OK\r\nX-Padding: " + b"x" * 40:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.1)

    def _dribble(self, *, length):
        """Headers at once, keep-alive closed, then the body one byte a second."""
        body = b"x" * 30
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Connection", "close")
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for byte in body:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(1)

    def _cut_short(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "1000")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(b"only part of it")

    def _send(self, body, *, content_type="text/plain", length=True):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    Handler.seen = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_private(settings):
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = True


@pytest.fixture
def loopback_is_public(monkeypatch):
    """Treat 127.0.0.1 as if it were a public host, so the default rules can be exercised."""
    real = fetch_module.is_public_address
    monkeypatch.setattr(
        fetch_module, "is_public_address", lambda address: address == "127.0.0.1" or real(address)
    )


def resolve_to(monkeypatch, *answers):
    """Make host names resolve to ``answers`` in turn (one address per lookup)."""
    lookups = []

    def getaddrinfo(host, port, *args, **kwargs):
        address = answers[min(len(lookups), len(answers) - 1)]
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", getaddrinfo)
    return lookups


# --- with private addresses allowed (the test server is on 127.0.0.1) -----------------------


def test_it_fetches_a_page_with_its_content_type(server, allow_private):
    result = fetch(f"{server}/article.html", max_bytes=10_000)
    assert result == FetchResult(url=f"{server}/article.html", content_type="text/html", data=PAGE)
    assert result.format == "html"


def test_it_sends_its_user_agent(server, allow_private):
    fetch(f"{server}/article.html", max_bytes=10_000)
    assert Handler.seen[0]["User-Agent"] == USER_AGENT
    assert USER_AGENT == "factcheck-workbench/0.1 (+https://github.com/factcheck-workbench)"


def test_it_follows_redirects_and_reports_the_final_url(server, allow_private):
    result = fetch(f"{server}/redirect", max_bytes=10_000)
    assert result.url == f"{server}/article.html"
    assert result.data == PAGE


def test_it_stops_after_five_redirects(server, allow_private):
    with pytest.raises(FetchError, match="Too many redirects"):
        fetch(f"{server}/loop", max_bytes=10_000)
    assert len(Handler.seen) == 6


def test_it_refuses_a_body_announced_over_the_limit(server, allow_private):
    with pytest.raises(FetchError, match="larger than the limit of 1000 bytes"):
        fetch(f"{server}/big", max_bytes=1000)


def test_it_stops_reading_a_body_that_grows_over_the_limit(server, allow_private):
    with pytest.raises(FetchError, match="larger than the limit"):
        fetch(f"{server}/big-unannounced", max_bytes=1000)


def test_it_gives_up_on_a_slow_server(server, allow_private):
    started = time.monotonic()
    with pytest.raises(FetchError, match="too long"):
        fetch(f"{server}/slow", max_bytes=10_000, timeout=0.3)
    assert time.monotonic() - started < 1.2


def test_a_server_trickling_its_headers_cannot_outlast_the_timeout(server, allow_private):
    started = time.monotonic()
    with pytest.raises(FetchError, match="too long"):
        fetch(f"{server}/trickle", max_bytes=10_000, timeout=0.5)
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("path", ["/dribble", "/dribble-unannounced"])
def test_a_server_dribbling_its_body_after_closing_keep_alive_cannot_outlast_the_timeout(
    server, allow_private, path
):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"took too long to answer \(more than 1.5 seconds\)"):
        fetch(f"{server}{path}", max_bytes=10_000, timeout=1.5)
    assert time.monotonic() - started < 1.5 + 0.5


def test_a_slow_name_lookup_cannot_outlast_the_timeout(monkeypatch):
    def slow_getaddrinfo(*args, **kwargs):
        time.sleep(3)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80))]

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", slow_getaddrinfo)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"took too long to answer \(more than 0.5 seconds\)"):
        fetch("http://slow-dns.example/", max_bytes=1000, timeout=0.5)
    assert time.monotonic() - started < 0.5 + 0.5


def test_a_body_cut_short_is_an_error_not_a_shorter_page(server, allow_private):
    with pytest.raises(FetchError, match="closed the connection before the end of the page"):
        fetch(f"{server}/cut-short", max_bytes=10_000)


def test_site_local_ipv6_addresses_are_not_public():
    from factcheck.articles.fetch import is_public_address

    assert not is_public_address("fec0::1")


def test_an_error_status_is_reported(server, allow_private):
    with pytest.raises(FetchError, match="answered 404"):
        fetch(f"{server}/missing", max_bytes=10_000)


def test_it_connects_to_the_resolved_address_and_sends_the_host_name(
    server, allow_private, monkeypatch
):
    port = server.rsplit(":", 1)[1]
    lookups = resolve_to(monkeypatch, "127.0.0.1")
    result = fetch(f"http://news.example:{port}/notes.md", max_bytes=10_000)
    assert result.format == "md"
    assert Handler.seen[0]["host"] == f"news.example:{port}"
    assert lookups == ["news.example"]


@pytest.fixture
def tls_server(tmp_path):
    """An https server on 127.0.0.1 with a self-signed certificate for news.example."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=news.example"]
        + ["-addext", "subjectAltName=DNS:news.example"],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server_names = []
    context.sni_callback = lambda _sock, name, _context: server_names.append(name)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    Handler.seen = []
    yield httpd.server_address[1], server_names, cert
    httpd.shutdown()
    httpd.server_close()


def test_https_checks_the_certificate_against_the_host_name(tls_server, allow_private, monkeypatch):
    port, server_names, _cert = tls_server
    resolve_to(monkeypatch, "127.0.0.1")
    with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED"):
        fetch(f"https://news.example:{port}/article.html", max_bytes=10_000)
    assert server_names == ["news.example"]


def test_https_to_a_pinned_address_works_with_a_trusted_certificate(
    tls_server, allow_private, monkeypatch
):
    port, server_names, cert = tls_server
    resolve_to(monkeypatch, "127.0.0.1")
    trusting = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(fetch_module.ssl, "create_default_context", lambda: trusting)
    result = fetch(f"https://news.example:{port}/article.html", max_bytes=10_000)
    assert result.data == PAGE
    assert server_names == ["news.example"]
    assert Handler.seen[0]["host"] == f"news.example:{port}"


def test_fetch_errors_are_ingest_errors():
    assert issubclass(FetchError, IngestError)


# --- with the default rules -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://192.168.1.10:8080/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://100.64.0.1/",
    ],
)
def test_it_refuses_private_and_reserved_addresses(url):
    with pytest.raises(FetchError, match="only public addresses can be fetched"):
        fetch(url, max_bytes=1000)


def test_the_local_test_server_is_refused_by_default(server):
    with pytest.raises(FetchError, match="is not public") as refused:
        fetch(f"{server}/article.html", max_bytes=1000)
    assert "127.0.0.1'" in str(refused.value)  # the host name the user gave, nothing resolved
    assert Handler.seen == []


def test_a_host_name_resolving_to_a_private_address_is_refused(monkeypatch):
    resolve_to(monkeypatch, "10.1.2.3")
    with pytest.raises(FetchError, match=r"'intranet.example' is not public") as refused:
        fetch("http://intranet.example/", max_bytes=1000)
    assert "10.1.2.3" not in str(refused.value)


def test_a_redirect_to_a_private_address_is_refused(server, loopback_is_public):
    with pytest.raises(FetchError, match="'10.0.0.1' is not public"):
        fetch(f"{server}/to-private", max_bytes=1000)
    assert [request["path"] for request in Handler.seen] == ["/to-private"]


def test_a_host_name_is_resolved_once_so_rebinding_cannot_switch_the_address(
    server, loopback_is_public, monkeypatch
):
    port = server.rsplit(":", 1)[1]
    lookups = resolve_to(monkeypatch, "127.0.0.1", "10.0.0.1")
    assert fetch(f"http://news.example:{port}/article.html", max_bytes=10_000).data == PAGE
    assert lookups == ["news.example"]


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a.txt", "file:///etc/passwd", "javascript:alert(1)", "gopher://x"]
)
def test_it_refuses_schemes_other_than_http_and_https(url):
    with pytest.raises(FetchError, match="Only http and https"):
        fetch(url, max_bytes=1000)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:10.0.0.1", False),
        ("64:ff9b::a00:1", False),
        ("2002:0a00:0001::1", False),
        ("ff02::1", False),
        ("240.0.0.1", False),
    ],
)
def test_is_public_address(address, public):
    assert is_public_address(address) is public
