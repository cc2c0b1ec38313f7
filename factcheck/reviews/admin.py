from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from factcheck.claims import editing
from factcheck.claims.admin import ClaimAdmin
from factcheck.claims.models import Claim
from factcheck.reviews import workflow
from factcheck.reviews.forms import AssignForm
from factcheck.reviews.models import Assignment, Comment, Evidence, Review, Source


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "stance", "quote", "accessed_on", "note", "published"]
    readonly_fields = fields  # a reviewer's evidence is theirs; publishing is a resolution
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "reviewer", "verdict", "confidence", "status", "submitted_at"]
    list_filter = ["status", "verdict", "confidence"]
    search_fields = ["claim__text", "reviewer__username", "rationale"]
    list_select_related = ["claim", "reviewer", "verdict"]
    # A review is its author's: the admin reads it; submitting and reopening are workflow moves.
    readonly_fields = [
        "claim", "reviewer", "verdict", "confidence", "rationale", "status", "submitted_at",
        "reference_figures", "version", "created_at", "updated_at",
    ]  # fmt: skip
    inlines = [EvidenceInline]

    def has_add_permission(self, request):
        return False


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "publisher", "kind", "published_on", "evidence_count"]
    list_filter = ["kind"]
    search_fields = ["url", "title", "publisher"]
    raw_id_fields = ["added_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(evidence_count=Count("evidence"))

    @admin.display(description="Used in", ordering="evidence_count")
    def evidence_count(self, obj):
        return obj.evidence_count


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["source", "stance", "review", "accessed_on"]
    list_filter = ["stance", "source__kind"]
    search_fields = ["quote", "note", "source__url", "source__title"]
    list_select_related = ["source", "review__claim", "review__reviewer"]
    readonly_fields = ["review", "source", "stance", "quote", "accessed_on", "note", "published"]

    def has_add_permission(self, request):
        return False


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["claim", "reviewer", "assigned_by", "due_on", "created_at"]
    list_filter = ["due_on"]
    search_fields = ["claim__text", "reviewer__username"]
    list_select_related = ["claim", "reviewer", "assigned_by"]
    raw_id_fields = ["claim"]
    autocomplete_fields = ["reviewer", "assigned_by"]
    readonly_fields = ["claim", "reviewer", "assigned_by", "seen_at", "created_at"]

    def has_add_permission(self, request):
        # Assigning checks the reviewer and moves the claim: use the "Assign to" action on
        # claims, which calls the workflow.
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["claim", "author", "created_at"]
    search_fields = ["body", "claim__text", "author__username"]
    list_select_related = ["claim", "author"]
    raw_id_fields = ["claim"]
    autocomplete_fields = ["author"]


# Claim actions -----------------------------------------------------------------------------
#
# ClaimAdmin is registered by the claims app, which must not import reviews (dependencies flow
# accounts <- articles <- claims <- reviews <- reports). The desk's moves live in
# reviews.workflow, so this app replaces the registration with a subclass that adds them as
# actions. Each action calls the workflow functions; none re-implements a move. The status (and
# the final verdict) are read-only in the form: they change only through those moves.


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Reason for dismissal"), max_length=300)


class WorkflowClaimAdmin(ClaimAdmin):
    actions = ["accept_claims", "dismiss_claims", "assign_claims", "publish_claims"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "status", "final_verdict"]

    def _each(self, request, queryset, move, done_message):
        """Run `move(claim)` on each selected claim; report what was done and what refused."""
        done, refused = 0, []
        for claim in queryset.order_by("pk"):
            try:
                move(claim)
            except (ValidationError, PermissionDenied) as exc:
                text = " ".join(getattr(exc, "messages", None) or [str(exc)])
                refused.append(f"“{claim}”: {text}")
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        for text in refused:
            self.message_user(request, text, messages.ERROR)

    def _intermediate(self, request, queryset, form, *, title, action, button):
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
        return TemplateResponse(request, "admin/reviews/claim_action.html", context)

    @admin.action(description=_("Accept the selected claims"))
    def accept_claims(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda claim: editing.accept(claim, by=request.user),
            _("Accepted %(count)d claim(s)."),
        )

    @admin.action(description=_("Dismiss the selected claims..."))
    def dismiss_claims(self, request, queryset):
        form = DismissForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            self._each(
                request,
                queryset,
                lambda claim: editing.dismiss(claim, by=request.user, reason=reason),
                _("Dismissed %(count)d claim(s)."),
            )
            return None
        return self._intermediate(
            request,
            queryset,
            form,
            title=_("Dismiss claims"),
            action="dismiss_claims",
            button=_("Dismiss"),
        )

    @admin.action(description=_("Assign the selected claims to..."))
    def assign_claims(self, request, queryset):
        form = AssignForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            try:
                made = workflow.assign(
                    list(queryset),
                    list(form.cleaned_data["reviewers"]),
                    by=request.user,
                    due_on=form.cleaned_data["due_on"],
                )
            except (ValidationError, PermissionDenied) as exc:
                text = " ".join(getattr(exc, "messages", None) or [str(exc)])
                self.message_user(request, text, messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Made %(count)d new assignment(s).") % {"count": len(made)},
                    messages.SUCCESS,
                )
            return None
        return self._intermediate(
            request,
            queryset,
            form,
            title=_("Assign claims"),
            action="assign_claims",
            button=_("Assign"),
        )

    @admin.action(description=_("Publish the selected claims"))
    def publish_claims(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda claim: workflow.publish(claim, by=request.user),
            _("Published %(count)d claim(s)."),
        )


admin.site.unregister(Claim)
admin.site.register(Claim, WorkflowClaimAdmin)
