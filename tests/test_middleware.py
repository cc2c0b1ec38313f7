"""Without a session, htmx requests get 401, not the login page they would swap in as if saved."""

import pytest

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_an_htmx_request_without_a_session_gets_401_and_nothing_to_swap(client):
    response = client.post("/review/1/draft/", {"rationale": "Kept on the page."}, **HTMX)
    assert response.status_code == 401
    assert "login" not in response.content.decode().lower()
    assert "Location" not in response and "HX-Redirect" not in response


def test_a_plain_request_without_a_session_still_goes_to_the_login_page(client):
    response = client.get("/queue/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/queue/"


def test_a_public_page_stays_public_for_htmx_too(client):
    assert client.get("/accounts/login/", **HTMX).status_code == 200
