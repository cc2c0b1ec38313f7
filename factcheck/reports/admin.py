"""Export actions in the admin, on articles and on claims.

The Article and Claim admins are registered by their own apps (and the reviews app already
replaces the Claim admin with one adding the desk's moves). Those apps cannot import reports:
dependencies flow accounts <- articles <- claims <- reviews <- reports. So this app, the last in
INSTALLED_APPS, takes whatever admin is registered for each model at this point, unregisters it
and registers a subclass that adds the export actions: the actions already there (and all the
rest of the admin) are kept.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.reports.models import PublicReport
from factcheck.reports.pdf import PdfUnavailable
from factcheck.reports.registry import FORMATS, export
from factcheck.reports.responses import download, options_for
from factcheck.reports.selection import articles_for_claims, each_article


def _export_articles(modeladmin, request, queryset, name):
    fmt = FORMATS[name]
    articles = list(queryset.order_by("pk")[:2])
    options = options_for(request, fmt.default_scope)
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
    return download(fmt, content, fmt.filename(None if several else articles[0]))


def _article_action(name, description):
    def action(modeladmin, request, queryset):
        return _export_articles(modeladmin, request, queryset, name)

    action.__name__ = f"export_{name.replace('-', '_')}"
    return admin.action(description=description)(action)


def _claim_action(name, description):
    def action(modeladmin, request, queryset):
        fmt = FORMATS[name]
        ids = list(queryset.values_list("pk", flat=True))
        options = options_for(request, fmt.default_scope)
        content = export(name, articles_for_claims(ids), options, claim_ids=ids, as_list=True)
        return download(fmt, content, fmt.filename())

    action.__name__ = f"export_claims_{name.replace('-', '_')}"
    return admin.action(description=description)(action)


ARTICLE_ACTIONS = [
    _article_action("html", _("Export report (HTML)")),
    _article_action("pdf", _("Export report (PDF)")),
    _article_action("csv", _("Export CSV")),
    _article_action("json", _("Export JSON")),
    _article_action("claimreview", _("Export ClaimReview")),
]
CLAIM_ACTIONS = [
    _claim_action("csv", _("Export CSV of the selected claims")),
    _claim_action("json", _("Export JSON of the selected claims")),
    _claim_action("claimreview", _("Export ClaimReview of the selected claims")),
]


def with_actions(model, extra):
    """Re-register `model` with a subclass of its current admin that adds `extra` actions."""
    current = admin.site.get_model_admin(model)
    base = type(current)
    attrs = {"actions": [*(base.actions or []), *extra]}
    subclass = type(f"Export{base.__name__}", (base,), attrs)
    admin.site.unregister(model)
    admin.site.register(model, subclass)
    return subclass


with_actions(Article, ARTICLE_ACTIONS)
with_actions(Claim, CLAIM_ACTIONS)


@admin.register(PublicReport)
class PublicReportAdmin(admin.ModelAdmin):
    list_display = ["article", "allow_indexing", "created_by", "created_at", "revoked_at"]
    list_filter = ["allow_indexing", "revoked_at"]
    search_fields = ["article__title"]
    list_select_related = ["article", "created_by"]
    raw_id_fields = ["article", "created_by"]
    readonly_fields = ["token", "created_at"]
