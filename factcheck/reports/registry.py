"""The export formats: name -> how to render it, its content type and file extension.

Views, the admin actions and `manage.py export_report` all go through `export()`, so a format
behaves the same wherever it is asked for. Each renderer takes (article, claims) pairs (see
selection.article_claims) and returns text or bytes, or an iterator of text for the streaming
formats.
"""

import json
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from factcheck.reports import claimreview as claimreview_module
from factcheck.reports import csv_export, json_export, webannotation
from factcheck.reports.selection import (
    ALL,
    EVERYTHING,
    PUBLISHED,
    REVIEWS_ONLY,
    VERDICTS,
    ExportOptions,
    article_claims,
    live_public_report,
)


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    content_type: str
    extension: str
    default_scope: str
    report: bool  # one article at a time, accepted claims only (see selection)
    streaming: bool = False
    suffix: str = ""  # added to the file name: "-reviews"
    reads: str = EVERYTHING  # what its renderer reads of each claim (selection.READS)

    def scope_for(self, scope):
        """The scope an export asked for in `scope` really has: ClaimReview is published only."""
        return PUBLISHED if self.name == "claimreview" else scope

    def filename(self, article=None, *, scope, today=None):
        """`<slug-of-title>-<YYYY-MM-DD><suffix>[-internal].<ext>`: ASCII letters, digits and
        dashes.

        The date is the article's publication date (else its import date); without an article
        (a selection of claims) the name is "claims-<today>". An internal export (scope "all":
        every claim, unpublished ones too) says so in its name, so it is never mistaken for the
        published one beside it in a downloads folder.
        """
        internal = "-internal" if self.scope_for(scope) == ALL else ""
        if article is None:
            stem, day = "claims", today or timezone.localdate()
        else:
            stem = slugify(article.title)[:60].strip("-") or f"article-{article.pk}"
            moment = article.published_at or article.created_at
            day = timezone.localdate(moment) if moment else (today or timezone.localdate())
        return f"{stem}-{day.isoformat()}{self.suffix}{internal}.{self.extension}"


def _only_article(pairs):
    pairs = list(pairs)
    if len(pairs) != 1:
        raise ValueError("A report covers one article.")
    article, claims = pairs[0]
    return article, list(claims)


def _html(pairs, options, as_list):
    from factcheck.reports.html import render_report

    article, claims = _only_article(pairs)
    return render_report(article, claims, options=options, embed_css=True)


def _pdf(pairs, options, as_list):
    from factcheck.reports.pdf import render_pdf

    article, claims = _only_article(pairs)
    return render_pdf(article, claims, options=options)


def _markdown(pairs, options, as_list):
    from factcheck.reports.markdown import render_markdown

    article, claims = _only_article(pairs)
    return render_markdown(article, claims, options=options)


def _csv(pairs, options, as_list):
    return csv_export.claims_csv(pairs, options)


def _reviews_csv(pairs, options, as_list):
    return csv_export.reviews_csv(pairs, options)


def _json(pairs, options, as_list):
    return json_export.stream(pairs, as_list=as_list, options=options)


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _claimreview(pairs, options, as_list):
    """A list of ClaimReview objects (Google reads a list in one ld+json element)."""
    items = []
    for article, claims in pairs:
        reports = {article.pk: live_public_report(article)}
        items.extend(
            claimreview_module.claimreviews(
                [(article, claims)], base_url=options.base_url, public_reports=reports
            )
        )
    return _dumps(items)


def _webannotation(pairs, options, as_list):
    def one(article, claims):
        return webannotation.collection(article, claims, base_url=options.base_url)

    collections = [one(*pair) for pair in pairs]
    return _dumps(collections if as_list or len(collections) != 1 else collections[0])


_RENDERERS = {
    "html": _html,
    "pdf": _pdf,
    "md": _markdown,
    "csv": _csv,
    "reviews-csv": _reviews_csv,
    "json": _json,
    "claimreview": _claimreview,
    "webannotation": _webannotation,
}

FORMATS = {
    fmt.name: fmt
    for fmt in [
        Format("html", _("Report (HTML)"), "text/html; charset=utf-8", "html", PUBLISHED, True),
        Format("pdf", _("Report (PDF)"), "application/pdf", "pdf", PUBLISHED, True),
        Format("md", _("Report (Markdown)"), "text/markdown; charset=utf-8", "md", PUBLISHED, True),
        Format(
            "csv",
            _("Claims (CSV)"),
            "text/csv; charset=utf-8",
            "csv",
            ALL,
            False,
            True,
            reads=VERDICTS,
        ),
        Format(
            "reviews-csv",
            _("Reviews (CSV)"),
            "text/csv; charset=utf-8",
            "csv",
            ALL,
            False,
            True,
            "-reviews",
            reads=REVIEWS_ONLY,
        ),
        Format("json", _("Data (JSON)"), "application/json", "json", ALL, False, True),
        Format(
            "claimreview",
            _("ClaimReview (JSON-LD)"),
            "application/ld+json",
            "jsonld",
            PUBLISHED,
            False,
            suffix="-claimreview",
        ),
        Format(
            "webannotation",
            _("Web Annotation (JSON-LD)"),
            'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
            "jsonld",
            PUBLISHED,
            False,
            suffix="-annotations",
        ),
    ]
}
REPORT_FORMATS = [name for name, fmt in FORMATS.items() if fmt.report]
DATA_FORMATS = [name for name, fmt in FORMATS.items() if not fmt.report]


def render(name, pairs, options, *, as_list=False):
    """Render (article, claims) pairs in format `name`: str, bytes or an iterator of str."""
    return _RENDERERS[name](pairs, options, as_list)


def export(name, articles, options, *, claim_ids=None, as_list=False, progress=None):
    """Export `articles` (an iterable; with `claim_ids`, only those claims) in format `name`.

    ClaimReview holds published claims only, whatever the scope. JSON and Web Annotation give
    a list when `as_list` (several articles, or a selection of claims), else one object.
    `progress(n)` is called as each chunk of `n` claims is read. Raises KeyError for an
    unknown format.
    """
    fmt = FORMATS[name]
    scope = fmt.scope_for(options.scope)
    options = replace(options, scope=scope)
    pairs = article_claims(
        articles,
        scope,
        claim_ids=claim_ids,
        report=fmt.report,
        reads=fmt.reads,
        progress=progress,
    )
    return render(name, pairs, options, as_list=as_list)


__all__ = ["ALL", "DATA_FORMATS", "FORMATS", "PUBLISHED", "REPORT_FORMATS", "ExportOptions"]
