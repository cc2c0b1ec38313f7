"""The reports app's admin: shared reports, and the bodies of the export actions.

The Article and Claim admins offer the exports as actions; they are defined in
factcheck/admin.py, above every app, and call export_articles() and export_claims() here.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext as _

from factcheck.reports.models import PublicReport
from factcheck.reports.pdf import PdfUnavailable
from factcheck.reports.registry import FORMATS, export
from factcheck.reports.responses import download, options_for
from factcheck.reports.selection import articles_for_claims, each_article


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
    try:
        content = export(name, each_article(queryset), options, as_list=several)
    except PdfUnavailable as exc:
        modeladmin.message_user(request, str(exc), messages.ERROR)
        return None
    return download(fmt, content, fmt.filename(None if several else articles[0], scope=scope))


def export_claims(request, queryset, name):
    """The selected claims (with their articles) in the format `name`, as a download."""
    fmt = FORMATS[name]
    ids = list(queryset.values_list("pk", flat=True))
    options = options_for(request, fmt.default_scope)
    content = export(name, articles_for_claims(ids), options, claim_ids=ids, as_list=True)
    return download(fmt, content, fmt.filename(scope=options.scope))


@admin.register(PublicReport)
class PublicReportAdmin(admin.ModelAdmin):
    list_display = ["article", "allow_indexing", "created_by", "created_at", "revoked_at"]
    list_filter = ["allow_indexing", "revoked_at"]
    search_fields = ["article__title"]
    list_select_related = ["article", "created_by"]
    raw_id_fields = ["article", "created_by"]
    readonly_fields = ["token", "created_at"]
