import http.server
import threading
from functools import partial

import pytest

from tests.articles.ingest_helpers import FIXTURES


@pytest.fixture
def beijing_time(settings):
    """The newsroom's time zone is Beijing's (the seed article's), for dates printed without one."""
    settings.TIME_ZONE = "Asia/Shanghai"


@pytest.fixture
def fixture_site(settings):
    """A local web server serving tests/fixtures/articles/, with the fetcher allowed to reach it
    (private addresses are refused unless FACTCHECK_FETCH_ALLOW_PRIVATE is on)."""
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = True
    handler = partial(QuietHandler, directory=str(FIXTURES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
