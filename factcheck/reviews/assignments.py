"""Who reviews what: assigning claims to reviewers, taking them back, and each reviewer's queue.

Every move runs in one transaction, takes the actor as `by=`, records history and returns what it
made; a refusal raises ValidationError (a message for the user) or PermissionDenied and writes
nothing. The first assignment of an open claim puts it in review; taking the last reviewer off a
claim nobody has submitted on gives it back (both are the status table's automatic moves).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck import versioning
from factcheck.accounts.access import require_editor
from factcheck.accounts.models import User
from factcheck.claims import status
from factcheck.claims.models import Claim
from factcheck.reviews import notifications
from factcheck.reviews.models import WAITING, Assignment, Review

S = Claim.Status


def _lock_claim(claim):
    return versioning.lock(Claim.objects.select_related("article"), claim.pk)


def _lock_claims(claims):
    """Lock the claims (in primary-key order); return them in reading order."""
    locked = versioning.lock_each(claims)
    return sorted(locked, key=lambda claim: (claim.article_id, claim.start, claim.pk))


QUEUE_PAGE = 50  # claims on one page of a reviewer's queue


def _waiting(user):
    """`user`'s assignments they have not submitted, of claims still reviewable: the rows of
    Assignment's partial queue index, read without a join."""
    return Assignment.objects.waiting().filter(reviewer=user)


def queue(user):
    """`user`'s assignments they have not submitted, of claims still under review, oldest
    first, each with its claim and article. An index scan of Assignment's partial (reviewer,
    created_at, id): its cost does not grow with the length of the queue. (Which of them has a
    draft is asked for the rows of a page only, `mark_drafts`: as an EXISTS in this query,
    PostgreSQL would read every draft of the reviewer to hash them.)"""
    return _waiting(user).select_related("claim__article").order_by("created_at", "pk")


def mark_drafts(user, assignments):
    """Set `has_draft` on each of `assignments`: whether `user` has a draft of its claim in
    progress. One query on the reviews' (claim, reviewer) index, for these claims only."""
    drafts = set(
        Review.objects.drafts()
        .filter(reviewer=user, claim_id__in=[assignment.claim_id for assignment in assignments])
        .values_list("claim_id", flat=True)
    )
    for assignment in assignments:
        assignment.has_draft = assignment.claim_id in drafts
    return assignments


def next_in_queue(user, claim):
    """The first claim of `user`'s queue other than `claim` (None when there is none): one
    indexed query, whatever the queue's length."""
    assignment = (
        _waiting(user)
        .exclude(claim_id=claim.pk)
        .select_related("claim")
        .order_by("created_at", "pk")
        .first()
    )
    return assignment.claim if assignment else None


def cursor(assignment):
    """The place of `assignment` in its reviewer's queue, for a page link: "<microseconds
    since the epoch>-<id>", exact and safe in a URL."""
    stamp = assignment.created_at
    micros = (stamp - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)
    return f"{micros}-{assignment.pk}"


def parse_cursor(value):
    """(created_at, id) from a cursor() string; None for anything else."""
    try:
        micros, pk = (int(part) for part in (value or "").split("-"))
        stamp = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=micros)
    except (TypeError, ValueError, OverflowError):
        return None
    return (stamp, pk) if pk > 0 else None


@dataclass
class QueuePage:
    assignments: list
    next_cursor: str | None  # the page after this one starts after it
    previous_cursor: str | None  # the page before this one ends before it


def queue_page(user, *, after=None, before=None, size=QUEUE_PAGE):
    """One page of `user`'s queue (keyset pagination on (created_at, id)): the `size`
    assignments after the cursor `after`, or those before the cursor `before`, or the first
    ones, each with `has_draft`. Two queries, however deep the page and however long the queue.
    A cursor that cannot be read is ignored (the first page)."""
    rows = queue(user)
    place = parse_cursor(before) if before else parse_cursor(after) if after else None
    if place and before:
        stamp, pk = place
        # The redundant bound lets the index range-scan; the OR breaks ties on the same time.
        rows = rows.filter(Q(created_at__lt=stamp) | Q(created_at=stamp, pk__lt=pk))
        rows = list(rows.filter(created_at__lte=stamp).order_by("-created_at", "-pk")[: size + 1])
        more_before = len(rows) > size
        rows = mark_drafts(user, rows[:size][::-1])
        return QueuePage(
            rows,
            next_cursor=cursor(rows[-1]) if rows else None,
            previous_cursor=cursor(rows[0]) if rows and more_before else None,
        )
    if place:
        stamp, pk = place
        rows = rows.filter(Q(created_at__gt=stamp) | Q(created_at=stamp, pk__gt=pk))
        rows = rows.filter(created_at__gte=stamp)
    rows = list(rows[: size + 1])
    more_after = len(rows) > size
    rows = mark_drafts(user, rows[:size])
    return QueuePage(
        rows,
        next_cursor=cursor(rows[-1]) if rows and more_after else None,
        previous_cursor=cursor(rows[0]) if rows and place else None,
    )


