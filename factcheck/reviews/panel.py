"""What the review panel shows a user for one claim: a read, no write.

`review_panel(user, claim)` gathers it all (the claim in its paragraph, the user's own review,
its evidence and figures, what the user may see of the others' work, where to go next) into
one small dataclass the workspace views render; `evidence_section` and `review_state` read only
what a change to the sources, or a submit or reopen, alters. `checked_before(user, claims)`
gives the article page the same "previously checked" mark for each of its claims. What may be
seen is asked of reviews/visibility.py; this module only reads.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from factcheck.claims import matching
from factcheck.claims.models import Claim, Verdict
from factcheck.reviews import reuse, reviewing, visibility
from factcheck.reviews.access import may_write_review
from factcheck.reviews.assignments import is_overdue, next_in_queue
from factcheck.reviews.models import Assignment, Review


@dataclass
class FigureRow:
    index: int
    figure: dict
    reference: dict | None
    comparison: dict | None

    @property
    def reference_input(self) -> str:
        """The recorded reference value as the number field shows it: 10200, not 10200.0."""
        value = self.reference["value"] if self.reference else None
        if value is None:
            return ""
        return str(int(value)) if float(value).is_integer() else repr(float(value))


@dataclass
class PreviousCheck:
    """A claim checked before, as the panel shows it to one user."""

    match: matching.Match
    verdict: str  # what the user may read of its verdict ("" for none)
    linked: bool = False  # the claim is linked to it as the same claim

    @property
    def earlier(self):
        return self.match.claim

    @property
    def when(self):
        if self.match.external is not None:
            return self.match.external.reviewed_on
        return self.match.claim.claim_date if self.match.claim else None

    @property
    def copyable(self):
        """An earlier claim of ours with a final verdict: its check can be copied."""
        earlier = self.match.claim
        return bool(earlier and earlier.is_settled and earlier.final_verdict_id)


@dataclass
class Panel:
    claim: Claim
    review: Review | None
    status: Claim.Status  # as this user may see it
    context_before: str
    context_after: str
    evidence: list = field(default_factory=list)
    independence_warnings: list = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    writable: bool = False  # the user may change their review now
    reopenable: bool = False  # the user may take their submitted review back to a draft
    others: list[Review] = field(default_factory=list)  # the other reviews they may read
    reviewer_names: bool = False  # whether the others are shown by name
    can_comment: bool = False
    comments: Any = ()
    next_claim: Claim | None = None
    verdicts: Any = ()
    due_on: date | None = None  # the date the editor set on the user's assignment
    overdue: bool = False
    previously_checked: list[PreviousCheck] = field(default_factory=list)
    may_link: bool = False  # an editor: link as the same claim, copy an earlier check
    copy_targets: list = field(default_factory=list)  # whose draft a copy may go into

    @property
    def article(self):
        return self.claim.article

    @property
    def version(self):
        """The version of the user's review the page is built from (0: none yet)."""
        return self.review.version if self.review else 0


def paragraph_context(claim):
    """The text of the claim's paragraph before and after the claim."""
    body = claim.article.body
    paragraph_start = body.rfind("\n\n", 0, claim.start)
    paragraph_end = body.find("\n\n", claim.end)
    before = body[paragraph_start + 2 if paragraph_start >= 0 else 0 : claim.start]
    after = body[claim.end : paragraph_end if paragraph_end >= 0 else len(body)]
    return before, after


def figure_rows(claim, review):
    """Each figure of the claim, with the reference the reviewer recorded and how they compare.
    Calendar years are left out: they date the claim, there is nothing to check in them."""
    references = {entry["figure"]: entry for entry in (review.reference_figures if review else [])}
    rows = []
    for index, figure in enumerate(claim.figures):
        if figure.get("kind") == "year":
            continue
        reference = references.get(index)
        comparison = reviewing.compare_figure(figure, reference["value"]) if reference else None
        rows.append(FigureRow(index, figure, reference, comparison))
    return rows


def previous_checks(user, claim):
    """The claims checked before that match `claim` (claims.matching), with what `user` may
    read of their verdicts (reviews.visibility): two queries."""
    matches = matching.stored_matches([claim]).get(claim.pk, [])
    return [
        PreviousCheck(
            match,
            visibility.match_verdict(user, match),
            linked=bool(match.claim and claim.same_as_id == match.claim.pk),
        )
        for match in matches
    ]


@dataclass
class CheckedBefore:
    """An article page's claims checked before, as one user may see them."""

    marks: dict[int, PreviousCheck]  # claim id -> its best previous check with a verdict
    suggestions: int  # the suggestions on the page
    suggestions_same: int  # of them, those checked before as the same claim
    suggestions_related: int  # and those related to a claim checked before (other figures)

    def of(self, claim) -> PreviousCheck | None:
        return self.marks.get(claim.pk)


def checked_before(user, claims):
    """The marks of an article page's live claims (dismissed ones are left out) checked before:
    for each, the best match carrying a verdict (claims.matching.previously_checked) with what
    `user` may read of it. A match whose verdict `user` may not read (an earlier claim of ours
    not yet published, for a reviewer) is no mark at all: "checked, verdict hidden" would
    itself tell that the earlier claim is settled. Two queries for the whole page once its
    claims are matched."""
    live = [claim for claim in claims if not claim.is_dismissed]
    marks = {}
    for pk, match in matching.previously_checked(live).items():
        verdict = visibility.match_verdict(user, match)
        if verdict:
            marks[pk] = PreviousCheck(match, verdict)
    suggested = [marks.get(claim.pk) for claim in live if claim.is_suggested]
    return CheckedBefore(
        marks,
        suggestions=len(suggested),
        suggestions_same=sum(1 for mark in suggested if mark and mark.match.is_same),
        suggestions_related=sum(1 for mark in suggested if mark and not mark.match.is_same),
    )


