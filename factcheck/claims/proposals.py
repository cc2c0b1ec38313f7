"""Creating claims: the one place where a claim gets anchored to its article's text."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from factcheck import versioning
from factcheck.articles.ingest.dates import current_zone
from factcheck.claims import extraction
from factcheck.claims.extraction.claimant import detect_claimant
from factcheck.claims.models import Claim


def figures_of(text):
    """The quantities `text` states, as stored on a claim (see extraction.figures)."""
    return [figure.as_dict() for figure in extraction.parse_figures(text)]


def publication_day(article):
    """The day `article` was published (in the site's zone), or None: a claim's default date."""
    if article.published_at is None:
        return None
    return article.published_at.astimezone(current_zone()).date()


def anchored_claim(article, start, end, *, text=None, paragraph=None, **fields):
    """Build (not save) a claim spanning article.body[start:end]: the check every claim passes.

    When `text` is given (a browser selection, a sentence from the extraction, a restored
    export) it must match the body at those offsets; otherwise the claim takes the body's text.
    Raises ValidationError when the span is empty, out of the body, or does not match.
    `paragraph` defaults to the number of the paragraph the span starts in, `claim_date` to
    the article's publication day.
    """
    body = article.body
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(body):
        raise ValidationError(_("The claim's offsets are outside the article."))
    span = body[start:end]
    if text is not None and text != span:
        raise ValidationError(_("The claim's text does not match the article at these offsets."))
    if paragraph is None:
        paragraph = extraction.paragraph_at(body, start)
    fields.setdefault("figures", figures_of(span))
    fields.setdefault("claim_date", publication_day(article))
    return Claim(article=article, start=start, end=end, text=span, paragraph=paragraph, **fields)


def create_claim(
    article,
    start,
    end,
    *,
    by=None,
    text=None,
    origin=Claim.Origin.MANUAL,
    status=Claim.Status.OPEN,
    **fields,
):
    """Create and return a claim spanning article.body[start:end] (see anchored_claim).

    Raises ValidationError, saving nothing, when the span is empty, out of the body, or does not
    match `text`.
    """
    claim = anchored_claim(article, start, end, text=text, origin=origin, status=status, **fields)
    claim.full_clean()
    return versioning.save_change(claim, by=by)


def claimant_of(text):
    """The claimant fields the attribution in `text` suggests ("X said", "according to X")."""
    claimant = detect_claimant(text)
    if claimant is None:
        return {}
    return {"claimant": claimant.name[:200], "claimant_kind": claimant.kind}


@transaction.atomic
def propose_claims(article, *, threshold=None):
    """Propose the article's check-worthy sentences as suggested claims; return the new ones.

    Each is dated the article's publication day, with the claimant its sentence names, if any.
    Running it again never duplicates a claim: spans that already have a claim are skipped.
    Each claim passes anchored_claim's check before any is stored (they are then created in
    one bulk insert): a sentence whose text is not the body's at its offsets raises
    ValidationError and nothing is proposed.
    """
    existing = set(article.claims.values_list("start", "end"))
    proposed = []
    for sentence, score in extraction.extract(article.body, threshold=threshold):
        if not score.checkworthy or (sentence.start, sentence.end) in existing:
            continue
        claim = anchored_claim(
            article,
            sentence.start,
            sentence.end,
            text=sentence.text,
            paragraph=sentence.paragraph,
            origin=Claim.Origin.SUGGESTED,
            status=Claim.Status.SUGGESTED,
            checkworthiness=round(score.checkworthiness, 4),
            kind=score.kind,
            reasons=list(score.reasons),
            **claimant_of(sentence.text),
        )
        proposed.append(claim)
    return bulk_create_with_history(proposed, Claim)
