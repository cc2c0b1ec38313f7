"""An editor's tools on an article's claims: accept, dismiss, re-anchor, split, merge, restate,
and create a claim from a selection. Each takes the actor (`by=`), runs in one transaction, and
refuses (ValidationError, nothing written) what would break an anchor or lose someone's edit."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from factcheck import versioning
from factcheck.claims import extraction, status
from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim, figures_of, scoring_model


def _locked(claim, expected_version):
    """`claim` reloaded under a row lock; Conflict if its version moved past the expected one."""
    return versioning.lock(
        Claim.objects.select_related("article"), claim.pk, expected_version=expected_version
    )


def _require_reshapeable(claim):
    # Only claims nobody has started to review may change shape: a reviewer's work refers to
    # the exact words they checked.
    if not claim.is_reshapeable:
        raise ValidationError(
            _("Only suggested or open claims can change their wording; this one is %(status)s.")
            % {"status": claim.get_status_display().lower()}
        )


@transaction.atomic
def accept(claim, *, by, expected_version=None):
    """A suggested (or dismissed) claim becomes open: ready to be assigned and reviewed.

    The move itself, and who may make it, is the status table's (claims.status)."""
    claim = _locked(claim, expected_version)
    move = status.check_move(claim, Claim.Status.OPEN, by=by)
    claim.dismissal_reason = ""
    reason = "accepted" if move.name == "accept" else "restored"
    return status.move_claim(
        claim, Claim.Status.OPEN, by=by, reason=reason, fields=["dismissal_reason"]
    )


@transaction.atomic
def dismiss(claim, *, by, reason, expected_version=None):
    """Set a claim aside, saying why ("opinion", "not checkable", "duplicate"...)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the claim is dismissed."))
    claim = _locked(claim, expected_version)
    status.check_move(claim, Claim.Status.DISMISSED, by=by)
    claim.dismissal_reason = reason[:300]
    return status.move_claim(
        claim,
        Claim.Status.DISMISSED,
        by=by,
        reason=f"dismissed: {reason}",
        fields=["dismissal_reason"],
    )


# The moves `undo` can take back, by the reason their history record carries.
_UNDOABLE = ("accepted", "restored", "dismissed: ")


def _undoable(reason):
    return any(
        reason == name or (name.endswith(" ") and reason.startswith(name)) for name in _UNDOABLE
    )


@transaction.atomic
def undo(claim, *, by, expected_version):
    """Take back the last accept, dismissal or restore of `claim`: it returns to the status (and
    dismissal reason) it had before, as its history says, and the history records "undone".

    Refused when anything happened to the claim since that move: its version moved on (Conflict),
    another change was recorded, or someone was assigned to it or reviewed it."""
    if not getattr(by, "is_editor", False):
        raise PermissionDenied(_("Only editors may change a claim's status."))
    claim = _locked(claim, expected_version)
    last, before = (list(claim.history.order_by("-history_id")[:2]) + [None, None])[:2]
    if (
        last is None
        or before is None
        or last.version != claim.version
        or not _undoable(last.history_change_reason or "")
    ):
        raise ValidationError(_("There is no accept or dismissal of this claim to undo."))
    if claim.assignments.exists() or claim.reviews.exists():
        raise ValidationError(_("This claim has been assigned since: it cannot be undone."))
    status.check_move(claim, before.status, by=by)
    claim.dismissal_reason = before.dismissal_reason
    return status.move_claim(
        claim, before.status, by=by, reason="undone", fields=["dismissal_reason"]
    )


def _lock_in_reading_order(claims):
    return sorted(versioning.lock_each(claims), key=lambda claim: (claim.start, claim.end))


@transaction.atomic
def accept_above(article, threshold, *, by):
    """Accept every suggested claim of `article` scoring at least `threshold`; return them."""
    claims = _lock_in_reading_order(
        article.claims.filter(status=Claim.Status.SUGGESTED, checkworthiness__gte=threshold)
    )
    return [accept(claim, by=by) for claim in claims]


@transaction.atomic
def dismiss_below(article, threshold, *, by, reason):
    """Dismiss every suggested claim of `article` scoring below `threshold`; return them."""
    if not (reason or "").strip():
        raise ValidationError(_("Say why the claims are dismissed."))
    claims = _lock_in_reading_order(
        article.claims.filter(status=Claim.Status.SUGGESTED, checkworthiness__lt=threshold)
    )
    return [dismiss(claim, by=by, reason=reason) for claim in claims]


@transaction.atomic
def restate(claim, normalized, *, by, expected_version=None):
    """Record the normalised, checkable restatement reviewers see beside the original words.

    Not on a resolved or published claim: its report says what was checked; reopen it first."""
    claim = _locked(claim, expected_version)
    if claim.is_settled:
        raise ValidationError(
            _("This claim is %(status)s: reopen it before restating it.")
            % {"status": claim.get_status_display().lower()}
        )
    claim.normalized = (normalized or "").strip()
    return versioning.save_change(claim, by=by, reason="restated", fields=["normalized"])


def trim_span(body, start, end):
    """Shrink [start, end) so it neither starts nor ends with whitespace."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _check_span(claim, start, end):
    if start == end:
        raise ValidationError(_("The new boundaries hold no text."))
    taken = (
        Claim.objects.filter(article_id=claim.article_id, start=start, end=end)
        .exclude(pk=claim.pk)
        .exists()
    )
    if taken:
        raise ValidationError(_("Another claim already covers exactly this text."))


