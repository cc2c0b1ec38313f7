"""/api/v1/sources/: the source library, read-only, searched with `?q=` (every word in the
address, title, publisher or reliability note), `?kind=` and `?publisher=`.

Who sees which source is the library page's rule (reviews/library.py, reviews/access.py):
editors every source, a reviewer only the sources they may see cited (blind review:
visibility.cited_evidence); anything else is 404.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from factcheck.api.routers import router
from factcheck.api.versioned import with_etag
from factcheck.reviews import library
from factcheck.reviews.access import get_source_for_user
from factcheck.reviews.models import Source

ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


class SourceSerializer(serializers.ModelSerializer):
    merged_into = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "title",
            "publisher",
            "published_on",
            "kind",
            "reliability_note",
            "reliability_note_at",
            "merged_into",
            "version",
            "created_at",
        ]
        read_only_fields = fields


class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SourceSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        params = self.request.query_params
        filters = {name: params.get(name, "") for name in ("q", "kind", "publisher")}
        if filters["kind"] not in Source.Kind.values:
            filters["kind"] = ""
        return library.library(self.request.user, filters)

    @extend_schema(
        summary="The source library",
        description="Newest first, by cursor (`next`); the sources you may see cited.",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Words to find."),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=Source.Kind.values),
            OpenApiParameter("publisher", OpenApiTypes.STR, description="Part of the name."),
        ],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="A source of the library", parameters=[ID])
    def retrieve(self, request, pk=None):
        source = get_source_for_user(request, pk)
        return with_etag(Response(self.get_serializer(source).data), source)


router.register("sources", SourceViewSet, basename="source")
