"""Writes that carry the version they started from, as the browser's forms do.

A client reads an object (its detail answers with `ETag: "<version>"`) and sends the change with
`If-Match: "<version>"`, or with a `version` field in the body. The endpoint passes it to the
domain function as `expected_version`; when the object moved on meanwhile, the domain function
raises versioning.Conflict and nothing is written, and the client gets the object as it is now:
412 Precondition Failed for If-Match, 409 Conflict for the body field. A write with neither is
refused with 428 Precondition Required: no write silently overwrites another.
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from factcheck.versioning import Conflict


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        'Say which version you changed: an If-Match: "<version>" header or a "version" field.'
    )
    default_code = "precondition_required"


def etag(obj):
    return f'"{obj.version}"'


def with_etag(response, obj):
    response["ETag"] = etag(obj)
    return response


def _whole_number(text, where):
    try:
        number = int(text)
    except (TypeError, ValueError):
        raise exceptions.ValidationError({where: [_("A version is a whole number.")]}) from None
    if number < 0:
        raise exceptions.ValidationError({where: [_("A version is a whole number.")]})
    return number


def expected_version(request, *, required=True):
    """(version, from_header): the version the client started from, from If-Match (an ETag
    this API sent, `"3"` or `W/"3"`) or else the body's `version` field; (None, False) when
    neither is sent and `required` is False."""
    header = request.headers.get("If-Match")
    if header is not None:
        text = header.strip().removeprefix("W/").strip('"')
        return _whole_number(text, "If-Match"), True
    data = request.data if hasattr(request.data, "get") else {}
    if data.get("version") not in (None, ""):
        return _whole_number(data.get("version"), "version"), False
    if required:
        raise PreconditionRequired()
    return None, False


class VersionedWrite:
    """A mixin for viewsets whose writes go through a versioned domain function.

        def accept(self, request, pk=None):
            claim = self.get_object()
            return self.versioned_write(
                request, lambda version: editing.accept(claim, by=request.user,
                                                        expected_version=version)
            )

    `change(expected_version)` returns the changed object; the answer is its representation
    (this viewset's serializer, or `serializer_class`) with its ETag. On a Conflict the answer
    is 412 or 409 with `detail` and `current`, the object as it is now.
    """

    def versioned_write(
        self,
        request,
        change,
        *,
        required=True,
        serializer_class=None,
        status_code=status.HTTP_200_OK,
    ):
        version, from_header = expected_version(request, required=required)
        serializer_class = serializer_class or self.get_serializer_class()
        context = self.get_serializer_context()
        try:
            obj = change(version)
        except Conflict as conflict:
            current = serializer_class(conflict.current, context=context).data
            code = status.HTTP_412_PRECONDITION_FAILED if from_header else status.HTTP_409_CONFLICT
            response = Response({"detail": str(conflict), "current": current}, status=code)
            return with_etag(response, conflict.current)
        response = Response(serializer_class(obj, context=context).data, status=status_code)
        return with_etag(response, obj)

    def retrieve_with_etag(self, obj):
        """A detail answer carrying the object's ETag."""
        return with_etag(Response(self.get_serializer(obj).data), obj)
