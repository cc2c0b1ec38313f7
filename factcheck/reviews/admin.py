"""The reviews app's admin: reviews, sources, evidence, assignments and comments. The desk's
moves on claims (accept, dismiss, assign, publish) are actions of the Claim admin, defined in
factcheck/admin.py with the reports' exports."""

from django.contrib import admin
from django.db import models
from django.db.models import Count

from factcheck.history_admin import HistoryAdmin
from factcheck.reviews import deletion
from factcheck.reviews.models import Assignment, Comment, Evidence, Review, Source


class GuardedDeletion:
    """Deleting through the admin (one object or the "delete selected" action) follows
    reviews/deletion.py: what would lose reviews, evidence or comments is refused, with the
    reason on the confirmation page, to all but superusers, and a reviewed article to everyone
    (archive it). The confirmation page lists every row that would go, summed up per kind."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        refused = deletion.refusals(request.user, self.model, objs)
        return deleted, counts, perms_needed, [*protected, *refused]


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
class ReviewAdmin(GuardedDeletion, HistoryAdmin):
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
class SourceAdmin(GuardedDeletion, HistoryAdmin):
    list_display = ["__str__", "publisher", "kind", "published_on", "evidence_count"]
    list_filter = ["kind"]
    search_fields = ["url", "title", "publisher"]
    raw_id_fields = ["added_by"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Merging and the reliability note are the library's moves (/sources/), with their checks.
    readonly_fields = [
        "merged_into",
        "reliability_note",
        "reliability_note_by",
        "reliability_note_at",
        "version",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(evidence_count=Count("evidence"))

    def get_readonly_fields(self, request, obj=None):
        """What a published report shows of a source is frozen (Source.CITED_DETAILS)."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_cited_in_published():
            fields += [name for name in Source.CITED_DETAILS if name not in fields]
        return fields

    @admin.display(description="Used in", ordering="evidence_count")
    def evidence_count(self, obj):
        return obj.evidence_count


@admin.register(Evidence)
class EvidenceAdmin(GuardedDeletion, HistoryAdmin):
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
