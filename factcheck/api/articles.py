"""/api/v1/articles/: import an article (pasted text, an uploaded file or a web address), list
the articles, read one with its claims.

Importing goes through the import screen's own path: the same form (articles.forms, its limits
and checks), the guarded fetcher for a web address, and claims.importing.import_and_propose,
which stores the article and proposes its claims in one transaction; editors only
(accounts.access.require_editor). The representation is the JSON export's
(reports/json_export.py): `{"article": {...}, "claims": [...]}`, the claims as the visibility
module lets the user see them (a disputed claim is "in review" to a reviewer who has not
submitted, a final verdict is the editors' until it is published). Reviews and matches are the
claims endpoints' (/api/v1/claims/<id>/).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from factcheck.accounts.access import require_editor
from factcheck.api.routers import router
from factcheck.articles.access import get_article_for_user
from factcheck.articles.fetch import fetch
from factcheck.articles.forms import FORMAT_CHOICES, ArticleImportForm
from factcheck.articles.ingest import IngestError
from factcheck.articles.models import Article
from factcheck.claims.importing import import_and_propose
from factcheck.reports import json_export
from factcheck.reviews import visibility

ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


class ArticleSerializer(serializers.Serializer):
    """An article as the JSON export writes it (reports/json_export.article_data)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    outlet = serializers.CharField(allow_blank=True)
    author = serializers.CharField(allow_blank=True)
    published_at = serializers.CharField(
        allow_null=True,
        help_text="ISO 8601 in UTC; a date alone when the source gave no time.",
    )
    language = serializers.CharField(allow_blank=True)
    body = serializers.CharField()
    archived_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, instance):
        return json_export.article_data(instance)


class ArticleSummarySerializer(ArticleSerializer):
    """An article in the list: the export's fields without the body."""

    body = None

    def to_representation(self, instance):
        # article_data() without reading the body, which the list leaves in the database.
        return {
            "id": instance.pk,
            "title": instance.title,
            "url": instance.url,
            "outlet": instance.outlet,
            "author": instance.author,
            "published_at": json_export._published(instance),
            "language": instance.language,
            "archived_at": json_export._datetime(instance.archived_at),
        }


class ClaimantSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()


