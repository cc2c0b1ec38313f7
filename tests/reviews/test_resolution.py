import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck.claims.models import Claim
from factcheck.reviews import assignments, visibility, workflow
from factcheck.reviews.models import Assignment, Comment, Evidence
from factcheck.versioning import Conflict
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EvidenceFactory,
    ReviewFactory,
    claim_in_status,
    submitted_review,
    verdict,
)

pytestmark = pytest.mark.django_db

S = Claim.Status


@pytest.fixture
def reviewed(editor, reviewer, other_reviewer):
    """A disputed claim: rita says true (one source), otto false (two sources)."""
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    assignments.assign([claim], [reviewer, other_reviewer], by=editor)
    submitted_review(claim, reviewer, "true")
    submitted_review(claim, other_reviewer, "false", sources=2)
    claim.refresh_from_db()
    return claim


def test_resolving_records_the_verdict_rationale_and_published_evidence(reviewed, editor):
    chosen = list(
        Evidence.objects.filter(review__reviewer__username="otto").values_list("pk", flat=True)
    )
    resolved = workflow.resolve(
        reviewed,
        by=editor,
        verdict=verdict("false"),
        rationale="  The census counts 150 million.  ",
        published_evidence_ids=chosen,
    )
    reviewed.refresh_from_db()
    assert resolved.status == reviewed.status == S.RESOLVED
    assert reviewed.final_verdict == verdict("false")
    assert reviewed.rationale == "The census counts 150 million."
    assert reviewed.resolved_by == editor and reviewed.resolved_at is not None
    assert set(Evidence.objects.filter(published=True).values_list("pk", flat=True)) == set(chosen)
    assert Evidence.objects.filter(published=False).count() == 1
    record = reviewed.history.latest()
    assert record.history_user == editor and record.history_change_reason == "resolved: false"
    assert Evidence.objects.get(pk=chosen[0]).history.latest().history_user == editor


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"verdict": None, "rationale": "Checked."}, "Choose the final verdict"),
        ({"verdict": "false", "rationale": "   "}, "public rationale"),
    ],
)
def test_resolving_needs_a_verdict_and_a_rationale(reviewed, editor, fields, message):
    fields = {**fields, "verdict": fields["verdict"] and verdict(fields["verdict"])}
    with pytest.raises(ValidationError, match=message):
        workflow.resolve(reviewed, by=editor, **fields)
    reviewed.refresh_from_db()
    assert reviewed.status == S.DISPUTED and reviewed.final_verdict is None


def test_resolving_needs_a_submitted_review(editor, reviewer):
    claim = claim_in_status(S.IN_REVIEW, editor=editor, reviewers=[reviewer])
    ReviewFactory(claim=claim, reviewer=reviewer, verdict=verdict("true"))  # a draft
    with pytest.raises(ValidationError, match="at least one submitted review"):
        workflow.resolve(claim, by=editor, verdict=verdict("true"), rationale="Checked.")


def test_only_evidence_of_the_claims_submitted_reviews_can_be_published(reviewed, editor):
    other_claim = ClaimFactory(article=ArticleFactory())
    foreign = EvidenceFactory(review=ReviewFactory(claim=other_claim))
    unsubmitted = EvidenceFactory(review=ReviewFactory(claim=reviewed))
    for evidence in (foreign, unsubmitted):
        with pytest.raises(ValidationError, match="Only evidence from this claim"):
            workflow.resolve(
                reviewed,
                by=editor,
                verdict=verdict("false"),
                rationale="Checked.",
                published_evidence_ids=[evidence.pk],
            )
    assert not Evidence.objects.filter(published=True).exists()


def test_reviewers_cannot_resolve_or_publish(reviewed, reviewer):
    with pytest.raises(PermissionDenied):
        workflow.resolve(reviewed, by=reviewer, verdict=verdict("true"), rationale="Mine.")
    with pytest.raises(PermissionDenied):
        workflow.publish(reviewed, by=reviewer)
    reviewed.refresh_from_db()
    assert reviewed.status == S.DISPUTED


def test_resolving_a_stale_claim_is_a_conflict(reviewed, editor):
    with pytest.raises(Conflict):
        workflow.resolve(
            reviewed,
            by=editor,
            verdict=verdict("false"),
            rationale="Checked.",
            expected_version=reviewed.version - 1,
        )
    reviewed.refresh_from_db()
    assert reviewed.status == S.DISPUTED


def test_publishing_a_resolved_claim(reviewed, editor):
    workflow.resolve(reviewed, by=editor, verdict=verdict("false"), rationale="Checked.")
    published = workflow.publish(reviewed, by=editor)
    assert published.is_published
    assert published.history.latest().history_change_reason == "published"
    with pytest.raises(ValidationError, match="Only resolved claims"):
        workflow.publish(published, by=editor)