def is_overdue(due_on, *, today=None):
    """Whether an assignment due on `due_on` (a date or None) is past its date."""
    return due_on is not None and due_on < (today or timezone.localdate())


def queue_counts(user, *, today=None):
    """`user`'s queue in figures, from one aggregate query: `todo` (assigned, not submitted,
    the claim still under review), `overdue` (of those, past their due date), `done` (submitted)
    and `unseen` (assignments they have not seen in their queue yet). It reads the reviewer's
    assignments alone (an index-only scan of Assignment's counts index), not their claims."""
    today = today or timezone.localdate()
    # Counting a column of the index (not the id) keeps PostgreSQL's scan index-only.
    todo = WAITING
    return Assignment.objects.filter(reviewer=user).aggregate(
        todo=Count("reviewer", filter=todo),
        overdue=Count("reviewer", filter=todo & Q(due_on__lt=today)),
        done=Count("reviewer", filter=Q(submitted_at__isnull=False)),
        unseen=Count("reviewer", filter=Q(seen_at__isnull=True)),
    )


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
        if not claim.is_assignable:
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
    # A reviewer given back a claim they had submitted on: the assignment says so at once.
    submitted = {
        (claim_id, reviewer_id): when
        for claim_id, reviewer_id, when in Review.objects.submitted()
        .filter(claim_id__in=claim_ids)
        .values_list("claim_id", "reviewer_id", "submitted_at")
    }
    made = []
    for claim, reviewer in pairs:
        if (claim.pk, reviewer.pk) in existing:
            continue
        made.append(
            Assignment.objects.create(
                claim=claim,
                reviewer=reviewer,
                assigned_by=by,
                due_on=due_on,
                submitted_at=submitted.get((claim.pk, reviewer.pk)),
                claim_open=claim.status in S.REVIEWABLE,
            )
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
    require_editor(by, _("Only editors may assign claims."))
    reviewers = _check_reviewers(reviewers)
    claims = list(claims)
    if not claims:
        raise ValidationError(_("Choose at least one claim to assign."))
    claims = _lock_claims(Claim.objects.filter(pk__in=[claim.pk for claim in claims]))
    _check_assignable(claims)
    pairs = [(claim, reviewer) for claim in claims for reviewer in reviewers]
    return _make_assignments(pairs, by=by, due_on=due_on, notify=notify)


def open_load():
    """Per reviewer id: how many of their assignments are waiting for them (WAITING): one
    grouped count, read by auto-assign and by the desk's workload."""
    rows = Assignment.objects.waiting().values_list("reviewer_id").order_by()
    return dict(rows.annotate(n=Count("pk")))


@transaction.atomic
def auto_assign(article, *, by, per_claim=None, due_on=None, notify=True):
    """Give each accepted, unresolved claim of `article` `per_claim` reviewers (default
    FACTCHECK_REVIEWS_PER_CLAIM), choosing the least loaded first (ties: by username), never
    the same reviewer twice on one claim; return the new assignments."""
    require_editor(by, _("Only editors may assign claims."))
    per_claim = settings.FACTCHECK_REVIEWS_PER_CLAIM if per_claim is None else per_claim
    if per_claim < 1:
        raise ValidationError(_("Each claim needs at least one reviewer."))
    reviewers = list(User.objects.reviewers().order_by("username"))
    if not reviewers:
        raise ValidationError(_("There are no active reviewers to assign claims to."))
    claims = _lock_claims(article.claims.reviewable())
    taken: defaultdict[int, set[int]] = defaultdict(set)
    assigned: defaultdict[int, int] = defaultdict(int)
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
    load = open_load()
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
    require_editor(by, _("Only editors may unassign claims."))
    claim = _lock_claim(claim)
    assignment = Assignment.objects.filter(claim=claim, reviewer=reviewer).first()
    if assignment is None:
        raise ValidationError(
            _("%(name)s is not assigned this claim.") % {"name": reviewer.display_name}
        )
    if not claim.is_assignable:
        raise ValidationError(
            _("This claim is %(status)s: its reviewers can no longer change.")
            % {"status": claim.get_status_display().lower()}
        )
    versioning.delete_row(assignment, by=by, reason="unassigned")
    still_assigned = Assignment.objects.filter(claim=claim).exists()
    submitted = claim.reviews.submitted().exists()
    if claim.status == S.IN_REVIEW and not still_assigned and not submitted:
        status.move_claim(
            claim, S.OPEN, by=by, reason=f"unassigned from {reviewer}", automatic=True
        )
    return assignment


@transaction.atomic
def reassign(claim, from_reviewer, to_reviewer, *, by, notify=True):
    """Hand `claim` from one reviewer to another (keeping the due date); return the new
    assignment. The first reviewer's draft, if any, is kept."""
    require_editor(by, _("Only editors may reassign claims."))
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
    versioning.delete_row(old, by=by, reason="reassigned")
    [made] = _make_assignments([(claim, to_reviewer)], by=by, due_on=old.due_on, notify=notify)
    return made
