from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from factcheck.claims.models import Claim, Verdict


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "article", "status", "kind", "checkworthiness", "final_verdict"]
    list_filter = ["status", "kind", "origin", "final_verdict"]
    search_fields = ["text", "rationale", "article__title"]
    list_select_related = ["article", "final_verdict"]
    raw_id_fields = ["resolved_by"]
    readonly_fields = [
        "article", "text", "start", "end", "paragraph", "origin", "checkworthiness", "reasons",
        "version", "resolved_by", "resolved_at", "created_at", "updated_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        # Claims are anchored to an article's text by the extraction or the editor's tools.
        return False


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "order", "rating_value", "is_rating", "colour"]
    list_editable = ["order"]
    list_filter = ["is_rating"]
    search_fields = ["label", "slug", "description"]
    prepopulated_fields = {"slug": ["label"]}
