"""schema.org ClaimReview JSON-LD for published claims.

Fields follow schema.org/ClaimReview and Google's fact-check markup documentation
(developers.google.com/search/docs/appearance/structured-data/factcheck), which says:

- required: `claimReviewed` (a short summary of the claim; we use the editor's normalised
  restatement when there is one, else the claim's words), `reviewRating` and `url` (the page
  that holds the fact-check);
- `reviewRating` is a Rating whose `alternateName` (the textual verdict, the only part shown)
  is required; `ratingValue` with `bestRating`/`worstRating` are "for numeric ratings": our
  scale runs from 1 (worst, "False") to 5 (best, "True"). A verdict that is not a rating
  ("Unverifiable", "Opinion") has no number, so it carries `alternateName` only;
- recommended: `author` (the organisation publishing the fact-check: FACTCHECK_ORGANISATION),
  `datePublished` (when the claim was resolved) and `itemReviewed`, a Claim with its `author`
  (the claimant, a Person or an Organization; else the outlet that published the article),
  `datePublished` (the claim date; else the article's date) and `appearance` (a CreativeWork at
  the URL where the claim was made; else the article's URL).

`url` is the organisation's own page for the claim when FACTCHECK_PUBLIC_URL_TEMPLATE says
where that is; else the public report with `#claim-<id>` when the article's report is shared,
else the claim's place in the workbench (behind the login: the export menu warns about it).
Google has announced it is phasing ClaimReview out of Search results; Fact Check Explorer and
other fact-check aggregators still read it.
"""

from django.conf import settings
from django.urls import reverse

from factcheck.reports.selection import live_public_report

BEST_RATING = 5
WORST_RATING = 1


def rating(verdict):
    value = {"@type": "Rating", "alternateName": verdict.label}
    if verdict.is_rating and verdict.rating_value is not None:
        value.update(
            ratingValue=verdict.rating_value, bestRating=BEST_RATING, worstRating=WORST_RATING
        )
    return value


def claim_url(claim, *, base_url="", public_report=None):
    template = settings.FACTCHECK_PUBLIC_URL_TEMPLATE
    if template:
        return template.format(article_id=claim.article_id, claim_id=claim.pk)
    if public_report is not None and public_report.is_live:
        path = reverse("reports:public", args=[public_report.token]) + f"#claim-{claim.pk}"
    else:
        path = claim.get_absolute_url()
    return f"{base_url.rstrip('/')}{path}"


def links_behind_login(article):
    """Whether the ClaimReview of `article`'s claims would point at the workbench, which only
    its users can open: no FACTCHECK_PUBLIC_URL_TEMPLATE and no live public report."""
    if settings.FACTCHECK_PUBLIC_URL_TEMPLATE:
        return False
    return live_public_report(article) is None


AUTHOR_TYPES = {"person": "Person", "organisation": "Organization"}


def item_reviewed(claim):
    """The Claim reviewed: who made it (else the outlet), when (else the article's date) and
    where (else the article itself)."""
    article = claim.article
    item = {"@type": "Claim"}
    if claim.claimant:
        kind = AUTHOR_TYPES.get(claim.claimant_kind, "Organization")
        item["author"] = {"@type": kind, "name": claim.claimant}
    elif article.outlet:
        item["author"] = {"@type": "Organization", "name": article.outlet}
    if claim.claim_date is not None:
        item["datePublished"] = claim.claim_date.isoformat()
    elif article.published_at is not None:
        item["datePublished"] = article.published_at.date().isoformat()
    if claim.appearance:
        item["appearance"] = {"@type": "CreativeWork", "url": claim.appearance}
    return item


def claimreview(claim, *, base_url="", public_report=None):
    """The ClaimReview of a published (or at least resolved) claim, as a dict."""
    if claim.final_verdict_id is None:
        raise ValueError(f"Claim {claim.pk} has no final verdict: it has no ClaimReview.")
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url(claim, base_url=base_url, public_report=public_report),
        "claimReviewed": claim.normalized or claim.text,
        "reviewRating": rating(claim.final_verdict),
        "itemReviewed": item_reviewed(claim),
        "author": {"@type": "Organization", "name": settings.FACTCHECK_ORGANISATION},
    }
    if claim.resolved_at is not None:
        review["datePublished"] = claim.resolved_at.date().isoformat()
    return review


def claimreviews(pairs, *, base_url="", public_reports=None):
    """ClaimReviews of every published claim with a verdict, in reading order."""
    public_reports = public_reports or {}
    for article, claims in pairs:
        report = public_reports.get(article.pk)
        for claim in claims:
            if claim.is_published and claim.final_verdict_id is not None:
                yield claimreview(claim, base_url=base_url, public_report=report)
