from django.contrib import admin
from django.db.models import Count

from factcheck.articles.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "author", "published_at", "claim_count", "created_at"]
    list_filter = ["source_format", "language", "resolution_rule", "outlet"]
    search_fields = ["title", "outlet", "author", "url"]
    date_hierarchy = "published_at"
    raw_id_fields = ["imported_by"]
    readonly_fields = ["body", "raw", "content_sha256", "import_notes", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "url", "outlet", "author", "published_at", "language"]}),
        ("Workflow", {"fields": ["resolution_rule"]}),
        ("Import", {"fields": ["source_format", "imported_by", "import_notes", "content_sha256"]}),
        ("Text", {"classes": ["collapse"], "fields": ["body", "raw"]}),
        ("Dates", {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count

    def has_add_permission(self, request):
        # Articles come in through the importer, which cleans them and anchors their claims.
        return False
