"""Each verdict keeps its own shortcut key: stored, unique, and never one of the workspace's
other keys, so adding a verdict to the scale does not change what a key records."""

import pytest
from django.core.exceptions import ValidationError

from factcheck.claims.models import Verdict
from tests.conftest import login


def new_verdict(**fields):
    return Verdict(slug="satire", label="Satire", rating_value=None, is_rating=False, **fields)


@pytest.mark.django_db
def test_the_default_scale_keeps_the_keys_1_to_8_in_its_order():
    keys = list(Verdict.objects.order_by("order").values_list("slug", "shortcut"))
    assert keys == [
        ("true", "1"),
        ("mostly-true", "2"),
        ("half-true", "3"),
        ("mostly-false", "4"),
        ("false", "5"),
        ("misleading", "6"),
        ("unverifiable", "7"),
        ("opinion", "8"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["9", "a", "z"])
def test_a_free_digit_or_letter_is_a_valid_key(key):
    new_verdict(shortcut=key).full_clean()


@pytest.mark.django_db
def test_a_verdict_may_have_no_key():
    new_verdict(shortcut=None).full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["0", "j", "k", "e", "s", "?", "A", "!"])
def test_a_key_the_workspace_uses_otherwise_or_not_a_digit_or_letter_is_refused(key):
    with pytest.raises(ValidationError) as refused:
        new_verdict(shortcut=key).full_clean()
    assert "shortcut" in refused.value.message_dict


@pytest.mark.django_db
def test_a_key_another_verdict_has_is_refused():
    with pytest.raises(ValidationError) as refused:
        new_verdict(shortcut="5").full_clean()
    assert "shortcut" in refused.value.message_dict


def add_in_admin(client, key):
    return client.post(
        "/admin/claims/verdict/add/",
        {
            "slug": "satire",
            "label": "Satire",
            "description": "",
            "order": "45",
            "rating_value": "",
            "colour": "#6b7280",
            "shortcut": key,
        },
    )


def test_the_admin_sets_a_verdict_s_key(client, admin_user):
    response = add_in_admin(login(client, admin_user), "9")
    assert response.status_code == 302
    assert Verdict.objects.get(slug="satire").shortcut == "9"


def test_the_admin_leaves_a_verdict_without_a_key_when_it_is_left_empty(client, admin_user):
    response = add_in_admin(login(client, admin_user), "")
    assert response.status_code == 302
    assert Verdict.objects.get(slug="satire").shortcut is None


@pytest.mark.parametrize(
    ("key", "message"),
    [("5", "Verdict with this Shortcut key already exists."), ("j", "already a shortcut")],
)
def test_the_admin_refuses_a_key_taken_by_another_verdict_or_by_the_workspace(
    client, admin_user, key, message
):
    response = add_in_admin(login(client, admin_user), key)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Verdict.objects.filter(slug="satire").exists()
