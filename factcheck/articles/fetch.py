"""The one guarded way this project goes out to the network.

`fetch()` only speaks http and https, resolves the host once, refuses any address that is not
public (loopback, private, link-local, shared, multicast, reserved, unspecified, and the same
ranges hidden in IPv4-mapped or NAT64 IPv6 addresses), connects to exactly the address it
checked while sending the real host name (Host header and TLS SNI/certificate check), and does
so again on every redirect. Size and time are bounded (the name lookup, the connection, the
headers and the body together), and nothing is decompressed. `post()` sends one POST (a
webhook) through the same guards.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .ingest import IngestError
from .ingest.sniff import human_size

USER_AGENT = "factcheck-workbench/0.1 (+https://github.com/factcheck-workbench)"
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
_REDIRECTS = {301, 302, 303, 307, 308}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_CONTENT_FORMATS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "md",
    "text/x-markdown": "md",
    "text/plain": "txt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}


class FetchError(IngestError):
    """A URL that could not or must not be fetched; the message is for the user."""


@dataclass(frozen=True)
class FetchResult:
    url: str  # after redirects
    content_type: str  # the media type, without parameters
    data: bytes

    @property
    def format(self) -> str:
        """The ingest format the server's content type announces, or "auto"."""
        return _CONTENT_FORMATS.get(self.content_type, "auto")


def fetch(url: str, *, max_bytes: int, timeout: float = 10.0) -> FetchResult:
    """GET ``url`` within ``max_bytes`` and ``timeout`` seconds (all hops together)."""
    too_long = FetchError(f"The server took too long to answer (more than {timeout:g} seconds).")
    with _Watchdog(timeout) as watchdog:
        deadline = time.monotonic() + timeout
        try:
            result = _fetch(url, max_bytes, deadline, watchdog)
        except FetchError:
            # A read timing out at the deadline may beat the watchdog's own thread to it.
            if watchdog.expired or time.monotonic() >= deadline:
                raise too_long from None
            raise
    # A body cut short by the watchdog reads as a normal end of the page: never return it.
    if watchdog.expired:
        raise too_long
    return result


