"""The editors' claims list at /claims/: every claim of every article, filtered, searched,
sorted and paged (the query is reviews/claim_search.py), with bulk moves on a selection (run
by reviews/bulk.py) and exports of it (served by the reports app)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from factcheck.accounts.access import require_editor
from factcheck.claims.models import Claim
from factcheck.reviews import bulk
from factcheck.reviews.claim_search import (
    DEFAULT_SORT,
    MAX_PAGE,
    PER_PAGE,
    SORT_KEYS,
    WindowPaginator,
    filter_claims,
)
from factcheck.reviews.forms import BulkActionForm, ClaimFilterForm

PAGE = "reviews/claim_list.html"


def page_number(value):
    try:
        return min(max(1, int(value)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _export_url(fmt, ids):
    # The reports app (to the right of this one) serves the exports and refuses unknown formats.
    base = reverse("reports:export_claims", args=[fmt])
    return f"{base}?ids={','.join(str(pk) for pk in ids)}"


def _list_context(request, params, *, bulk_form=None, report=None):
    form = ClaimFilterForm(params)
    claims = filter_claims(form.filters())
    number = page_number(params.get("page"))
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
    require_editor(request.user, _("Only editors may use the claims list."))
    return _render_list(request, _list_context(request, request.GET))


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
    require_editor(request.user, _("Only editors may use the claims list."))
    form = BulkActionForm(request.POST)
    query = request.POST.get("query", "")
    if not form.is_valid():
        return _bulk_refused(request, form, query)
    data = form.cleaned_data
    ids = data["ids"]
    claims = list(Claim.objects.filter(pk__in=ids).select_related("article").order_by("pk"))
    found = {claim.pk for claim in claims}
    missing = [pk for pk in ids if pk not in found]
    if data["action"] == "export":
        return _bulk_export(request, data["format"], [pk for pk in ids if pk in found], missing)
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
        return _bulk_refused(request, form, query)
    report.missing = missing
    if request.htmx:
        context = _list_context(request, QueryDict(query), report=report)
        return _render_fragment(request, context)
    level = messages.warning if report.refused or report.missing else messages.success
    level(request, report.summary())
    for claim, message in report.refused:
        messages.error(request, f"“{claim}”: {message}")
    return _back_to_list(query)


def _bulk_refused(request, form, query):
    """The bulk form cannot be used: its errors beside the results (htmx, 422), or as messages
    on the list (plain form). Nothing was changed."""
    if request.htmx:
        context = _list_context(request, QueryDict(query), bulk_form=form)
        return _render_fragment(request, context, status=422)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return _back_to_list(query)


def _bulk_export(request, fmt, ids, missing):
    """Send the browser to the exporter with the ids of the selected claims that exist."""
    if not ids:
        messages.error(request, _("None of the selected claims exists."))
        return _back_to_list(request.POST.get("query", ""))
    if missing:
        messages.warning(request, bulk.missing_message(missing))
    url = _export_url(fmt, ids)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
