import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck.accounts.models import User
from factcheck.claims.models import Claim
from factcheck.reviews import assignments, notifications, workflow
from factcheck.reviews.models import Assignment, Review
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ReviewFactory,
    UserFactory,
    claim_in_status,
    submitted_review,
)

pytestmark = pytest.mark.django_db

BODY = "Exports rose 12 percent.\n\nImports fell 3 percent.\n\nThe bridge cost 2.5 billion euros."


def claims_of(article, *phrases, status=Claim.Status.OPEN):
    made = []
    for phrase in phrases:
        start = article.body.index(phrase)
        made.append(
            ClaimFactory(article=article, start=start, end=start + len(phrase), status=status)
        )
    return made


@pytest.fixture
def three_claims():
    article = ArticleFactory(body=BODY)
    return article, claims_of(
        article, "Exports rose 12 percent.", "Imports fell 3 percent.", "The bridge cost"
    )


def test_assigning_creates_one_assignment_per_claim_and_reviewer(
    editor, reviewer, other_reviewer, three_claims
):
    _article, claims = three_claims
    due = datetime.date(2026, 12, 24)
    made = assignments.assign(claims, [reviewer, other_reviewer], by=editor, due_on=due)
    assert len(made) == 6 and {a.due_on for a in made} == {due}
    assert {a.assigned_by for a in made} == {editor}
    assert set(Claim.objects.values_list("status", flat=True)) == {Claim.Status.IN_REVIEW}


def test_assigning_twice_is_idempotent(editor, reviewer, three_claims):
    _article, claims = three_claims
    assignments.assign(claims[:2], [reviewer], by=editor)
    again = assignments.assign(claims, [reviewer], by=editor)
    assert [a.claim for a in again] == [claims[2]]
    assert Assignment.objects.count() == 3


def test_one_email_per_reviewer_lists_all_their_new_claims(
    editor, reviewer, other_reviewer, three_claims, django_capture_on_commit_callbacks
):
    _article, claims = three_claims
    with django_capture_on_commit_callbacks(execute=True):
        assignments.assign(claims, [reviewer, other_reviewer], by=editor)
    assert sorted(m.to[0] for m in mail.outbox) == ["otto@example.org", "rita@example.org"]
    for message in mail.outbox:
        assert "3 claims to check" in message.subject
        for claim in claims:
            assert claim.text in message.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assignments.assign(claims, [reviewer], by=editor)
    assert mail.outbox == []  # nothing new, nothing sent


def test_a_refused_assignment_sends_nothing(
    editor, reviewer, outsider, three_claims, django_capture_on_commit_callbacks
):
    _article, claims = three_claims
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        assignments.assign(claims, [reviewer, outsider], by=editor)
    assert mail.outbox == [] and not Assignment.objects.exists()


def test_editors_cannot_be_assigned_claims(editor, three_claims):
    _article, claims = three_claims
    with pytest.raises(ValidationError, match="Edna is not a reviewer"):
        assignments.assign(claims, [editor], by=editor)
    assert not Assignment.objects.exists()


def test_deactivated_reviewers_cannot_be_assigned_claims(editor, outsider, three_claims):
    _article, claims = three_claims
    with pytest.raises(ValidationError, match="deactivated"):
        assignments.assign(claims, [outsider], by=editor)
    assert not Assignment.objects.exists()
    assert set(Claim.objects.values_list("status", flat=True)) == {Claim.Status.OPEN}


def test_reviewers_cannot_assign(reviewer, other_reviewer, three_claims):
    _article, claims = three_claims
    with pytest.raises(PermissionDenied):
        assignments.assign(claims, [other_reviewer], by=reviewer)
    with pytest.raises(PermissionDenied):
        assignments.auto_assign(claims[0].article, by=reviewer)
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    "status", [Claim.Status.SUGGESTED, Claim.Status.DISMISSED, Claim.Status.RESOLVED]
)
def test_only_accepted_unresolved_claims_can_be_assigned(editor, reviewer, other_reviewer, status):
    claim = claim_in_status(status, editor=editor, reviewers=[other_reviewer])
    before = Assignment.objects.count()
    with pytest.raises(ValidationError, match="Only accepted claims"):
        assignments.assign([claim], [reviewer], by=editor)
    assert Assignment.objects.count() == before


