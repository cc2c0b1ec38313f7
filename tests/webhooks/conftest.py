import http.server
import threading
from dataclasses import dataclass, field

import pytest

from factcheck import events
from factcheck.api.webhooks.models import WebhookEndpoint


@dataclass
class Receiver:
    """A real HTTP server on 127.0.0.1 that records every request and answers with the codes
    in `answers`, one per request (200 once they are used up)."""

    url: str = ""
    answers: list = field(default_factory=list)
    requests: list = field(default_factory=list)


@pytest.fixture
def receiver():
    state = Receiver()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            state.requests.append((dict(self.headers), self.rfile.read(length)))
            code = state.answers.pop(0) if state.answers else 200
            answer = b"ok" if code < 400 else b"receiver is down"
            self.send_response(code)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_port}/hooks/factcheck"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _only_public_addresses(settings):
    """The fetcher's test switch stays off: a local receiver is reached through its endpoint's
    own allow_private, as in production."""
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = False


@pytest.fixture
def endpoint(db, receiver, admin_user):
    """An endpoint listening to every event, at the local receiver (allowed: allow_private)."""
    return WebhookEndpoint.objects.create(
        url=receiver.url,
        events=sorted(events.NAMES),
        allow_private=True,
        created_by=admin_user,
    )
