"""The desk's moves: assigning, submitting, resolving, publishing, reopening and discussing.

Every function here runs in one transaction, takes the actor as `by=`, records history, and
returns what it made. A refusal raises ValidationError (a message for the user) or
PermissionDenied (the actor's role may not make the move) and writes nothing.

The claim status table is claims.status (the claims app cannot import reviews); the moves that
depend on reviews are carried out here, and accept/dismiss are claims.editing's.
"""

from collections import Counter, defaultdict
from itertools import combinations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from factcheck.claims import editing, status
from factcheck.claims.editing import Conflict
from factcheck.claims.models import Claim
from factcheck.reviews import notifications
from factcheck.reviews.models import Assignment, Comment, Evidence, Review

S = Claim.Status
# Claims an editor has accepted and nobody has resolved yet: these can be assigned.
ASSIGNABLE = (S.OPEN, S.IN_REVIEW, S.DISPUTED)
REVIEWABLE = ASSIGNABLE
REVIEW_CHANGED = gettext_lazy("This review was changed elsewhere since this page loaded.")


def _require_editor(user, message=None):
    if user is None or not user.is_editor:
        raise PermissionDenied(message or _("Only editors may do this."))


def _lock_claim(claim, expected_version=None):
    current = Claim.objects.select_for_update().select_related("article").get(pk=claim.pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(current)
    return current


def _lock_claims(claims):
    pks = sorted({claim.pk for claim in claims})
    # Locks are taken in primary-key order so two concurrent calls cannot deadlock.
    locked = list(Claim.objects.select_for_update().filter(pk__in=pks).order_by("pk"))
    return sorted(locked, key=lambda claim: (claim.article_id, claim.start, claim.pk))


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
        claim.reviews.filter(status=Review.Status.SUBMITTED)
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
        claim.version += 1
        claim.save(update_fields=["version", "updated_at"])
    return claim


def _settle(claim, *, by):
    reviews = _submitted(claim)
    if claim.status == S.OPEN and reviews:
        status.move_claim(claim, S.IN_REVIEW, by=by, reason="review submitted", automatic=True)
    if claim.status not in (S.IN_REVIEW, S.DISPUTED):
        return claim
    if resolution_rule(claim.article) == "panel":
        majority = panel_majority(reviews)
        if majority is not None:
            return _resolve_by_panel(claim, majority, reviews, by=by)
    disputed = is_disputed([review.verdict for review in reviews])
    if disputed and claim.status == S.IN_REVIEW:
        status.move_claim(claim, S.DISPUTED, by=by, reason="reviews disagree", automatic=True)
    elif not disputed and claim.status == S.DISPUTED:
        status.move_claim(claim, S.IN_REVIEW, by=by, reason="reviews agree", automatic=True)
    return claim


def _resolve_by_panel(claim, verdict, reviews, *, by):
    majority = [review for review in reviews if review.verdict_id == verdict.pk]
    rationale = "\n\n".join(r.rationale.strip() for r in majority if r.rationale.strip())
    evidence_ids = Evidence.objects.filter(review__in=majority).values_list("pk", flat=True)
    _publish_evidence(claim, set(evidence_ids), by=by)
    claim.final_verdict = verdict
    claim.rationale = rationale or verdict.description
    claim.resolved_by = None
    claim.resolved_at = timezone.now()
    return status.move_claim(
        claim,
        S.RESOLVED,
        by=by,
        reason=f"resolved by panel vote: {verdict.slug}",
        automatic=True,
        fields=["final_verdict", "rationale", "resolved_by", "resolved_at"],
    )


# Status moves ------------------------------------------------------------------------------


def can_transition(claim, target, user):
    """Whether `user` may ask for the move of `claim` to `target` (see claims.status)."""
    return status.can_transition(claim, target, user)


@transaction.atomic
def transition(claim, target, *, by, reason="", **details):
    """Move `claim` to `target` through the function that carries that move out.

    `reason` is needed to dismiss and to reopen; `details` are passed on to `resolve`
    (verdict, rationale, published_evidence_ids). Automatic moves cannot be asked for.
    """
    claim = _lock_claim(claim)
    move = status.check_move(claim, target, by=by)
    if move.name in ("accept", "restore"):
        return editing.accept(claim, by=by)
    if move.name == "dismiss":
        return editing.dismiss(claim, by=by, reason=reason)
    if move.name == "resolve":
        return resolve(
            claim,
            by=by,
            verdict=details.get("verdict"),
            rationale=details.get("rationale", ""),
            published_evidence_ids=details.get("published_evidence_ids", ()),
        )
    if move.name == "publish":
        return publish(claim, by=by)
    if move.name == "reopen":
        expected = _reopen_target(claim)
        if expected != target:
            raise ValidationError(
                _("Reopened, this claim would be %(status)s, because of its reviews.")
                % {"status": Claim.Status(expected).label.lower()}
            )
        return reopen(claim, by=by, reason=reason)
    raise ValidationError(status.describe_automatic(target))  # pragma: no cover


# Assignment --------------------------------------------------------------------------------


def _check_reviewers(reviewers):
    reviewers = list(dict.fromkeys(reviewers))
    if not reviewers:
        raise ValidationError(_("Choose at least one reviewer."))
    for reviewer in reviewers:
        if not reviewer.is_active:
            raise ValidationError(
                _("%(name)s's account is deactivated: it cannot be assigned claims.")
                % {"name": reviewer.display_name}
            )
        if not reviewer.is_reviewer:
            raise ValidationError(
                _("%(name)s is not a reviewer: only reviewers can be assigned claims.")
                % {"name": reviewer.display_name}
            )
    return reviewers


def _check_assignable(claims):
    for claim in claims:
        if claim.status not in ASSIGNABLE:
            raise ValidationError(
                _(
                    "Only accepted claims that are not resolved yet can be assigned; "
                    "“%(claim)s” is %(status)s."
                )
                % {"claim": claim, "status": claim.get_status_display().lower()}
            )


def _make_assignments(pairs, *, by, due_on=None, notify=True):
    """Create the (claim, reviewer) assignments that do not exist yet; start the reviews."""
    pairs = list(dict.fromkeys(pairs))
    claim_ids = {claim.pk for claim, _reviewer in pairs}
    existing = set(
        Assignment.objects.filter(claim_id__in=claim_ids).values_list("claim_id", "reviewer_id")
    )
    made = []
    for claim, reviewer in pairs:
        if (claim.pk, reviewer.pk) in existing:
            continue
        made.append(
            Assignment.objects.create(claim=claim, reviewer=reviewer, assigned_by=by, due_on=due_on)
        )
        existing.add((claim.pk, reviewer.pk))
        if claim.status == S.OPEN:
            status.move_claim(
                claim, S.IN_REVIEW, by=by, reason=f"assigned to {reviewer}", automatic=True
            )
    if notify and made:
        notifications.notify_assigned(made)
    return made


@transaction.atomic
def assign(claims, reviewers, *, by, due_on=None, notify=True):
    """Assign every claim in `claims` to every reviewer in `reviewers`; return the new
    assignments. Existing ones are left as they are. Each reviewer gets one e-mail listing
    the claims new to them (sent when the transaction commits)."""
    _require_editor(by, _("Only editors may assign claims."))
    reviewers = _check_reviewers(reviewers)
    claims = list(claims)
    if not claims:
        raise ValidationError(_("Choose at least one claim to assign."))
    claims = _lock_claims(claims)
    _check_assignable(claims)
    pairs = [(claim, reviewer) for claim in claims for reviewer in reviewers]
    return _make_assignments(pairs, by=by, due_on=due_on, notify=notify)


def _open_load():
    """Per reviewer id: assignments of unresolved claims whose review has not been submitted.
    One query."""
    submitted = Review.objects.filter(
        claim=OuterRef("claim"), reviewer=OuterRef("reviewer"), status=Review.Status.SUBMITTED
    )
    rows = (
        Assignment.objects.filter(~Exists(submitted), claim__status__in=ASSIGNABLE)
        .values_list("reviewer_id")
        .order_by()
        .annotate(n=Count("id"))
    )
    return dict(rows)


@transaction.atomic
def auto_assign(article, *, by, per_claim=None, due_on=None, notify=True):
    """Give each accepted, unresolved claim of `article` `per_claim` reviewers (default
    FACTCHECK_REVIEWS_PER_CLAIM), choosing the least loaded first (ties: by username), never
    the same reviewer twice on one claim; return the new assignments."""
    _require_editor(by, _("Only editors may assign claims."))
    from factcheck.accounts.models import User

    per_claim = settings.FACTCHECK_REVIEWS_PER_CLAIM if per_claim is None else per_claim
    if per_claim < 1:
        raise ValidationError(_("Each claim needs at least one reviewer."))
    reviewers = list(User.objects.reviewers().order_by("username"))
    if not reviewers:
        raise ValidationError(_("There are no active reviewers to assign claims to."))
    claims = _lock_claims(article.claims.filter(status__in=ASSIGNABLE))
    taken = defaultdict(set)
    assigned = defaultdict(int)
    for claim_id, reviewer_id in Assignment.objects.filter(claim__in=claims).values_list(
        "claim_id", "reviewer_id"
    ):
        taken[claim_id].add(reviewer_id)
        assigned[claim_id] += 1
    # A reviewer unassigned from a claim keeps their draft: they are not assigned it again.
    for claim_id, reviewer_id in Review.objects.filter(claim__in=claims).values_list(
        "claim_id", "reviewer_id"
    ):
        taken[claim_id].add(reviewer_id)
    load = _open_load()
    pairs = []
    for claim in claims:
        needed = per_claim - assigned[claim.pk]
        candidates = sorted(
            (r for r in reviewers if r.pk not in taken[claim.pk]),
            key=lambda r: (load.get(r.pk, 0), r.username),
        )
        for reviewer in candidates[: max(needed, 0)]:
            pairs.append((claim, reviewer))
            load[reviewer.pk] = load.get(reviewer.pk, 0) + 1
    return _make_assignments(pairs, by=by, due_on=due_on, notify=notify)


@transaction.atomic
def unassign(claim, reviewer, *, by):
    """Take `claim` away from `reviewer`. Their draft review, if any, is kept. A claim left
    with no reviewer and no submitted review goes back to open."""
    _require_editor(by, _("Only editors may unassign claims."))
    claim = _lock_claim(claim)
    assignment = Assignment.objects.filter(claim=claim, reviewer=reviewer).first()
    if assignment is None:
        raise ValidationError(
            _("%(name)s is not assigned this claim.") % {"name": reviewer.display_name}
        )
    if claim.status not in ASSIGNABLE:
        raise ValidationError(
            _("This claim is %(status)s: its reviewers can no longer change.")
            % {"status": claim.get_status_display().lower()}
        )
    assignment.delete()
    still_assigned = Assignment.objects.filter(claim=claim).exists()
    submitted = claim.reviews.filter(status=Review.Status.SUBMITTED).exists()
    if claim.status == S.IN_REVIEW and not still_assigned and not submitted:
        status.move_claim(
            claim, S.OPEN, by=by, reason=f"unassigned from {reviewer}", automatic=True
        )
    return assignment


@transaction.atomic
def reassign(claim, from_reviewer, to_reviewer, *, by, notify=True):
    """Hand `claim` from one reviewer to another (keeping the due date); return the new
    assignment. The first reviewer's draft, if any, is kept."""
    _require_editor(by, _("Only editors may reassign claims."))
    _check_reviewers([to_reviewer])
    claim = _lock_claim(claim)
    old = Assignment.objects.filter(claim=claim, reviewer=from_reviewer).first()
    if old is None:
        raise ValidationError(
            _("%(name)s is not assigned this claim.") % {"name": from_reviewer.display_name}
        )
    if Assignment.objects.filter(claim=claim, reviewer=to_reviewer).exists():
        raise ValidationError(
            _("%(name)s is already assigned this claim.") % {"name": to_reviewer.display_name}
        )
    _check_assignable([claim])
    old.delete()
    [made] = _make_assignments([(claim, to_reviewer)], by=by, due_on=old.due_on, notify=notify)
    return made


# Submitting --------------------------------------------------------------------------------


def _lock_review(review, expected_version):
    # The claim first, then the review: the order resolve() takes them in too.
    claim = _lock_claim(review.claim)
    current = (
        Review.objects.select_for_update(of=("self",)).select_related("verdict").get(pk=review.pk)
    )
    if expected_version is not None and current.version != expected_version:
        raise Conflict(current, REVIEW_CHANGED)
    current.claim = claim
    return current


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
    if claim.status not in REVIEWABLE:
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
    review.version += 1
    review._history_user = by
    review._change_reason = "submitted"
    review.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    _reevaluate(claim, by=by)
    return review


@transaction.atomic
def reopen_review(review, *, by, expected_version=None):
    """The author takes their submitted review back to a draft, until the claim is resolved."""
    if by is None or review.reviewer_id != by.pk or not by.is_active:
        raise PermissionDenied(_("Only the author of a review can reopen it."))
    review = _lock_review(review, expected_version)
    claim = review.claim
    if not review.is_submitted:
        raise ValidationError(_("This review is not submitted."))
    if claim.status not in REVIEWABLE:
        raise ValidationError(
            _("This claim is %(status)s: its reviews can no longer be reopened.")
            % {"status": claim.get_status_display().lower()}
        )
    others = Review.objects.filter(claim=claim, status=Review.Status.SUBMITTED).exclude(
        pk=review.pk
    )
    if others.exists():
        # The author has seen the other reviews since submitting: changing theirs now would
        # break blind review. An editor can still discuss or reopen the claim.
        raise ValidationError(
            _("Other reviews of this claim are in, and you have seen them: ask an editor.")
        )
    review.status = Review.Status.DRAFT
    review.submitted_at = None
    review.version += 1
    review._history_user = by
    review._change_reason = "reopened"
    review.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    _reevaluate(claim, by=by)
    return review


# Resolution and publication ----------------------------------------------------------------


def _publish_evidence(claim, chosen_ids, *, by):
    """Mark exactly `chosen_ids` of the claim's evidence as published, recording history."""
    for evidence in Evidence.objects.filter(review__claim=claim).select_for_update():
        published = evidence.pk in chosen_ids
        if evidence.published != published:
            evidence.published = published
            evidence._history_user = by
            evidence._change_reason = "published" if published else "unpublished"
            evidence.save(update_fields=["published"])


@transaction.atomic
def resolve(claim, *, by, verdict, rationale, published_evidence_ids=(), expected_version=None):
    """The editor's final verdict and public rationale; `published_evidence_ids` choose which
    evidence of the submitted reviews the report shows. Returns the claim, resolved."""
    _require_editor(by, _("Only editors may resolve claims."))
    claim = _lock_claim(claim, expected_version)
    status.check_move(claim, S.RESOLVED, by=by)
    if verdict is None:
        raise ValidationError(_("Choose the final verdict."))
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValidationError(_("Write the public rationale for the final verdict."))
    submitted = claim.reviews.filter(status=Review.Status.SUBMITTED)
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
    _publish_evidence(claim, chosen, by=by)
    claim.final_verdict = verdict
    claim.rationale = rationale
    claim.resolved_by = by
    claim.resolved_at = timezone.now()
    return status.move_claim(
        claim,
        S.RESOLVED,
        by=by,
        reason=f"resolved: {verdict.slug}",
        fields=["final_verdict", "rationale", "resolved_by", "resolved_at"],
    )


@transaction.atomic
def publish(claim, *, by, expected_version=None):
    """Publish a resolved claim: it appears in the public report."""
    _require_editor(by, _("Only editors may publish claims."))
    claim = _lock_claim(claim, expected_version)
    if claim.status != S.RESOLVED:
        raise ValidationError(
            _("Only resolved claims can be published; this one is %(status)s.")
            % {"status": claim.get_status_display().lower()}
        )
    return status.move_claim(claim, S.PUBLISHED, by=by, reason="published")


@transaction.atomic
def publish_article(article, *, by):
    """Publish every resolved claim of `article`; return them (an empty list if none)."""
    _require_editor(by, _("Only editors may publish claims."))
    claims = _lock_claims(article.claims.filter(status=S.RESOLVED))
    return [publish(claim, by=by) for claim in claims]


def _reopen_target(claim):
    verdicts = [review.verdict for review in _submitted(claim)]
    return S.DISPUTED if is_disputed(verdicts) else S.IN_REVIEW


@transaction.atomic
def reopen(claim, *, by, reason, expected_version=None):
    """Take a resolved or published claim back into review (disputed if its reviews disagree),
    saying why. The final verdict is cleared; the history keeps it."""
    _require_editor(by, _("Only editors may reopen claims."))
    reason = (reason or "").strip()
    claim = _lock_claim(claim, expected_version)
    if claim.status not in (S.RESOLVED, S.PUBLISHED):
        raise ValidationError(
            _("Only resolved or published claims can be reopened; this one is %(status)s.")
            % {"status": claim.get_status_display().lower()}
        )
    if not reason:
        raise ValidationError(_("Say why the claim is reopened."))
    claim.final_verdict = None
    claim.resolved_by = None
    claim.resolved_at = None
    return status.move_claim(
        claim,
        _reopen_target(claim),
        by=by,
        reason=f"reopened: {reason}"[:100],
        fields=["final_verdict", "resolved_by", "resolved_at"],
    )


# Discussion --------------------------------------------------------------------------------


def has_submitted(claim, user):
    return Review.objects.filter(
        claim=claim, reviewer=user, status=Review.Status.SUBMITTED
    ).exists()


def can_discuss(claim, user):
    """Editors, and reviewers who have submitted their review of the claim: a comment must
    never reveal a verdict to a reviewer still making up their mind."""
    if user is None or not user.is_active:
        return False
    return user.is_editor or has_submitted(claim, user)


def comments_visible_to(claim, user):
    """The claim's comments `user` may read, oldest first (none before they submit)."""
    comments = Comment.objects.filter(claim=claim).select_related("author")
    return comments if can_discuss(claim, user) else comments.none()


@transaction.atomic
def post_comment(claim, *, by, body):
    """Add a comment to the claim's discussion; return it."""
    if not can_discuss(claim, by):
        raise PermissionDenied(
            _("Only editors, and reviewers who have submitted their review, can comment.")
        )
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a comment first."))
    return Comment.objects.create(claim=claim, author=by, body=body)
