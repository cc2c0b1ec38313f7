"""The reviewers' API: their own queue, their review of a claim (with what blind review lets them
see of the others'), draft saves, evidence added and removed, and submission.

As the review workspace (reviews/views/workspace.py) does: claims are loaded through
reviews.access (a reviewer reaches only the claims assigned to them: anything else is 404, and
only their own review is ever addressed), what the review shows is reviews.panel's read (which
asks reviews.visibility what may be seen), and every change is reviews.reviewing's or
reviews.workflow's, carrying the review's version: a stale write is refused with the review as
it is now and nothing is written.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from factcheck.api.claims import ERRORS, ErrorSerializer, _id
from factcheck.api.routers import router
from factcheck.api.versioned import VersionedWrite
from factcheck.claims.models import Claim, Verdict
from factcheck.reviews import assignments, reviewing, visibility, workflow
from factcheck.reviews.access import (
    get_claim_for_review,
    get_evidence_for_user,
    get_review_for_user,
)
from factcheck.reviews.assignments import is_overdue
from factcheck.reviews.models import Evidence, Review, Source
from factcheck.reviews.panel import review_panel

QUEUE_PAGE = assignments.QUEUE_PAGE

# Representations ------------------------------------------------------------------------------


class QueueItemSerializer(serializers.Serializer):
    """A claim of the reviewer's queue (one of their assignments not yet submitted)."""

    claim = serializers.IntegerField(source="claim_id")
    article = serializers.IntegerField(source="claim.article_id")
    article_title = serializers.CharField(source="claim.article.title")
    text = serializers.CharField(source="claim.text")
    status = serializers.SerializerMethodField()
    due_on = serializers.DateField(allow_null=True)
    overdue = serializers.SerializerMethodField()
    has_draft = serializers.BooleanField()
    url = serializers.HyperlinkedRelatedField(
        source="claim", view_name="api:review-detail", read_only=True
    )

    def get_status(self, assignment) -> str:
        # Not submitted yet: a disputed claim shows as "in review" (reviews.visibility).
        user = self.context["request"].user
        return visibility.shown_status(user, assignment.claim, submitted=False).value

    def get_overdue(self, assignment) -> bool:
        return is_overdue(assignment.due_on)


@extend_schema_serializer(many=False)  # one page, not a list of pages
class QueuePageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="The next page; null on the last.")
    results = QueueItemSerializer(many=True)


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField(source="source.url")
    title = serializers.CharField(source="source.title")
    publisher = serializers.CharField(source="source.publisher")
    quote = serializers.CharField()
    stance = serializers.ChoiceField(choices=Evidence.Stance.choices)
    accessed_on = serializers.DateField(allow_null=True)
    published = serializers.BooleanField()


class OwnReviewSerializer(serializers.Serializer):
    verdict = serializers.CharField(source="verdict.slug", allow_null=True)
    confidence = serializers.CharField(allow_blank=True)
    rationale = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=Review.Status.choices)
    submitted_at = serializers.DateTimeField(allow_null=True)
    reference_figures = serializers.ListField(child=serializers.DictField())
    evidence = EvidenceSerializer(many=True, source="evidence.all")


class OtherReviewSerializer(serializers.Serializer):
    reviewer = serializers.CharField(help_text="A username for editors; else “A reviewer”.")
    verdict = serializers.CharField()
    confidence = serializers.CharField(allow_blank=True)
    rationale = serializers.CharField(allow_blank=True)
    submitted_at = serializers.DateTimeField()
    evidence = EvidenceSerializer(many=True)


class ReviewClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    article = serializers.IntegerField()
    text = serializers.CharField()
    normalized = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=Claim.Status.choices, help_text="As you may see it.")
    figures = serializers.ListField(child=serializers.DictField())
    wording_fingerprint = serializers.CharField(
        help_text="Send it back as claim_fingerprint: a save after an editor reworded the "
        "claim is refused."
    )


