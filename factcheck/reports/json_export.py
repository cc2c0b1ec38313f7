"""The JSON export: the workbench's reference representation of an article and its claims.

One object per article (a list of them when several articles are exported):

    {"article": {id, title, url, outlet, author, published_at, language, body, archived_at},
     "claims": [{id, text, start, end, status, kind, checkworthiness, reasons, normalized,
                 figures, final_verdict (slug), rationale, resolved_at,
                 claimant: {name, kind (person|organisation)} or null, claim_date,
                 appearance (the URL where the claim was made: the article's own by default),
                 reviews: [{reviewer (username), verdict (slug), confidence, rationale,
                            submitted_at,
                            evidence: [{url, title, publisher, quote, stance, accessed_on,
                                        published}]}],
                 matches: [{relation (same|related), origin (internal|external), text,
                            verdict (our slug, or the external rating's text; null while
                            our earlier claim is unsettled), publisher, url, score (0-1),
                            claim (our earlier claim's id, null for external ones),
                            differences: [{kind, this, other}] (related claims' figures)}]}]}

`matches` are the claims checked before (claims.matching), as stored when the claim was
matched; a published-scope export lists only our published earlier claims.
`normalized`, `figures`, `resolved_at`, the article's `archived_at` (null when it is not
archived, and always in published scope) and the evidence's `published` go beyond DESIGN.md's
list: without them `import_reviews` could not bring a fact-check back whole.

In published scope (selection.py) the export holds what the public report shows: each review
keeps its keys, but `verdict`, `confidence`, `rationale` and `submitted_at` are null and
`reviewer` is the name the report credits (null when reviewers are not credited), never a
username; its `evidence` is the published evidence. Such a file is not a backup:
`import_reviews` refuses reviews without a reviewer and a verdict. Times are ISO 8601
in UTC, dates ISO 8601; an article's `published_at` is a date alone when its source gave no
time. `manage.py import_reviews` reads this back.
"""

import dataclasses
import datetime
import json

from factcheck.articles.ingest.dates import current_zone
from factcheck.claims.extraction import Figure
from factcheck.reports.selection import (
    ExportOptions,
    credited_reviewer,
    evidence_of,
    matches_of,
    reviews_of,
)

# PostgreSQL's jsonb keeps an object's keys in an order of its own: put a figure's keys back in
# the order parse_figures() writes them, so the export is the same on every database.
FIGURE_KEYS = [field.name for field in dataclasses.fields(Figure)]


def _datetime(value):
    return value.astimezone(datetime.UTC).isoformat() if value is not None else None


def _published(article):
    """ISO 8601 in UTC; only the day ("2022-12-09", in the site's zone) when the source gave
    no time, so that the round trip keeps that the time is unknown."""
    if article.published_at is not None and not article.published_time_known:
        return article.published_at.astimezone(current_zone()).date().isoformat()
    return _datetime(article.published_at)


def _date(value):
    return value.isoformat() if value is not None else None


def _figure(figure):
    known = {key: figure[key] for key in FIGURE_KEYS if key in figure}
    return known | {key: value for key, value in sorted(figure.items()) if key not in known}


def article_data(article, options=None):
    archived = article.archived_at if options is None or not options.published else None
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "author": article.author,
        "published_at": _published(article),
        "language": article.language,
        "body": article.body,
        "archived_at": _datetime(archived),
    }


def evidence_data(evidence):
    source = evidence.source
    return {
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher,
        "quote": evidence.quote,
        "stance": evidence.stance,
        "accessed_on": _date(evidence.accessed_on),
        "published": evidence.published,
    }


INTERNAL = ExportOptions()


def review_data(review, options=INTERNAL):
    evidence = [evidence_data(item) for item in evidence_of(review)]
    if options.published:
        return {
            "reviewer": credited_reviewer(review, options),
            "verdict": None,
            "confidence": None,
            "rationale": None,
            "submitted_at": None,
            "evidence": evidence,
        }
    return {
        "reviewer": review.reviewer.username,
        "verdict": review.verdict.slug if review.verdict_id else None,
        "confidence": review.confidence,
        "rationale": review.rationale,
        "submitted_at": _datetime(review.submitted_at),
        "evidence": evidence,
    }


def match_data(match):
    """One claim checked before: an earlier claim of ours, or another fact-checker's."""
    if match.external_id is not None:
        check = match.external
        origin, text, verdict = "external", check.claim_text, check.rating
        publisher, url, earlier = check.publisher, check.url, None
    else:
        other = match.matched_claim
        origin, text, earlier, url = "internal", other.text, other.pk, other.get_absolute_url()
        verdict = other.final_verdict.slug if other.final_verdict_id and other.is_settled else None
        publisher = ""
    return {
        "relation": match.relation,
        "origin": origin,
        "text": text,
        "verdict": verdict,
        "publisher": publisher,
        "url": url,
        "score": match.score,
        "claim": earlier,
        "differences": list(match.differences or []),
    }


def _claimant(claim):
    if not claim.claimant:
        return None
    return {"name": claim.claimant, "kind": claim.claimant_kind}


def claim_data(claim, options=INTERNAL):
    return {
        "id": claim.pk,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "status": claim.status,
        "kind": claim.kind,
        "checkworthiness": claim.checkworthiness,
        "reasons": list(claim.reasons or []),
        "normalized": claim.normalized,
        "figures": [_figure(figure) for figure in claim.figures or []],
        "final_verdict": claim.final_verdict.slug if claim.final_verdict_id else None,
        "rationale": claim.rationale,
        "resolved_at": _datetime(claim.resolved_at),
        "claimant": _claimant(claim),
        "claim_date": _date(claim.claim_date),
        "appearance": claim.appearance or None,
        "reviews": [review_data(review, options) for review in reviews_of(claim)],
        "matches": [match_data(match) for match in matches_of(claim)],
    }


def article_json(article, claims, options=INTERNAL):
    """The whole object for one article, in memory (for small exports and tests)."""
    return {
        "article": article_data(article, options),
        "claims": [claim_data(c, options) for c in claims],
    }


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, indent=2)


def _indented(text, prefix):
    return text.replace("\n", "\n" + prefix)


def stream(pairs, *, as_list, options=INTERNAL):
    """Yield the JSON text of (article, claims) pairs piece by piece: one claim at a time.

    The output is the same as `json.dumps(..., indent=2)` of the whole, so it reads well and
    diffs well, but it is never built in memory.
    """
    pad = "  " if as_list else ""
    if as_list:
        yield "["
    first_article = True
    for article, claims in pairs:
        if as_list:
            yield ("\n" if first_article else ",\n") + pad
        first_article = False
        yield (
            "{\n"
            + pad
            + '  "article": '
            + _indented(_dumps(article_data(article, options)), pad + "  ")
        )
        yield ",\n" + pad + '  "claims": ['
        empty = True
        for claim in claims:
            yield ("\n" if empty else ",\n") + pad + "    "
            yield _indented(_dumps(claim_data(claim, options)), pad + "    ")
            empty = False
        yield "]" if empty else "\n" + pad + "  ]"
        yield "\n" + pad + "}"
    if as_list:
        yield "]" if first_article else "\n]"
    yield "\n"
