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
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q

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


def claims_queryset(scope, *, report=False):
    """Claims in `scope`, in reading order, with what the exporters read prefetched.

    The prefetched rows are lists on `claim.exported_reviews` and `review.exported_evidence`
    (`to_attr`: no queryset is built per row), read through `reviews_of` and `evidence_of`;
    columns no exporter reads are left in the database.
    """
    claims = Claim.objects.all()
    if scope == PUBLISHED:
        claims = claims.filter(status=Claim.Status.PUBLISHED)
    elif report:
        claims = claims.exclude(status__in=[Claim.Status.SUGGESTED, Claim.Status.DISMISSED])
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
    matches = ClaimMatch.objects.select_related(
        "matched_claim__final_verdict", "external"
    ).order_by(*ClaimMatch.BEST_FIRST)
    if scope == PUBLISHED:
        # Earlier claims of ours not yet published are internal work.
        matches = matches.filter(
            Q(external__isnull=False) | Q(matched_claim__status=Claim.Status.PUBLISHED)
        )
    return (
        claims.select_related("final_verdict")
        .defer("created_at", "updated_at")
        .prefetch_related(
            Prefetch("reviews", queryset=reviews, to_attr=REVIEWS),
            Prefetch("matches", queryset=matches, to_attr=MATCHES),
        )
        .order_by("article_id", "start", "end", "id")
    )


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


def evidence_of(review):
    """The review's evidence, in the order it was added: prefetched, else queried."""
    prefetched = getattr(review, EVIDENCE, None)
    if prefetched is not None:
        return prefetched
    return list(review.evidence.select_related("source").order_by("created_at", "id"))


def article_claims(articles, scope, *, claim_ids=None, report=False):
    """Yield (article, claims iterator) for each article; the claims stream in chunks.

    Exhaust each claims iterator before taking the next pair. Each claim's `article` is set to
    the article, so exporters reading `claim.article` make no query.
    """
    for article in articles:
        claims = claims_queryset(scope, report=report).filter(article_id=article.pk)
        if claim_ids is not None:
            claims = claims.filter(pk__in=claim_ids)
        yield article, _attached(article, claims.iterator(chunk_size=CHUNK))


def _attached(article, claims):
    for claim in claims:
        claim.article = article
        yield claim


def each_article(articles):
    """Load the articles of a queryset one at a time (bodies can be large), oldest first."""
    for pk in list(articles.order_by("pk").values_list("pk", flat=True)):
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
