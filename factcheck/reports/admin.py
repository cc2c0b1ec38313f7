"""The reports app's admin: shared reports, and the bodies of the export actions.

The Article and Claim admins offer the exports as actions; they are defined in
factcheck/admin.py, above every app, and call export_articles() and export_claims() here.
"""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from factcheck.articles.models import Article
from factcheck.reports import jobs
from factcheck.reports.models import ExportJob, PublicReport
from factcheck.reports.pdf import PdfUnavailable
from factcheck.reports.registry import FORMATS, export
from factcheck.reports.responses import download, options_for
from factcheck.reports.selection import articles_for_claims, each_article


def _in_background(request, *, name, articles, options, filename, **kwargs):
    """A job for an export too large for the request (jobs.is_large), else None."""
    total = jobs.claims_in(articles, options.scope, name=name, claim_ids=kwargs.get("claim_ids"))
    if not jobs.is_large(total):
        return None
    job = jobs.request_export(
        by=request.user,
        name=name,
        articles=articles,
        options=options,
        filename=filename,
        total=total,
        **kwargs,
    )
    messages.info(
        request,
        _("%(count)s claims: the export runs in the background; its page has the download.")
        % {"count": total},
    )
    return redirect(job)


def export_articles(modeladmin, request, queryset, name):
    """The selected articles in the format `name` (a key of registry.FORMATS), as a download.
    A report covers one article: with another selection the admin says so and stays put."""
    fmt = FORMATS[name]
    articles = list(queryset.order_by("pk")[:2])
    scope = fmt.default_scope
    options = options_for(request, scope)
    if fmt.report and len(articles) != 1:
        modeladmin.message_user(
            request, _("A report covers one article: select exactly one."), messages.ERROR
        )
        return None
    several = len(articles) > 1
    filename = fmt.filename(None if several else articles[0], scope=scope)
    job_page = _in_background(
        request,
        name=name,
        articles=queryset,
        options=options,
        filename=filename,
        as_list=several,
    )
    if job_page is not None:
        return job_page
    try:
        content = export(name, each_article(queryset), options, as_list=several)
    except PdfUnavailable as exc:
        modeladmin.message_user(request, str(exc), messages.ERROR)
        return None
    return download(fmt, content, filename)


def export_claims(request, queryset, name):
    """The selected claims (with their articles) in the format `name`, as a download, or a
    background job when they are many."""
    fmt = FORMATS[name]
    ids = list(queryset.values_list("pk", flat=True))
    options = options_for(request, fmt.default_scope)
    filename = fmt.filename(scope=options.scope)
    job_page = _in_background(
        request,
        name=name,
        articles=Article.objects.filter(claims__pk__in=ids).distinct(),
        options=options,
        filename=filename,
        claim_ids=ids,
        as_list=True,
    )
    if job_page is not None:
        return job_page
    content = export(name, articles_for_claims(ids), options, claim_ids=ids, as_list=True)
    return download(fmt, content, filename)


@admin.register(PublicReport)
class PublicReportAdmin(admin.ModelAdmin):
    list_display = ["article", "allow_indexing", "created_by", "created_at", "revoked_at"]
    list_filter = ["allow_indexing", "revoked_at"]
    search_fields = ["article__title"]
    list_select_related = ["article", "created_by"]
    raw_id_fields = ["article", "created_by"]
    readonly_fields = ["token", "created_at"]


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "format",
        "requested_by",
        "status",
        "rows_done",
        "rows_total",
        "size",
        "created_at",
        "expires_at",
    ]
    list_filter = ["status", "format"]
    search_fields = ["requested_by__username", "filename"]
    list_select_related = ["requested_by"]
    raw_id_fields = ["requested_by"]
    readonly_fields = [field.name for field in ExportJob._meta.fields]

    def has_add_permission(self, request):
        return False  # jobs are asked for from the export links and actions
