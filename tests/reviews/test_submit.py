import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck.claims.models import Claim
from factcheck.reviews import assignments, workflow
from factcheck.reviews.models import Evidence, Review
from factcheck.versioning import Conflict
from tests.factories import (
    EvidenceFactory,
    ReviewFactory,
    UserFactory,
    claim_in_status,
    submitted_review,
    verdict,
)

pytestmark = pytest.mark.django_db

S = Claim.Status


@pytest.fixture
def claim(editor, reviewer, other_reviewer):
    claim = claim_in_status(S.IN_REVIEW, editor=editor, reviewers=[reviewer])
    assignments.assign([claim], [other_reviewer], by=editor)
    return claim


def draft(claim, reviewer, slug="false", sources=0):
    review = ReviewFactory(claim=claim, reviewer=reviewer, verdict=verdict(slug) if slug else None)
    for _ in range(sources):
        EvidenceFactory(review=review)
    return review


def test_submitting_marks_the_review_submitted_and_bumps_its_version(claim, reviewer):
    review = draft(claim, reviewer, sources=1)
    submitted = workflow.submit(review, by=reviewer, expected_version=1)
    review.refresh_from_db()
    assert review.is_submitted and review.submitted_at is not None
    assert review.version == 2 == submitted.version
    assert review.history.latest().history_change_reason == "submitted"


def test_a_rating_needs_the_minimum_number_of_sources(claim, reviewer, settings):
    settings.FACTCHECK_MIN_SOURCES = 2
    review = draft(claim, reviewer, sources=1)
    with pytest.raises(ValidationError, match="needs at least 2 sources; this review has 1"):
        workflow.submit(review, by=reviewer)
    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT and review.version == 1
    EvidenceFactory(review=review)
    workflow.submit(review, by=reviewer)


def test_the_same_source_twice_counts_once(claim, reviewer, settings):
    settings.FACTCHECK_MIN_SOURCES = 2
    review = draft(claim, reviewer, sources=1)
    EvidenceFactory(review=review, source=review.evidence.get().source, quote="Another quote.")
    with pytest.raises(ValidationError, match="has 1"):
        workflow.submit(review, by=reviewer)


@pytest.mark.parametrize("slug", ["opinion", "unverifiable"])
def test_a_verdict_that_is_not_a_rating_needs_no_source(claim, reviewer, settings, slug):
    settings.FACTCHECK_MIN_SOURCES = 2
    review = draft(claim, reviewer, slug=slug)
    workflow.submit(review, by=reviewer)
    assert Review.objects.get(pk=review.pk).is_submitted


def test_a_review_needs_a_verdict(claim, reviewer):
    review = draft(claim, reviewer, slug=None, sources=1)
    with pytest.raises(ValidationError, match="Choose a verdict"):
        workflow.submit(review, by=reviewer)


def test_only_the_author_can_submit(claim, reviewer, other_reviewer, editor):
    review = draft(claim, reviewer, sources=1)
    for someone in (other_reviewer, editor):
        with pytest.raises(PermissionDenied):
            workflow.submit(review, by=someone)
    assert Review.objects.get(pk=review.pk).status == Review.Status.DRAFT


def test_a_stale_version_is_a_conflict_and_writes_nothing(claim, reviewer):
    review = draft(claim, reviewer, sources=1)
    Review.objects.filter(pk=review.pk).update(version=5)  # saved meanwhile in another tab
    with pytest.raises(Conflict) as raised:
        workflow.submit(review, by=reviewer, expected_version=1)
    assert raised.value.current.version == 5
    assert Review.objects.get(pk=review.pk).status == Review.Status.DRAFT


def test_a_submitted_review_cannot_be_submitted_again(claim, reviewer):
    review = submitted_review(claim, reviewer, "true")
    with pytest.raises(ValidationError, match="already submitted"):
        workflow.submit(review, by=reviewer)


