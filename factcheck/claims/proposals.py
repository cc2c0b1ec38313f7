"""Creating claims: the one place where a claim gets anchored to its article's text, and where
an article's sentences are scored and proposed (within the budget of claims.budget).

Proposing keeps two kinds of rows: the suggested claims the budget proposes, and the candidates
it holds back (claims.models.Candidate), which `show_more` promotes to suggested claims, best
first, when the editor asks. `set_language` corrects an article's language and proposes its
claims again with the model for that language (`repropose`).
"""

import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck import versioning
from factcheck.articles.ingest.dates import current_zone
from factcheck.articles.models import Article
from factcheck.claims import extraction, matching, scorers
from factcheck.claims.budget import Budget, allocate
from factcheck.claims.extraction.claimant import detect_claimant
from factcheck.claims.models import Candidate, Claim

# How many held-back candidates one "Show more suggestions" turns into suggested claims.
SHOW_MORE_BATCH = 10


@dataclass(frozen=True)
class HeldBack:
    count: int  # the article's candidates: sentences the budget held back
    next: int  # how many of them the next "Show more suggestions" shows


def held_back(article):
    """What "Show more suggestions" has left to show for `article` (one query)."""
    count = article.candidates.count()
    return HeldBack(count, min(count, SHOW_MORE_BATCH))


def figures_of(text):
    """The quantities `text` states, as stored on a claim (see extraction.figures): each
    Figure's fields as a dict, as Figure.as_dict gives them (its fields are plain values, so
    this skips asdict's deep copy, a third of the time of storing a proposal)."""
    return [
        {name: getattr(figure, name) for name in _FIGURE_FIELDS}
        for figure in extraction.parse_figures(text)
    ]


_FIGURE_FIELDS = [field.name for field in dataclasses.fields(extraction.Figure)]


def publication_day(article):
    """The day `article` was published (in the site's zone), or None: a claim's default date."""
    if article.published_at is None:
        return None
    return article.published_at.astimezone(current_zone()).date()


def anchored_text(article, start, end, text=None):
    """article.body[start:end], checked: ValidationError when the span is empty, out of the body,
    or (when `text` is given) not `text`."""
    body = article.body
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(body):
        raise ValidationError(_("The claim's offsets are outside the article."))
    span = body[start:end]
    if text is not None and text != span:
        raise ValidationError(_("The claim's text does not match the article at these offsets."))
    return span


def anchored_claim(article, start, end, *, text=None, paragraph=None, **fields):
    """Build (not save) a claim spanning article.body[start:end]: the check every claim passes.

    When `text` is given (a browser selection, a sentence from the extraction, a restored
    export) it must match the body at those offsets; otherwise the claim takes the body's text.
    Raises ValidationError when the span is empty, out of the body, or does not match.
    `paragraph` defaults to the number of the paragraph the span starts in, `claim_date` to
    the article's publication day.
    """
    span = anchored_text(article, start, end, text)
    if paragraph is None:
        paragraph = extraction.paragraph_at(article.body, start)
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


def scoring_model(article):
    """The model that scores `article`'s sentences: the one place that picks it, so that every
    proposal (on import, "Show more", a corrected language) and every re-scored claim uses the
    model meant for the article's language (the desk-trained one an admin activated, if any)."""
    return scorers.active_model(article.language)


def scored_sentences(article, model):
    """Every sentence of the article with its score by `model`, in reading order."""
    return extraction.extract(article.body, model=model)


def _suggestion(article, start, end, *, text, paragraph, checkworthiness, kind, reasons, version):
    return anchored_claim(
        article,
        start,
        end,
        text=text,
        paragraph=paragraph,
        origin=Claim.Origin.SUGGESTED,
        status=Claim.Status.SUGGESTED,
        checkworthiness=round(checkworthiness, 4),
        kind=kind,
        reasons=list(reasons),
        model_version=version,
        **claimant_of(text),
    )


@transaction.atomic
def propose_claims(article, *, threshold=None, by=None, reason=""):
    """Propose the article's best sentences as suggested claims and hold back the next best as
    candidates (the budget of claims.budget, from settings); return the new claims, in reading
    order. With a `threshold`, every sentence scoring at least that is proposed instead, and
    nothing is held back.

    The sentences are scored by `scoring_model(article)`, and each claim records that model's
    version. Each is dated the article's publication day, with the claimant its sentence names,
    if any. Running it again never duplicates a claim or a candidate: spans that already have
    one are skipped (a candidate the budget now proposes becomes a claim). Every sentence passes
    anchored_claim's check before anything is stored (claims then in one bulk insert, with their
    history: `by`, `reason`): one whose text is not the body's at its offsets raises
    ValidationError and nothing is proposed.
    """
    model = scoring_model(article)
    version = model.version
    scored = scored_sentences(article, model)
    scores = [result.checkworthiness for _sentence, result in scored]
    if threshold is None:
        statistics = [result.kind == "statistic" for _sentence, result in scored]
        allocation = allocate(scores, Budget.from_settings(), statistics=statistics)
        proposed, held_back = sorted(allocation.proposed), allocation.held_back
    else:
        proposed = [index for index, value in enumerate(scores) if value >= threshold]
        held_back = []
    claimed = set(article.claims.values_list("start", "end"))
    candidates = set(article.candidates.values_list("start", "end"))
    claims, holds, promoted = [], [], []
    for index in proposed:
        sentence, result = scored[index]
        span = (sentence.start, sentence.end)
        if span in claimed:
            continue
        claim = _suggestion(
            article,
            sentence.start,
            sentence.end,
            text=sentence.text,
            paragraph=sentence.paragraph,
            checkworthiness=result.checkworthiness,
            kind=result.kind,
            reasons=result.reasons,
            version=version,
        )
        claims.append(claim)
        if span in candidates:
            promoted.append(span)
    taken = claimed | candidates
    for index in held_back:
        sentence, result = scored[index]
        if (sentence.start, sentence.end) in taken:
            continue
        anchored_text(article, sentence.start, sentence.end, sentence.text)
        holds.append(
            Candidate(
                article=article,
                start=sentence.start,
                end=sentence.end,
                text=sentence.text,
                paragraph=sentence.paragraph,
                checkworthiness=round(result.checkworthiness, 4),
                kind=result.kind,
                reasons=list(result.reasons),
                model_version=version,
            )
        )
    for start, end in promoted:
        article.candidates.filter(start=start, end=end).delete()
    Candidate.objects.bulk_create(holds)
    return create_with_history(claims, by=by, reason=reason)


