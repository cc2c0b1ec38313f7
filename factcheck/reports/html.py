"""The annotated report as HTML: one template, reports/report.html, for the download, the page
viewed in the workbench, the public page and (through pdf.py) the PDF."""

import base64
import json
import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from factcheck.reports.report import build_report

STYLESHEET = "css/report.css"

# json_script's escapes: inside <script> the JSON can never close the element or open a comment.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(value):
    """JSON for a <script type="application/ld+json"> element, safe against "</script>"."""
    text = json.dumps(value, ensure_ascii=False, indent=2).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - escaped above, like django.utils.html.json_script


def stylesheet_path():
    """The report stylesheet on disk: from the source folders, else from collectstatic's."""
    found = finders.find(STYLESHEET)
    if found:
        return found
    return staticfiles_storage.path(STYLESHEET)


def stylesheet_text():
    with open(stylesheet_path(), encoding="utf-8") as handle:
        css = handle.read()
    if "</" in css:  # it goes inside a <style> element
        raise ValueError(f"{STYLESHEET} must not contain '</'")
    return css


def logo_url(*, embed=False):
    """The address of FACTCHECK_LOGO for the report ("" without a logo): inside the page
    (a data: address) for a downloaded file, which has no server to fetch it from."""
    name = settings.FACTCHECK_LOGO
    if not name:
        return ""
    if not embed:
        return staticfiles_storage.url(name)
    path = finders.find(name) or staticfiles_storage.path(name)
    with open(path, "rb") as handle:
        data = base64.b64encode(handle.read()).decode("ascii")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"data:{content_type};base64,{data}"


def render_report(article, claims, *, options, embed_css=False, noindex=False, ld=None):
    """The report page as a string.

    `embed_css` puts the stylesheet inside the page, so a downloaded file reads well on its own
    (opened from disk there is no Content-Security-Policy; pages we serve link it instead).
    `ld` is JSON-LD to embed (the public page's ClaimReviews).
    """
    report = build_report(
        article,
        claims,
        scope=options.scope,
        credit_reviewers=options.credit_reviewers,
        public=options.public,
        today=options.today,
    )
    context = {
        "report": report,
        "organisation": settings.FACTCHECK_ORGANISATION,
        "logo_url": logo_url(embed=embed_css),
        "noindex": noindex,
        "inline_css": mark_safe(stylesheet_text()) if embed_css else "",  # noqa: S308
        "json_ld": json_ld(ld) if ld else "",
    }
    return render_to_string("reports/report.html", context)