def _scored(article, text):
    """The fields extraction's score gives a claim's `text`: its kind, score and reasons, by the
    model for the article's language (proposals.scoring_model)."""
    score = extraction.score(text, model=scoring_model(article))
    return {
        "kind": score.kind,
        "checkworthiness": round(score.checkworthiness, 4),
        "reasons": list(score.reasons),
    }


@transaction.atomic
def set_span(claim, start, end, *, by, expected_version=None, rescore=False):
    """Move a claim's boundaries to [start, end) of its article (trimmed of whitespace); with
    `rescore`, score its new words afresh."""
    claim = _locked(claim, expected_version)
    _require_reshapeable(claim)
    body = claim.article.body
    if not 0 <= start < end <= len(body):
        raise ValidationError(_("The new boundaries are outside the article."))
    start, end = trim_span(body, start, end)
    _check_span(claim, start, end)
    claim.start, claim.end = start, end
    claim.text = body[start:end]
    claim.paragraph = extraction.paragraph_at(body, start)
    claim.figures = figures_of(claim.text)
    fields = ["start", "end", "text", "paragraph", "figures"]
    if rescore:
        scored = _scored(claim.article, claim.text)
        for name, value in scored.items():
            setattr(claim, name, value)
        fields += scored
    claim.full_clean(exclude=["article", "final_verdict", "resolved_by"], validate_unique=False)
    return versioning.save_change(claim, by=by, reason="re-anchored", fields=fields)


@transaction.atomic
def extend(claim, direction, *, by, expected_version=None):
    """Extend a claim to take in the previous or next sentence of its paragraph."""
    claim = _locked(claim, expected_version)
    sentences = extraction.segment(claim.article.body)
    if direction == "previous":
        before = [s for s in sentences if s.end <= claim.start and s.paragraph == claim.paragraph]
        if not before:
            raise ValidationError(_("There is no earlier sentence in this paragraph."))
        start, end = before[-1].start, claim.end
    elif direction == "next":
        after = [s for s in sentences if s.start >= claim.end and s.paragraph == claim.paragraph]
        if not after:
            raise ValidationError(_("There is no later sentence in this paragraph."))
        start, end = claim.start, after[0].end
    else:
        raise ValidationError(_("Extend to the previous or the next sentence."))
    return set_span(claim, start, end, by=by)


@transaction.atomic
def split(claim, at, *, by, expected_version=None):
    """Split a claim at body offset `at` into two claims; return (first, second)."""
    claim = _locked(claim, expected_version)
    _require_reshapeable(claim)
    body = claim.article.body
    if not claim.start < at < claim.end:
        raise ValidationError(_("Split inside the claim, leaving words on both sides."))
    first = trim_span(body, claim.start, at)
    second = trim_span(body, at, claim.end)
    if first[0] == first[1] or second[0] == second[1]:
        raise ValidationError(_("Split inside the claim, leaving words on both sides."))
    # Each half is scored afresh: the parent's score and kind were for other words.
    set_span(claim, *first, by=by, rescore=True)
    try:
        second_claim = create_claim(
            claim.article,
            *second,
            by=by,
            origin=claim.origin,
            status=claim.status,
            # Made by the editor: never taken for an untouched proposal that proposing
            # again may replace (proposals.untouched_suggestions).
            version=2,
            **_scored(claim.article, body[second[0] : second[1]]),
        )
    except ValidationError:
        raise ValidationError(_("Another claim already covers the second part.")) from None
    return Claim.objects.get(pk=claim.pk), second_claim


