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

from django import forms
from django.contrib import messages
from django.contrib.postgres.search import SearchQuery, SearchVectorExact, SearchVectorField
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Expression, F, Prefetch, Q
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from factcheck.accounts.models import User
from factcheck.articles.models import Article
from factcheck.claims.models import Claim, TextPrefix, Verdict
from factcheck.reviews import bulk
from factcheck.reviews.models import Assignment

PAGE = "reviews/claim_list.html"
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
# The selection exporter (reports:export_claims, `?ids=1,2,3`) takes the data formats. Listed
# here, not imported: the reports app depends on this one, not the other way round.
EXPORT_FORMATS = [
    ("csv", gettext_lazy("Claims (CSV)")),
    ("reviews-csv", gettext_lazy("Reviews (CSV)")),
    ("json", gettext_lazy("Data (JSON)")),
    ("claimreview", gettext_lazy("ClaimReview (JSON-LD)")),
    ("webannotation", gettext_lazy("Web Annotation (JSON-LD)")),
]


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


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ReviewersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ClaimFilterForm(forms.Form):
    """The list's filters, read from the query string. Every field is optional; a value the
    form cannot use is an error shown beside the field, and that filter is left out."""

    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    article = forms.ModelChoiceField(
        label=gettext_lazy("Article"),
        queryset=Article.objects.all(),
        required=False,
        empty_label=gettext_lazy("All articles"),
    )
    status = forms.MultipleChoiceField(
        label=gettext_lazy("Status"),
        choices=Claim.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    verdict = forms.ModelChoiceField(
        label=gettext_lazy("Final verdict"),
        queryset=Verdict.objects.all(),
        required=False,
        empty_label=gettext_lazy("Any verdict"),
    )
    reviewer = ReviewerChoiceField(
        label=gettext_lazy("Assigned to"),
        queryset=User.objects.filter(role=User.Role.REVIEWER).order_by("username"),
        required=False,
        empty_label=gettext_lazy("Anyone"),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("Any kind")), *Claim.Kind.choices],
        required=False,
    )
    min_score = forms.FloatField(
        label=gettext_lazy("Score from"), required=False, min_value=0, max_value=1
    )
    max_score = forms.FloatField(
        label=gettext_lazy("Score to"), required=False, min_value=0, max_value=1
    )
    created_from = forms.DateField(
        label=gettext_lazy("Created from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    created_to = forms.DateField(
        label=gettext_lazy("Created to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("min_score", "max_score"):
            self.fields[name].widget.attrs.update({"step": "0.05", "inputmode": "decimal"})

    def article_choices(self):
        """The drop-down's articles: the most recent ones, plus the chosen one if older."""
        recent = list(
            Article.objects.order_by("-created_at", "-id").values_list("pk", "title")[
                :ARTICLE_CHOICES
            ]
        )
        chosen = self.cleaned_data.get("article") if hasattr(self, "cleaned_data") else None
        if chosen is not None and chosen.pk not in {pk for pk, _title in recent}:
            recent.append((chosen.pk, chosen.title))
        return [("", _("All articles")), *recent]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_score"), cleaned.get("max_score")
        if low is not None and high is not None and low > high:
            self.add_error("max_score", _("The highest score must not be below the lowest."))
        first, last = cleaned.get("created_from"), cleaned.get("created_to")
        if first is not None and last is not None and first > last:
            self.add_error("created_to", _("The last day must not be before the first."))
        return cleaned


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


def _cleaned(form):
    """The form's usable values: an invalid field is left out, the others still filter."""
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if name not in form.errors}


def filter_claims(params):
    """The claims the list shows for the query string `params` (or a bound ClaimFilterForm),
    sorted, with what a row shows joined (final verdict) or prefetched (article, reviewers):
    a fixed number of queries whatever the page holds."""
    form = params if isinstance(params, ClaimFilterForm) else ClaimFilterForm(params)
    data = _cleaned(form)
    # The article is prefetched rather than joined: with a join, SQLite's planner may start
    # from the articles and sort every claim instead of walking the sort order's index.
    claims = Claim.objects.select_related("final_verdict").defer("reasons", "figures")
    articles = Article.objects.only("id", "title")
    assignments = Assignment.objects.select_related("reviewer").order_by("reviewer__username")
    claims = claims.prefetch_related(
        Prefetch("article", queryset=articles), Prefetch("assignments", queryset=assignments)
    )
    claims = apply_filters(claims, data)
    return claims.order_by(*order_by(data.get("sort") or DEFAULT_SORT))


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


def _page_number(value):
    try:
        return min(max(1, int(value)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _require_editor(request):
    if not request.user.is_editor:
        raise PermissionDenied(_("Only editors may use the claims list."))


def _export_url(fmt, ids):
    try:
        base = reverse("reports:export_claims", args=[fmt])
    except NoReverseMatch:
        base = f"/claims/export/{fmt}/"
    return f"{base}?ids={','.join(str(pk) for pk in ids)}"


def _list_context(request, params, *, bulk_form=None, report=None):
    form = ClaimFilterForm(params)
    claims = filter_claims(form)
    number = _page_number(params.get("page"))
    page = WindowPaginator(claims, PER_PAGE, number).get_page(number)
    sort = form.cleaned_data.get("sort") or DEFAULT_SORT
    query = params.copy() if isinstance(params, QueryDict) else QueryDict(mutable=True)
    page_query = query.copy()
    page_query.pop("page", None)
    return {
        "form": form,
        "article_choices": form.article_choices(),
        "chosen_article": str(form.cleaned_data["article"].pk)
        if form.cleaned_data.get("article")
        else "",
        "page": page,
        "claims": page.object_list,
        "sort": sort,
        "sort_columns": _sort_links(query, sort),
        "query": query.urlencode(),
        "page_query": page_query.urlencode(),
        "bulk_form": bulk_form or BulkActionForm(),
        "report": report,
    }


SORT_LABELS = {
    "text": gettext_lazy("Claim"),
    "article": gettext_lazy("Article"),
    "status": gettext_lazy("Status"),
    "score": gettext_lazy("Score"),
    "created": gettext_lazy("Created"),
    "updated": gettext_lazy("Updated"),
}


def _sort_links(query, current):
    """Per sortable column: its label, the query string that sorts by it (the other way round
    when it is the current sort) and its current direction, for aria-sort."""
    links = {}
    for key in SORT_KEYS:
        params = query.copy()
        params.pop("page", None)
        params["sort"] = f"-{key}" if current == key else key
        direction = ""
        if current == key:
            direction = "ascending"
        elif current == f"-{key}":
            direction = "descending"
        links[key] = {
            "label": SORT_LABELS[key],
            "query": params.urlencode(),
            "direction": direction,
        }
    return links


def _render_fragment(request, context, *, status=200):
    # The fragment also replaces the filter form's hidden sort field (out of band), so a
    # filter changed after a click on a column heading keeps that sort.
    return render(request, f"{PAGE}#results", {**context, "oob": True}, status=status)


def _render_list(request, context):
    if request.htmx and not request.htmx.history_restore_request:
        return _render_fragment(request, context)
    return render(request, PAGE, context)


@require_GET
@vary_on_headers("HX-Request")
def claim_list(request):
    """Editors only. The whole page, or (htmx) the results fragment for the filters given."""
    _require_editor(request)
    return _render_list(request, _list_context(request, request.GET))


class BulkActionForm(forms.Form):
    ACTIONS = [*bulk.ACTIONS.items(), ("export", gettext_lazy("Export"))]

    action = forms.ChoiceField(label=gettext_lazy("Action"), choices=ACTIONS)
    ids = forms.Field(required=False, widget=forms.MultipleHiddenInput)
    reviewers = ReviewersChoiceField(
        label=gettext_lazy("Reviewers"),
        queryset=User.objects.reviewers().order_by("username"),
        required=False,
        help_text=gettext_lazy("For “Assign”."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("For “Dismiss”: opinion, not checkable, duplicate..."),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Export format"), choices=EXPORT_FORMATS, required=False
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput, max_length=4000)

    def clean_ids(self):
        # Any whole number is accepted here; ids of claims that do not exist are reported.
        values = self.cleaned_data.get("ids") or []
        ids = []
        for value in values:
            try:
                ids.append(int(value))
            except (TypeError, ValueError):
                raise ValidationError(_("The selection holds an invalid claim id.")) from None
        if not ids:
            raise ValidationError(_("Select at least one claim."))
        if len(ids) > MAX_SELECTION:
            raise ValidationError(
                _("Select at most %(max)d claims at a time.") % {"max": MAX_SELECTION}
            )
        return list(dict.fromkeys(ids))

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == "assign" and not cleaned.get("reviewers"):
            self.add_error("reviewers", _("Choose at least one reviewer to assign."))
        if action == "dismiss" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the claims are dismissed."))
        if action == "export" and not cleaned.get("format"):
            self.add_error("format", _("Choose an export format."))
        return cleaned


def _back_to_list(query):
    return redirect(f"{reverse('reviews:claims')}?{query}" if query else reverse("reviews:claims"))


@require_POST
def claims_bulk(request):
    """Editors only (anyone else gets 403 and nothing changes). A bulk action on the selected
    claims: assign to reviewers, accept, dismiss (with a reason), publish, or export.

    Semantics are per claim: each claim is accepted, dismissed or published in its own
    transaction, so a claim the move does not apply to (say, publishing an unresolved claim)
    is refused with its own message while the others go ahead. Assigning checks each claim
    first (only accepted, unresolved claims can be assigned; the others are refused one by one)
    and then assigns the rest in one call, so each reviewer gets one e-mail; a reviewer who
    cannot be assigned (deactivated, not a reviewer) refuses the whole assignment. Ids of claims
    that do not exist are ignored and reported. Export sends the browser to the exporter with
    the selected ids.

    Plain form: the report becomes messages and the browser goes back to the list with its
    filters. htmx: the results fragment comes back re-rendered with the report (422 with the
    form's errors when the form cannot be used).
    """
    _require_editor(request)
    form = BulkActionForm(request.POST)
    query = request.POST.get("query", "")
    params = QueryDict(query)
    if not form.is_valid():
        if request.htmx:
            context = _list_context(request, params, bulk_form=form)
            return _render_fragment(request, context, status=422)
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return _back_to_list(query)
    data = form.cleaned_data
    ids = data["ids"]
    claims = list(Claim.objects.filter(pk__in=ids).select_related("article").order_by("pk"))
    found = {claim.pk for claim in claims}
    missing = [pk for pk in ids if pk not in found]
    if data["action"] == "export":
        url = _export_url(data["format"], [pk for pk in ids if pk in found])
        if not found:
            messages.error(request, _("None of the selected claims exists."))
            return _back_to_list(query)
        if missing:
            messages.warning(request, bulk.missing_message(missing))
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    try:
        report = bulk.apply(
            data["action"],
            claims,
            by=request.user,
            reviewers=data["reviewers"] or (),
            reason=data["reason"],
        )
    except ValidationError as exc:
        form.add_error(None, " ".join(exc.messages))
        if request.htmx:
            context = _list_context(request, params, bulk_form=form)
            return _render_fragment(request, context, status=422)
        messages.error(request, " ".join(exc.messages))
        return _back_to_list(query)
    report.missing = missing
    if request.htmx:
        context = _list_context(request, params, report=report)
        return _render_fragment(request, context)
    level = messages.warning if report.refused or report.missing else messages.success
    level(request, report.summary())
    for claim, message in report.refused:
        messages.error(request, f"“{claim}”: {message}")
    return _back_to_list(query)
