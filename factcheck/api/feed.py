"""/api/v1/fact-checks/: the published claims as a schema.org DataFeed of ClaimReview.

Only published claims, ever: the queryset is Claim.objects.published(), whoever asks. Each item
is reports/claimreview.py's ClaimReview, as the ClaimReview export writes it. Newest first by
cursor (`next`, `previous`). A weak ETag from a few index lookups (when any claim last changed,
how many are published, the shared reports' latest change, and the page asked for) lets a
poller send If-None-Match and get 304 without the feed being built.

With FACTCHECK_API_PUBLIC_FEED=true the feed answers without credentials (for a CMS or an
aggregator), throttled per address; otherwise a token or a session is needed.
"""

import datetime
import hashlib

from django.conf import settings
from django.db.models import Count, Max
from django.utils.http import parse_etags
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.response import Response

from factcheck.api.pagination import NewestFirst
from factcheck.api.routers import router
from factcheck.claims.models import Claim
from factcheck.reports.claimreview import claimreview
from factcheck.reports.models import PublicReport

DataFeed = inline_serializer(
    "DataFeed",
    fields={
        "@context": serializers.CharField(),
        "@type": serializers.CharField(),
        "name": serializers.CharField(),
        "dateModified": serializers.DateTimeField(allow_null=True),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "dataFeedElement": serializers.ListField(
            child=serializers.DictField(), help_text="schema.org ClaimReview objects."
        ),
    },
)


def published_claims():
    return Claim.objects.published().filter(final_verdict__isnull=False)


def feed_etag(request):
    """A weak ETag of the page `request` asks for.

    Three index lookups, none growing with the table: the latest change to any claim (an index
    on updated_at; a claim leaving the feed, reopened say, is a change too), how many claims are
    published (an index range on status, which also catches a deleted one) and the shared
    reports' latest change (the ClaimReviews link to them)."""
    changed = Claim.objects.aggregate(changed=Max("updated_at"))["changed"]
    # Status alone (a published claim always has its verdict): counted on the index, no row read.
    published = Claim.objects.published().count()
    reports = PublicReport.objects.aggregate(
        shared=Max("created_at"), revoked=Max("revoked_at"), count=Count("pk")
    )
    parts = [
        published,
        changed,
        reports["shared"],
        reports["revoked"],
        reports["count"],
        settings.FACTCHECK_ORGANISATION,
        settings.FACTCHECK_PUBLIC_URL_TEMPLATE,
        request.get_full_path(),
    ]
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def _matches(if_none_match, etag):
    if not if_none_match:
        return False
    wanted = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
    return "*" in wanted or etag.removeprefix("W/") in wanted


def _latest_change(claims):
    """The latest change among a page's fact-checks, ISO 8601 in UTC (None for no claims)."""
    latest = max((claim.updated_at for claim in claims), default=None)
    return latest.astimezone(datetime.UTC).isoformat() if latest else None


class OneFeedSchema(AutoSchema):
    """The list answers one DataFeed object (with its own paging), not an array of them."""

    def _is_list_view(self, serializer=None):
        return False


class FactCheckViewSet(viewsets.GenericViewSet):
    schema = OneFeedSchema()
    # Paged by cursor, but into a DataFeed rather than DRF's {"results": ...}: the list builds
    # it with its own paginator.
    pagination_class = None

    def get_permissions(self):
        if settings.FACTCHECK_API_PUBLIC_FEED:
            return [permissions.AllowAny()]
        return super().get_permissions()

    def get_queryset(self):
        return published_claims().select_related("article", "final_verdict")

    @extend_schema(
        operation_id="fact_checks_list",
        summary="The published fact-checks (ClaimReview DataFeed)",
        description=(
            "Newest first, by cursor. Send the ETag back as If-None-Match: 304 while nothing "
            "changed. Public when the server sets FACTCHECK_API_PUBLIC_FEED."
        ),
        parameters=[
            OpenApiParameter("cursor", OpenApiTypes.STR),
            OpenApiParameter("page_size", OpenApiTypes.INT),
            OpenApiParameter("If-None-Match", OpenApiTypes.STR, OpenApiParameter.HEADER),
        ],
        responses={200: DataFeed, 304: OpenApiResponse(description="Not modified.")},
    )
    def list(self, request):
        etag = feed_etag(request)
        if _matches(request.headers.get("If-None-Match"), etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        paginator = NewestFirst()
        claims = paginator.paginate_queryset(self.get_queryset(), request, view=self)
        article_ids = {claim.article_id for claim in claims}
        reports = {
            report.article_id: report
            for report in PublicReport.objects.live().filter(article_id__in=article_ids)
        }
        base_url = request.build_absolute_uri("/").rstrip("/")
        feed = {
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "name": settings.FACTCHECK_ORGANISATION,
            "dateModified": _latest_change(claims),
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "dataFeedElement": [
                claimreview(claim, base_url=base_url, public_report=reports.get(claim.article_id))
                for claim in claims
            ],
        }
        return Response(feed, headers={"ETag": etag})


router.register("fact-checks", FactCheckViewSet, basename="fact-check")
