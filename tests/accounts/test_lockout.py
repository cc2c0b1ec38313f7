"""Repeated failed logins lock the user name and the address for a while (django-axes)."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username, password="wrong", address="203.0.113.7", **extra):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def fail(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = attempt(client, username, address=address)
        assert response.status_code == 200  # the login form again, with its error
    return response


def logged_in(client):
    return "_auth_user_id" in client.session


def message(response):
    """The page without its CSRF tokens (form field and htmx header), which differ every time."""
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "TOKEN", response.content.decode())


def test_the_right_password_is_refused_with_the_wait_after_too_many_failures(client, reviewer):
    fail(client, "rita", 2)
    response = attempt(client, "rita")  # the third failure locks
    assert response.status_code == 429
    response = attempt(client, "rita", password=PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    text = response.content.decode()
    assert "Too many failed logins" in text
    assert "Try again in 15 minutes." in text  # FACTCHECK_LOGIN_LOCKOUT_MINUTES' default


def test_the_page_gives_the_configured_wait(client, reviewer, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    fail(client, "rita", 2)
    assert "Try again in 1 minute." in attempt(client, "rita").content.decode()


def test_failures_below_the_limit_do_not_lock_and_a_success_clears_them(client, reviewer):
    fail(client, "rita", 2)
    response = attempt(client, "rita", password=PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)
    client.logout()
    fail(client, "rita", 2)  # counted from zero again
    assert attempt(client, "rita", password=PASSWORD).status_code == 302


def test_a_user_name_is_locked_from_every_address(client, reviewer):
    for number in range(3):  # one failure from each of three addresses
        attempt(client, "rita", address=f"198.51.100.{number + 1}")
    response = attempt(client, "rita", password=PASSWORD, address="192.0.2.50")
    assert response.status_code == 429
    assert not logged_in(client)


def test_an_address_is_locked_for_every_user_name(client, reviewer):
    for name in ("alice", "bob", "carol"):
        attempt(client, name)
    response = attempt(client, "rita", password=PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    other_address = attempt(Client(), "rita", password=PASSWORD, address="192.0.2.50")
    assert other_address.status_code == 302


def test_the_lock_out_page_is_the_same_whether_the_user_exists_or_not(reviewer):
    existing, missing = Client(), Client()
    fail(existing, "rita", 2, address="198.51.100.1")
    fail(missing, "nobody-by-this-name", 2, address="198.51.100.2")
    refused_existing = attempt(existing, "rita", address="198.51.100.1")
    refused_missing = attempt(missing, "nobody-by-this-name", address="198.51.100.2")
    assert refused_existing.status_code == refused_missing.status_code == 429
    assert message(refused_existing) == message(refused_missing)
    assert "rita" not in refused_existing.content.decode()


def test_the_failures_before_the_limit_say_the_same_for_any_user_name(reviewer):
    existing = attempt(Client(), "rita", address="198.51.100.1")
    missing = attempt(Client(), "nobody-by-this-name", address="198.51.100.2")
    assert "Please enter a correct username and password" in existing.content.decode()
    assert message(existing).replace("rita", "X") == message(missing).replace(
        "nobody-by-this-name", "X"
    )


def test_an_admin_unlocks_a_user_from_the_user_list(client, reviewer, admin_user):
    anonymous = Client()
    fail(anonymous, "rita", 2)
    assert attempt(anonymous, "rita").status_code == 429
    assert attempt(anonymous, "rita", password=PASSWORD).status_code == 429
    client.force_login(admin_user)
    response = client.post(
        "/admin/accounts/user/",
        {"action": "unlock_logins", "_selected_action": [reviewer.pk]},
        follow=True,
    )
    assert "Unlocked 1 user." in response.content.decode()
    assert attempt(anonymous, "rita", password=PASSWORD).status_code == 302


def test_an_admin_unlocks_an_address_in_the_access_attempts_list(client, reviewer, admin_user):
    anonymous = Client()
    for name in ("alice", "bob", "carol"):
        attempt(anonymous, name)
    assert attempt(anonymous, "rita", password=PASSWORD).status_code == 429
    client.force_login(admin_user)
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "203.0.113.7" in listing.content.decode()
    ids = list(AccessAttempt.objects.filter(ip_address="203.0.113.7").values_list("pk", flat=True))
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
        follow=True,
    )
    assert response.status_code == 200
    assert attempt(anonymous, "rita", password=PASSWORD).status_code == 302


def test_a_reviewer_cannot_unlock_anyone(client, reviewer):
    client.force_login(reviewer)
    response = client.get("/admin/axes/accessattempt/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_forwarded_addresses_are_ignored_unless_a_proxy_is_configured(client, reviewer, settings):
    settings.FACTCHECK_TRUSTED_PROXIES = 0
    for number in range(3):  # a client writing its own header cannot escape the lock
        attempt(client, f"user{number}", HTTP_X_FORWARDED_FOR=f"198.51.100.{number + 1}")
    assert attempt(client, "rita", password=PASSWORD).status_code == 429


def test_behind_a_proxy_the_address_it_adds_is_the_clients(client, reviewer, settings):
    settings.FACTCHECK_TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    for number in range(3):  # three users behind one proxy, the last forwarded entry spoofed
        attempt(
            client,
            f"user{number}",
            address=proxy,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number + 1}, 203.0.113.7",
        )
    locked = attempt(
        client, "rita", password=PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert locked.status_code == 429
    elsewhere = attempt(
        Client(), "rita", password=PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert elsewhere.status_code == 302


def test_the_lock_ends_after_the_wait(client, reviewer):
    fail(client, "rita", 2)
    assert attempt(client, "rita").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(client, "rita", password=PASSWORD).status_code == 302
