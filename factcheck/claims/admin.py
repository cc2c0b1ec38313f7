"""The claims app's admin: the verdict scale, and the scorer versions learnt from the desk's
decisions (claims.scorers). The Claim admin is defined in factcheck/admin.py: its actions are the
desk's moves (reviews) and the exports (reports), which this app may not import."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from factcheck.claims import scorers
from factcheck.claims.models import ExternalCheck, ScorerActivation, ScorerVersion, Verdict


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "order", "shortcut", "rating_value", "is_rating", "colour"]
    list_editable = ["order"]
    list_filter = ["is_rating"]
    search_fields = ["label", "slug", "description"]
    prepopulated_fields = {"slug": ["label"]}


# Who may do what: retraining makes a version (the "add" permission); activating one, or going
# back to the shipped model, changes which version proposes claims (the "change" permission).
# Versions are never edited or deleted here, so that any of them can be rolled back to.
TRAIN_PERMISSION = "claims.add_scorerversion"
ACTIVATE_PERMISSION = "claims.change_scorerversion"


def _when(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


@admin.register(ScorerVersion)
class ScorerVersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_by", "trained_on", "held_back_f1", "is_active"]
    list_filter = ["language"]
    list_select_related = ["created_by"]
    fields = [
        "language",
        "version",
        "created_at",
        "created_by",
        "parent",
        "label_weight",
        "trained_on",
        "held_back",
        "held_back_metrics",
        "activation_history",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        # Whether each version is its language's active one, in the list's own query.
        latest = ScorerActivation.objects.filter(language=OuterRef("language")).order_by("-id")
        return (
            super()
            .get_queryset(request)
            .annotate(active_id=Subquery(latest.values("version_id")[:1]))
        )

    def has_add_permission(self, request):
        # A version is made by training (the button on the list), never typed in.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("trained on (accepted / dismissed)"))
    def trained_on(self, obj):
        return f"{obj.labels['trained']['yes']} / {obj.labels['trained']['no']}"

    @admin.display(description=_("held back (accepted / dismissed)"))
    def held_back(self, obj):
        return f"{obj.labels['held_back']['yes']} / {obj.labels['held_back']['no']}"

    @admin.display(description=_("held-back F1, before → after"))
    def held_back_f1(self, obj):
        return f"{obj.metrics['before']['f1']:.3f} → {obj.metrics['after']['f1']:.3f}"

    @admin.display(description=_("held-back precision, recall, F1"))
    def held_back_metrics(self, obj):
        return format_html_join("", "<p>{}</p>", ((line,) for line in scorers.summary(obj)[1:]))

    @admin.display(description=_("active"), boolean=True)
    def is_active(self, obj):
        return obj.active_id == obj.pk

    @admin.display(description=_("activated"))
    def activation_history(self, obj):
        activations = obj.activations.select_related("activated_by")
        rows = [(_when(item.activated_at), item.activated_by or "-") for item in activations]
        return format_html_join("", "<p>{} ({})</p>", rows) or gettext("never")

    def get_urls(self):
        def view(method):
            return self.admin_site.admin_view(require_POST(method))

        return [
            path("train/", view(self.train_view), name="claims_scorerversion_train"),
            path("shipped/", view(self.shipped_view), name="claims_scorerversion_shipped"),
            path(
                "<int:pk>/activate/",
                view(self.activate_view),
                name="claims_scorerversion_activate",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        context = {
            "active_version": scorers.active_version(scorers.DESK_LANGUAGE),
            "can_train": request.user.has_perm(TRAIN_PERMISSION),
            "can_activate": request.user.has_perm(ACTIVATE_PERMISSION),
            "desk_labels": scorers.label_counts(),
            "min_labels": settings.FACTCHECK_DESK_MIN_LABELS,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        active = scorers.active_version(scorers.DESK_LANGUAGE)
        context = {
            "is_active_version": active is not None and str(active.pk) == str(object_id),
            "can_activate": request.user.has_perm(ACTIVATE_PERMISSION),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context=context)

    def train_view(self, request):
        """Retrain in the request (tens of seconds: acceptable for an admin on a small desk)."""
        _require(request, TRAIN_PERMISSION)
        try:
            version = scorers.retrain_from_desk(by=request.user)
        except scorers.CannotRetrain as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:claims_scorerversion_changelist"))
        for line in scorers.summary(version):
            self.message_user(request, line, messages.SUCCESS)
        self.message_user(
            request, gettext("Not active yet: activate it to propose claims with it.")
        )
        return HttpResponseRedirect(reverse("admin:claims_scorerversion_change", args=[version.pk]))

    def activate_view(self, request, pk):
        _require(request, ACTIVATE_PERMISSION)
        version = get_object_or_404(ScorerVersion, pk=pk)
        scorers.activate(version, by=request.user, language=version.language)
        self.message_user(
            request,
            gettext("%(version)s now proposes claims.") % {"version": version},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:claims_scorerversion_changelist"))

    def shipped_view(self, request):
        _require(request, ACTIVATE_PERMISSION)
        scorers.activate(None, by=request.user)
        self.message_user(
            request, gettext("The shipped model now proposes claims."), messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:claims_scorerversion_changelist"))


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


@admin.register(ScorerActivation)
class ScorerActivationAdmin(admin.ModelAdmin):
    """The audit trail: who put which scorer version to work, and when. Read only."""

    list_display = ["activated_at", "language", "version_or_shipped", "activated_by"]
    list_filter = ["language"]
    list_select_related = ["version", "activated_by"]

    @admin.display(description=_("scorer version"))
    def version_or_shipped(self, obj):
        return obj.version or gettext("the shipped model")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ExternalCheck)
class ExternalCheckAdmin(admin.ModelAdmin):
    """Other fact-checkers' checks, as `manage.py import_claimreview` loaded them."""

    list_display = ["claim_text", "rating", "publisher", "reviewed_on", "imported_at"]
    list_filter = ["publisher", "rating"]
    search_fields = ["claim_text", "publisher", "url", "claimant"]
    date_hierarchy = "reviewed_on"
    readonly_fields = ["figures", "source_file", "imported_at"]
