"""Server-side request forgery against the guarded fetcher (factcheck/articles/fetch.py), with
local servers standing in for the internal network: a loopback address however it is written,
and redirects that lead there. Nothing reaches the internal server. (The bound on a slow body
is tested with the fetcher's own tests.)"""

import http.server
import threading

import pytest
from django.test import Client
from django.urls import reverse

from factcheck.articles import fetch as fetch_module
from factcheck.articles.fetch import FetchError, fetch
from factcheck.articles.models import Article


class Recorder(http.server.BaseHTTPRequestHandler):
    """Records and answers every GET; the server's `redirect_to` makes it answer /go with a
    redirect there (with the server's `status`)."""

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.server.seen.append(self.path)
        target = self.server.redirect_to
        if target is not None and self.path == "/go":
            self.send_response(self.server.status)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"<html><body><p>Internal secret: the database password.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve(address):
    httpd = http.server.ThreadingHTTPServer((address, 0), Recorder)
    httpd.seen = []
    httpd.redirect_to = None
    httpd.status = 302
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    return httpd


@pytest.fixture
def internal():
    """The internal service an attacker aims at, on 127.0.0.2 (loopback, never public)."""
    httpd = _serve("127.0.0.2")
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def internal_on_127_0_0_1():
    httpd = _serve("127.0.0.1")
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def outside(monkeypatch):
    """A server the fetcher takes for a public one: 127.0.0.1, and that address only."""
    real = fetch_module.is_public_address
    monkeypatch.setattr(
        fetch_module, "is_public_address", lambda address: address == "127.0.0.1" or real(address)
    )
    httpd = _serve("127.0.0.1")
    yield httpd
    httpd.shutdown()
    httpd.server_close()


# 127.0.0.1 written every way a URL parser or the resolver accepts it.
LOOPBACK_SPELLINGS = [
    "127.0.0.1",
    "2130706433",  # decimal
    "0177.0.0.1",  # octal
    "0177.0000.0000.0001",
    "0x7f.0.0.1",  # hexadecimal
    "0x7f000001",
    "127.1",  # short forms
    "127.0.1",
    "localhost",
    "LOCALHOST.",
    "0.0.0.0",  # "this host": Linux connects it to loopback
    "0",
    "[::ffff:127.0.0.1]",  # IPv4-mapped IPv6
    "[::ffff:7f00:1]",
    "[0:0:0:0:0:ffff:127.0.0.1]",
    "[::1]",
    "[::]",
    "[64:ff9b::7f00:1]",  # NAT64
    "user@127.0.0.1",  # user info before the host
    "example.org@127.0.0.1",
]


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
def test_loopback_however_written_is_never_fetched(internal_on_127_0_0_1, host):
    port = internal_on_127_0_0_1.server_address[1]
    with pytest.raises(FetchError):
        fetch(f"http://{host}:{port}/secret", max_bytes=10_000, timeout=3)
    assert internal_on_127_0_0_1.seen == []


REDIRECT_TARGETS = [
    "http://127.0.0.2:{port}/secret",
    "http://2130706434:{port}/secret",  # 127.0.0.2 in decimal
    "http://0177.0.0.2:{port}/secret",  # octal
    "http://0x7f000002:{port}/secret",  # hexadecimal
    "http://[::ffff:127.0.0.2]:{port}/secret",  # IPv4-mapped
    "http://[::ffff:7f00:2]:{port}/secret",
    "http://169.254.169.254/latest/meta-data/",  # the cloud's metadata service
    "http://10.0.0.1/",
    "//127.0.0.2:{port}/secret",  # scheme-relative
    "file:///etc/passwd",
    "gopher://127.0.0.2:{port}/_secret",
]


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("target", REDIRECT_TARGETS)
def test_a_redirect_to_an_internal_address_is_not_followed(internal, outside, target, status):
    outside.redirect_to = target.format(port=internal.server_address[1])
    outside.status = status
    with pytest.raises(FetchError):
        fetch(f"http://127.0.0.1:{outside.server_address[1]}/go", max_bytes=10_000, timeout=3)
    assert outside.seen == ["/go"]
    assert internal.seen == []


def test_a_redirect_to_the_outside_server_itself_is_followed(outside):
    """The guard refuses internal addresses, not redirects: the control for the tests above."""
    port = outside.server_address[1]
    outside.redirect_to = f"http://127.0.0.1:{port}/page"
    result = fetch(f"http://127.0.0.1:{port}/go", max_bytes=10_000, timeout=3)
    assert b"Internal secret" in result.data
    assert outside.seen == ["/go", "/page"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "2130706433", "0x7f.0.0.1", "[::ffff:127.0.0.1]", "127.1"]
)
def test_the_import_screen_refuses_an_internal_address_and_stores_nothing(
    internal_on_127_0_0_1, editor, host
):
    client = Client()
    client.force_login(editor)
    port = internal_on_127_0_0_1.server_address[1]
    response = client.post(
        reverse("articles:new"), {"url": f"http://{host}:{port}/secret", "format": "auto"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Internal secret" not in response.content.decode()
    assert not Article.objects.exists()
    assert internal_on_127_0_0_1.seen == []


@pytest.mark.django_db
def test_the_refusal_does_not_name_the_internal_address(editor, monkeypatch):
    def getaddrinfo(host, port, *args, **kwargs):
        return [(fetch_module.socket.AF_INET, fetch_module.socket.SOCK_STREAM, 6, "",
                 ("10.20.30.40", port))]  # fmt: skip

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", getaddrinfo)
    client = Client()
    client.force_login(editor)
    response = client.post(
        reverse("articles:new"), {"url": "http://intranet.example/", "format": "auto"}
    )
    errors = " ".join(response.context["form"].non_field_errors())
    assert "not public" in errors  # refused by the address check, not for another reason
    assert "10.20.30.40" not in response.content.decode()