def test_publishing_an_article_publishes_all_its_resolved_claims_only(editor, reviewer):
    article = ArticleFactory()
    resolved = claim_in_status(S.RESOLVED, editor=editor, reviewers=[reviewer], article=article)
    body = article.body
    start = body.index("The average")
    waiting = ClaimFactory(article=article, start=start, end=body.index("\n\n", start))
    published = workflow.publish_article(article, by=editor)
    assert [claim.pk for claim in published] == [resolved.pk]
    waiting.refresh_from_db()
    assert waiting.status == S.OPEN
    assert workflow.publish_article(article, by=editor) == []


def test_reopening_is_recorded_and_clears_the_final_verdict(reviewed, editor):
    workflow.resolve(reviewed, by=editor, verdict=verdict("false"), rationale="Checked.")
    workflow.publish(reviewed, by=editor)
    with pytest.raises(ValidationError, match="Say why"):
        workflow.reopen(reviewed, by=editor, reason=" ")
    reopened = workflow.reopen(reviewed, by=editor, reason="The bureau corrected its figures")
    assert reopened.status == S.DISPUTED  # its reviews still disagree
    assert reopened.final_verdict is None and reopened.resolved_by is None
    record = reopened.history.latest()
    assert record.history_user == editor
    assert record.history_change_reason == "reopened: The bureau corrected its figures"
    assert reopened.history.filter(status=S.PUBLISHED).exists()


def test_a_reopened_claim_whose_reviews_agree_goes_back_in_review(editor, reviewer):
    claim = claim_in_status(S.PUBLISHED, editor=editor, reviewers=[reviewer])
    assert workflow.reopen(claim, by=editor, reason="typo").status == S.IN_REVIEW
    with pytest.raises(ValidationError, match="Only resolved or published"):
        workflow.reopen(claim, by=editor, reason="again")


# Discussion --------------------------------------------------------------------------------


def test_editors_comment_and_reviewers_see_comments_only_after_submitting(
    editor, reviewer, other_reviewer
):
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    assignments.assign([claim], [reviewer, other_reviewer], by=editor)
    comment = workflow.post_comment(claim, by=editor, body=" Which year is the baseline? ")
    assert comment.body == "Which year is the baseline?" and comment.author == editor
    assert list(visibility.comments(editor, claim)) == [comment]
    assert list(visibility.comments(reviewer, claim)) == []
    with pytest.raises(PermissionDenied):
        workflow.post_comment(claim, by=reviewer, body="I think it is false")
    submitted_review(claim, reviewer, "false")
    reply = workflow.post_comment(claim, by=reviewer, body="1978, per the bureau.")
    assert list(visibility.comments(reviewer, claim)) == [comment, reply]
    assert list(visibility.comments(other_reviewer, claim)) == []


def test_an_empty_comment_is_refused(editor):
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    with pytest.raises(ValidationError, match="Write a comment"):
        workflow.post_comment(claim, by=editor, body="  ")
    assert not Comment.objects.exists()


def test_deactivated_users_see_no_comments(editor, outsider):
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    workflow.post_comment(claim, by=editor, body="Note")
    assert not visibility.comments(outsider, claim).exists()


# Resolving before every assigned reviewer has submitted --------------------------------------


@pytest.fixture
def half_reviewed(editor, reviewer, other_reviewer):
    """Assigned to rita and otto; rita submitted "true", otto has a draft."""
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    assignments.assign([claim], [reviewer, other_reviewer], by=editor, notify=False)
    submitted_review(claim, reviewer, "true")
    ReviewFactory(claim=claim, reviewer=other_reviewer, rationale="OTTO-DRAFT")
    claim.refresh_from_db()
    return claim


def test_resolving_while_a_reviewer_is_still_at_work_needs_the_editors_say_so(
    half_reviewed, editor
):
    with pytest.raises(ValidationError, match="Otto.* has not submitted a review yet"):
        workflow.resolve(half_reviewed, by=editor, verdict=verdict("true"), rationale="Checked.")
    half_reviewed.refresh_from_db()
    assert half_reviewed.status == S.IN_REVIEW
    assert half_reviewed.assignments.count() == 2


def test_resolving_without_waiting_closes_the_open_assignment_and_keeps_the_draft(
    half_reviewed, editor, other_reviewer
):
    claim = workflow.resolve(
        half_reviewed,
        by=editor,
        verdict=verdict("true"),
        rationale="Checked.",
        without_waiting=True,
    )
    assert claim.status == S.RESOLVED
    assert [a.reviewer.username for a in claim.assignments.all()] == ["rita"]
    closed = Assignment.history.filter(reviewer=other_reviewer, history_type="-").get()
    assert closed.history_user == editor
    assert closed.history_change_reason == workflow.WITHOUT_WAITING
    assert claim.reviews.get(reviewer=other_reviewer).rationale == "OTTO-DRAFT"
    assert workflow.publish(claim, by=editor).status == S.PUBLISHED


def test_without_waiting_changes_nothing_when_every_reviewer_has_submitted(reviewed, editor):
    claim = workflow.resolve(
        reviewed, by=editor, verdict=verdict("true"), rationale="Checked.", without_waiting=True
    )
    assert claim.status == S.RESOLVED and claim.assignments.count() == 2