class ReviewSerializer(serializers.Serializer):
    """The user's own review of one claim, with the claim and what they may see of the other
    reviews (nothing before their own is submitted). `version` is their review's version
    (0: none yet), also the ETag."""

    claim = ReviewClaimSerializer()
    review = OwnReviewSerializer(allow_null=True)
    version = serializers.IntegerField()
    writable = serializers.BooleanField(help_text="Whether you may change your review now.")
    due_on = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()
    others = OtherReviewSerializer(many=True)

    def to_representation(self, instance):
        """`instance`: the user's Review, or the claim when they have none yet."""
        review = instance if isinstance(instance, Review) else None
        request = self.context["request"]
        claim = self.context["claim"]
        if review is not None:
            claim.refresh_from_db()  # as the change left it (submitting moves the claim on)
        panel = review_panel(request.user, claim, review=review)
        own = panel.review
        return {
            "claim": {
                "id": claim.pk,
                "article": claim.article_id,
                "text": claim.text,
                "normalized": claim.normalized,
                "status": panel.status.value,
                "figures": list(claim.figures or []),
                "wording_fingerprint": claim.wording_fingerprint,
            },
            "review": OwnReviewSerializer(own, context=self.context).data if own else None,
            "version": panel.version,
            "writable": panel.writable,
            "due_on": panel.due_on,
            "overdue": panel.overdue,
            "others": [self._other(request.user, panel, other) for other in panel.others],
        }

    def _other(self, user, panel, other):
        name = (
            other.reviewer.username
            if panel.reviewer_names
            else visibility.reviewer_label(user, other.reviewer)
        )
        return {
            "reviewer": name,
            "verdict": other.verdict.slug,
            "confidence": other.confidence,
            "rationale": other.rationale,
            "submitted_at": serializers.DateTimeField().to_representation(other.submitted_at),
            "evidence": EvidenceSerializer(other.evidence.all(), many=True).data,
        }


# Requests -------------------------------------------------------------------------------------

VERSION_HELP = (
    "Your review's version the change starts from (0 before your first save); or send "
    'If-Match: "<version>".'
)


class ReviewVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=0, required=False, help_text=VERSION_HELP)


class DraftSerializer(ReviewVersionSerializer):
    verdict = serializers.SlugRelatedField(
        slug_field="slug", queryset=Verdict.objects.all(), allow_null=True, required=False
    )
    confidence = serializers.ChoiceField(
        choices=["", *Review.Confidence.values], required=False, allow_blank=True
    )
    rationale = serializers.CharField(
        max_length=20_000, required=False, allow_blank=True, trim_whitespace=False
    )
    claim_fingerprint = serializers.CharField(max_length=64, required=False, allow_blank=True)


class EvidenceAddSerializer(ReviewVersionSerializer):
    url = serializers.CharField(max_length=2000)
    title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True)
    published_on = serializers.DateField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=Source.Kind.choices, required=False)
    quote = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    stance = serializers.ChoiceField(
        choices=Evidence.Stance.choices, required=False, default=Evidence.Stance.CONTEXT
    )
    accessed_on = serializers.DateField(required=False, allow_null=True)
    submission_key = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        help_text="Any unique string: sending the same request again adds the source once.",
    )


IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, description='"<version>" of your review.'
)


class ReviewConflictSerializer(serializers.Serializer):
    """Your review (or the claim's wording) moved on since the version sent: nothing was
    written; here it is now."""

    detail = serializers.CharField()
    current = ReviewSerializer()


CLAIM_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The claim's id.")
WRITE_RESPONSES = {
    200: ReviewSerializer,
    **ERRORS,
    409: ReviewConflictSerializer,
    412: ReviewConflictSerializer,
    428: ErrorSerializer,
}


