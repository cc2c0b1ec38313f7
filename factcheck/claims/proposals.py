"""Creating claims: the one place where a claim gets anchored to its article's text."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from factcheck.claims import extraction
from factcheck.claims.models import Claim


def figures_of(text):
    """The quantities `text` states, as stored on a claim (see extraction.figures)."""
    return [figure.as_dict() for figure in extraction.parse_figures(text)]


def create_claim(article, start, end, *, by=None, text=None, origin=Claim.Origin.MANUAL,
                 status=Claim.Status.OPEN, **fields):  # fmt: skip
    """Create and return a claim spanning article.body[start:end].

    When `text` is given (for example the text a browser selection sent) it must match the body
    at those offsets; otherwise the claim takes the body's text. Raises ValidationError, saving
    nothing, when the span is empty, out of the body, or does not match.
    """
    body = article.body
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(body):
        raise ValidationError(_("The claim's offsets are outside the article."))
    span = body[start:end]
    if text is not None and text != span:
        raise ValidationError(_("The claim's text does not match the article at these offsets."))
    fields.setdefault("figures", figures_of(span))
    claim = Claim(
        article=article,
        start=start,
        end=end,
        text=span,
        paragraph=extraction.paragraph_at(body, start),
        origin=origin,
        status=status,
        **fields,
    )
    claim.full_clean()
    claim._history_user = by
    claim.save()
    return claim


@transaction.atomic
def propose_claims(article, *, threshold=None):
    """Propose the article's check-worthy sentences as suggested claims; return the new ones.

    Running it again never duplicates a claim: spans that already have a claim are skipped.
    """
    existing = set(article.claims.values_list("start", "end"))
    proposed = []
    for sentence, score in extraction.extract(article.body, threshold=threshold):
        if not score.checkworthy or (sentence.start, sentence.end) in existing:
            continue
        claim = Claim(
            article=article,
            start=sentence.start,
            end=sentence.end,
            text=sentence.text,
            paragraph=sentence.paragraph,
            origin=Claim.Origin.SUGGESTED,
            status=Claim.Status.SUGGESTED,
            checkworthiness=round(score.checkworthiness, 4),
            kind=score.kind,
            reasons=list(score.reasons),
            figures=figures_of(sentence.text),
        )
        proposed.append(claim)
    return bulk_create_with_history(proposed, Claim)
