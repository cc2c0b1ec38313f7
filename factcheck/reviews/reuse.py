"""Reusing a check: copy an earlier claim's final verdict, rationale and evidence into a draft
review of a claim an editor recognised as the same (claims.matching, claims.linking).

Only editors copy. The copy lands in a draft, never further: a reviewer still reads it, changes
what needs changing and submits, and the claim is resolved and published by the usual moves.
Whose draft: the editor's own when they may review the claim themselves (an admin with the
reviewer role, or an editor assigned to it); otherwise that of a reviewer assigned to the claim
whom the editor names. Nothing in the draft is overwritten: a verdict or confidence already
chosen stays, the rationale gains a paragraph, and sources already cited are not added twice.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from factcheck import versioning
from factcheck.accounts.access import require_editor
from factcheck.claims.models import Claim
from factcheck.reviews import reviewing
from factcheck.reviews.access import may_write_review
from factcheck.reviews.models import Evidence, Review


def copy_targets(claim, *, by):
    """The people whose draft an editor `by` may copy into for `claim`: themselves when they
    may review it, and the reviewers assigned to it who have not submitted."""
    people = [by] if may_write_review(by, claim) and by.is_reviewer else []
    for assignment in claim.assignments.select_related("reviewer").order_by("reviewer__username"):
        reviewer = assignment.reviewer
        submitted = claim.reviews.filter(reviewer=reviewer).submitted().exists()
        if reviewer not in people and reviewer.is_active and not submitted:
            people.append(reviewer)
    return people


def copied_evidence(earlier):
    """The evidence of `earlier` to copy: what its editor published, or else every source of its
    submitted reviews; one row per source."""
    rows = Evidence.objects.filter(review__claim=earlier, review__status=Review.Status.SUBMITTED)
    if rows.filter(published=True).exists():
        rows = rows.filter(published=True)
    chosen: dict[int, Evidence] = {}
    for row in rows.select_related("source").order_by("created_at", "id"):
        chosen.setdefault(row.source_id, row)
    return list(chosen.values())


@transaction.atomic
def copy_previous_check(claim, earlier, *, by, reviewer=None):
    """Copy `earlier`'s final verdict, rationale and evidence into `reviewer`'s draft review of
    `claim` (`reviewer`: by default the editor, if they may review it); return the review.

    Refuses (ValidationError, nothing written) a claim that is not under review, an earlier
    claim without a final verdict, one of the same article, and a reviewer who is not assigned
    or has submitted already."""
    require_editor(by, _("Only editors may copy an earlier check."))
    earlier = Claim.objects.select_related("final_verdict").get(pk=earlier.pk)
    if earlier.pk == claim.pk or earlier.article_id == claim.article_id:
        raise ValidationError(_("Copy only from a claim of another article."))
    if not earlier.is_settled or earlier.final_verdict_id is None:
        raise ValidationError(_("The earlier claim has no final verdict yet: nothing to copy."))
    if not claim.is_assignable:
        raise ValidationError(
            _("This claim is %(status)s: copy into a claim that is open or in review.")
            % {"status": claim.get_status_display().lower()}
        )
    targets = copy_targets(claim, by=by)
    if reviewer is None:
        if by not in targets:
            raise ValidationError(
                _("Choose the assigned reviewer whose draft receives the copy (assign one first).")
            )
        reviewer = by
    if reviewer not in targets:
        raise ValidationError(
            _("%(name)s is not assigned to this claim, or has submitted their review already.")
            % {"name": reviewer.display_name}
        )
    review = reviewing.locked_draft(claim, reviewer)
    if review.verdict_id is None:
        review.verdict = earlier.final_verdict
    note = _("From the earlier check of “%(text)s” (claim #%(id)s, %(verdict)s):") % {
        "text": earlier.text[:200],
        "id": earlier.pk,
        "verdict": earlier.final_verdict.label,
    }
    copied = f"{note}\n{earlier.rationale}".strip()
    review.rationale = f"{review.rationale}\n\n{copied}".strip() if review.rationale else copied
    cited = set(review.evidence.values_list("source_id", flat=True))
    reason = f"copied from claim #{earlier.pk}"
    for row in copied_evidence(earlier):
        if row.source_id in cited:
            continue
        evidence = Evidence(
            review=review,
            source=row.source,
            quote=row.quote,
            stance=row.stance,
            accessed_on=row.accessed_on,
            note=_("Copied from claim #%(id)s.") % {"id": earlier.pk},
        )
        versioning.save_change(evidence, by=by, reason=reason)
    return versioning.save_change(review, by=by, reason=reason, fields=["verdict", "rationale"])
