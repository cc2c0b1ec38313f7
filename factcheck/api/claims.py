"""The claims API: the editors' claims list (the claims list page's filters, search and sorts,
paged by a keyset cursor), one claim's detail, and the editor's moves on it.

Nothing here decides a rule. The list runs the page's own filter form and query
(reviews.forms.ClaimFilterForm, reviews.claim_search.filter_claims); a claim is loaded through
claims.access; what a user may read of it (status, final verdict, earlier claims' verdicts) is
asked of reviews.visibility; every move is the function the article page or the desk calls
(claims.editing, reviews.assignments, reviews.workflow), with the version the client started
from, so a stale move is refused with the claim as it is now and nothing is written.
"""

import base64
import binascii
import datetime
import json
import math

from django.db import transaction
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as BadRequest
from rest_framework.response import Response

from factcheck import versioning
from factcheck.accounts.access import require_editor
from factcheck.accounts.models import User
from factcheck.api.articles import ClaimantSerializer  # one Claimant in the schema
from factcheck.api.routers import router
from factcheck.api.versioned import VersionedWrite
from factcheck.claims import editing, matching
from factcheck.claims.access import get_claim_for_user
from factcheck.claims.models import Claim, TextPrefix, Verdict
from factcheck.reports import json_export
from factcheck.reports.selection import MATCHES, matches_of
from factcheck.reviews import assignments, visibility, workflow
from factcheck.reviews.claim_search import DEFAULT_SORT, PER_PAGE, filter_claims
from factcheck.reviews.forms import ClaimFilterForm

# Representations ------------------------------------------------------------------------------


class ClaimRowSerializer(serializers.Serializer):
    """A claim as the claims list shows it, by the JSON export's names."""

    id = serializers.IntegerField()
    url = serializers.HyperlinkedIdentityField(view_name="api:claim-detail")
    article = serializers.IntegerField(source="article_id")
    article_title = serializers.CharField(source="article.title")
    text = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Claim.Status.choices)
    kind = serializers.ChoiceField(choices=Claim.Kind.choices)
    checkworthiness = serializers.FloatField(allow_null=True)
    final_verdict = serializers.CharField(
        source="final_verdict.slug", allow_null=True, help_text="The final verdict's slug."
    )
    claimant = serializers.SerializerMethodField()
    claim_date = serializers.DateField(allow_null=True)
    reviewers = serializers.SerializerMethodField(help_text="The assigned reviewers' usernames.")
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(ClaimantSerializer(allow_null=True))
    def get_claimant(self, claim):
        return {"name": claim.claimant, "kind": claim.claimant_kind} if claim.claimant else None

    def get_reviewers(self, claim) -> list[str]:
        return [assignment.reviewer.username for assignment in claim.assignments.all()]


class MatchSerializer(serializers.Serializer):
    """A claim checked before (the JSON export's `matches`)."""

    relation = serializers.ChoiceField(choices=["same", "related"])
    origin = serializers.ChoiceField(choices=["internal", "external"])
    text = serializers.CharField()
    verdict = serializers.CharField(
        allow_null=True, help_text="Null when the user may not read it (or none yet)."
    )
    publisher = serializers.CharField(allow_blank=True)
    url = serializers.CharField()
    score = serializers.FloatField()
    claim = serializers.IntegerField(allow_null=True)
    differences = serializers.ListField(child=serializers.DictField())


class HistorySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    by = serializers.CharField(allow_null=True, help_text="Username.")
    type = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    reason = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=Claim.Status.choices)
    version = serializers.IntegerField()


HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