def test_auto_assign_balances_open_load_with_a_username_tie_break(editor, three_claims):
    article, claims = three_claims
    anna, bert, cara = (UserFactory(username=name) for name in ("anna", "bert", "cara"))
    elsewhere = claims_of(
        ArticleFactory(body=BODY + "\n\nElsewhere."), "Exports rose", "Imports fell"
    )
    assignments.assign(elsewhere, [anna], by=editor)  # anna already has two claims to check
    made = assignments.auto_assign(article, by=editor, per_claim=2)
    chosen = [(a.claim_id, a.reviewer.username) for a in made]
    assert chosen == [
        (claims[0].pk, "bert"),
        (claims[0].pk, "cara"),
        (claims[1].pk, "bert"),
        (claims[1].pk, "cara"),
        (claims[2].pk, "anna"),
        (claims[2].pk, "bert"),
    ]


def test_submitted_reviews_do_not_count_as_open_load(editor, three_claims):
    article, claims = three_claims
    anna, bert = UserFactory(username="anna"), UserFactory(username="bert")
    done = claims_of(ArticleFactory(body=BODY + "\n\nElsewhere."), "Exports rose")[0]
    assignments.assign([done], [anna], by=editor)
    submitted_review(done, anna, "true")
    made = assignments.auto_assign(article, by=editor, per_claim=1)
    assert [a.reviewer for a in made] == [anna, bert, anna]


def test_auto_assign_never_gives_a_claim_twice_to_one_reviewer(editor, reviewer, three_claims):
    article, claims = three_claims
    other = UserFactory(username="zoe")
    assignments.assign([claims[0]], [reviewer], by=editor)
    made = assignments.auto_assign(article, by=editor, per_claim=5)
    assert len(made) == 5  # two reviewers exist: claims[0] needed only zoe
    pairs = list(Assignment.objects.values_list("claim_id", "reviewer_id"))
    assert len(pairs) == len(set(pairs)) == 6
    assert assignments.auto_assign(article, by=editor, per_claim=5) == []
    assert {a.reviewer for a in made if a.claim == claims[0]} == {other}


def test_auto_assign_uses_the_setting_and_skips_claims_not_accepted(editor, settings):
    settings.FACTCHECK_REVIEWS_PER_CLAIM = 1
    article = ArticleFactory(body=BODY)
    [suggested] = claims_of(article, "Exports rose", status=Claim.Status.SUGGESTED)
    [open_claim] = claims_of(article, "Imports fell")
    UserFactory(username="anna")
    UserFactory(username="bert")
    made = assignments.auto_assign(article, by=editor)
    assert [(a.claim, a.reviewer.username) for a in made] == [(open_claim, "anna")]
    assert not suggested.assignments.exists()


def test_auto_assign_without_reviewers_says_so(editor, outsider, three_claims):
    article, _claims = three_claims
    with pytest.raises(ValidationError, match="no active reviewers"):
        assignments.auto_assign(article, by=editor)


def test_unassigning_keeps_the_reviewers_draft(editor, reviewer, other_reviewer, three_claims):
    _article, claims = three_claims
    assignments.assign([claims[0]], [reviewer, other_reviewer], by=editor)
    draft = ReviewFactory(claim=claims[0], reviewer=reviewer, rationale="half done")
    assignments.unassign(claims[0], reviewer, by=editor)
    assert Review.objects.get(pk=draft.pk).rationale == "half done"
    assert not Assignment.objects.filter(claim=claims[0], reviewer=reviewer).exists()
    claims[0].refresh_from_db()
    assert claims[0].status == Claim.Status.IN_REVIEW  # otto still has it
    with pytest.raises(ValidationError, match="not assigned"):
        assignments.unassign(claims[0], reviewer, by=editor)


