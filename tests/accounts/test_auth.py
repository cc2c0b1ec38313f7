import re

import pytest
from django.core import mail
from django.test import Client

from factcheck.accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_is_ours_and_logs_a_reviewer_in(client, reviewer):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert b"Log in" in page.content and b"csrfmiddlewaretoken" in page.content
    response = client.post("/accounts/login/", {"username": "rita", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 302 and home["Location"] == "/queue/"
    assert client.get("/queue/").status_code == 200


def test_a_wrong_password_shows_an_error_and_logs_nobody_in(client, reviewer):
    response = client.post("/accounts/login/", {"username": "rita", "password": "nope"})
    assert response.status_code == 200
    assert b"enter a correct username and password" in response.content
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_login_enforces_csrf(reviewer):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "rita", "password": PASSWORD})
    assert response.status_code == 403


def test_logout_needs_a_post(client, reviewer):
    client.force_login(reviewer)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_a_user_changes_their_password(client, reviewer):
    client.force_login(reviewer)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another long passphrase 42",
            "new_password2": "another long passphrase 42",
        },
    )
    assert response.status_code == 302
    reviewer.refresh_from_db()
    assert reviewer.check_password("another long passphrase 42")


def test_an_admin_creates_a_user_who_gets_a_link_to_set_their_password(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/accounts/user/add/",
        {"username": "newbie", "email": "newbie@example.org", "role": "reviewer"},
    )
    assert response.status_code == 302, response.content[:2000]
    user = User.objects.get(username="newbie")
    assert user.role == User.Role.REVIEWER and not user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["newbie@example.org"]
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)

    anonymous = Client()
    form = anonymous.get(link, follow=True)
    assert b"Set a password" in form.content
    done = anonymous.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase 7", "new_password2": "a brand new passphrase 7"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a brand new passphrase 7")


def test_the_user_admin_lists_and_filters_by_role(client, admin_user, reviewer, editor):
    client.force_login(admin_user)
    response = client.get("/admin/accounts/user/?role__exact=editor")
    assert response.status_code == 200
    assert b"edna" in response.content and b"rita" not in response.content


def test_a_reviewer_cannot_open_the_admin(client, reviewer):
    client.force_login(reviewer)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
