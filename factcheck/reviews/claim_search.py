"""The editors' claims list at /claims/: every claim of every article, filtered, searched,
sorted and paged, with bulk actions on a selection.

`filter_claims(params)` is the whole query, a pure function of the request's GET parameters
(a QueryDict or a dict), so the page, its htmx fragment, the bulk action's re-render and the
benchmark all run the same code. The page's query count does not depend on the number of
claims: the article, final verdict and reviewers of a page come joined or prefetched.

Search: on PostgreSQL a full-text search (`websearch_to_tsquery`, so "quoted phrases", OR and
-exclusions work) against a stored tsvector of the claim's text, normalised text and public
rationale, with a GIN index (migration claims.0003); elsewhere (SQLite) every word must occur,
case-insensitively, in one of those fields.

Pagination: numbered pages (Django's Paginator, LIMIT/OFFSET) whose count stops five pages past
the current one (WindowPaginator). Every sort order is served by an index, so a page is an
index walk of about (offset + 50) matching rows and the count one of (offset + 300): the first page
costs the same at 100,000 claims as at 1,000 (bench/claims_list_bench.py), and page n costs
O(n), which for a list people page through by hand is fine. Keyset pagination would make
deep pages constant too, but gives no page numbers and needs a cursor per sort order (NULL
scores included); the bench shows no need for it.
"""

import datetime

from django.contrib.postgres.search import SearchQuery, SearchVectorExact, SearchVectorField
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Expression, F, Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property

from factcheck.articles.models import Article
from factcheck.claims.models import Claim, TextPrefix
from factcheck.reviews.models import Assignment

PER_PAGE = 50
MAX_SELECTION = 1000
MAX_PAGE = 100_000  # keeps LIMIT and OFFSET within the databases' integers
# Articles offered in the filter's drop-down: the most recent ones (and the chosen one), so the
# page stays the same size however many articles there are. Any article id is accepted.
ARTICLE_CHOICES = 100
# Full-text search: migration claims.0003 builds PostgreSQL's stored search vector from these
# fields with this configuration; change both together.
SEARCH_CONFIG = "english"
SEARCH_FIELDS = ("text", "normalized", "rationale")


def _sort_columns():
    """Sort key -> ascending ORDER BY; each ends in the primary key, so the order is total and
    every page is stable. Claims without a score count as the lowest scores."""
    return {
        "text": [TextPrefix("text").asc(), F("id").asc()],
        # (article, start, end) is unique: a total order already, served by its unique index.
        "article": [F("article_id").asc(), F("start").asc(), F("end").asc()],
        "status": [F("status").asc(), F("id").asc()],
        "score": [F("checkworthiness").asc(nulls_first=True), F("id").asc()],
        "created": [F("created_at").asc(), F("id").asc()],
        "updated": [F("updated_at").asc(), F("id").asc()],
    }


SORT_KEYS = ("text", "article", "status", "score", "created", "updated")
SORT_CHOICES = [(key, key) for key in SORT_KEYS] + [(f"-{key}", f"-{key}") for key in SORT_KEYS]
DEFAULT_SORT = "-created"


def order_by(sort):
    """The ORDER BY of a whitelisted sort key ("score", "-created"...)."""
    descending = sort.startswith("-")
    columns = _sort_columns()[sort.lstrip("-")]
    if not descending:
        return columns
    reversed_columns = []
    for column in columns:
        nulls = {"nulls_last": True} if column.nulls_first else {}
        reversed_columns.append(column.expression.desc(**nulls))
    return reversed_columns


def _start_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class StoredSearchVector(Expression):
    """PostgreSQL: the claims table's generated `search_vector` column, which the model does
    not declare (it exists on PostgreSQL only; see migration claims.0003)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(table)}.search_vector", []


def search(claims, text):
    """Claims matching the words of `text`: full-text on PostgreSQL, substrings elsewhere."""
    text = text.strip()
    if not text:
        return claims
    if connection.vendor == "postgresql":
        # The stored tsvector of SEARCH_FIELDS that migration claims.0003 adds (GIN indexed).
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return claims.filter(SearchVectorExact(StoredSearchVector(), query))
    for word in text.split():
        any_field = Q()
        for field in SEARCH_FIELDS:
            any_field |= Q(**{f"{field}__icontains": word})
        claims = claims.filter(any_field)
    return claims


def apply_filters(claims, data):
    """Narrow `claims` by a filter form's cleaned data."""
    if data.get("article"):
        claims = claims.filter(article=data["article"])
    if data.get("status"):
        claims = claims.filter(status__in=data["status"])
    if data.get("verdict"):
        claims = claims.filter(final_verdict=data["verdict"])
    if data.get("reviewer"):
        # One assignment per (claim, reviewer): the join cannot repeat a claim.
        claims = claims.filter(assignments__reviewer=data["reviewer"])
    if data.get("kind"):
        claims = claims.filter(kind=data["kind"])
    if (data.get("claimant") or "").strip():
        claims = claims.filter(claimant__icontains=data["claimant"].strip())
    if data.get("min_score") is not None:
        claims = claims.filter(checkworthiness__gte=data["min_score"])
    if data.get("max_score") is not None:
        claims = claims.filter(checkworthiness__lte=data["max_score"])
    if data.get("created_from"):
        claims = claims.filter(created_at__gte=_start_of_day(data["created_from"]))
    if data.get("created_to"):
        next_day = data["created_to"] + datetime.timedelta(days=1)
        claims = claims.filter(created_at__lt=_start_of_day(next_day))
    return search(claims, data.get("q") or "")


def filter_claims(filters):
    """The claims the list shows for `filters` (the filter form's usable values, see
    ClaimFilterForm.filters()), sorted, with what a row shows joined (final verdict) or
    prefetched (article, reviewers): a fixed number of queries whatever the page holds."""
    # The article is prefetched rather than joined: with a join, SQLite's planner may start
    # from the articles and sort every claim instead of walking the sort order's index.
    claims = Claim.objects.select_related("final_verdict").defer("reasons", "figures")
    articles = Article.objects.only("id", "title")
    assignments = Assignment.objects.select_related("reviewer").order_by("reviewer__username")
    claims = claims.prefetch_related(
        Prefetch("article", queryset=articles), Prefetch("assignments", queryset=assignments)
    )
    claims = apply_filters(claims, filters)
    return claims.order_by(*order_by(filters.get("sort") or DEFAULT_SORT))


class WindowPaginator(Paginator):
    """A Paginator that counts the matching claims only as far as LOOKAHEAD pages past the page
    asked for: "Page 1 of at least 7", "More than 300 claims". An exact count of a filter
    matching tens of thousands of claims visits all of them (about 200 ms on SQLite and 16 ms
    on PostgreSQL at 100,000 claims, see bench/claims_list_bench.py); counting through a LIMIT
    costs about what fetching the page with its OFFSET already does."""

    LOOKAHEAD = 5

    def __init__(self, object_list, per_page, number):
        super().__init__(object_list, per_page)
        self.limit = (number + self.LOOKAHEAD) * per_page

    @cached_property
    def count(self):
        return self.object_list[: self.limit + 1].count()

    @property
    def exact(self):
        """Whether `count` is every matching claim, not a lower bound."""
        return self.count <= self.limit

    @property
    def shown_count(self):
        return self.count if self.exact else self.limit
