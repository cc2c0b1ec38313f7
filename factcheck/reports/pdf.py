"""The annotated report as PDF: the HTML report rendered by WeasyPrint.

Nothing is fetched from the network while rendering: the URL fetcher serves our own static
files (the report stylesheet) and refuses every other address, so a link or an address in an
article can never make the server fetch anything. WeasyPrint needs Pango (Debian:
libpango-1.0-0 and libpangoft2-1.0-0); when it cannot load, `render_pdf` raises PdfUnavailable,
which the view answers with 503 and the command with a one-line error.
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

from factcheck.reports.html import render_report

# A base address that resolves nowhere: relative links in the report resolve against it, and
# the fetcher recognises our static files by it.
BASE_URL = "https://report.invalid/"

# WeasyPrint reports each rendering step at INFO: not news for the server's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs are not installed."""


class RefusedFetch(ValueError):
    pass


def load_weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or its friends cannot be loaded
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PdfUnavailable(
            f"PDF export needs WeasyPrint and Pango (apt-get install libpango-1.0-0 "
            f"libpangoft2-1.0-0): {first_line}"
        ) from exc
    return weasyprint


def static_file(url):
    """The path of our static file that `url` names, or None."""
    prefix = BASE_URL.rstrip("/") + "/" + settings.STATIC_URL.strip("/") + "/"
    if not url.startswith(prefix):
        return None
    relative = unquote(urlsplit(url).path)[len(urlsplit(prefix).path) :]
    if not relative or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if isinstance(found, str):
        return found
    # In production {% static %} names the hashed copy that collectstatic made.
    collected = Path(settings.STATIC_ROOT or "", relative) if settings.STATIC_ROOT else None
    return str(collected) if collected is not None and collected.is_file() else None


def url_fetcher(url):
    """WeasyPrint's fetcher: our static files, nothing else."""
    from weasyprint.urls import URLFetcherResponse

    path = static_file(url)
    if path is None:
        raise RefusedFetch(f"not fetched while rendering a report: {url}")
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": content_type})


def render_pdf(article, claims, *, options):
    """The report of `article` as PDF bytes."""
    weasyprint = load_weasyprint()
    html = render_report(article, claims, options=options)
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher)
    return document.write_pdf()