class ClaimSerializer(serializers.Serializer):
    """One claim, as the user may see it: the JSON export's names, plus `version` (also the
    ETag) and, for editors, `history` (null for others, as the desk is the editors')."""

    id = serializers.IntegerField()
    article = serializers.IntegerField()
    text = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Claim.Status.choices)
    kind = serializers.ChoiceField(choices=Claim.Kind.choices)
    checkworthiness = serializers.FloatField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())
    normalized = serializers.CharField(allow_blank=True)
    figures = serializers.ListField(child=serializers.DictField())
    final_verdict = serializers.SlugField(allow_null=True)
    rationale = serializers.CharField(allow_blank=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    dismissal_reason = serializers.CharField(allow_blank=True)
    claimant = ClaimantSerializer(allow_null=True)
    claim_date = serializers.DateField(allow_null=True)
    appearance = serializers.CharField(allow_null=True)
    reviewers = serializers.ListField(
        child=serializers.CharField(), allow_null=True, help_text="Usernames; editors only."
    )
    matches = MatchSerializer(many=True)
    history = HistorySerializer(many=True, allow_null=True)
    version = serializers.IntegerField()

    def to_representation(self, claim):
        user = self.context["request"].user
        editor = visibility.sees_unpublished_verdicts(user)
        rows = matches_of(claim)
        setattr(claim, MATCHES, rows)  # read once: the export's matches and their visibility
        data = json_export.claim_data(claim)
        # The export's submitted reviews are not part of a claim here: a reviewer reads their
        # own review, and what blind review lets them see of others', at /reviews/.
        data.pop("reviews")
        data["article"] = claim.article_id
        data["status"] = visibility.shown_status(user, claim).value
        if not visibility.sees_final_verdict(user, claim):
            data.update(final_verdict=None, rationale="", resolved_at=None)
        data["dismissal_reason"] = claim.dismissal_reason
        data["matches"] = [_match(user, row) for row in rows]
        data["reviewers"] = _reviewers(claim) if editor else None
        data["history"] = _history(claim) if editor else None
        data["version"] = claim.version
        return data


def _reviewers(claim):
    rows = claim.assignments.select_related("reviewer").order_by("reviewer__username")
    return [assignment.reviewer.username for assignment in rows]


def _match(user, row):
    """The export's match, its verdict shown only as reviews.visibility allows."""
    data = json_export.match_data(row)
    seen = matching.Match(
        relation=row.relation,
        score=row.score,
        claim=row.matched_claim,
        external=row.external,
        differences=list(row.differences or []),
    )
    if not visibility.match_verdict(user, seen):
        data["verdict"] = None
    return data


def _history(claim):
    records = claim.history.select_related("history_user").order_by("history_date", "history_id")
    return [
        {
            "at": record.history_date.astimezone(datetime.UTC).isoformat(),
            "by": record.history_user.username if record.history_user_id else None,
            "type": HISTORY_TYPES.get(record.history_type, "changed"),
            "reason": record.history_change_reason or "",
            "status": record.status,
            "version": record.version,
        }
        for record in records
    ]


# The list's cursor ----------------------------------------------------------------------------

# Per sort key, the columns of its ORDER BY (claim_search.order_by) that make the keyset: the last
# row's values of these columns are the cursor, and the next page is the rows after them in that
# order, an index walk of one page whatever the depth (no OFFSET, no count).
KEYSET = {
    "text": ("sort_text", "id"),
    "article": ("article_id", "start", "end"),
    "status": ("status", "id"),
    "score": ("checkworthiness", "id"),
    "created": ("created_at", "id"),
    "updated": ("updated_at", "id"),
}
DATETIMES = {"created_at", "updated_at"}


def _after(columns, values, descending):
    """Rows after `values` in the order of `columns` (all ascending or all descending). A NULL
    score sorts lowest both ways: first ascending, last descending, as claim_search orders."""
    column, value = columns[0], values[0]
    rest = _after(columns[1:], values[1:], descending) if columns[1:] else None
    if value is None:
        later = Q(**{f"{column}__isnull": False}) if not descending else Q(pk__in=[])
        same = Q(**{f"{column}__isnull": True})
    else:
        later = Q(**{f"{column}__{'lt' if descending else 'gt'}": value})
        if descending and column == "checkworthiness":
            later |= Q(checkworthiness__isnull=True)
        same = Q(**{column: value})
    return later | (same & rest) if rest is not None else later


def _encode(sort, claim):
    values = [getattr(claim, column) for column in KEYSET[sort.lstrip("-")]]
    # Times to the microsecond (DjangoJSONEncoder would cut them to milliseconds).
    values = [
        value.isoformat() if column in DATETIMES else value
        for column, value in zip(KEYSET[sort.lstrip("-")], values, strict=True)
    ]
    raw = json.dumps({"sort": sort, "after": values})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor, sort):
    """The keyset values a cursor holds; NotFound for a cursor this list did not make (or made
    for another sort)."""
    columns = KEYSET[sort.lstrip("-")]
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        values = data["after"]
        if data["sort"] != sort or len(values) != len(columns):
            raise ValueError
        return [_value(column, value) for column, value in zip(columns, values, strict=True)]
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError):
        raise NotFound("Invalid cursor.") from None


