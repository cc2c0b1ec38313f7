"""Who may see what of a claim's review: blind review is decided here, and only here.

A reviewer makes up their own mind before seeing anyone else's: until they have submitted
their review of a claim they see no other review of it, no comment on it, no hint that the
reviews disagree (a disputed claim shows to them as "in review"), no source that only another
reviewer cited, and no export beyond what is published. Editors (and admins) see everything.

Views, template tags (reviews/templatetags/visibility_tags.py), the workflow and the exports
ask these functions; templates receive plain booleans and values and hold no rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext

from factcheck.claims.models import Claim
from factcheck.reviews.models import Comment, Evidence, Review, Source

if TYPE_CHECKING:
    from factcheck.accounts.models import User


def _is_editor(user: User | None) -> bool:
    return bool(user is not None and user.is_active and user.is_editor)


def has_submitted(user: User | None, claim: Claim) -> bool:
    """Has `user` submitted their review of `claim`?"""
    if user is None or not user.is_authenticated:
        return False
    return bool(Review.objects.submitted().filter(claim=claim, reviewer=user).exists())


def sees_reviews_of_others(
    user: User | None, claim: Claim, *, submitted: bool | None = None
) -> bool:
    """May `user` read the other reviews of `claim`? Editors always; a reviewer once their own
    review is submitted (`submitted`, when the caller already knows it, saves a query)."""
    if user is None or not user.is_active:
        return False
    if _is_editor(user):
        return True
    return has_submitted(user, claim) if submitted is None else submitted


def _submitted_claim_ids(user: User) -> set[int]:
    """The claims `user` has submitted a review of, read once per request: `request.user` is a
    new object for every request, so the set lives on it (lists ask for many claims)."""
    cached: set[int] | None = getattr(user, "_visibility_submitted", None)
    if cached is None:
        ids = Review.objects.submitted().filter(reviewer=user).values_list("claim_id", flat=True)
        cached = set(ids)
        setattr(user, "_visibility_submitted", cached)  # noqa: B010 (mypy: not a model field)
    return cached


def sees_disputes(
    user: User | None, claim: Claim | None = None, *, submitted: bool | None = None
) -> bool:
    """Whether `user` is told that the reviews of `claim` disagree: editors, and a reviewer once
    their own review of it is submitted (they read the others then anyway). Before that it
    would tell them something of the verdicts they must not see. Without a claim (counts over
    many claims), only editors."""
    if _is_editor(user):
        return True
    if user is None or not user.is_active or claim is None:
        return False
    if submitted is None:
        submitted = claim.pk in _submitted_claim_ids(user)
    return submitted


def shown_status(user: User | None, claim: Claim, *, submitted: bool | None = None) -> Claim.Status:
    """The claim's status as `user` may see it: disputed shows as "in review" to a reviewer
    who has not submitted their review of it (`submitted`, when the caller knows it)."""
    status = Claim.Status(claim.status)
    if status == Claim.Status.DISPUTED and not sees_disputes(user, claim, submitted=submitted):
        return Claim.Status.IN_REVIEW
    return status


def _disputes_seen(user: User) -> dict[int, int]:
    """Article id -> how many of its disputed claims `user` has submitted a review of (the
    disputes they are told of, as the article page tells them), read once per request."""
    cached: dict[int, int] | None = getattr(user, "_visibility_disputes_seen", None)
    if cached is None:
        rows = (
            Claim.objects.filter(
                status=Claim.Status.DISPUTED,
                reviews__reviewer=user,
                reviews__status=Review.Status.SUBMITTED,
            )
            .values("article_id")
            .annotate(seen=Count("pk", distinct=True))
            .values_list("article_id", "seen")
        )
        cached = dict(rows)
        setattr(user, "_visibility_disputes_seen", cached)  # noqa: B010 (not a model field)
    return cached


def sees_dispute_counts(user: User | None) -> bool:
    """Whether lists of articles show `user` a count of disputed claims: editors, and a
    reviewer who has submitted a review of a claim now disputed (they count only those)."""
    if _is_editor(user):
        return True
    if user is None or not user.is_active:
        return False
    return bool(_disputes_seen(user))


def shown_status_counts(
    user: User | None, counts: dict[str, int], article_id: int | None = None
) -> dict[str, int]:
    """An article's claims counted per status (status value -> count) as `user` may see them,
    as its page shows each claim (`shown_status`): a reviewer sees as disputed only the
    disputed claims they have submitted a review of, the others count as in review; with no
    dispute to see (or no `article_id`) "disputed" is left out."""
    shown = dict(counts)
    if sees_disputes(user):
        return shown
    disputed = shown.pop(Claim.Status.DISPUTED.value, 0)
    seen = 0
    if user is not None and user.is_active and article_id is not None:
        seen = min(disputed, _disputes_seen(user).get(article_id, 0))
        if sees_dispute_counts(user):
            shown[Claim.Status.DISPUTED.value] = seen
    key = Claim.Status.IN_REVIEW.value
    shown[key] = shown.get(key, 0) + disputed - seen
    return shown


def sees_final_verdict(user: User | None, claim: Claim) -> bool:
    """The final verdict is public once published; before that, only editors see it."""
    if claim.final_verdict_id is None:
        return False
    return claim.is_published or _is_editor(user)


def match_verdict(user: User | None, match: Any) -> str:
    """What `user` may read of the verdict on a claim checked before (a claims.matching Match):
    an external check's rating is public; our earlier claim's final verdict follows
    sees_final_verdict (published, or an editor). Matches carry no review of anyone, so a
    reviewer who has not submitted learns nothing of another reviewer's work through them."""
    if match.external is not None:
        return str(match.external.rating)
    earlier = match.claim
    if earlier is None or not earlier.is_settled or not sees_final_verdict(user, earlier):
        return ""
    return str(earlier.final_verdict.label)


