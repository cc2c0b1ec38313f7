"""What the server log and the admin show around errors: one line for a refusal, a favicon."""

import logging
import re

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