def _value(column, value):
    """A keyset value read back, checked to be of its column's type (a cursor is opaque but
    comes from the client): anything else is ValueError, never a database error."""
    if column in DATETIMES:
        moment = datetime.datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError
        return moment
    if column in ("status", "sort_text"):
        if not isinstance(value, str) or "\x00" in value:  # PostgreSQL refuses NUL
            raise ValueError
        return value
    if column == "checkworthiness" and value is None:
        return value
    if column == "checkworthiness" and isinstance(value, float | int) and math.isfinite(value):
        return value
    # Primary keys are 64-bit; offsets are PositiveIntegerFields.
    limit = 2**31 if column in ("start", "end") else 2**63
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < limit:
        return value
    raise ValueError


@extend_schema_serializer(many=False)  # one page, not a list of pages
class ClaimPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="The next page; null on the last.")
    results = ClaimRowSerializer(many=True)


# Requests -------------------------------------------------------------------------------------

VERSION_HELP = 'The claim\'s version the move starts from; or send If-Match: "<version>".'


class ClaimVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=0, required=False, help_text=VERSION_HELP)


class DismissSerializer(ClaimVersionSerializer):
    reason = serializers.CharField(max_length=300, help_text="Why: opinion, duplicate...")


class AssignSerializer(ClaimVersionSerializer):
    reviewers = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.reviewers(),
        many=True,
        allow_empty=False,
        help_text="Usernames of active reviewers.",
    )
    due_on = serializers.DateField(required=False, allow_null=True)


class ResolveSerializer(ClaimVersionSerializer):
    verdict = serializers.SlugRelatedField(slug_field="slug", queryset=Verdict.objects.all())
    rationale = serializers.CharField(max_length=20_000, help_text="The public rationale.")
    evidence = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62),
        required=False,
        default=list,
        max_length=1000,
        help_text="Ids of the submitted reviews' evidence the report publishes.",
    )
    without_waiting = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Resolve though assigned reviewers have not submitted.",
    )


class ReopenSerializer(ClaimVersionSerializer):
    reason = serializers.CharField(max_length=90, help_text="Why the claim is reopened.")


# Endpoints ------------------------------------------------------------------------------------

LIST_PARAMETERS = [
    OpenApiParameter("q", str, description="Words to search for (full text on PostgreSQL)."),
    OpenApiParameter("article", int, description="An article's id."),
    OpenApiParameter(
        "status", str, many=True, enum=Claim.Status.values, explode=True, style="form"
    ),
    OpenApiParameter("verdict", int, description="A final verdict's id (see /verdicts/)."),
    OpenApiParameter("reviewer", int, description="Claims assigned to this reviewer (user id)."),
    OpenApiParameter("kind", str, enum=Claim.Kind.values),
    OpenApiParameter("claimant", str, description="Part of the claimant's name."),
    OpenApiParameter("min_score", float),
    OpenApiParameter("max_score", float),
    OpenApiParameter("created_from", OpenApiTypes.DATE),
    OpenApiParameter("created_to", OpenApiTypes.DATE),
    OpenApiParameter(
        "sort",
        str,
        enum=[key for key, _label in ClaimFilterForm.base_fields["sort"].choices],
        description=f"Default {DEFAULT_SORT}.",
    ),
    OpenApiParameter("cursor", str, description="The `next` link's cursor."),
]


class ErrorSerializer(serializers.Serializer):
    """A refusal: `detail` says why; invalid input also lists `errors` by field."""

    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


class ClaimConflictSerializer(serializers.Serializer):
    """The claim moved on since the version sent: nothing was written; here it is now."""

    detail = serializers.CharField()
    current = ClaimSerializer()


ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
MOVE_RESPONSES = {
    200: ClaimSerializer,
    **ERRORS,
    409: ClaimConflictSerializer,
    412: ClaimConflictSerializer,
    428: ErrorSerializer,
}