def test_reassigning_moves_the_claim_and_its_due_date(
    editor, reviewer, other_reviewer, three_claims, django_capture_on_commit_callbacks
):
    _article, claims = three_claims
    due = datetime.date(2026, 12, 31)
    assignments.assign([claims[0]], [reviewer], by=editor, due_on=due, notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        made = assignments.reassign(claims[0], reviewer, other_reviewer, by=editor)
    assert made.reviewer == other_reviewer and made.due_on == due
    assert list(claims[0].assignments.values_list("reviewer__username", flat=True)) == ["otto"]
    assert [m.to for m in mail.outbox] == [["otto@example.org"]]
    assignments.assign([claims[1]], [reviewer, other_reviewer], by=editor, notify=False)
    with pytest.raises(ValidationError, match="already assigned"):
        assignments.reassign(claims[1], reviewer, other_reviewer, by=editor)
    assert claims[1].assignments.count() == 2


def test_new_assignments_are_counted_until_the_queue_is_seen(editor, reviewer, three_claims):
    _article, claims = three_claims
    assignments.assign(claims, [reviewer], by=editor)
    assert notifications.unseen_assignments(reviewer) == 3
    assert notifications.mark_assignments_seen(reviewer) == 3
    assert notifications.unseen_assignments(reviewer) == 0
    assert User.objects.get(pk=reviewer.pk).assignments.filter(seen_at__isnull=False).count() == 3


# The queue's record of what each reviewer submitted (Assignment.submitted_at) ------------------


def test_submitting_and_reopening_keep_the_assignment_in_step(editor, reviewer, three_claims):
    _article, claims = three_claims
    assignments.assign(claims[:1], [reviewer], by=editor, notify=False)
    review = submitted_review(claims[0], reviewer, "opinion")
    assignment = Assignment.objects.get(claim=claims[0], reviewer=reviewer)
    assert assignment.submitted_at == review.submitted_at is not None
    workflow.reopen_review(review, by=reviewer)
    assert Assignment.objects.get(pk=assignment.pk).submitted_at is None
    assert [a.claim for a in assignments.queue(reviewer)] == [claims[0]]


def test_a_claim_given_back_to_a_reviewer_who_had_submitted_stays_out_of_their_queue(
    editor, reviewer, other_reviewer, three_claims
):
    _article, claims = three_claims
    assignments.assign(claims[:1], [reviewer, other_reviewer], by=editor, notify=False)
    review = submitted_review(claims[0], reviewer, "opinion")
    assignments.unassign(claims[0], reviewer, by=editor)
    [again] = assignments.assign(claims[:1], [reviewer], by=editor, notify=False)
    assert again.submitted_at == review.submitted_at
    assert list(assignments.queue(reviewer)) == []
    assert assignments.queue_counts(reviewer)["done"] == 1


def test_the_next_claim_is_the_oldest_other_one_waiting(editor, reviewer, three_claims):
    _article, claims = three_claims
    for claim in claims:
        assignments.assign([claim], [reviewer], by=editor, notify=False)
    assert assignments.next_in_queue(reviewer, claims[0]) == claims[1]
    assert assignments.next_in_queue(reviewer, claims[1]) == claims[0]
    submitted_review(claims[0], reviewer, "opinion")
    assert assignments.next_in_queue(reviewer, claims[1]) == claims[2]
    submitted_review(claims[2], reviewer, "opinion")
    assert assignments.next_in_queue(reviewer, claims[1]) is None


def test_the_migration_fills_the_submission_times_in(
    editor, reviewer, other_reviewer, three_claims
):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("factcheck.reviews.migrations.0003_assignment_submitted_at")
    _article, claims = three_claims
    assignments.assign(claims[:2], [reviewer, other_reviewer], by=editor, notify=False)
    review = submitted_review(claims[0], reviewer, "opinion")
    Assignment.objects.update(submitted_at=None)
    migration.copy_submission_times(apps, None)
    filled = Assignment.objects.filter(submitted_at__isnull=False)
    assert [(a.claim, a.reviewer, a.submitted_at) for a in filled] == [
        (claims[0], reviewer, review.submitted_at)
    ]


def test_a_claim_leaving_review_closes_its_assignments_and_reopening_opens_them(
    editor, reviewer, other_reviewer
):
    claim = claim_in_status(
        Claim.Status.RESOLVED, editor=editor, reviewers=[reviewer, other_reviewer], disagree=True
    )
    assert set(Assignment.objects.filter(claim=claim).values_list("claim_open", flat=True)) == {
        False
    }
    claim = workflow.reopen(claim, by=editor, reason="New figures.")
    assert claim.status == Claim.Status.DISPUTED
    assert set(Assignment.objects.filter(claim=claim).values_list("claim_open", flat=True)) == {
        True
    }


def test_the_migration_closes_the_assignments_of_settled_claims(
    editor, reviewer, other_reviewer, three_claims
):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("factcheck.reviews.migrations.0004_assignment_claim_open")
    _article, claims = three_claims
    assignments.assign(claims[:2], [reviewer], by=editor, notify=False)
    submitted_review(claims[0], reviewer, "opinion")
    published = claim_in_status(Claim.Status.PUBLISHED, editor=editor, reviewers=[other_reviewer])
    Assignment.objects.update(claim_open=True)
    migration.close_assignments_of_settled_claims(apps, None)
    closed = Assignment.objects.filter(claim_open=False)
    assert [(a.claim, a.reviewer) for a in closed] == [(published, other_reviewer)]
