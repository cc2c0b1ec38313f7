"""CSV exports: claims (one row per claim) and reviews (one row per submitted review).

UTF-8, optionally with a byte-order mark so Excel reads the accents right. A cell that a
spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a carriage return) is
defused with a leading apostrophe: the text of an article must never run as a formula on the
desk's computers (OWASP's "CSV injection").

In published scope (selection.py) the cells hold what the public report shows: a review's row
names its author as the report credits them (else empty) and leaves its verdict, confidence,
rationale and time empty; its evidence is the published evidence. The claims' `review_verdicts`
column is empty too: the report shows the final verdict, not each reviewer's.
"""

import csv

from factcheck.reports.json_export import _datetime
from factcheck.reports.selection import (
    ExportOptions,
    credited_reviewer,
    evidence_of,
    review_verdicts_of,
    reviews_of,
)

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CLAIM_COLUMNS = [
    "article_id", "article_title", "article_url", "claim_id", "start", "end", "text",
    "normalized", "status", "kind", "checkworthiness", "reasons", "final_verdict",
    "final_verdict_label", "rating_value", "rationale", "resolved_at", "reviews",
    "review_verdicts",
]  # fmt: skip

REVIEW_COLUMNS = [
    "article_id", "claim_id", "claim_text", "reviewer", "verdict", "confidence", "rationale",
    "submitted_at", "evidence", "sources",
]  # fmt: skip


def defuse(value):
    """The cell as text, with an apostrophe before anything a spreadsheet would evaluate."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


INTERNAL = ExportOptions()


def claim_rows(claims, options=INTERNAL):
    """One list of cells per claim, header first. `claims` carry `article` (see selection)."""
    yield list(CLAIM_COLUMNS)
    for claim in claims:
        article = claim.article
        verdict = claim.final_verdict
        verdicts = review_verdicts_of(claim)
        yield [
            article.pk,
            article.title,
            article.url,
            claim.pk,
            claim.start,
            claim.end,
            claim.text,
            claim.normalized,
            claim.status,
            claim.kind,
            claim.checkworthiness,
            "; ".join(str(reason) for reason in claim.reasons or []),
            verdict.slug if verdict else "",
            verdict.label if verdict else "",
            verdict.rating_value if verdict else None,
            claim.rationale,
            _datetime(claim.resolved_at),
            len(verdicts),
            "" if options.published else "; ".join(slug for slug in verdicts if slug),
        ]


def review_rows(claims, options=INTERNAL):
    """One list of cells per submitted review of the claims, header first."""
    yield list(REVIEW_COLUMNS)
    internal = not options.published
    for claim in claims:
        for review in reviews_of(claim):
            evidence = evidence_of(review)
            yield [
                claim.article.pk,
                claim.pk,
                claim.text,
                credited_reviewer(review, options),
                review.verdict.slug if internal and review.verdict_id else "",
                review.confidence if internal else "",
                review.rationale if internal else "",
                _datetime(review.submitted_at) if internal else "",
                len(evidence),
                " ".join(item.source.url for item in evidence),
            ]


class _Line:
    """A file-like object whose write returns what it was given: csv.writer then yields lines."""

    def write(self, value):
        return value


def lines(rows, *, bom=False):
    """Yield CSV text, one line at a time, every cell defused."""
    writer = csv.writer(_Line())
    if bom:
        yield BOM
    for row in rows:
        yield writer.writerow([defuse(cell) for cell in row])


def claims_csv(pairs, options=INTERNAL):
    return lines(claim_rows(_claims_of(pairs), options), bom=options.bom)


def reviews_csv(pairs, options=INTERNAL):
    return lines(review_rows(_claims_of(pairs), options), bom=options.bom)


def _claims_of(pairs):
    for _article, claims in pairs:
        yield from claims
