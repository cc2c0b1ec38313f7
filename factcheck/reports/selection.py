"""What an export contains: which claims, with which reviews and evidence, read in chunks.

Every exporter takes the (article, claims) pairs these functions give. Claims come from
`QuerySet.iterator(chunk_size=CHUNK)` with their final verdict joined and their submitted
reviews, reviewers, verdicts, evidence and sources prefetched one chunk at a time, so an export
of a hundred thousand claims holds one chunk in memory, not the whole table.

Scopes:

- ``published``: published claims only, and of their evidence only what the editor published.
  What the public may see; the default for the reports (HTML, PDF, Markdown), ClaimReview and
  Web Annotation. The data exports (JSON, CSV) then carry only what the public report shows,
  whoever asks: each review's verdict, confidence, rationale and time stay internal (blind
  review: a reviewer allowed to export, FACTCHECK_REVIEWERS_MAY_EXPORT, must not read another
  reviewer's work through them), and its author is named as the report credits them
  (`credited_reviewer`: by name with FACTCHECK_REPORT_CREDITS_REVIEWERS, else not at all;
  never by username, which is a login).
- ``all``: internal. For the data exports (CSV, JSON) every claim, suggestions and dismissed
  ones included, so the JSON round-trips; for the reports every claim an editor accepted (the
  suggested and the dismissed are not checked claims), each with its status.

Only submitted reviews are exported: a draft is a reviewer's unfinished work.

What each exporter reads decides what is fetched (`reads`, set per format in the registry):
``EVERYTHING`` (JSON, the reports: reviews with their reviewers, verdicts and evidence, and the
matches), ``REVIEWS`` (the reviews CSV: no matches) or ``VERDICTS`` (the claims CSV: of each
submitted review only its verdict's slug, one values query per chunk, and of the claim only the
columns the CSV writes). Building fewer model instances is what makes the claims CSV fast: at
10,000 claims with two reviews and four pieces of evidence each, the full prefetch builds
sixteen objects per claim, the CSV needs two.
"""

import datetime
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.db.models import Prefetch, Q, prefetch_related_objects

from factcheck.articles.models import Article
from factcheck.claims.models import Claim, ClaimMatch
from factcheck.reports.models import PublicReport
from factcheck.reviews.models import Evidence, Review

PUBLISHED = "published"
ALL = "all"
SCOPES = (PUBLISHED, ALL)
CHUNK = 500
REVIEWS = "exported_reviews"
EVIDENCE = "exported_evidence"
MATCHES = "exported_matches"
REVIEW_VERDICTS = "exported_review_verdicts"

EVERYTHING = "everything"
REVIEWS_ONLY = "reviews"
VERDICTS = "verdicts"
READS = (EVERYTHING, REVIEWS_ONLY, VERDICTS)

# The claim columns the claims CSV writes (csv_export.claim_rows), and its final verdict's.
CSV_CLAIM_FIELDS = (
    "article_id", "text", "start", "end", "normalized", "status", "kind", "checkworthiness",
    "reasons", "rationale", "resolved_at", "final_verdict__slug", "final_verdict__label",
    "final_verdict__rating_value",
)  # fmt: skip


def _credits_reviewers():
    return bool(settings.FACTCHECK_REPORT_CREDITS_REVIEWERS)


@dataclass(frozen=True)
class ExportOptions:
    """How to export. `base_url` ("https://factcheck.example.org") makes links absolute;
    `credit_reviewers` defaults to FACTCHECK_REPORT_CREDITS_REVIEWERS."""

    scope: str = ALL
    base_url: str = ""
    credit_reviewers: bool = field(default_factory=_credits_reviewers)
    bom: bool = False
    public: bool = False  # rendering the public page: no internal links
    today: datetime.date | None = None  # the report's date; None: today

    def absolute(self, path):
        return f"{self.base_url.rstrip('/')}{path}" if path.startswith("/") else path

    @property
    def published(self):
        """Only what the public report shows (see the module's docstring)."""
        return self.scope == PUBLISHED


def credited_reviewer(review, options):
    """How an export names the author of `review`: by username internally (the JSON round-trips
    through it); in published scope by the name the public report credits them with, or None
    when reviewers are not credited."""
    if not options.published:
        return review.reviewer.username
    return review.reviewer.display_name if options.credit_reviewers else None


def _claims(scope, *, report):
    """Claims in `scope`, in reading order, their final verdict joined; nothing prefetched."""
    claims = Claim.objects.all()
    if scope == PUBLISHED:
        claims = claims.filter(status=Claim.Status.PUBLISHED)
    elif report:
        claims = claims.exclude(status__in=[Claim.Status.SUGGESTED, Claim.Status.DISMISSED])
    return (
        claims.select_related("final_verdict")
        .defer("created_at", "updated_at")
        .order_by("article_id", "start", "end", "id")
    )


def _lookups(scope, reads=EVERYTHING):
    """The prefetches of `reads`: reviews with their evidence, and the matches unless
    REVIEWS_ONLY."""
    evidence = (
        Evidence.objects.select_related("source")
        .defer("note", "submission_key", "source__added_by", "source__created_at")
        .order_by("created_at", "id")
    )
    if scope == PUBLISHED:
        evidence = evidence.filter(published=True)
    reviews = (
        Review.objects.filter(status=Review.Status.SUBMITTED)
        .select_related("reviewer", "verdict")
        .defer("reference_figures", "created_at", "updated_at")
        .order_by("submitted_at", "id")
        .prefetch_related(Prefetch("evidence", queryset=evidence, to_attr=EVIDENCE))
    )
    lookups = [Prefetch("reviews", queryset=reviews, to_attr=REVIEWS)]
    if reads == REVIEWS_ONLY:
        return lookups
    matches = ClaimMatch.objects.select_related(
        "matched_claim__final_verdict", "external"
    ).order_by(*ClaimMatch.BEST_FIRST)
    if scope == PUBLISHED:
        # Earlier claims of ours not yet published are internal work.
        matches = matches.filter(
            Q(external__isnull=False) | Q(matched_claim__status=Claim.Status.PUBLISHED)
        )
    return [*lookups, Prefetch("matches", queryset=matches, to_attr=MATCHES)]


