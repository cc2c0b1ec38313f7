"""`manage.py create_api_token`: a token printed once, working, stored only as a hash."""

import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from factcheck.api.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def create(*args):
    out = io.StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue().strip()


def test_the_printed_token_works_with_its_scope_and_only_its_hash_is_kept():
    user = UserFactory(username="cms", role="editor")
    secret = create("cms", "--name", "CMS feed", "--scope", "read", "--expires-days", "30")
    token = ApiToken.objects.get(user=user)
    assert token.name == "CMS feed" and token.scope == "read" and token.expires_at is not None
    assert secret.split("_")[-1] not in token.secret_hash

    client = APIClient(headers={"Authorization": f"Bearer {secret}"})
    assert client.get("/api/v1/verdicts/").status_code == 200
    assert client.post("/api/v1/articles/", {"text": "A text."}).status_code == 403  # read only


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody", "--name", "x"], "No user 'nobody'"),
        (["cms", "--name", "  "], "Give the token a name"),
        (["cms", "--name", "x", "--expires-days", "0"], "at least 1"),
    ],
)
def test_bad_input_is_refused_and_makes_no_token(args, message):
    UserFactory(username="cms")
    with pytest.raises(CommandError, match=message):
        create(*args)
    assert not ApiToken.objects.exists()


def test_a_deactivated_account_gets_no_token():
    UserFactory(username="gone", is_active=False)
    with pytest.raises(CommandError, match="deactivated"):
        create("gone", "--name", "x")
    assert not ApiToken.objects.exists()
