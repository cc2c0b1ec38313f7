"""The claim status machine: every (status, target, role) combination, and the automatic
moves."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck.accounts.models import User
from factcheck.claims import editing, status
from factcheck.claims.models import Claim
from factcheck.reviews import assignments, workflow
from tests.factories import UserFactory, claim_in_status, submitted_review, verdict

pytestmark = pytest.mark.django_db

S = Claim.Status

# Written out here, not read from the module, so the test pins the table.
EDITOR_MOVES = {
    (S.SUGGESTED, S.OPEN),
    (S.SUGGESTED, S.DISMISSED),
    (S.OPEN, S.DISMISSED),
    (S.DISMISSED, S.OPEN),
    (S.OPEN, S.SUGGESTED),
    (S.DISMISSED, S.SUGGESTED),
    (S.IN_REVIEW, S.RESOLVED),
    (S.DISPUTED, S.RESOLVED),
    (S.RESOLVED, S.PUBLISHED),
    (S.RESOLVED, S.IN_REVIEW),
    (S.RESOLVED, S.DISPUTED),
    (S.PUBLISHED, S.IN_REVIEW),
    (S.PUBLISHED, S.DISPUTED),
}
ROLES = ["editor", "admin", "reviewer", "deactivated_editor"]
EDITOR_ROLES = {"editor", "admin"}


def actor(role):
    return {
        "editor": lambda: UserFactory(username="edna", role=User.Role.EDITOR),
        "admin": lambda: UserFactory(username="ada", is_staff=True, is_superuser=True),
        "reviewer": lambda: UserFactory(username="rita", role=User.Role.REVIEWER),
        "deactivated_editor": lambda: UserFactory(
            username="ex", role=User.Role.EDITOR, is_active=False
        ),
    }[role]()


def move_to(target, claim, user):
    """Ask for the move to `target` through the function the desk's views call for it."""
    if target == S.SUGGESTED:
        # Only an undo goes back to suggested.
        return editing.undo(claim, by=user, expected_version=claim.version)
    if target == S.OPEN:
        return editing.accept(claim, by=user)
    if target == S.DISMISSED:
        return editing.dismiss(claim, by=user, reason="checked")
    if target == S.RESOLVED:
        return workflow.resolve(
            claim, by=user, verdict=verdict("mostly-true"), rationale="Census data agree."
        )
    if target == S.PUBLISHED:
        return workflow.publish(claim, by=user)
    # Reopening lands where the submitted reviews say: disputed when they disagree.
    return workflow.reopen(claim, by=user, reason="checked")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", list(S))
@pytest.mark.parametrize("source", list(S))
def test_every_transition_is_allowed_or_refused_as_the_table_says(source, target, role):
    editor = UserFactory(username="desk", role=User.Role.EDITOR)
    reviewers = [UserFactory(username="r1"), UserFactory(username="r2")]
    if target == S.SUGGESTED and source in (S.OPEN, S.DISMISSED):
        # Back to suggested is an undo: the claim was suggested before the editor's move.
        claim = claim_in_status(S.SUGGESTED, editor=editor, reviewers=reviewers)
        if source == S.OPEN:
            claim = editing.accept(claim, by=editor)
        else:
            claim = editing.dismiss(claim, by=editor, reason="opinion")
    else:
        claim = claim_in_status(
            source,
            editor=editor,
            reviewers=reviewers,
            disagree=target == S.DISPUTED,
            reviewed=target == S.RESOLVED,
        )
    user = actor(role)
    allowed = (source, target) in EDITOR_MOVES and role in EDITOR_ROLES
    assert status.may_make(user, status.find_move(source, target)) is allowed
    before = (claim.status, claim.version, claim.history.count())
    if allowed:
        moved = move_to(target, claim, user)
        claim.refresh_from_db()
        assert moved.status == claim.status == target
        assert claim.version > before[1]
        assert claim.history.latest().history_user == user
    else:
        expected = ValidationError if role in EDITOR_ROLES else PermissionDenied
        with pytest.raises(expected):
            move_to(target, claim, user)
        claim.refresh_from_db()
        assert (claim.status, claim.version, claim.history.count()) == before


