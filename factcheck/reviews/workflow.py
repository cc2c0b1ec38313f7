"""The desk's moves: assigning, submitting, resolving, publishing, reopening and discussing.

Every function here runs in one transaction, takes the actor as `by=`, records history, and
returns what it made. A refusal raises ValidationError (a message for the user) or
PermissionDenied (the actor's role may not make the move) and writes nothing.

The claim status table is claims.status (the claims app cannot import reviews); the moves that
depend on reviews are carried out here, and accept/dismiss are claims.editing's.
"""

from collections import Counter
from itertools import combinations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from factcheck import events, versioning
from factcheck.accounts.access import require_editor
from factcheck.claims import status
from factcheck.claims.models import Claim
from factcheck.reviews import reviewing, visibility
from factcheck.reviews.models import Assignment, Comment, Evidence, Review

S = Claim.Status
REVIEW_CHANGED = gettext_lazy("This review was changed elsewhere since this page loaded.")


def _lock_claim(claim, expected_version=None):
    return versioning.lock(
        Claim.objects.select_related("article"), claim.pk, expected_version=expected_version
    )


# Disagreement ------------------------------------------------------------------------------


def disagree(first, second):
    """Do two verdicts disagree enough to dispute a claim?

    Yes when they differ and either both are ratings whose values are 2 or more apart, or one is
    a rating and the other is not (say "false" against "unverifiable").
    """
    if first is None or second is None or first.pk == second.pk:
        return False
    if first.is_rating and second.is_rating:
        return abs(first.rating_value - second.rating_value) >= 2
    return first.is_rating != second.is_rating


def is_disputed(verdicts):
    return any(disagree(a, b) for a, b in combinations(verdicts, 2))


def _submitted(claim):
    return list(
        claim.reviews.submitted()
        .select_related("verdict", "reviewer")
        .order_by("submitted_at", "pk")
    )


def resolution_rule(article):
    return article.resolution_rule or settings.FACTCHECK_RESOLUTION_RULE


def panel_majority(reviews):
    """The verdict two of three (or more) submitted reviews share, when one clearly leads."""
    if len(reviews) < 3:
        return None
    counts = Counter(review.verdict_id for review in reviews).most_common()
    leader, votes = counts[0]
    if votes < 2 or (len(counts) > 1 and counts[1][1] == votes):
        return None
    return next(review.verdict for review in reviews if review.verdict_id == leader)


def _reevaluate(claim, *, by):
    """After a review was submitted or reopened: dispute, settle or (panel) resolve the claim.

    The claim's version moves on in any case: what an editor resolves from must be the set of
    reviews they saw, so a desk page loaded before this change is stale."""
    version = claim.version
    _settle(claim, by=by)
    if claim.version == version:
        versioning.save_change(claim, by=by, fields=())
    return claim


def _settle(claim, *, by):
    reviews = _submitted(claim)
    if claim.status == S.OPEN and reviews:
        status.move_claim(claim, S.IN_REVIEW, by=by, reason="review submitted", automatic=True)
    if not claim.is_under_review:
        return claim
    if resolution_rule(claim.article) == "panel":
        majority = panel_majority(reviews)
        if majority is not None:
            return _resolve_by_panel(claim, majority, reviews, by=by)
    disputed = is_disputed([review.verdict for review in reviews])
    if disputed and claim.status == S.IN_REVIEW:
        status.move_claim(claim, S.DISPUTED, by=by, reason="reviews disagree", automatic=True)
        events.claim_disputed(claim)
    elif not disputed and claim.status == S.DISPUTED:
        status.move_claim(claim, S.IN_REVIEW, by=by, reason="reviews agree", automatic=True)
    return claim


def _resolve_by_panel(claim, verdict, reviews, *, by):
    majority = [review for review in reviews if review.verdict_id == verdict.pk]
    rationale = "\n\n".join(r.rationale.strip() for r in majority if r.rationale.strip())
    evidence_ids = Evidence.objects.filter(review__in=majority).values_list("pk", flat=True)
    return _settle_verdict(
        claim,
        verdict,
        rationale or verdict.description,
        set(evidence_ids),
        by=by,
        resolved_by=None,
        reason=f"resolved by panel vote: {verdict.slug}",
        automatic=True,
    )


def _settle_verdict(claim, verdict, rationale, evidence_ids, *, by, resolved_by, reason,
                    automatic=False):  # fmt: skip
    """The one step of resolving, by an editor or by a panel vote: publish the chosen evidence,
    record the final verdict and rationale, and move the (locked) claim to resolved."""
    _publish_evidence(claim, evidence_ids, by=by)
    claim.final_verdict = verdict
    claim.rationale = rationale
    claim.resolved_by = resolved_by
    claim.resolved_at = timezone.now()
    return status.move_claim(
        claim,
        S.RESOLVED,
        by=by,
        reason=reason,
        automatic=automatic,
        fields=["final_verdict", "rationale", "resolved_by", "resolved_at"],
    )


