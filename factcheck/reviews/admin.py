from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from factcheck.reviews.models import Assignment, Comment, Evidence, Review, Source, Verdict


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "order", "rating_value", "is_rating", "colour"]
    list_editable = ["order"]
    list_filter = ["is_rating"]
    search_fields = ["label", "slug", "description"]
    prepopulated_fields = {"slug": ["label"]}


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "stance", "quote", "accessed_on", "note"]


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "reviewer", "verdict", "confidence", "status", "submitted_at"]
    list_filter = ["status", "verdict", "confidence"]
    search_fields = ["claim__text", "reviewer__username", "rationale"]
    list_select_related = ["claim", "reviewer", "verdict"]
    raw_id_fields = ["claim"]
    autocomplete_fields = ["reviewer"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [EvidenceInline]


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
    raw_id_fields = ["review"]
    autocomplete_fields = ["source"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["claim", "reviewer", "assigned_by", "due_on", "created_at"]
    list_filter = ["due_on"]
    search_fields = ["claim__text", "reviewer__username"]
    list_select_related = ["claim", "reviewer", "assigned_by"]
    raw_id_fields = ["claim"]
    autocomplete_fields = ["reviewer", "assigned_by"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["claim", "author", "created_at"]
    search_fields = ["body", "claim__text", "author__username"]
    list_select_related = ["claim", "author"]
    raw_id_fields = ["claim"]
    autocomplete_fields = ["author"]