@pytest.mark.parametrize(
    ("first", "second", "status"),
    [
        ("true", "true", S.IN_REVIEW),
        ("true", "mostly-true", S.IN_REVIEW),  # 5 against 4: close enough
        ("mostly-false", "misleading", S.IN_REVIEW),  # different verdicts, both rated 2
        ("true", "half-true", S.DISPUTED),  # 5 against 3
        ("false", "true", S.DISPUTED),
        ("misleading", "true", S.DISPUTED),
        ("false", "unverifiable", S.DISPUTED),  # a rating against a non-rating
        ("opinion", "half-true", S.DISPUTED),
        ("unverifiable", "opinion", S.IN_REVIEW),  # two non-ratings
    ],
)
def test_dispute_detection(claim, reviewer, other_reviewer, first, second, status):
    submitted_review(claim, reviewer, first)
    submitted_review(claim, other_reviewer, second)
    claim.refresh_from_db()
    assert claim.status == status


def test_a_reviewer_can_reopen_their_review_until_the_claim_is_resolved(
    claim, reviewer, other_reviewer, editor
):
    review = submitted_review(claim, reviewer, "true")
    reopened = workflow.reopen_review(review, by=reviewer)
    assert reopened.status == Review.Status.DRAFT and reopened.submitted_at is None
    with pytest.raises(PermissionDenied):
        workflow.reopen_review(submitted_review(claim, other_reviewer, "true"), by=reviewer)
    workflow.submit(review, by=reviewer)
    workflow.resolve(claim, by=editor, verdict=verdict("true"), rationale="Both agree.")
    with pytest.raises(ValidationError, match="resolved"):
        workflow.reopen_review(review, by=reviewer)
    assert Review.objects.get(pk=review.pk).is_submitted


def test_reviews_of_a_resolved_claim_can_no_longer_be_submitted(claim, reviewer, other_reviewer,
                                                                  editor):  # fmt: skip
    submitted_review(claim, reviewer, "true")
    workflow.resolve(
        claim, by=editor, verdict=verdict("true"), rationale="Checked.", without_waiting=True
    )
    late = draft(claim, other_reviewer, sources=1)
    with pytest.raises(ValidationError, match="can no longer be submitted"):
        workflow.submit(late, by=other_reviewer)


@pytest.fixture
def panel(editor):
    reviewers = [UserFactory(username=name) for name in ("anna", "bert", "cara")]
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    claim.article.resolution_rule = "panel"
    claim.article.save()
    assignments.assign([claim], reviewers, by=editor)
    return claim, reviewers


def test_under_the_panel_rule_two_of_three_agreeing_resolve_the_claim(panel):
    claim, (anna, bert, cara) = panel
    submitted_review(claim, anna, "false", rationale="The census says otherwise.")
    submitted_review(claim, bert, "half-true", rationale="Partly right.")
    claim.refresh_from_db()
    assert claim.status == S.DISPUTED
    submitted_review(claim, cara, "false", rationale="The 2020 data refute it.")
    claim.refresh_from_db()
    assert claim.status == S.RESOLVED and claim.final_verdict == verdict("false")
    assert claim.resolved_by is None and claim.resolved_at is not None
    assert claim.rationale == "The census says otherwise.\n\nThe 2020 data refute it."
    published = set(
        Evidence.objects.filter(published=True).values_list("review__reviewer", flat=True)
    )
    assert published == {anna.pk, cara.pk}
    assert claim.history.latest().history_change_reason == "resolved by panel vote: false"


def test_a_panel_with_three_different_verdicts_leaves_it_to_the_editor(panel):
    claim, (anna, bert, cara) = panel
    for reviewer, slug in ((anna, "false"), (bert, "half-true"), (cara, "true")):
        submitted_review(claim, reviewer, slug)
    claim.refresh_from_db()
    assert claim.status == S.DISPUTED and claim.final_verdict is None


def test_the_panel_rule_can_come_from_the_setting(editor, settings):
    settings.FACTCHECK_RESOLUTION_RULE = "panel"
    reviewers = [UserFactory(username=name) for name in ("anna", "bert", "cara")]
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    assignments.assign([claim], reviewers, by=editor)
    for reviewer in reviewers:
        submitted_review(claim, reviewer, "mostly-true")
    claim.refresh_from_db()
    assert claim.status == S.RESOLVED and claim.final_verdict == verdict("mostly-true")


def test_under_the_editor_rule_agreement_does_not_resolve(editor):
    reviewers = [UserFactory(username=name) for name in ("anna", "bert", "cara")]
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    assignments.assign([claim], reviewers, by=editor)
    for reviewer in reviewers:
        submitted_review(claim, reviewer, "true")
    claim.refresh_from_db()
    assert claim.status == S.IN_REVIEW
