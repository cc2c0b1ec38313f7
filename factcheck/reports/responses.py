"""Wrapping exports in HTTP responses, for the views and the admin actions alike.

A download is never cut short without the client knowing. The streaming formats (CSV, JSON)
are written to a spooled temporary file (in memory up to SPOOL_BYTES, on disk past it) before
the response starts, then sent with their Content-Length: an export that fails half-way is an
error page (status 500), never a 200 with half a file; a connection that drops or a worker that
times out while sending leaves fewer bytes than announced, which browsers and HTTP clients
report as a failed download. Exports too large to finish within a request are background jobs
(jobs.py) and never come here.
"""

import tempfile

from django.conf import settings
from django.http import FileResponse, HttpResponse

from factcheck.reports.selection import ExportOptions

SPOOL_BYTES = 8 * 1024 * 1024


def options_for(request, scope):
    return ExportOptions(
        scope=scope,
        base_url=request.build_absolute_uri("/"),
        credit_reviewers=settings.FACTCHECK_REPORT_CREDITS_REVIEWERS,
        bom=request.GET.get("bom") == "1",
    )


def buffered(pieces):
    """The text `pieces` written whole to a spooled temporary file, rewound. Raises whatever
    the export raises, before anything is sent."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (returned open)
    try:
        for piece in pieces:
            spool.write(piece.encode("utf-8"))
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def download(fmt, content, filename):
    """An attachment of known length: text and bytes whole, an iterator (CSV, JSON) written
    out first (see the module's docstring)."""
    if isinstance(content, str | bytes):
        response = HttpResponse(content, content_type=fmt.content_type)
        response["Content-Length"] = len(response.content)
    else:
        # FileResponse sets Content-Length from the file's size, and closes it when sent.
        response = FileResponse(buffered(content), content_type=fmt.content_type)
    # `filename` is built from a slug and a date: ASCII letters, digits, dashes and one dot.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