@extend_schema_view(
    list=extend_schema(
        summary="The claims list (editors)",
        parameters=LIST_PARAMETERS,
        responses={200: ClaimPageSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    ),
    retrieve=extend_schema(
        summary="One claim", responses={200: ClaimSerializer, 404: ErrorSerializer}
    ),
)
class ClaimViewSet(VersionedWrite, viewsets.GenericViewSet):
    """Claims: the list and the moves are the editors'; any user may read a claim, as far as
    reviews.visibility lets them."""

    serializer_class = ClaimSerializer
    pagination_class = None  # the list pages by its own keyset cursor (KEYSET)
    queryset = Claim.objects.none()  # claims are loaded by the access helper, not from here

    def list(self, request):
        require_editor(request.user, "Only editors may use the claims list.")
        form = ClaimFilterForm(request.query_params)
        if not form.is_valid():
            raise BadRequest(form.errors)
        sort = form.cleaned_data.get("sort") or DEFAULT_SORT
        claims = filter_claims(form.cleaned_data)
        if sort.lstrip("-") == "text":
            claims = claims.annotate(sort_text=TextPrefix("text"))
        cursor = request.query_params.get("cursor")
        if cursor:
            columns = KEYSET[sort.lstrip("-")]
            claims = claims.filter(_after(columns, _decode(cursor, sort), sort.startswith("-")))
        page = list(claims[: PER_PAGE + 1])
        following = None
        if len(page) > PER_PAGE:
            page = page[:PER_PAGE]
            query = request.query_params.copy()
            query["cursor"] = _encode(sort, page[-1])
            following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        rows = ClaimRowSerializer(page, many=True, context=self.get_serializer_context()).data
        return Response({"next": following, "results": rows})

    def retrieve(self, request, pk=None):
        return self.retrieve_with_etag(get_claim_for_user(request, _id(pk)))

    def _move(self, request, pk, serializer_class, change):
        """Gate (editors), load, validate the body, and run `change(claim, data, version)`
        as a versioned write."""
        require_editor(request.user, "Only editors may change claims.")
        claim = get_claim_for_user(request, _id(pk), write=True)
        body = serializer_class(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        return self.versioned_write(request, lambda version: change(claim, data, version))

    @extend_schema(request=ClaimVersionSerializer, responses=MOVE_RESPONSES, summary="Accept")
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._move(
            request,
            pk,
            ClaimVersionSerializer,
            lambda claim, data, version: editing.accept(
                claim, by=request.user, expected_version=version
            ),
        )

    @extend_schema(request=DismissSerializer, responses=MOVE_RESPONSES, summary="Dismiss")
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        return self._move(
            request,
            pk,
            DismissSerializer,
            lambda claim, data, version: editing.dismiss(
                claim, by=request.user, reason=data["reason"], expected_version=version
            ),
        )

    @extend_schema(request=AssignSerializer, responses=MOVE_RESPONSES, summary="Assign")
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        return self._move(request, pk, AssignSerializer, self._assign)

    @transaction.atomic
    def _assign(self, claim, data, version):
        # reviews.assignments.assign takes no version: the claim is locked at the version the
        # editor started from first, in the same transaction, so a stale assign is refused.
        versioning.lock(Claim.objects.all(), claim.pk, expected_version=version)
        assignments.assign(
            [claim], data["reviewers"], by=self.request.user, due_on=data.get("due_on")
        )
        return Claim.objects.select_related("article").get(pk=claim.pk)

    @extend_schema(request=ResolveSerializer, responses=MOVE_RESPONSES, summary="Resolve")
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        return self._move(
            request,
            pk,
            ResolveSerializer,
            lambda claim, data, version: workflow.resolve(
                claim,
                by=request.user,
                verdict=data["verdict"],
                rationale=data["rationale"],
                published_evidence_ids=data["evidence"],
                expected_version=version,
                without_waiting=data["without_waiting"],
            ),
        )

    @extend_schema(request=ClaimVersionSerializer, responses=MOVE_RESPONSES, summary="Publish")
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._move(
            request,
            pk,
            ClaimVersionSerializer,
            lambda claim, data, version: workflow.publish(
                claim, by=request.user, expected_version=version
            ),
        )

    @extend_schema(request=ReopenSerializer, responses=MOVE_RESPONSES, summary="Reopen")
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._move(
            request,
            pk,
            ReopenSerializer,
            lambda claim, data, version: workflow.reopen(
                claim, by=request.user, reason=data["reason"], expected_version=version
            ),
        )


def _id(pk):
    """A primary key from the address; 404 for anything that cannot be one."""
    try:
        number = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    if not 0 < number < 2**63:
        raise NotFound()
    return number


router.register("claims", ClaimViewSet, basename="claim")
