"""Clients of the API: `api_client(user, scope="write")` sends a fresh token of `user` in the
Authorization header, as a program outside the project would."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from factcheck.api import tokens
from tests.articles.conftest import fixture_site  # noqa: F401 (a local web server)
from tests.security.conftest import world  # noqa: F401 (the security suite's newsroom)


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttling counts live in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def token_client(user, scope="write", **fields):
    token, secret = tokens.create_token(
        user, name=fields.pop("name", "tests"), scope=scope, by=user, **fields
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    client.token = token
    client.secret = secret
    return client


@pytest.fixture
def api_client(db):
    return token_client