@transaction.atomic
def create_with_history(claims, *, by=None, reason=""):
    """Store `claims` (new, unsaved) in multi-row inserts, each with its history record ("+",
    naming `by` and `reason`), and return them with their ids.

    The records are those simple_history's bulk_create_with_history writes, every tracked
    column copied from the stored claim, but copied by the database (INSERT ... SELECT, a
    statement per few hundred claims) instead of built as a historical instance per claim in
    Python. Without `by`, the history names whom simple_history would (the request's user,
    if any)."""
    created = Claim.objects.bulk_create(claims)
    if not created or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return created
    history = Claim.history.model
    if by is None:
        by = history.get_default_history_user(created[0])
    extra = {
        "history_date": timezone.now(),
        "history_change_reason": reason or None,
        "history_type": "+",
        "history_user": getattr(by, "pk", None),
    }
    extra_columns = [history._meta.get_field(name).column for name in extra]
    extra_values = [
        history._meta.get_field(name).get_db_prep_save(value, connection)
        for name, value in extra.items()
    ]
    quote = connection.ops.quote_name
    copied = ", ".join(quote(field.column) for field in Claim._meta.concrete_fields)
    insert = (
        f"INSERT INTO {quote(history._meta.db_table)} "
        f"({copied}, {', '.join(quote(column) for column in extra_columns)}) "
        f"SELECT {copied}, {', '.join(['%s'] * len(extra))} "
        f"FROM {quote(Claim._meta.db_table)} WHERE {quote('id')} IN "
    )
    size = (connection.features.max_query_params or 10_000) - len(extra)
    ids = [claim.pk for claim in created]
    with connection.cursor() as cursor:
        for start in range(0, len(ids), size):
            batch = ids[start : start + size]
            cursor.execute(
                f"{insert}({', '.join(['%s'] * len(batch))}) ORDER BY {quote('id')}",
                [*extra_values, *batch],
            )
    return created


@transaction.atomic
def show_more(article, *, by, count=SHOW_MORE_BATCH):
    """Turn the article's next `count` held-back candidates, best first, into suggested claims,
    as proposing would have (anchored, dated, with their claimant, score, reasons and model
    version, and history naming `by`), matched against the claims checked before
    (claims.matching); return them, best first. The candidates are used up: one whose span
    became a claim meanwhile is dropped without a second claim."""
    batch = list(Candidate.objects.select_for_update().filter(article=article)[:count])
    claimed = set(article.claims.values_list("start", "end"))
    claims = [
        _suggestion(
            article,
            candidate.start,
            candidate.end,
            text=candidate.text,
            paragraph=candidate.paragraph,
            checkworthiness=candidate.checkworthiness,
            kind=candidate.kind,
            reasons=candidate.reasons,
            version=candidate.model_version,
        )
        for candidate in batch
        if (candidate.start, candidate.end) not in claimed
    ]
    Candidate.objects.filter(pk__in=[candidate.pk for candidate in batch]).delete()
    shown = create_with_history(claims, by=by, reason=_("More suggestions shown"))
    matching.match_new_claims(shown)  # marks those checked before, as on import
    return shown


def untouched_suggestions(article):
    """The article's suggested claims exactly as extraction proposed them: no editor accepted,
    dismissed, restored, reworded or otherwise changed them (any change moves the version on)."""
    return article.claims.filter(
        status=Claim.Status.SUGGESTED, origin=Claim.Origin.SUGGESTED, version=1
    )


@transaction.atomic
def repropose(article, *, by, reason=""):
    """Score the article again and propose anew: its untouched suggestions and its candidates
    are dropped, then proposed again by `scoring_model(article)` within the budget. Claims an
    editor touched stay as they are (their spans are not proposed twice). The dropped claims'
    history and the new ones' name `by` and `reason`. The new claims are matched against the claims
    checked before (claims.matching), as on import; returns them."""
    for claim in versioning.lock_each(untouched_suggestions(article)):
        versioning.delete_row(claim, by=by, reason=reason)
    article.candidates.all().delete()
    proposed = propose_claims(article, by=by, reason=reason)
    matching.match_new_claims(proposed)  # marks those checked before, as on import
    return proposed


@transaction.atomic
def set_language(article, language, *, by):
    """Correct the article's language to `language` (a code of articles.languages) and, when it
    changed, propose its claims again with the model for that language (`repropose`); return
    the new claims. The admin's history of the article records who changed it and from what."""
    article = versioning.lock(Article.objects.all(), article.pk)
    previous = article.language
    if language == previous:
        return []
    article.language = language
    article.save(update_fields=["language", "updated_at"])
    reason = _("Language corrected from %(old)s to %(new)s") % {
        "old": previous or "?",
        "new": language,
    }
    if by is not None:
        LogEntry.objects.log_actions(by.pk, [article], CHANGE, reason, single_object=True)
    return repropose(article, by=by, reason=reason)
