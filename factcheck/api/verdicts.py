"""/api/v1/verdicts/: the rating scale, read-only, in its order (a short list: not paginated)."""

from rest_framework import serializers, viewsets

from factcheck.api.routers import router
from factcheck.claims.models import Verdict


class VerdictSerializer(serializers.ModelSerializer):
    class Meta:
        model = Verdict
        fields = ["slug", "label", "description", "order", "rating_value", "is_rating", "colour"]


class VerdictViewSet(viewsets.ReadOnlyModelViewSet):
    """The verdict scale: what `final_verdict` and a review's `verdict` slugs mean."""

    queryset = Verdict.objects.order_by("order", "slug")
    serializer_class = VerdictSerializer
    lookup_field = "slug"
    pagination_class = None


router.register("verdicts", VerdictViewSet, basename="verdict")