class _Watchdog:
    """Shuts the socket in use when the deadline passes. Socket timeouts bound each read, not
    their sum, so without it a server trickling its headers or its body a byte at a time could
    hold the fetch (and a worker) far past the timeout.

    It holds the socket itself, not only the connection: when the server says
    `Connection: close`, http.client hands the socket to the response and sets the
    connection's `sock` to None while the body is still to be read."""

    def __init__(self, timeout: float) -> None:
        self.connection: http.client.HTTPConnection | None = None
        self.sock: socket.socket | None = None
        self.expired = False
        self._timer = threading.Timer(timeout, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        self.expired = True
        for sock in (self.sock, self.connection.sock if self.connection is not None else None):
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def _fetch(url: str, max_bytes: int, deadline: float, watchdog: _Watchdog) -> FetchResult:
    current = url.strip()
    for _hop in range(MAX_REDIRECTS + 1):
        response, connection = _open(current, deadline, watchdog)
        try:
            if response.status in _REDIRECTS:
                location = response.getheader("Location")
                if not location:
                    raise FetchError(f"The server redirected without a location ({current}).")
                current = urljoin(current, location.strip())
                continue
            if not 200 <= response.status < 300:
                raise FetchError(
                    f"The server answered {response.status} {response.reason} for {current}."
                )
            data = _read_body(response, watchdog.sock, max_bytes, deadline)
            content_type = (response.getheader("Content-Type") or "").split(";")[0]
            return FetchResult(url=current, content_type=content_type.strip().lower(), data=data)
        finally:
            connection.close()
    raise FetchError(f"Too many redirects (more than {MAX_REDIRECTS}) from {url}.")


def is_public_address(address: str) -> bool:
    """Whether ``address`` is a public unicast address that is safe to connect to."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not is_public_address(str(embedded)):
            return False
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local)
    )


def private_addresses_allowed() -> bool:
    """Only tests (with a local server) turn on ``FACTCHECK_FETCH_ALLOW_PRIVATE``."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        return bool(getattr(settings, "FACTCHECK_FETCH_ALLOW_PRIVATE", False))
    except ImproperlyConfigured:
        return False


def _connection(
    url: str, deadline: float, watchdog: _Watchdog, allow_private: bool = False
) -> tuple[http.client.HTTPConnection, str]:
    """A connection pinned to the checked address of ``url``'s host, and the path to ask for."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError("Only http and https addresses can be fetched.")
    host = parts.hostname
    if not host:
        raise FetchError(f"The address {url!r} has no host name.")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as error:
        raise FetchError(f"The address {url!r} has an invalid port.") from error
    target = _resolve(host, port, deadline, allow_private)
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, target=target, timeout=_remaining(deadline))
    watchdog.connection = connection
    watchdog.sock = None
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return connection, path


def _open(
    url: str, deadline: float, watchdog: _Watchdog
) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection]:
    connection, path = _connection(url, deadline, watchdog)
    try:
        connection.request(
            "GET",
            path,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "identity",
            },
        )
        # Kept before getresponse(), which drops connection.sock for a `Connection: close` answer.
        watchdog.sock = connection.sock
        return connection.getresponse(), connection
    except FetchError:
        connection.close()
        raise
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        raise FetchError(f"Could not fetch {url}: {_reason(error)}.") from error


def _resolve(host: str, port: int, deadline: float, allow_private: bool = False) -> _Target:
    """Resolve ``host`` once; refuse it if any of its addresses is not public (unless
    ``allow_private``, or the test setting)."""
    try:
        infos = _lookup_within(host, port, deadline)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"The host {host!r} could not be resolved.") from error
    if not infos:
        raise FetchError(f"The host {host!r} could not be resolved.")
    allow_private = allow_private or private_addresses_allowed()
    if not allow_private:
        for info in infos:
            address = info[4][0]
            if not is_public_address(address):
                # Never the address itself: it would let a user map internal host names.
                raise FetchError(
                    f"The address of {host!r} is not public; only public addresses can be fetched."
                )
    family, _type, _proto, _name, sockaddr = infos[0]
    return _Target(family=family, sockaddr=sockaddr, allow_private=allow_private)


def _lookup_within(host: str, port: int, deadline: float) -> list:
    """getaddrinfo() has no timeout of its own and a slow resolver can take far longer than the
    fetch may: it runs in a thread of its own, which is left to finish alone past the deadline."""
    answers: list[list] = []
    errors: list[Exception] = []

    def lookup() -> None:
        try:
            answers.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except Exception as error:
            errors.append(error)

    thread = threading.Thread(target=lookup, name="fetch-resolve", daemon=True)
    thread.start()
    thread.join(_remaining(deadline))
    if thread.is_alive():
        raise FetchError("Fetching the page took too long.")
    if errors:
        raise errors[0]
    return answers[0]


@dataclass(frozen=True)
class _Target:
    family: int
    sockaddr: tuple
    allow_private: bool = False


class _PinnedMixin:
    """Connect to the address that was checked, whatever the host name resolves to now."""

    def _pin(self, target: _Target) -> None:
        self._target = target
        self._create_connection = self._connect_pinned

    def _connect_pinned(self, _address, timeout=None, source_address=None):
        """Stands in for socket.create_connection, which would resolve the name again."""
        sock = socket.socket(self._target.family, socket.SOCK_STREAM)
        try:
            sock.settimeout(timeout)
            sock.connect(self._target.sockaddr)
            peer = sock.getpeername()[0]
            allowed = self._target.allow_private or private_addresses_allowed()
            if not allowed and not is_public_address(peer):
                raise FetchError(
                    "This address is not public; only public addresses can be fetched."
                )
        except BaseException:
            sock.close()
            raise
        return sock


class _PinnedHTTPConnection(_PinnedMixin, http.client.HTTPConnection):
    def __init__(self, host: str, port: int, *, target: _Target, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._pin(target)


class _PinnedHTTPSConnection(_PinnedMixin, http.client.HTTPSConnection):
    """TLS is verified against the host name (SNI and certificate), not the pinned address."""

    def __init__(self, host: str, port: int, *, target: _Target, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._pin(target)


@dataclass(frozen=True)
class PostResult:
    status: int
    elapsed_ms: int
    body: bytes  # the start of the answer (at most ``max_bytes``), for the log


def post(
    url: str,
    *,
    body: bytes,
    headers: dict[str, str],
    timeout: float = 10.0,
    allow_private: bool = False,
    max_bytes: int = 4096,
) -> PostResult:
    """POST ``body`` to ``url`` with the same guards as fetch() (a public address, checked and
    pinned; one deadline for the lookup, the connection and the answer) and return the answer's
    status, whatever it is: a redirect is not followed, a 3xx is the answer. ``allow_private``
    lets a receiver inside the organisation's own network be reached. Raises FetchError when no
    answer came."""
    started = time.monotonic()
    too_long = FetchError(f"The server took too long to answer (more than {timeout:g} seconds).")
    with _Watchdog(timeout) as watchdog:
        deadline = started + timeout
        try:
            status, answer = _post(url, body, headers, deadline, watchdog, allow_private, max_bytes)
        except FetchError:
            if watchdog.expired or time.monotonic() >= deadline:
                raise too_long from None
            raise
    elapsed_ms = round((time.monotonic() - started) * 1000)
    return PostResult(status=status, elapsed_ms=elapsed_ms, body=answer)


def _post(
    url: str,
    body: bytes,
    headers: dict[str, str],
    deadline: float,
    watchdog: _Watchdog,
    allow_private: bool,
    max_bytes: int,
) -> tuple[int, bytes]:
    connection, path = _connection(url.strip(), deadline, watchdog, allow_private)
    try:
        connection.request(
            "POST",
            path,
            body=body,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity", **headers},
        )
        watchdog.sock = connection.sock
        response = connection.getresponse()
        if watchdog.sock is not None:
            watchdog.sock.settimeout(_remaining(deadline))
        return response.status, response.read(max_bytes)
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(f"Could not post to {url}: {_reason(error)}.") from error
    finally:
        connection.close()


def _read_body(
    response: http.client.HTTPResponse,
    sock: socket.socket | None,
    max_bytes: int,
    deadline: float,
) -> bytes:
    """Read the body, each read bounded by the time left (the watchdog bounds their sum)."""
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"The page is larger than the limit of {human_size(max_bytes)}.")
    chunks: list[bytes] = []
    size = 0
    while True:
        left = _remaining(deadline)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.settimeout(left)
        try:
            chunk = response.read1(CHUNK)
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(f"Could not fetch the page: {_reason(error)}.") from error
        if not chunk:
            if response.length:  # http.client counts down what Content-Length announced
                raise FetchError("The server closed the connection before the end of the page.")
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"The page is larger than the limit of {human_size(max_bytes)}.")
        chunks.append(chunk)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError("Fetching the page took too long.")
    return left


def _reason(error: BaseException) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        return "the server took too long to answer"
    if isinstance(error, ssl.SSLError):
        return f"a TLS error ({error.reason or error})"
    return str(error) or error.__class__.__name__