def claims_queryset(scope, *, report=False):
    """Claims in `scope`, in reading order, with what the exporters read prefetched.

    The prefetched rows are lists on `claim.exported_reviews` and `review.exported_evidence`
    (`to_attr`: no queryset is built per row), read through `reviews_of` and `evidence_of`;
    columns no exporter reads are left in the database.
    """
    return _claims(scope, report=report).prefetch_related(*_lookups(scope))


def _attach_review_verdicts(claims):
    """Set each claim's submitted reviews' verdict slugs (None for a review without one),
    oldest review first, with one query for all of `claims`."""
    verdicts: dict[int, list[str | None]] = {claim.pk: [] for claim in claims}
    rows = (
        Review.objects.filter(status=Review.Status.SUBMITTED, claim_id__in=list(verdicts))
        .order_by("claim_id", "submitted_at", "id")
        .values_list("claim_id", "verdict__slug")
    )
    for claim_id, slug in rows:
        verdicts[claim_id].append(slug)
    for claim in claims:
        setattr(claim, REVIEW_VERDICTS, verdicts[claim.pk])


def reviews_of(claim):
    """The claim's submitted reviews, oldest first: prefetched, else queried."""
    prefetched = getattr(claim, REVIEWS, None)
    if prefetched is not None:
        return prefetched
    return list(
        claim.reviews.filter(status=Review.Status.SUBMITTED)
        .select_related("reviewer", "verdict")
        .order_by("submitted_at", "id")
    )


def matches_of(claim):
    """The claim's stored matches (claims.matching), best first: prefetched, else queried."""
    prefetched = getattr(claim, MATCHES, None)
    if prefetched is not None:
        return prefetched
    return list(
        claim.matches.select_related("matched_claim__final_verdict", "external").order_by(
            *ClaimMatch.BEST_FIRST
        )
    )


def review_verdicts_of(claim):
    """The verdict slugs (None when a review has none) of the claim's submitted reviews, oldest
    first: prefetched, else read from its reviews."""
    prefetched = getattr(claim, REVIEW_VERDICTS, None)
    if prefetched is not None:
        return prefetched
    return [review.verdict.slug if review.verdict_id else None for review in reviews_of(claim)]


def evidence_of(review):
    """The review's evidence, in the order it was added: prefetched, else queried."""
    prefetched = getattr(review, EVIDENCE, None)
    if prefetched is not None:
        return prefetched
    return list(review.evidence.select_related("source").order_by("created_at", "id"))


def article_claims(
    articles, scope, *, claim_ids=None, report=False, reads=EVERYTHING, progress=None
):
    """Yield (article, claims iterator) for each article; the claims stream in chunks.

    Exhaust each claims iterator before taking the next pair. Each claim's `article` is set to
    the article, so exporters reading `claim.article` make no query. `reads` says what the
    exporter reads (see the module's docstring); `progress(n)`, when given, is called after
    each chunk of `n` claims.
    """
    for article in articles:
        claims = _claims(scope, report=report).filter(article_id=article.pk)
        if reads == VERDICTS:
            claims = claims.only(*CSV_CLAIM_FIELDS)
        if claim_ids is not None:
            claims = claims.filter(pk__in=claim_ids)
        yield article, _attached(article, claims, scope, reads, progress)


def count_claims(articles, scope, *, claim_ids=None, report=False):
    """How many claims an export of `articles` (a queryset of articles) holds: one query."""
    claims = _claims(scope, report=report).filter(article__in=articles.values("pk"))
    if claim_ids is not None:
        claims = claims.filter(pk__in=claim_ids)
    return claims.order_by().count()


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _attached(article, claims, scope, reads, progress):
    """The claims, a chunk at a time, with what `reads` needs fetched for the whole chunk."""
    lookups = None if reads == VERDICTS else _lookups(scope, reads)
    for chunk in _chunks(claims.iterator(chunk_size=CHUNK), CHUNK):
        if lookups is None:
            _attach_review_verdicts(chunk)
        else:
            prefetch_related_objects(chunk, *lookups)
        for claim in chunk:
            claim.article = article
        yield from chunk
        if progress is not None:
            progress(len(chunk))


def each_article(articles):
    """Load the articles of a queryset one at a time (bodies can be large), oldest first."""
    for pk in list(articles.order_by("pk").values_list("pk", flat=True)):
        article = Article.objects.filter(pk=pk).first()
        if article is not None:
            yield article


def articles_by_id(ids):
    """The articles `ids`, one at a time, in that order; a deleted one is skipped."""
    for pk in ids:
        article = Article.objects.filter(pk=pk).first()
        if article is not None:
            yield article


def articles_for_claims(claim_ids):
    """The articles the claims `claim_ids` belong to, one at a time, oldest first."""
    return each_article(Article.objects.filter(claims__pk__in=claim_ids).distinct())


def all_articles(*, archived=True):
    """Every article, one at a time; without the archived ones unless `archived`."""
    articles = Article.objects.all() if archived else Article.objects.active()
    return each_article(articles)


def live_public_report(article):
    return PublicReport.objects.live().filter(article=article).first()