def test_the_first_assignment_puts_an_open_claim_in_review(editor, reviewer):
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[reviewer])
    assignments.assign([claim], [reviewer], by=editor)
    claim.refresh_from_db()
    assert claim.status == S.IN_REVIEW
    assert claim.history.latest().history_change_reason == "assigned to rita"


def test_an_editor_cannot_ask_for_an_automatic_move(editor, reviewer):
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[reviewer])
    assert not status.may_make(editor, status.find_move(S.OPEN, S.IN_REVIEW))
    with pytest.raises(ValidationError, match="when it is first assigned"):
        status.check_move(claim, S.IN_REVIEW, by=editor)


def test_publishing_an_unresolved_claim_is_refused_with_a_clear_message(editor, reviewer):
    claim = claim_in_status(S.IN_REVIEW, editor=editor, reviewers=[reviewer])
    with pytest.raises(ValidationError, match="Only resolved claims can be published"):
        workflow.publish(claim, by=editor)
    claim.refresh_from_db()
    assert claim.status == S.IN_REVIEW


def test_reopening_goes_back_to_review_as_the_submitted_reviews_say(
    editor, reviewer, other_reviewer
):
    agreed = claim_in_status(S.RESOLVED, editor=editor, reviewers=[reviewer, other_reviewer])
    assert workflow.reopen(agreed, by=editor, reason="new data").status == S.IN_REVIEW
    split = claim_in_status(
        S.RESOLVED, editor=editor, reviewers=[reviewer, other_reviewer], disagree=True
    )
    assert workflow.reopen(split, by=editor, reason="new data").status == S.DISPUTED


def test_dismissing_still_needs_a_reason(editor):
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    with pytest.raises(ValidationError, match="Say why"):
        editing.dismiss(claim, by=editor, reason="")


def test_claim_editing_uses_the_same_table_and_refuses_reviewers(editor, reviewer):
    claim = claim_in_status(S.SUGGESTED, editor=editor, reviewers=[])
    with pytest.raises(PermissionDenied):
        editing.accept(claim, by=reviewer)
    editing.dismiss(claim, by=editor, reason="opinion")
    restored = editing.accept(claim, by=editor)
    assert restored.status == S.OPEN
    assert restored.history.latest().history_change_reason == "restored"


def test_a_long_dismissal_reason_fits_the_history(editor):
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    editing.dismiss(claim, by=editor, reason="x" * 300)
    assert len(claim.history.latest().history_change_reason) == 100


def test_reviews_that_disagree_dispute_the_claim_and_cannot_be_reopened_after_seeing_it(
    editor, reviewer, other_reviewer
):
    claim = claim_in_status(S.IN_REVIEW, editor=editor, reviewers=[reviewer, other_reviewer])
    assignments.assign([claim], [other_reviewer], by=editor)
    submitted_review(claim, reviewer, "true")
    second = submitted_review(claim, other_reviewer, "half-true")
    claim.refresh_from_db()
    assert claim.status == S.DISPUTED
    assert claim.history.latest().history_change_reason == "reviews disagree"
    with pytest.raises(ValidationError, match="you have seen them"):
        workflow.reopen_review(second, by=other_reviewer)
    claim.refresh_from_db()
    assert claim.status == S.DISPUTED


def test_unassigning_the_last_reviewer_gives_the_claim_back_to_open(editor, reviewer):
    claim = claim_in_status(S.IN_REVIEW, editor=editor, reviewers=[reviewer])
    assignments.unassign(claim, reviewer, by=editor)
    claim.refresh_from_db()
    assert claim.status == S.OPEN


def test_a_review_submitted_on_an_open_claim_starts_its_review(editor, reviewer, settings):
    settings.FACTCHECK_OPEN_REVIEW = True
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    submitted_review(claim, reviewer, "true")
    claim.refresh_from_db()
    assert claim.status == S.IN_REVIEW
