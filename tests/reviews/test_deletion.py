"""Deleting in the admin: a reviewed article is archived, never deleted; anything else whose
deletion would lose reviews, evidence or comments is deleted by superusers only, after a
confirmation that names what would go (reviews/deletion.py, the admins' GuardedDeletion)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.reviews import deletion
from factcheck.reviews.models import Comment, Evidence, Review, Source
from tests.conftest import login
from tests.factories import ArticleFactory, UserFactory, claim_in_status

pytestmark = pytest.mark.django_db
S = Claim.Status


@pytest.fixture
def staff(db):
    """An admin with every permission on articles, claims and reviews, but not a superuser."""
    user = UserFactory(username="stan", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "claims", "reviews"])
    )
    return user


@pytest.fixture
def reviewed(editor, reviewer, other_reviewer):
    """A claim with two submitted reviews (each citing a source) and a comment."""
    claim = claim_in_status(S.DISPUTED, editor=editor, reviewers=[reviewer, other_reviewer])
    Comment.objects.create(claim=claim, author=editor, body="Which census?")
    return claim


def delete_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])


def delete_selected(client, model, pks, *, confirm=False):
    meta = model._meta
    data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [str(pk) for pk in pks]}
    if confirm:
        data["post"] = "yes"
    return client.post(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"), data)


def test_the_losses_count_reviews_evidence_and_comments(reviewed):
    article = reviewed.article
    lost = deletion.losses(Article, [article])
    assert (lost.reviews, lost.evidence, lost.comments) == (2, 2, 1)
    assert str(lost) == "2 reviews, 2 cited sources, 1 comment"
    assert deletion.losses(Review, Review.objects.filter(claim=reviewed)[:1]).reviews == 1
    assert not deletion.losses(Claim, [claim_in_status(S.OPEN, editor=None, reviewers=[])])


def test_nobody_deletes_a_reviewed_article_not_even_a_superuser(client, admin_user, reviewed):
    article = reviewed.article
    login(client, admin_user)
    page = client.get(delete_url(article)).content.decode()
    assert "has reviewed claims: archive it instead of deleting it" in page
    client.post(delete_url(article), {"post": "yes"})
    response = delete_selected(client, Article, [article.pk], confirm=True)
    assert "archive it instead" in response.content.decode()
    assert Article.objects.filter(pk=article.pk).exists()
    assert Review.objects.filter(claim=reviewed).count() == 2


def test_an_article_without_reviews_can_still_be_deleted(client, staff, editor):
    article = ArticleFactory()
    claim_in_status(S.OPEN, editor=editor, reviewers=[], article=article)
    login(client, staff)
    response = client.post(delete_url(article), {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


@pytest.mark.parametrize("model", [Claim, Review])
def test_a_staff_member_who_is_not_a_superuser_may_not_delete_reviews(
    client, staff, reviewed, model
):
    obj = reviewed if model is Claim else Review.objects.filter(claim=reviewed).first()
    login(client, staff)
    page = client.get(delete_url(obj)).content.decode()
    assert "only a superuser may" in page
    client.post(delete_url(obj), {"post": "yes"})
    delete_selected(client, model, [obj.pk], confirm=True)
    assert model.objects.filter(pk=obj.pk).exists()
    assert Review.objects.filter(claim=reviewed).count() == 2


def test_a_superuser_deletes_a_claim_after_a_confirmation_naming_what_is_lost(
    client, admin_user, reviewed
):
    login(client, admin_user)
    page = client.get(delete_url(reviewed)).content.decode()
    assert "Reviews: 2" in page and "Comments: 1" in page
    assert "rita on " in page and "otto on " in page  # each review, by its author
    assert Claim.objects.filter(pk=reviewed.pk).exists()  # asking deleted nothing
    response = client.post(delete_url(reviewed), {"post": "yes"})
    assert response.status_code == 302
    assert not Claim.objects.filter(pk=reviewed.pk).exists()
    assert not Review.objects.filter(claim_id=reviewed.pk).exists()


def test_the_bulk_delete_confirmation_names_the_reviews_too(client, admin_user, reviewed):
    login(client, admin_user)
    page = delete_selected(client, Claim, [reviewed.pk]).content.decode()
    assert "Reviews: 2" in page
    assert Claim.objects.filter(pk=reviewed.pk).exists()


def test_a_cited_source_cannot_be_deleted(client, admin_user, reviewed):
    source = Source.objects.filter(evidence__review__claim=reviewed).first()
    login(client, admin_user)
    client.post(delete_url(source), {"post": "yes"})
    assert Source.objects.filter(pk=source.pk).exists()
    assert Evidence.objects.filter(source=source).exists()