# Endpoints ------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Your queue",
        parameters=[OpenApiParameter("cursor", str, description="The `next` link's cursor.")],
        responses=QueuePageSerializer,
    ),
    retrieve=extend_schema(
        summary="Your review of a claim",
        parameters=[CLAIM_ID],
        responses={200: ReviewSerializer, 404: ErrorSerializer},
    ),
)
class ReviewViewSet(VersionedWrite, viewsets.GenericViewSet):
    """A reviewer's own work, addressed by the claim: /reviews/<claim id>/."""

    serializer_class = ReviewSerializer
    pagination_class = None  # the queue pages by its own cursor
    queryset = Review.objects.none()  # loaded through reviews.access, never from here
    lookup_value_regex = "[^/.]+"
    claim = None

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "claim": self.claim}

    def _claim(self, pk):
        self.claim = get_claim_for_review(self.request, _id(pk))
        return self.claim

    def list(self, request):
        """The claims assigned to you that you have not submitted, oldest assignment first,
        a keyset page of the queue page's own query (reviews.assignments.queue_page)."""
        after = request.query_params.get("cursor")
        if after and assignments.parse_cursor(after) is None:
            raise NotFound(_("Invalid cursor."))
        page = assignments.queue_page(request.user, after=after, size=QUEUE_PAGE)
        following = None
        if page.next_cursor:
            query = request.query_params.copy()
            query["cursor"] = page.next_cursor
            following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        context = self.get_serializer_context()
        rows = QueueItemSerializer(page.assignments, many=True, context=context).data
        return Response({"next": following, "results": rows})

    def retrieve(self, request, pk=None):
        claim = self._claim(pk)
        review = get_review_for_user(request, claim)
        data = self.get_serializer(review or claim).data
        response = Response(data)
        response["ETag"] = f'"{data["version"]}"'
        return response

    def _draft(self, request, pk, *, partial):
        claim = self._claim(pk)
        current = get_review_for_user(request, claim, write=True)
        body = DraftSerializer(data=request.data, partial=partial)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if partial and current is not None:
            # PATCH: what is not sent stays as it is.
            data = {
                "verdict": current.verdict,
                "confidence": current.confidence,
                "rationale": current.rationale,
                **data,
            }
        return self.versioned_write(
            request,
            lambda version: reviewing.save_draft(
                claim,
                by=request.user,
                verdict=data.get("verdict"),
                confidence=data.get("confidence", ""),
                rationale=data.get("rationale", ""),
                expected_version=version,
                claim_fingerprint=data.get("claim_fingerprint") or None,
            ),
        )

    @extend_schema(
        request=DraftSerializer,
        responses=WRITE_RESPONSES,
        parameters=[CLAIM_ID, IF_MATCH],
        summary="Save your draft (every field)",
    )
    def update(self, request, pk=None):
        return self._draft(request, pk, partial=False)

    @extend_schema(
        request=DraftSerializer,
        responses=WRITE_RESPONSES,
        parameters=[CLAIM_ID, IF_MATCH],
        summary="Save your draft (the fields sent)",
    )
    def partial_update(self, request, pk=None):
        return self._draft(request, pk, partial=True)

    @extend_schema(
        request=ReviewVersionSerializer,
        responses=WRITE_RESPONSES,
        parameters=[CLAIM_ID, IF_MATCH],
        summary="Submit your review",
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        claim = self._claim(pk)
        review = get_review_for_user(request, claim, write=True)
        ReviewVersionSerializer(data=request.data).is_valid(raise_exception=True)
        if review is None:
            raise ValidationError(_("Choose a verdict before submitting."))
        return self.versioned_write(
            request,
            lambda version: workflow.submit(review, by=request.user, expected_version=version),
        )

    @extend_schema(
        request=EvidenceAddSerializer,
        responses={**WRITE_RESPONSES, 201: ReviewSerializer},
        parameters=[CLAIM_ID, IF_MATCH],
        summary="Add a source to your review",
    )
    @action(detail=True, methods=["post"], url_path="evidence")
    def evidence_add(self, request, pk=None):
        claim = self._claim(pk)
        get_review_for_user(request, claim, write=True)
        body = EvidenceAddSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fields = dict(body.validated_data)
        fields.pop("version", None)
        key = fields.pop("submission_key", "")

        def add(version):
            review, _evidence = reviewing.add_evidence(
                claim, by=request.user, expected_version=version, submission_key=key, **fields
            )
            return review

        return self.versioned_write(request, add, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        request=ReviewVersionSerializer,
        responses=WRITE_RESPONSES,
        summary="Remove a source from your review",
        parameters=[
            CLAIM_ID,
            IF_MATCH,
            OpenApiParameter("evidence_pk", int, OpenApiParameter.PATH),
        ],
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"evidence/(?P<evidence_pk>[0-9]+)",
        url_name="evidence-remove",
    )
    def evidence_remove(self, request, pk=None, evidence_pk=None):
        claim = self._claim(pk)
        evidence = get_evidence_for_user(request, _id(evidence_pk))
        if evidence.review.claim_id != claim.pk:
            raise NotFound(_("No such source in your review."))
        ReviewVersionSerializer(data=request.data).is_valid(raise_exception=True)
        return self.versioned_write(
            request,
            lambda version: reviewing.remove_evidence(
                evidence, by=request.user, expected_version=version
            ),
        )


router.register("reviews", ReviewViewSet, basename="review")
