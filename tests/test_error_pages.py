"""What the server log and the admin show around errors: one line for a refusal, a favicon,
a page asking to retry while the database is down."""

import logging
import re
from unittest.mock import patch

from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

from tests.conftest import login


def test_a_refused_request_is_logged_on_one_line_without_a_traceback(client, reviewer, caplog):
    login(client, reviewer)
    with caplog.at_level(logging.INFO):
        assert client.get("/articles/new/").status_code == 403
    refusals = [record for record in caplog.records if record.name == "django.request"]
    assert len(refusals) == 1
    assert refusals[0].getMessage() == "Forbidden (Permission denied): /articles/new/"
    assert refusals[0].exc_info is None
    assert "Traceback" not in caplog.text


def test_the_admin_links_a_favicon_that_answers(client, admin_user, settings):
    settings.WHITENOISE_USE_FINDERS = (
        True  # serve static/ as `make run` does, without collectstatic
    )
    login(client, admin_user)
    html = client.get("/admin/").content.decode()
    match = re.search(r'<link rel="icon" href="([^"]+)"', html)
    assert match, "the admin page has no favicon link"
    assert client.get(match.group(1)).status_code == 200


def _database_down(*args, **kwargs):
    raise OperationalError(
        "connection to server at 127.0.0.1, port 5432 failed: Connection refused"
    )


def test_while_the_database_is_down_pages_answer_503_with_a_page_asking_to_retry(reviewer):
    client = Client(raise_request_exception=False)
    login(client, reviewer)
    with patch.object(SessionStore, "load", _database_down):
        response = client.get("/queue/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert "<h1>The workbench is briefly unavailable</h1>" in html
    assert "try again in a few seconds" in html
    assert "Traceback" not in html and "Connection refused" not in html


def test_while_the_database_is_down_an_autosave_gets_503_so_the_page_retries_it(reviewer):
    client = Client(raise_request_exception=False)
    login(client, reviewer)
    with patch.object(SessionStore, "load", _database_down):
        response = client.post(
            "/review/1/draft/", {"rationale": "Kept on the page."}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 503  # htmx swaps nothing; workspace.js retries


def test_the_health_check_answers_503_while_the_database_is_down(client):
    client.raise_request_exception = False
    with patch("factcheck.views.connection.cursor", _database_down):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_other_errors_still_answer_500(reviewer):
    client = Client(raise_request_exception=False)
    login(client, reviewer)
    with patch.object(SessionStore, "load", side_effect=ValueError("a bug")):
        response = client.get("/queue/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
