"""The admins that combine several apps, each defined once, here, where all it needs may be
imported (the project package sits above accounts <- articles <- claims <- reviews <- reports):

- ArticleAdmin: the articles, with the reports' export actions;
- ClaimAdmin: the claims, with the desk's moves (accept, dismiss, assign, publish) and the
  reports' export actions.

An admin that needs nothing from an app to its right stays in its own app's admin.py (the
verdict scale in claims, reviews and sources in reviews, shared reports in reports). Admin
autodiscovery imports the admin module of every installed app, this one's too (the project
package is the `factcheck` app), and each model is registered once, so their order is free.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from factcheck.articles import archiving
from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.history_admin import HistoryAdmin
from factcheck.reports.admin import export_articles, export_claims
from factcheck.reviews import bulk
from factcheck.reviews.admin import GuardedDeletion
from factcheck.reviews.forms import AssignForm


@admin.register(Article)
class ArticleAdmin(GuardedDeletion, admin.ModelAdmin):
    list_display = [
        "title", "outlet", "author", "published_at", "claim_count", "archived_at", "created_at",
    ]  # fmt: skip
    list_filter = [
        ("archived_at", admin.EmptyFieldListFilter),
        "source_format",
        "language",
        "resolution_rule",
        "outlet",
    ]
    search_fields = ["title", "outlet", "author", "url"]
    date_hierarchy = "published_at"
    raw_id_fields = ["imported_by"]
    readonly_fields = [
        "body", "raw", "content_sha256", "import_notes", "archived_at", "archived_by",
        "created_at", "updated_at",
    ]  # fmt: skip
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "url",
                    "outlet",
                    "author",
                    "published_at",
                    "published_time_known",
                    "published_offset",
                    "language",
                ]
            },
        ),
        ("Workflow", {"fields": ["resolution_rule"]}),
        ("Import", {"fields": ["source_format", "imported_by", "import_notes", "content_sha256"]}),
        ("Text", {"classes": ["collapse"], "fields": ["body", "raw"]}),
        ("Dates", {"fields": ["created_at", "updated_at", "archived_at", "archived_by"]}),
    ]
    actions = [
        "archive_articles",
        "restore_articles",
        "export_html",
        "export_pdf",
        "export_csv",
        "export_json",
        "export_claimreview",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.action(description=_("Archive the selected articles (hide them, delete nothing)"))
    def archive_articles(self, request, queryset):
        self._each(request, queryset.filter(archived_at__isnull=True), archiving.archive)

    @admin.action(description=_("Restore the selected archived articles"))
    def restore_articles(self, request, queryset):
        self._each(request, queryset.filter(archived_at__isnull=False), archiving.restore)

    def _each(self, request, queryset, move):
        done = 0
        for article in queryset.order_by("pk"):
            try:
                move(article, by=request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, f"“{article}”: {bulk.refusal(exc)}", messages.ERROR)
            else:
                done += 1
        self.message_user(
            request, _("%(count)d article(s) changed.") % {"count": done}, messages.SUCCESS
        )

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count

    def has_add_permission(self, request):
        # Articles come in through the importer, which cleans them and anchors their claims.
        return False

    @admin.action(description=_("Export report (HTML)"))
    def export_html(self, request, queryset):
        return export_articles(self, request, queryset, "html")

    @admin.action(description=_("Export report (PDF)"))
    def export_pdf(self, request, queryset):
        return export_articles(self, request, queryset, "pdf")

    @admin.action(description=_("Export CSV"))
    def export_csv(self, request, queryset):
        return export_articles(self, request, queryset, "csv")

    @admin.action(description=_("Export JSON"))
    def export_json(self, request, queryset):
        return export_articles(self, request, queryset, "json")

    @admin.action(description=_("Export ClaimReview"))
    def export_claimreview(self, request, queryset):
        return export_articles(self, request, queryset, "claimreview")


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Reason for dismissal"), max_length=300)


@admin.register(Claim)
class ClaimAdmin(GuardedDeletion, HistoryAdmin):
    list_display = ["__str__", "article", "status", "kind", "checkworthiness", "final_verdict"]
    list_filter = ["status", "kind", "origin", "final_verdict"]
    search_fields = ["text", "rationale", "article__title"]
    list_select_related = ["article", "final_verdict"]
    raw_id_fields = ["resolved_by"]
    # Where the claim appeared: an address typed without a scheme is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # The status and the final verdict change only through the desk's moves: the actions below.
    readonly_fields = [
        "article",
        "text",
        "start",
        "end",
        "paragraph",
        "origin",
        "checkworthiness",
        "reasons",
        "version",
        "resolved_by",
        "resolved_at",
        "created_at",
        "updated_at",
        "status",
        "final_verdict",
        "same_as",  # linked on the review panel (claims.linking), recorded in history
    ]
    actions = [
        "accept_claims",
        "dismiss_claims",
        "assign_claims",
        "publish_claims",
        "export_claims_csv",
        "export_claims_json",
        "export_claims_claimreview",
    ]

    def has_add_permission(self, request):
        # Claims are anchored to an article's text by the extraction or the editor's tools.
        return False

    # The desk's moves, run through reviews.bulk as the claims list runs them: each claim the
    # move does not apply to is refused with its own message while the others go ahead.

    @admin.action(description=_("Accept the selected claims"))
    def accept_claims(self, request, queryset):
        report = bulk.apply("accept", queryset.order_by("pk"), by=request.user)
        self._report(request, report, _("Accepted %(count)d claim(s)."))

    @admin.action(description=_("Dismiss the selected claims..."))
    def dismiss_claims(self, request, queryset):
        form = DismissForm(request.POST if "confirm" in request.POST else None)
        if not form.is_valid():
            return self._ask(
                request,
                queryset,
                form,
                title=_("Dismiss claims"),
                action="dismiss_claims",
                button=_("Dismiss"),
            )
        reason = form.cleaned_data["reason"]
        report = bulk.apply("dismiss", queryset.order_by("pk"), by=request.user, reason=reason)
        self._report(request, report, _("Dismissed %(count)d claim(s)."))
        return None

    @admin.action(description=_("Assign the selected claims to..."))
    def assign_claims(self, request, queryset):
        form = AssignForm(request.POST if "confirm" in request.POST else None)
        if not form.is_valid():
            return self._ask(
                request,
                queryset,
                form,
                title=_("Assign claims"),
                action="assign_claims",
                button=_("Assign"),
            )
        try:
            report = bulk.apply(
                "assign",
                queryset.order_by("pk"),
                by=request.user,
                reviewers=form.cleaned_data["reviewers"],
                due_on=form.cleaned_data["due_on"],
            )
        except (ValidationError, PermissionDenied) as exc:
            self.message_user(request, bulk.refusal(exc), messages.ERROR)
            return None
        made = len(report.assignments)
        self._report(request, report, _("Made %(count)d new assignment(s)."), count=made)
        return None

    @admin.action(description=_("Publish the selected claims"))
    def publish_claims(self, request, queryset):
        report = bulk.apply("publish", queryset.order_by("pk"), by=request.user)
        self._report(request, report, _("Published %(count)d claim(s)."))

    def _report(self, request, report, done_message, *, count=None):
        """Say what was done (when anything was) and, one message each, what was refused."""
        if report.done:
            count = len(report.done) if count is None else count
            self.message_user(request, done_message % {"count": count}, messages.SUCCESS)
        for claim, message in report.refused:
            self.message_user(request, f"“{claim}”: {message}", messages.ERROR)

    def _ask(self, request, queryset, form, *, title, action, button):
        """The page asking what the action needs (a reason, reviewers) before it runs."""
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "claims": queryset,
            "form": form,
            "action": action,
            "button": button,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/claims/claim/action_form.html", context)

    # The exports (reports.registry), as downloads.

    @admin.action(description=_("Export CSV of the selected claims"))
    def export_claims_csv(self, request, queryset):
        return export_claims(request, queryset, "csv")

    @admin.action(description=_("Export JSON of the selected claims"))
    def export_claims_json(self, request, queryset):
        return export_claims(request, queryset, "json")

    @admin.action(description=_("Export ClaimReview of the selected claims"))
    def export_claims_claimreview(self, request, queryset):
        return export_claims(request, queryset, "claimreview")
