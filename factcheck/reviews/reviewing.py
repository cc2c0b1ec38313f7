"""A reviewer's work on their own review: the draft, its evidence and reference figures.

Every change locks the review row, checks the version the reviewer's page started from, and
bumps it: two tabs (or two people) can never silently overwrite each other. Submitting and
reopening are workflow moves (reviews/workflow.py), since they change the claim too.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from factcheck import versioning
from factcheck.claims.models import Claim
from factcheck.reviews.models import Evidence, Review, Source
from factcheck.reviews.sources import normalize_url

REVIEW_CHANGED = _(
    "Your review was changed elsewhere (another tab or window) since this page loaded."
)
CLAIM_CHANGED = _("An editor changed the wording of this claim since this page loaded.")


def _lock(claim, reviewer, *, expected_version, claim_fingerprint=None):
    """The reviewer's review of `claim`, locked, created as a draft if it does not exist yet.

    Raises Conflict when the review moved past the version the reviewer's page was built
    from, or (if `claim_fingerprint` is given) when the claim's wording changed meanwhile.
    The claim is locked first (the order the workflow takes them in), so its wording cannot
    change between the check and the write.
    """
    claim = versioning.lock(Claim.objects.all(), claim.pk)
    if not claim.is_assignable:
        raise ValidationError(
            _("This claim is %(status)s: its reviews can no longer change.")
            % {"status": claim.get_status_display().lower()}
        )
    existing = (
        Review.objects.filter(claim=claim, reviewer=reviewer)
        .order_by()
        .values_list("pk", flat=True)
    )
    pk = existing.first()
    if pk is None:
        try:
            with transaction.atomic():
                pk = Review.objects.create(claim=claim, reviewer=reviewer, version=0).pk
        except IntegrityError:  # created meanwhile by a concurrent request
            pk = existing.get()
    review = versioning.lock(
        Review.objects.all(), pk, expected_version=expected_version, message=REVIEW_CHANGED
    )
    if claim_fingerprint and claim_fingerprint != claim.wording_fingerprint:
        raise versioning.Conflict(review, CLAIM_CHANGED)
    if review.is_submitted:
        raise ValidationError(_("This review is submitted. Reopen it to change it."))
    return review


@transaction.atomic
def locked_draft(claim, reviewer):
    """`reviewer`'s review of `claim`, locked, created as a draft if there is none; for writers
    other than the reviewer's own page (reviews.reuse), so no version is expected."""
    return _lock(claim, reviewer, expected_version=None)


@transaction.atomic
def save_draft(
    claim, *, by, verdict, confidence, rationale, expected_version, claim_fingerprint=None
):
    """Save the reviewer's draft of their review of `claim`; return the review."""
    review = _lock(
        claim, by, expected_version=expected_version, claim_fingerprint=claim_fingerprint
    )
    review.verdict = verdict
    review.confidence = confidence or ""
    review.rationale = rationale or ""
    return versioning.save_change(
        review, by=by, reason="draft saved", fields=["verdict", "confidence", "rationale"]
    )


def source_for(url, *, by, title="", publisher="", published_on=None, kind=""):
    """The library's source for `url` (normalised), created if new, or the source an editor
    merged it into; blank details are filled in from what the reviewer typed, existing ones
    are kept, and none is filled in on a source a published report cites (Source.CITED_DETAILS:
    what was published stays as published)."""
    normal = normalize_url(url)
    source, created = Source.objects.get_or_create(
        url=normal,
        defaults={
            "title": title,
            "publisher": publisher,
            "published_on": published_on,
            "kind": kind or Source.Kind.OTHER,
            "added_by": by,
        },
    )
    if source.is_merged:
        source, created = source.current, False
    if not created and not source.is_cited_in_published():
        changed = []
        for field, value in (
            ("title", title),
            ("publisher", publisher),
            ("published_on", published_on),
        ):
            if value and not getattr(source, field):
                setattr(source, field, value)
                changed.append(field)
        if kind and source.kind == Source.Kind.OTHER and kind != Source.Kind.OTHER:
            source.kind = kind
            changed.append("kind")
        if changed:
            versioning.save_change(source, by=by, reason="details filled in", fields=changed)
    return source


@transaction.atomic
def add_evidence(claim, *, by, expected_version, submission_key="", url, title="", publisher="",
                 published_on=None, kind="", quote="", stance=Evidence.Stance.CONTEXT,
                 accessed_on=None, note=""):  # fmt: skip
    """Add a source to the reviewer's review of `claim`; return (review, evidence).

    The form's `submission_key` makes a repeated request (a double click, a retried request)
    return the evidence the first one made instead of adding it twice.
    """
    if submission_key:
        existing = Evidence.objects.filter(
            review__claim=claim, review__reviewer=by, submission_key=submission_key
        ).first()
        if existing is not None:
            return existing.review, existing
    review = _lock(claim, by, expected_version=expected_version)
    source = source_for(
        url, by=by, title=title, publisher=publisher, published_on=published_on, kind=kind
    )
    evidence = Evidence(
        review=review,
        source=source,
        quote=quote,
        stance=stance,
        accessed_on=accessed_on,
        note=note,
        submission_key=submission_key,
    )
    versioning.save_change(evidence, by=by, reason="source added")
    return versioning.save_change(review, by=by, reason="source added", fields=()), evidence


