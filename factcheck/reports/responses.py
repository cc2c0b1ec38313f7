"""Wrapping exports in HTTP responses, for the views and the admin actions alike."""

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse

from factcheck.reports.selection import ExportOptions


def options_for(request, scope):
    return ExportOptions(
        scope=scope,
        base_url=request.build_absolute_uri("/"),
        credit_reviewers=settings.FACTCHECK_REPORT_CREDITS_REVIEWERS,
        bom=request.GET.get("bom") == "1",
    )


def download(fmt, content, filename):
    """An attachment: whole for text and bytes, streamed for an iterator (CSV, JSON)."""
    if isinstance(content, str | bytes):
        response = HttpResponse(content, content_type=fmt.content_type)
    else:
        response = StreamingHttpResponse(content, content_type=fmt.content_type)
    # `filename` is built from a slug and a date: ASCII letters, digits, dashes and one dot.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