@dataclass
class EvidenceSection:
    """The panel's list of sources alone: what a change to the sources answers with, without
    the rest of the panel's reads (the queue, the claims checked before, the others' work)."""

    claim: Claim
    review: Review | None
    evidence: list
    independence_warnings: list
    writable: bool

    @property
    def version(self):
        return self.review.version if self.review else 0


def evidence_section(user, claim, *, review):
    """The evidence section of `user`'s review `review` of `claim` (None: they have none yet):
    one query for the sources, and none more for a reviewer."""
    evidence = list(review.evidence.select_related("source")) if review else []
    submitted = bool(review and review.is_submitted)
    return EvidenceSection(
        claim=claim,
        review=review,
        evidence=evidence,
        independence_warnings=reviewing.independence_warnings(evidence),
        writable=not submitted and may_write_review(user, claim),
    )


def review_panel(user, claim, *, review=None):
    """Everything the review panel shows `user` for `claim`. `review` is the user's own review
    when the caller already loaded it."""
    if review is None:
        review = Review.objects.filter(claim=claim, reviewer=user).first()
    evidence = list(review.evidence.select_related("source")) if review else []
    submitted = bool(review and review.is_submitted)
    writable = may_write_review(user, claim)
    others = visibility.other_reviews(user, claim, submitted=submitted)
    before, after = paragraph_context(claim)
    assignment = Assignment.objects.filter(claim=claim, reviewer=user)
    due_on = assignment.values_list("due_on", flat=True).first()
    return Panel(
        claim=claim,
        review=review,
        status=visibility.shown_status(user, claim, submitted=submitted),
        context_before=before,
        context_after=after,
        evidence=evidence,
        independence_warnings=reviewing.independence_warnings(evidence),
        figures=figure_rows(claim, review),
        writable=writable and not submitted,
        reopenable=bool(
            writable
            and submitted
            and claim.is_assignable
            and not visibility.has_seen_others(review)
        ),
        others=others,
        reviewer_names=visibility.shows_reviewer_names(user),
        can_comment=visibility.may_discuss(user, claim, submitted=submitted),
        comments=visibility.comments(user, claim, submitted=submitted),
        next_claim=next_in_queue(user, claim),
        verdicts=Verdict.objects.all(),
        due_on=due_on,
        overdue=not submitted and is_overdue(due_on),
        previously_checked=previous_checks(user, claim),
        may_link=user.is_editor,
        copy_targets=reuse.copy_targets(claim, by=user)
        if user.is_editor and claim.is_assignable
        else [],
    )


@dataclass
class ReviewState:
    """The parts of the panel that change when the user submits or reopens their review: the
    review itself (a form or read-only), the status badges, the sources and figures (read-only
    once submitted), the others' reviews and the discussion (blind review), the next claim.
    What does not change (the claim, its context, the claims checked before for a reviewer) is
    not read again."""

    claim: Claim
    review: Review
    status: Claim.Status
    evidence: list
    independence_warnings: list
    figures: list[FigureRow]
    writable: bool
    reopenable: bool
    others: list[Review]
    reviewer_names: bool
    can_comment: bool
    comments: Any
    next_claim: Claim | None
    verdicts: Any
    due_on: date | None
    overdue: bool
    may_link: bool
    previously_checked: list[PreviousCheck] = field(default_factory=list)
    copy_targets: list = field(default_factory=list)

    @property
    def version(self):
        return self.review.version


def review_state(user, claim, *, review):
    """What `review_panel` shows of `user`'s review `review` of `claim` after it was submitted
    or reopened, from the review the change returned: five queries for a reviewer. An editor's
    "previously checked" actions depend on the claim's status, which the change may have moved:
    for them that section is read again too."""
    submitted = review.is_submitted
    writable = may_write_review(user, claim)
    evidence = list(review.evidence.select_related("source"))
    others = visibility.other_reviews(user, claim, submitted=submitted)
    due_on = (
        Assignment.objects.filter(claim=claim, reviewer=user)
        .values_list("due_on", flat=True)
        .first()
    )
    editor = user.is_editor
    return ReviewState(
        claim=claim,
        review=review,
        status=visibility.shown_status(user, claim, submitted=submitted),
        evidence=evidence,
        independence_warnings=reviewing.independence_warnings(evidence),
        figures=figure_rows(claim, review),
        writable=writable and not submitted,
        # Once the review is submitted its author reads every other submitted review, so
        # `others` answers visibility.has_seen_others without asking the database again.
        reopenable=bool(writable and submitted and claim.is_assignable and not others),
        others=others,
        reviewer_names=visibility.shows_reviewer_names(user),
        can_comment=visibility.may_discuss(user, claim, submitted=submitted),
        comments=visibility.comments(user, claim, submitted=submitted),
        next_claim=next_in_queue(user, claim),
        verdicts=Verdict.objects.all(),
        due_on=due_on,
        overdue=not submitted and is_overdue(due_on),
        may_link=editor,
        previously_checked=previous_checks(user, claim) if editor else [],
        copy_targets=reuse.copy_targets(claim, by=user) if editor and claim.is_assignable else [],
    )
