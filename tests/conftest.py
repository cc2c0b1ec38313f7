import pytest

from factcheck.accounts.models import User
from tests.factories import ArticleFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_and_static(settings):
    """Fast password hashing, and static files served without a collectstatic manifest."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the desk keeps its figures there for a minute."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def editor(db):
    return UserFactory(username="edna", role=User.Role.EDITOR, first_name="Edna")


@pytest.fixture
def reviewer(db):
    return UserFactory(username="rita", role=User.Role.REVIEWER, first_name="Rita")


@pytest.fixture
def other_reviewer(db):
    return UserFactory(username="otto", role=User.Role.REVIEWER, first_name="Otto")


@pytest.fixture
def outsider(db):
    """A deactivated account: it can no longer do anything."""
    return UserFactory(username="olga", role=User.Role.REVIEWER, is_active=False)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="ada", role=User.Role.EDITOR, is_staff=True, is_superuser=True)


@pytest.fixture
def article(db):
    return ArticleFactory()


def login(client, user):
    client.force_login(user)
    return client