class ArticleClaimSerializer(serializers.Serializer):
    """A claim of the article, with the JSON export's names, as `user` may see it."""

    id = serializers.IntegerField()
    version = serializers.IntegerField()
    text = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    status = serializers.CharField()
    kind = serializers.CharField()
    checkworthiness = serializers.FloatField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())
    normalized = serializers.CharField(allow_blank=True)
    figures = serializers.ListField(child=serializers.DictField())
    final_verdict = serializers.CharField(allow_null=True, help_text="The verdict's slug.")
    rationale = serializers.CharField(allow_blank=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    claimant = ClaimantSerializer(allow_null=True)
    claim_date = serializers.DateField(allow_null=True)
    appearance = serializers.CharField(allow_null=True)

    def to_representation(self, claim):
        user = self.context["request"].user
        sees_verdict = visibility.sees_final_verdict(user, claim)
        return {
            "id": claim.pk,
            "version": claim.version,
            "text": claim.text,
            "start": claim.start,
            "end": claim.end,
            "status": visibility.shown_status(user, claim).value,
            "kind": claim.kind,
            "checkworthiness": claim.checkworthiness,
            "reasons": [str(reason) for reason in claim.reasons or []],
            "normalized": claim.normalized,
            "figures": [json_export._figure(figure) for figure in claim.figures or []],
            "final_verdict": claim.final_verdict.slug if sees_verdict else None,
            "rationale": claim.rationale if sees_verdict else "",
            "resolved_at": json_export._datetime(claim.resolved_at) if sees_verdict else None,
            "claimant": json_export._claimant(claim),
            "claim_date": json_export._date(claim.claim_date),
            "appearance": claim.appearance or None,
        }


class ArticleDetailSerializer(serializers.Serializer):
    """`{"article": ..., "claims": [...]}`, the shape of the JSON export."""

    article = ArticleSerializer()
    claims = ArticleClaimSerializer(many=True)

    def to_representation(self, article):
        claims = article.claims.select_related("final_verdict").order_by("start", "end", "pk")
        context = self.context
        return {
            "article": ArticleSerializer(article, context=context).data,
            "claims": [ArticleClaimSerializer(claim, context=context).data for claim in claims],
        }


class ArticleImportSerializer(serializers.Serializer):
    """What the import screen takes: `text`, or a `file`, or a `url` to fetch (with text or a
    file, `url` is only stored as the source); the format, and metadata overriding what the
    importer detects. Checked by the screen's own form."""

    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    file = serializers.FileField(required=False)
    url = serializers.CharField(required=False, allow_blank=True)
    format = serializers.ChoiceField(
        choices=[value for value, _label in FORMAT_CHOICES], required=False, default="auto"
    )
    title = serializers.CharField(required=False, allow_blank=True)
    outlet = serializers.CharField(required=False, allow_blank=True)
    author = serializers.CharField(required=False, allow_blank=True)
    published_at = serializers.CharField(
        required=False, allow_blank=True, help_text="YYYY-MM-DD or YYYY-MM-DDTHH:MM."
    )


class ArticleImportedSerializer(ArticleDetailSerializer):
    created = serializers.BooleanField(help_text="False when the same text was already here.")


def _import(request):
    """Import the request's article as the import screen does; return the ImportOutcome."""
    require_editor(request.user, _("Only editors may import articles."))
    given = ArticleImportSerializer(data=request.data)
    given.is_valid(raise_exception=True)
    data = {key: str(value) for key, value in given.validated_data.items() if key != "file"}
    upload = given.validated_data.get("file")
    form = ArticleImportForm(data, {"file": upload} if upload else None)
    if not form.is_valid():
        raise ValidationError(
            {
                "non_field_errors" if field == "__all__" else field: list(errors)
                for field, errors in form.errors.items()
            }
        )
    format = form.cleaned_data["format"]
    overrides = form.overrides()
    try:
        content = form.content()
        if content is not None:
            payload, filename = content
        else:
            fetched = fetch(
                form.cleaned_data["url"], max_bytes=settings.FACTCHECK_MAX_ARTICLE_BYTES
            )
            payload, filename = fetched.data, ""
            format = fetched.format if format == "auto" else format
            overrides["url"] = overrides["url"] or fetched.url
        return import_and_propose(
            payload, by=request.user, filename=filename, format=format, overrides=overrides
        )
    except IngestError as exc:
        raise ValidationError(str(exc)) from None


class ArticleViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ArticleSummarySerializer
    lookup_value_regex = r"[0-9]+"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        articles = Article.objects.defer("body", "raw")
        if self.request.query_params.get("archived") == "true":
            return articles.archived()
        return articles.active()

    @extend_schema(
        summary="List articles",
        description="Newest first, by cursor (`next`). Archived ones with `?archived=true`.",
        parameters=[OpenApiParameter("archived", OpenApiTypes.BOOL, required=False)],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="An article with its claims", responses=ArticleDetailSerializer, parameters=[ID]
    )
    def retrieve(self, request, pk=None):
        article = get_article_for_user(request, pk)
        return Response(
            ArticleDetailSerializer(article, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Import an article and propose its claims (editors)",
        request={
            "application/json": ArticleImportSerializer,
            "multipart/form-data": ArticleImportSerializer,
        },
        responses={201: ArticleImportedSerializer, 200: ArticleImportedSerializer},
    )
    def create(self, request):
        outcome = _import(request)
        article = outcome.article
        data = ArticleDetailSerializer(article, context=self.get_serializer_context()).data
        code = status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK
        location = reverse("api:article-detail", args=[article.pk])
        return Response(
            {**data, "created": outcome.created}, status=code, headers={"Location": location}
        )


router.register("articles", ArticleViewSet, basename="article")
