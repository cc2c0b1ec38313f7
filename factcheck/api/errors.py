"""One error format for the whole API: `{"detail": "..."}`, and for invalid input also
`{"errors": {field: [messages]}}` (DRF's own field errors keep their shape).

The domain functions raise Django's exceptions, as they do for the views; they are turned into
the API's answers here: ValidationError -> 400, PermissionDenied -> 403, Http404 -> 404, and a
Conflict no endpoint caught -> 409.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from factcheck.versioning import Conflict


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = {
                field: [str(m) for m in messages] for field, messages in exc.message_dict.items()
            }
            detail = " ".join(message for messages in errors.values() for message in messages)
            return Response(
                {"detail": detail, "errors": errors}, status=status.HTTP_400_BAD_REQUEST
            )
        messages = [str(message) for message in exc.messages]
        return Response(
            {"detail": " ".join(messages), "errors": {"non_field_errors": messages}},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Conflict):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    response = drf_exception_handler(exc, context)
    if (
        response is not None
        and isinstance(exc, exceptions.ValidationError)
        and isinstance(response.data, dict | list)
        and "detail" not in response.data
    ):
        response.data = {"detail": _summary(response.data), "errors": response.data}
    return response


def _summary(errors):
    if isinstance(errors, list):
        return " ".join(str(item) for item in errors)
    return " ".join(
        f"{field}: {' '.join(str(m) for m in messages) if isinstance(messages, list) else messages}"
        for field, messages in errors.items()
    )
