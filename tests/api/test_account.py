"""The account page: a user's own API tokens, made (the secret shown once) and revoked; the
admin sees and revokes everyone's, never a secret."""

import datetime

import pytest
from django.test import Client
from rest_framework.test import APIClient

from factcheck.api import tokens
from factcheck.api.models import ApiToken

ACCOUNT = "/account/"


def logged_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_new_token_is_shown_once_and_works(reviewer):
    client = logged_in(reviewer)
    response = client.post(ACCOUNT, {"name": "Monitoring", "scope": "read"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert "shown only this once" in response.content.decode()
    page = client.get(ACCOUNT).content.decode()
    assert "Monitoring" in page and secret not in page
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/verdicts/").status_code == 200
    token = ApiToken.objects.get(user=reviewer)
    assert token.scope == "read" and token.expires_at is None


@pytest.mark.django_db
def test_a_token_may_expire_on_a_date(reviewer):
    tomorrow = datetime.datetime.now(tz=datetime.UTC).date() + datetime.timedelta(days=2)
    logged_in(reviewer).post(
        ACCOUNT, {"name": "Short", "scope": "write", "expires_on": tomorrow.isoformat()}
    )
    token = ApiToken.objects.get(user=reviewer)
    assert token.expires_at.date() == tomorrow and token.scope == "write"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"name": "", "scope": "read"}, "This field is required"),
        ({"name": "x", "scope": "admin"}, "Select a valid choice"),
        ({"name": "x", "scope": "read", "expires_on": "2000-01-01"}, "must be in the future"),
    ],
)
def test_a_bad_form_makes_no_token(reviewer, body, message):
    response = logged_in(reviewer).post(ACCOUNT, body)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["secret"] is None
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_the_page_lists_only_the_users_own_tokens(reviewer, other_reviewer):
    tokens.create_token(other_reviewer, name="Otto's script", scope="read", by=other_reviewer)
    tokens.create_token(reviewer, name="Rita's feed", scope="read", by=reviewer)
    page = logged_in(reviewer).get(ACCOUNT).content.decode()
    assert "Rita&#x27;s feed" in page and "Otto" not in page.split("API tokens")[1]


@pytest.mark.django_db
def test_revoking_stops_the_token(reviewer):
    token, secret = tokens.create_token(reviewer, name="Old", scope="read", by=reviewer)
    client = logged_in(reviewer, enforce_csrf_checks=True)
    # Without the CSRF token, nothing happens.
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 403
    client = logged_in(reviewer)
    response = client.post(f"/account/tokens/{token.pk}/revoke/", follow=True)
    assert "is revoked" in response.content.decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/verdicts/").json()["detail"] == "This token has been revoked."


@pytest.mark.django_db
def test_nobody_revokes_another_users_token_from_their_page(reviewer, editor):
    token, _ = tokens.create_token(reviewer, name="Rita's", scope="read", by=reviewer)
    assert logged_in(editor).post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    with pytest.raises(tokens.PermissionDenied):
        tokens.revoke_token(token, by=editor)


@pytest.mark.django_db
def test_the_admin_lists_and_revokes_tokens_without_their_secret(admin_user, reviewer):
    token, secret = tokens.create_token(reviewer, name="Rita's", scope="write", by=reviewer)
    client = logged_in(admin_user)
    listing = client.get("/admin/api/apitoken/").content.decode()
    assert token.prefix in listing and secret not in listing
    assert (
        token.secret_hash
        not in client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    )
    client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert client.get("/admin/api/apitoken/add/").status_code == 403


@pytest.mark.django_db
def test_the_header_links_to_the_account_page(reviewer):
    assert 'href="/account/"' in logged_in(reviewer).get("/queue/").content.decode()
