"""The claims app's admin: the verdict scale. The Claim admin is defined in factcheck/admin.py:
its actions are the desk's moves (reviews) and the exports (reports), which this app may not
import."""

from django.contrib import admin

from factcheck.claims.models import Verdict


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "order", "shortcut", "rating_value", "is_rating", "colour"]
    list_editable = ["order"]
    list_filter = ["is_rating"]
    search_fields = ["label", "slug", "description"]
    prepopulated_fields = {"slug": ["label"]}
