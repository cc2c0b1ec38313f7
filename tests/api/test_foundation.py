"""The API's foundation: tokens in the Authorization header only, their scope and lifetime,
401 in JSON rather than the login page, sessions with CSRF, cursor pagination, throttling,
and the schema and its browser under our Content-Security-Policy."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from factcheck.api import tokens
from factcheck.api.models import ApiToken

VERDICTS = "/api/v1/verdicts/"


@pytest.mark.django_db
def test_a_token_in_the_authorization_header_reads(api_client, reviewer):
    response = api_client(reviewer, "read").get(VERDICTS)
    assert response.status_code == 200
    assert [v["slug"] for v in response.json()][:1]


@pytest.mark.django_db
def test_without_credentials_the_api_answers_401_in_json_not_the_login_page(client):
    response = client.get(VERDICTS)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "detail" in response.json()


@pytest.mark.django_db
def test_a_token_in_the_address_is_refused_even_with_a_good_header(api_client, reviewer):
    client = api_client(reviewer, "read")
    response = client.get(VERDICTS, {"token": client.secret})
    assert response.status_code == 401
    assert "Authorization header" in response.json()["detail"]
    response = APIClient().get(VERDICTS, {"q": client.secret})
    assert response.status_code == 401
    assert "never in the address" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda t: ApiToken.objects.filter(pk=t.pk).update(revoked_at=timezone.now()), "revoked"),
        (
            lambda t: ApiToken.objects.filter(pk=t.pk).update(
                expires_at=timezone.now() - timedelta(seconds=1)
            ),
            "expired",
        ),
        (
            lambda t: type(t.user).objects.filter(pk=t.user.pk).update(is_active=False),
            "deactivated",
        ),
    ],
    ids=["revoked", "expired", "deactivated account"],
)
def test_a_spoilt_token_gets_401_saying_why(api_client, reviewer, spoil, message):
    client = api_client(reviewer, "read")
    spoil(client.token)
    response = client.get(VERDICTS)
    assert response.status_code == 401
    assert message in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    ["Bearer fc_000000000000_" + "x" * 43, "Bearer", "Bearer two words", "Bearer not-a-token"],
)
def test_an_unknown_or_malformed_token_gets_401(header):
    response = APIClient().get(VERDICTS, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


@pytest.mark.django_db
def test_a_token_with_a_wrong_secret_is_refused(api_client, reviewer):
    client = api_client(reviewer, "read")
    wrong = client.secret[:-1] + ("A" if client.secret[-1] != "A" else "B")
    response = APIClient().get(VERDICTS, HTTP_AUTHORIZATION=f"Bearer {wrong}")
    assert response.status_code == 401


@pytest.mark.django_db
def test_a_read_only_token_may_not_write(api_client, editor):
    response = api_client(editor, "read").post(VERDICTS, {"slug": "x"})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


@pytest.mark.django_db
def test_last_used_is_written_at_most_once_a_minute(
    api_client, reviewer, django_assert_num_queries
):
    client = api_client(reviewer, "read")
    assert client.get(VERDICTS).status_code == 200
    first = ApiToken.objects.get(pk=client.token.pk).last_used_at
    assert first is not None
    # The token's row, the user's (select_related) and the verdicts: no UPDATE this time.
    with django_assert_num_queries(2):
        client.get(VERDICTS)
    assert ApiToken.objects.get(pk=client.token.pk).last_used_at == first
    ApiToken.objects.filter(pk=client.token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get(VERDICTS)
    assert ApiToken.objects.get(pk=client.token.pk).last_used_at > first


@pytest.mark.django_db
def test_only_the_hash_of_the_secret_is_stored(reviewer):
    token, secret = tokens.create_token(reviewer, name="CMS", scope="read", by=reviewer)
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith(f"fc_{stored.prefix}_")
    assert secret.split("_", 2)[2] not in stored.secret_hash
    assert tokens.find_token(secret) == stored


@pytest.mark.django_db
def test_a_session_works_and_its_writes_need_the_csrf_token(reviewer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    assert client.get(VERDICTS).status_code == 200
    response = client.post(VERDICTS, {}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


@pytest.mark.django_db
def test_a_deactivated_account_session_is_logged_out(outsider):
    client = Client()
    client.force_login(outsider)
    assert client.get(VERDICTS).status_code == 401


@pytest.mark.django_db
def test_requests_beyond_the_rate_are_throttled_per_token(api_client, reviewer, settings):
    settings.FACTCHECK_API_THROTTLE = "3/hour"
    first, second = api_client(reviewer, "read"), api_client(reviewer, "read")
    assert [first.get(VERDICTS).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert second.get(VERDICTS).status_code == 200


@pytest.mark.django_db
def test_the_schema_and_its_browser_are_served_to_a_logged_in_user(reviewer):
    client = Client()
    client.force_login(reviewer)
    schema = client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    assert schema.json()["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "<script>" not in html  # no inline script: the CSP forbids them
    assert "<style>" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "script-src 'self'" in docs["Content-Security-Policy"]
    script = client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert b"SwaggerUIBundle" in script.content


@pytest.mark.parametrize("raw", ["lots", "10/fortnight", "/hour", "-1/hour"])
def test_a_throttle_rate_that_is_not_one_is_an_error(monkeypatch, raw):
    from django.core.exceptions import ImproperlyConfigured

    from factcheck.settings import env_rate

    monkeypatch.setenv("FACTCHECK_API_THROTTLE", raw)
    with pytest.raises(ImproperlyConfigured, match="FACTCHECK_API_THROTTLE="):
        env_rate("FACTCHECK_API_THROTTLE", "1000/hour")
    monkeypatch.setenv("FACTCHECK_API_THROTTLE", "50/minute")
    assert env_rate("FACTCHECK_API_THROTTLE", "1000/hour") == "50/minute"