@transaction.atomic
def merge(claim, following, *, by, expected_version=None):
    """Merge `following` into `claim` when nothing but whitespace separates them.

    Refused when `following` has reviews (even drafts): merging deletes it."""
    # Both rows locked in primary key order, so two opposite merges cannot deadlock.
    locked = {
        row.pk: row
        for row in versioning.lock_each(
            Claim.objects.filter(pk__in=[claim.pk, following.pk]).select_related("article")
        )
    }
    claim = _locked(claim, expected_version)
    following = locked[following.pk]
    _require_reshapeable(claim)
    _require_reshapeable(following)
    if following.reviews.exists():
        raise ValidationError(_("The next claim has reviews: it cannot be merged away."))
    body = claim.article.body
    if following.article_id != claim.article_id or following.start < claim.end:
        raise ValidationError(_("Only a claim and the one right after it can be merged."))
    if body[claim.end : following.start].strip():
        raise ValidationError(_("Only adjacent claims can be merged: there is text between them."))
    end = following.end
    versioning.delete_row(following, by=by, reason="merged")
    return set_span(claim, claim.start, end, by=by)


def from_utf16(body, offset):
    """Convert an offset counted in UTF-16 code units (as browsers count) into a code point
    offset into `body` (as Python counts). Characters outside the Basic Multilingual Plane,
    such as emoji, are one code point but two UTF-16 units."""
    encoded = body.encode("utf-16-le")
    if not 0 <= offset * 2 <= len(encoded):
        raise ValidationError(_("The selection is outside the article."))
    try:
        return len(encoded[: offset * 2].decode("utf-16-le"))
    except UnicodeDecodeError:
        raise ValidationError(_("The selection cuts a character in two.")) from None


_SPACE = re.compile(r"\s+")


def _squash(text):
    return _SPACE.sub(" ", text).strip()


@transaction.atomic
def create_from_selection(article, start, end, text, *, by, propose=False):
    """Create an open claim from text an editor selected in the browser (with `propose`, a
    suggested one that an editor still has to accept).

    The browser sends offsets and the selected text; whitespace at the edges (and line breaks
    the browser renders differently) is tolerated, other differences are refused.
    """
    body = article.body
    if not (0 <= start < end <= len(body)):
        raise ValidationError(_("The selection is outside the article."))
    if _squash(body[start:end]) != _squash(text or ""):
        raise ValidationError(
            _("The selected text does not match the article at that place. Reload and try again.")
        )
    start, end = trim_span(body, start, end)
    if Claim.objects.filter(article=article, start=start, end=end).exists():
        raise ValidationError(_("This text is already a claim."))
    return create_claim(
        article,
        start,
        end,
        by=by,
        origin=Claim.Origin.MANUAL,
        status=Claim.Status.SUGGESTED if propose else Claim.Status.OPEN,
        **_scored(article, body[start:end]),
    )


CLAIMANT_FIELDS = ["claimant", "claimant_kind", "claim_date", "appearance_url"]


@transaction.atomic
def set_claimant(claim, *, by, name, kind, claim_date, appearance_url="", expected_version=None):
    """Record who made the claim (a person or an organisation), when, and where it appeared
    (an empty URL: in the article itself). The editor confirms or corrects what extraction
    suggested; an empty name clears the claimant."""
    claim = _locked(claim, expected_version)
    claim.claimant = (name or "").strip()
    claim.claimant_kind = (kind or "") if claim.claimant else ""
    if claim.claimant and not claim.claimant_kind:
        raise ValidationError(_("Say whether the claimant is a person or an organisation."))
    claim.claim_date = claim_date
    claim.appearance_url = (appearance_url or "").strip()
    others = [field.name for field in Claim._meta.concrete_fields]
    claim.clean_fields(exclude=[field for field in others if field not in CLAIMANT_FIELDS])
    return versioning.save_change(claim, by=by, reason="claimant set", fields=CLAIMANT_FIELDS)