@transaction.atomic
def update_evidence(evidence, *, by, expected_version, url, title="", publisher="",
                    published_on=None, kind="", quote="", stance=Evidence.Stance.CONTEXT,
                    accessed_on=None, note=""):  # fmt: skip
    """Change one evidence row of the reviewer's own review; return (review, evidence)."""
    review = _lock(evidence.review.claim, by, expected_version=expected_version)
    if evidence.review_id != review.pk:
        raise ValidationError(_("This source belongs to another review."))
    evidence.source = source_for(
        url, by=by, title=title, publisher=publisher, published_on=published_on, kind=kind
    )
    evidence.quote, evidence.stance, evidence.accessed_on, evidence.note = (
        quote,
        stance,
        accessed_on,
        note,
    )
    versioning.save_change(evidence, by=by, reason="source changed")
    return versioning.save_change(review, by=by, reason="source changed", fields=()), evidence


@transaction.atomic
def remove_evidence(evidence, *, by, expected_version):
    """Remove one evidence row from the reviewer's own review; return the review."""
    review = _lock(evidence.review.claim, by, expected_version=expected_version)
    if evidence.review_id != review.pk:
        raise ValidationError(_("This source belongs to another review."))
    versioning.delete_row(evidence, by=by, reason="source removed")
    return versioning.save_change(review, by=by, reason="source removed", fields=())


def is_checkable(figure):
    """Whether a reference can be recorded for a figure: it has a value, and it is not a bare
    calendar year (a date places the claim in time; it is not a quantity to check)."""
    return figure.get("value") is not None and figure.get("kind") != "year"


@transaction.atomic
def set_reference_figure(claim, *, by, expected_version, figure, value, unit="", source_url=""):
    """Record the reference figure a source gives for the claim's figure number `figure`."""
    if not 0 <= figure < len(claim.figures) or not is_checkable(claim.figures[figure]):
        raise ValidationError(_("The claim has no such figure."))
    if source_url:
        source_url = normalize_url(source_url)
    review = _lock(claim, by, expected_version=expected_version)
    figures = [entry for entry in review.reference_figures if entry.get("figure") != figure]
    figures.append({"figure": figure, "value": value, "unit": unit, "source_url": source_url})
    review.reference_figures = sorted(figures, key=lambda entry: entry["figure"])
    return versioning.save_change(
        review, by=by, reason="reference figure", fields=["reference_figures"]
    )


# How far a hedged figure ("about", "around", "roughly", "approximately", "some", "nearly",
# "almost") may be from the reference and still hold: 10% of the reference, either way for
# "about" and its synonyms, and only below the figure for "nearly".
HEDGE_TOLERANCE = 0.10
# A figure stated without a qualifier holds when it matches the reference to 0.1%.
EXACT_TOLERANCE = 0.001


def compare_figure(claimed, reference):
    """Compare a claim's figure (a dict from parse_figures) with a reference value.

    Returns the absolute and relative difference and whether the claim's qualifier holds:
    "more than 180 times" against 150 does not hold; a hedged figure ("about", "around",
    "roughly", "approximately": qualifier "about"; "nearly", "almost": qualifier "nearly")
    holds within ``HEDGE_TOLERANCE`` (10%) of the reference, so "roughly 11,000" holds against
    10,200 (7.8% off) and "nearly 11,000" holds against 10,200 to 11,000 but not against 11,500;
    a figure stated without a qualifier holds within ``EXACT_TOLERANCE`` (0.1%).
    """
    value = claimed.get("value")
    if value is None or reference is None:
        return {"difference": None, "relative": None, "holds": None}
    difference = value - reference
    relative = difference / reference if reference else None
    qualifier = claimed.get("qualifier", "")
    tolerance = HEDGE_TOLERANCE * abs(reference)
    holds = {
        "more than": reference > value,
        "at least": reference >= value,
        "less than": reference < value,
        "at most": reference <= value,
        "nearly": value - tolerance <= reference <= value,
        "about": abs(difference) <= tolerance,
        "exactly": reference == value,
    }.get(qualifier, abs(difference) <= EXACT_TOLERANCE * abs(reference))  # unqualified
    return {"difference": difference, "relative": relative, "holds": holds}


def independence_warnings(evidence_rows):
    """Pairs of sources that may not be independent: the same domain or the same publisher."""
    warnings: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for evidence in evidence_rows:
        source = evidence.source
        host = (urlsplit(source.url).hostname or "").removeprefix("www.")
        keys = [("domain", host)] + (
            [("publisher", source.publisher.strip().lower())] if source.publisher.strip() else []
        )
        for key in keys:
            if key in seen and seen[key] != source.pk:
                warnings.append(
                    _(
                        "Two sources share the same %(what)s (%(value)s): "
                        "they may not be independent."
                    )
                    % {
                        "what": _("domain") if key[0] == "domain" else _("publisher"),
                        "value": key[1],
                    }
                )
            seen.setdefault(key, source.pk)
    return sorted(set(warnings))