def other_reviews(user: User, claim: Claim, *, submitted: bool | None = None) -> list[Review]:
    """The submitted reviews of `claim` by others that `user` may read (none before their own
    review is submitted), with reviewer, verdict and evidence loaded."""
    if not sees_reviews_of_others(user, claim, submitted=submitted):
        return []
    evidence = Evidence.objects.select_related("source")
    return list(
        Review.objects.submitted()
        .filter(claim=claim)
        .exclude(reviewer=user)
        .select_related("reviewer", "verdict")
        .prefetch_related(Prefetch("evidence", queryset=evidence))
    )


def shows_reviewer_names(user: User | None) -> bool:
    """Editors see who wrote each review; reviewers see "Reviewer 1", "Reviewer 2"."""
    return _is_editor(user)


def has_seen_others(review: Review) -> bool:
    """Has the author of a submitted `review` seen the other reviews of its claim? Once another
    review is in, they have: reopening theirs then would break blind review."""
    others = Review.objects.submitted().filter(claim_id=review.claim_id).exclude(pk=review.pk)
    return bool(others.exists())


def may_discuss(user: User | None, claim: Claim, *, submitted: bool | None = None) -> bool:
    """Editors, and reviewers who have submitted their review of the claim, read and write its
    discussion: a comment must never reveal a verdict to a reviewer still making up their mind."""
    if user is None or not user.is_active:
        return False
    return sees_reviews_of_others(user, claim, submitted=submitted)


def comments(
    user: User | None, claim: Claim, *, submitted: bool | None = None
) -> QuerySet[Comment]:
    """The claim's comments `user` may read, oldest first (none before they submit)."""
    thread = Comment.objects.filter(claim=claim).select_related("author")
    return thread if may_discuss(user, claim, submitted=submitted) else thread.none()


def suggestable_sources(user: User, sources: QuerySet[Source]) -> QuerySet[Source]:
    """Of `sources`, those the source search may suggest to `user`: editors, who see every
    review, get the whole library; a reviewer only sources they cited themselves or that a
    published fact-check cites, since another reviewer's sources would hint at their work."""
    if _is_editor(user):
        return sources
    return sources.filter(
        Q(evidence__review__reviewer=user) | Q(evidence__published=True)
    ).distinct()


def cited_evidence(user: User | None, evidence: QuerySet[Evidence]) -> QuerySet[Evidence]:
    """Of `evidence`, the citations the source library may show `user`: editors every one; a
    reviewer those of their own reviews, those of the other submitted reviews of a claim once
    their own review of it is submitted (the review panel shows them those then), and the
    published evidence of published claims. Another reviewer's source on a claim still in
    review would hint at their work, as would the count of its uses."""
    if _is_editor(user):
        return evidence
    if user is None or not user.is_active:
        return evidence.none()
    submitted_claims = Review.objects.submitted().filter(reviewer=user).values("claim_id")
    return evidence.filter(
        Q(review__reviewer=user)
        | Q(review__status=Review.Status.SUBMITTED, review__claim_id__in=submitted_claims)
        | Q(published=True, review__claim__status=Claim.Status.PUBLISHED)
    )


def sees_every_source(user: User | None) -> bool:
    """Editors browse the whole library, unused sources included; a reviewer only the sources
    they may see cited (`cited_evidence`), as the source search suggests them."""
    return _is_editor(user)


def sees_unpublished_verdicts(user: User | None) -> bool:
    """Whether `user` sees the final verdicts of claims not yet published (sees_final_verdict
    for many claims at once): editors only."""
    return _is_editor(user)


def reviewer_label(user: User | None, reviewer: User) -> str:
    """How a review's author is named to `user` outside the review panel: by name to editors,
    "You" for their own, "A reviewer" for anyone else's (as the panel numbers them)."""
    if shows_reviewer_names(user):
        return str(reviewer.display_name)
    if user is not None and reviewer.pk == user.pk:
        return gettext("You")
    return gettext("A reviewer")


def may_export(user: Any, *, internal: bool) -> bool:
    """Editors (and admins) export anything. Reviewers export nothing, unless
    FACTCHECK_REVIEWERS_MAY_EXPORT allows them what is published: an internal export would show
    them other reviewers' verdicts on claims still in review."""
    if user is None or not user.is_active:
        return False
    if _is_editor(user):
        return True
    return bool(settings.FACTCHECK_REVIEWERS_MAY_EXPORT and user.is_reviewer and not internal)
