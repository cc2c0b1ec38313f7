"""Schemathesis against the API through WSGI: for every operation the schema describes (the
claims and reviews endpoints too, once they are registered), a few generated requests with an
editor's read-write token. No answer is a server error, and every answer the schema documents
matches it. Bounded (MAX_EXAMPLES per operation, derandomised) so the suite stays quick."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.python import wsgi
from schemathesis.specs.openapi.checks import response_schema_conformance

from factcheck.api import articles
from factcheck.articles.fetch import FetchError
from factcheck.wsgi import application
from tests.api.test_schema import api_schema
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

MAX_EXAMPLES = 5

schema = schemathesis.openapi.from_dict(api_schema())


@pytest.fixture
def newsroom(settings, monkeypatch, editor, api_client):
    """Some rows for the generated requests to meet, and a token to send them with."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, wsgi.HOST.split(":")[0]]
    settings.FACTCHECK_API_THROTTLE = "1000000/hour"

    def refuse(url, **kwargs):
        raise FetchError("Tests fetch nothing from the network.")

    monkeypatch.setattr(articles, "fetch", refuse)
    # The request runs inside the test's transaction: Django's test client keeps the
    # connection open after a request the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    ClaimFactory(article=ArticleFactory())
    SourceFactory()
    yield {"Authorization": f"Bearer {api_client(editor, 'write').secret}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_as_its_schema_says(case, newsroom):
    response = case.call(app=application, headers=newsroom)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