# Submitting --------------------------------------------------------------------------------


def _lock_review(review, expected_version):
    # The claim first, then the review: the order resolve() takes them in too.
    claim = versioning.lock(Claim.objects.select_related("article"), review.claim_id)
    current = versioning.lock(
        Review.objects.select_related("verdict"),
        review.pk,
        expected_version=expected_version,
        message=REVIEW_CHANGED,
    )
    current.claim = claim
    return current


def _mark_assignment(review):
    """Copy the review's submission time (None once reopened) onto its author's assignment,
    which the queue is read from (Assignment.submitted_at)."""
    Assignment.objects.filter(claim_id=review.claim_id, reviewer_id=review.reviewer_id).update(
        submitted_at=review.submitted_at
    )


@transaction.atomic
def submit(review, *, by, expected_version=None):
    """Submit `review`: it needs a verdict and, for a rating, FACTCHECK_MIN_SOURCES sources.

    Then the claim is looked at again: it is disputed when submitted reviews disagree, and
    resolved at once under the panel rule when two of three agree. Returns the review."""
    if by is None or review.reviewer_id != by.pk or not by.is_active:
        raise PermissionDenied(_("Only the author of a review can submit it."))
    review = _lock_review(review, expected_version)
    claim = review.claim
    if review.is_submitted:
        raise ValidationError(_("This review is already submitted."))
    if not claim.is_assignable:
        raise ValidationError(
            _("This claim is %(status)s: reviews of it can no longer be submitted.")
            % {"status": claim.get_status_display().lower()}
        )
    if review.verdict is None:
        raise ValidationError(_("Choose a verdict before submitting."))
    needed = settings.FACTCHECK_MIN_SOURCES
    if review.verdict.is_rating and needed:
        sources = review.evidence.values("source_id").distinct().count()
        if sources < needed:
            raise ValidationError(
                ngettext(
                    "A verdict of “%(verdict)s” needs at least %(needed)d source; "
                    "this review has %(count)d.",
                    "A verdict of “%(verdict)s” needs at least %(needed)d sources; "
                    "this review has %(count)d.",
                    needed,
                )
                % {"verdict": review.verdict.label, "needed": needed, "count": sources}
            )
    review.status = Review.Status.SUBMITTED
    review.submitted_at = timezone.now()
    versioning.save_change(review, by=by, reason="submitted", fields=["status", "submitted_at"])
    _mark_assignment(review)
    _reevaluate(claim, by=by)
    return review


@transaction.atomic
def submit_draft(claim, *, by, **draft):
    """Save what the reviewer's form holds (`draft`: reviewing.save_draft's verdict, confidence,
    rationale, expected_version, claim_fingerprint) and submit it, in one transaction: both
    happen or neither (a refused submission leaves the draft as it was). Returns the review."""
    review = reviewing.save_draft(claim, by=by, **draft)
    return submit(review, by=by, expected_version=review.version)


@transaction.atomic
def reopen_review(review, *, by, expected_version=None):
    """The author takes their submitted review back to a draft, until the claim is resolved."""
    if by is None or review.reviewer_id != by.pk or not by.is_active:
        raise PermissionDenied(_("Only the author of a review can reopen it."))
    review = _lock_review(review, expected_version)
    claim = review.claim
    if not review.is_submitted:
        raise ValidationError(_("This review is not submitted."))
    if not claim.is_assignable:
        raise ValidationError(
            _("This claim is %(status)s: its reviews can no longer be reopened.")
            % {"status": claim.get_status_display().lower()}
        )
    if visibility.has_seen_others(review):
        # The author has seen the other reviews since submitting: changing theirs now would
        # break blind review. An editor can still discuss or reopen the claim.
        raise ValidationError(
            _("Other reviews of this claim are in, and you have seen them: ask an editor.")
        )
    review.status = Review.Status.DRAFT
    review.submitted_at = None
    versioning.save_change(review, by=by, reason="reopened", fields=["status", "submitted_at"])
    _mark_assignment(review)
    _reevaluate(claim, by=by)
    return review


# Resolution and publication ----------------------------------------------------------------


def _publish_evidence(claim, chosen_ids, *, by):
    """Mark exactly `chosen_ids` of the claim's evidence as published, recording history."""
    for evidence in versioning.lock_each(Evidence.objects.filter(review__claim=claim)):
        published = evidence.pk in chosen_ids
        if evidence.published != published:
            evidence.published = published
            reason = "published" if published else "unpublished"
            versioning.save_change(evidence, by=by, reason=reason, fields=["published"])


WITHOUT_WAITING = "resolved without waiting"  # the reason recorded on a closed assignment


