import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from factcheck.articles.models import Article, body_sha256
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_article_stores_the_hash_of_its_body():
    article = ArticleFactory(body="One paragraph.")
    assert article.content_sha256 == body_sha256("One paragraph.")


def test_the_body_cannot_change_after_import():
    article = ArticleFactory()
    article.body = article.body + " An added sentence."
    with pytest.raises(ValidationError, match="cannot change"):
        article.save()
    reloaded = Article.objects.get(pk=article.pk)
    reloaded.body = "Something else."
    with pytest.raises(ValidationError, match="cannot change"):
        reloaded.save()
    assert Article.objects.get(pk=article.pk).body == article.body.removesuffix(
        " An added sentence."
    )


def test_metadata_may_still_be_corrected():
    article = ArticleFactory()
    reloaded = Article.objects.get(pk=article.pk)
    reloaded.title = "A better title"
    reloaded.save()
    assert Article.objects.get(pk=article.pk).title == "A better title"


def test_the_same_body_cannot_be_stored_twice():
    ArticleFactory(body="Same words.")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(body="Same words.")


def test_claim_counts_by_status_are_annotated(article):
    from tests.factories import ClaimFactory

    ClaimFactory(article=article)
    counted = Article.objects.with_claim_counts().get(pk=article.pk)
    assert (counted.claims_total, counted.claims_open, counted.claims_published) == (1, 1, 0)
