import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def span_of(article, phrase):
    start = article.body.index(phrase)
    return start, start + len(phrase)


def test_a_claim_takes_its_text_from_the_article_at_its_offsets(article):
    start, end = span_of(article, "The average life expectancy has risen to 78.2 years")
    claim = create_claim(article, start, end)
    assert claim.text == article.body[start:end]
    assert claim.paragraph == 2
    assert claim.status == Claim.Status.OPEN and claim.version == 1


def test_a_claim_whose_text_does_not_match_its_offsets_is_refused_and_nothing_is_saved(article):
    start, end = span_of(article, "78.2 years")
    with pytest.raises(ValidationError, match="does not match"):
        create_claim(article, start, end, text="79.9 years")
    assert not Claim.objects.exists()


@pytest.mark.parametrize(("start", "end"), [(5, 5), (9, 3), (-1, 4), (0, 10_000)])
def test_offsets_outside_the_article_are_refused(article, start, end):
    with pytest.raises(ValidationError):
        create_claim(article, start, end)
    assert not Claim.objects.exists()


def test_clean_refuses_a_claim_edited_away_from_its_anchor(article):
    start, end = span_of(article, "78.2 years")
    claim = create_claim(article, start, end)
    claim.text = "80 years"
    with pytest.raises(ValidationError, match="does not match"):
        claim.full_clean()


def test_the_database_refuses_an_empty_or_reversed_span(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(article=article, start=7, end=7, text="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(article=article, start=9, end=3, text="")


def test_the_database_refuses_a_score_outside_zero_to_one(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(article=article, start=0, end=3, text="Art", checkworthiness=1.5)


def test_two_claims_cannot_share_the_same_span(article):
    create_claim(article, 0, 7)
    with pytest.raises(ValidationError):
        create_claim(article, 0, 7)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(article=article, start=0, end=7, text=article.body[0:7])
    assert Claim.objects.count() == 1


def test_the_same_span_may_be_claimed_in_two_articles():
    first, second = ArticleFactory(), ArticleFactory()
    create_claim(first, 0, 7)
    create_claim(second, 0, 7)
    assert Claim.objects.count() == 2


def test_changes_to_a_claim_are_kept_in_its_history(article, editor):
    claim = create_claim(article, *span_of(article, "78.2 years"))
    claim.status = Claim.Status.DISMISSED
    claim.save()
    assert [h.status for h in claim.history.order_by("history_id")] == ["open", "dismissed"]