def waiting_assignments(claim):
    """The claim's assignments whose reviewer has not submitted a review of it (yet)."""
    done = claim.reviews.submitted().values("reviewer_id")
    return list(
        Assignment.objects.filter(claim=claim)
        .exclude(reviewer_id__in=done)
        .select_related("reviewer")
        .order_by("created_at", "pk")
    )


@transaction.atomic
def resolve(
    claim,
    *,
    by,
    verdict,
    rationale,
    published_evidence_ids=(),
    expected_version=None,
    without_waiting=False,
):
    """The editor's final verdict and public rationale; `published_evidence_ids` choose which
    evidence of the submitted reviews the report shows. Returns the claim, resolved.

    While an assigned reviewer has not submitted, the editor must say `without_waiting`: their
    assignment is then closed (its history says why) and their draft, if any, kept."""
    require_editor(by, _("Only editors may resolve claims."))
    claim = _lock_claim(claim, expected_version)
    status.check_move(claim, S.RESOLVED, by=by)
    if verdict is None:
        raise ValidationError(_("Choose the final verdict."))
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValidationError(_("Write the public rationale for the final verdict."))
    submitted = claim.reviews.submitted()
    if not submitted.exists():
        raise ValidationError(_("A claim needs at least one submitted review to be resolved."))
    try:
        chosen = {int(pk) for pk in published_evidence_ids}
    except (TypeError, ValueError):
        raise ValidationError(_("Choose the evidence to publish from the list.")) from None
    allowed = set(Evidence.objects.filter(review__in=submitted).values_list("pk", flat=True))
    if chosen - allowed:
        raise ValidationError(
            _("Only evidence from this claim's submitted reviews can be published.")
        )
    waiting = waiting_assignments(claim)
    if waiting and not without_waiting:
        raise ValidationError(
            ngettext(
                "%(names)s has not submitted a review yet: wait, or choose to resolve "
                "without waiting.",
                "%(names)s have not submitted their reviews yet: wait, or choose to resolve "
                "without waiting.",
                len(waiting),
            )
            % {"names": ", ".join(a.reviewer.display_name for a in waiting)}
        )
    for assignment in waiting:
        versioning.delete_row(assignment, by=by, reason=WITHOUT_WAITING)
    return _settle_verdict(
        claim, verdict, rationale, chosen, by=by, resolved_by=by, reason=f"resolved: {verdict.slug}"
    )


@transaction.atomic
def publish(claim, *, by, expected_version=None):
    """Publish a resolved claim: it appears in the public report."""
    require_editor(by, _("Only editors may publish claims."))
    claim = _lock_claim(claim, expected_version)
    if claim.status != S.RESOLVED:
        raise ValidationError(
            _("Only resolved claims can be published; this one is %(status)s.")
            % {"status": claim.get_status_display().lower()}
        )
    claim = status.move_claim(claim, S.PUBLISHED, by=by, reason="published")
    events.claim_published(claim)
    return claim


@transaction.atomic
def publish_article(article, *, by):
    """Publish every resolved claim of `article`; return them (an empty list if none)."""
    require_editor(by, _("Only editors may publish claims."))
    claims = versioning.lock_each(article.claims.filter(status=S.RESOLVED))
    return [publish(claim, by=by) for claim in claims]


def _reopen_target(claim):
    verdicts = [review.verdict for review in _submitted(claim)]
    return S.DISPUTED if is_disputed(verdicts) else S.IN_REVIEW


@transaction.atomic
def reopen(claim, *, by, reason, expected_version=None):
    """Take a resolved or published claim back into review (disputed if its reviews disagree),
    saying why. The final verdict is cleared; the history keeps it."""
    require_editor(by, _("Only editors may reopen claims."))
    reason = (reason or "").strip()
    claim = _lock_claim(claim, expected_version)
    if not claim.is_settled:
        raise ValidationError(
            _("Only resolved or published claims can be reopened; this one is %(status)s.")
            % {"status": claim.get_status_display().lower()}
        )
    if not reason:
        raise ValidationError(_("Say why the claim is reopened."))
    claim.final_verdict = None
    claim.resolved_by = None
    claim.resolved_at = None
    claim = status.move_claim(
        claim,
        _reopen_target(claim),
        by=by,
        reason=f"reopened: {reason}"[:100],
        fields=["final_verdict", "resolved_by", "resolved_at"],
    )
    if claim.status == S.DISPUTED:
        events.claim_disputed(claim)
    return claim


# Discussion --------------------------------------------------------------------------------


@transaction.atomic
def post_comment(claim, *, by, body):
    """Add a comment to the claim's discussion; return it."""
    if not visibility.may_discuss(by, claim):
        raise PermissionDenied(
            _("Only editors, and reviewers who have submitted their review, can comment.")
        )
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a comment first."))
    # PostgreSQL cannot store a NUL character: refuse it as forms do, not with a server error.
    ProhibitNullCharactersValidator()(body)
    return Comment.objects.create(claim=claim, author=by, body=body)
