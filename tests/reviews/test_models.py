import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from factcheck.claims.models import Verdict
from factcheck.reviews.models import Review, Source
from factcheck.reviews.sources import normalize_url
from tests.factories import EvidenceFactory, ReviewFactory, SourceFactory, verdict

pytestmark = pytest.mark.django_db


def test_the_default_verdict_scale_is_seeded_in_order():
    slugs = list(Verdict.objects.values_list("slug", flat=True))
    assert slugs == [
        "true", "mostly-true", "half-true", "mostly-false", "false",
        "misleading", "unverifiable", "opinion",
    ]  # fmt: skip
    assert verdict("true").rating_value == 5 and verdict("false").rating_value == 1
    assert not verdict("unverifiable").is_rating and verdict("unverifiable").rating_value is None


def test_a_rating_verdict_needs_a_value_between_one_and_five():
    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.create(slug="nonsense", label="Nonsense", rating_value=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.create(slug="too-good", label="Too good", rating_value=9)


def test_a_reviewer_reviews_a_claim_once(reviewer):
    review = ReviewFactory(reviewer=reviewer)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(reviewer=reviewer, claim=review.claim)


def test_a_submitted_review_must_have_a_verdict(reviewer):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(
            reviewer=reviewer, status=Review.Status.SUBMITTED, submitted_at=timezone.now()
        )
    review = ReviewFactory(
        reviewer=reviewer,
        status=Review.Status.SUBMITTED,
        verdict=verdict("false"),
        submitted_at=timezone.now(),
    )
    assert review.is_submitted


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        (
            "HTTPS://Stats.Example.ORG/Report?id=7&utm_source=x#part",
            "https://stats.example.org/Report?id=7",
        ),
        ("http://example.org:80", "http://example.org/"),
        ("https://example.org:8443/a?fbclid=1", "https://example.org:8443/a"),
    ],
)
def test_source_urls_are_normalised(raw, normal):
    assert normalize_url(raw) == normal


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.org/file",
        "data:text/html,hi",
        "https://u:p@example.org/",
    ],
)
def test_only_http_links_are_accepted_as_sources(url):
    with pytest.raises(ValidationError):
        normalize_url(url)
    with pytest.raises(ValidationError):
        Source(url=url).full_clean()


def test_the_same_document_is_one_source():
    SourceFactory(url="https://example.org/report?utm_medium=mail")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(url="HTTPS://EXAMPLE.org/report#top")
    assert Source.objects.get().url == "https://example.org/report"


def test_evidence_links_a_review_to_a_source_with_history():
    evidence = EvidenceFactory()
    assert evidence.review.evidence.get() == evidence
    assert evidence.history.count() == 1
