"""The annotated report of one article, as data the HTML, PDF and Markdown renderers share.

`build_report(article, claims, options)` numbers the claims in reading order, splits the text
into paragraphs and pieces so each claim can be highlighted where it stands, and gathers for
each claim its verdict, rationale and evidence (deduplicated by source and quote). Links are
kept only when they are http(s): anything else (javascript:, data:, file:) is shown as text.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from factcheck.claims.layout import paragraphs_with_claims
from factcheck.claims.models import Claim, Verdict
from factcheck.reports.selection import evidence_of, reviews_of

SUMMARY_CHARS = 160


def safe_url(url):
    """`url` when it is an http(s) address with a host, else None."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None


def one_line(text, limit=SUMMARY_CHARS):
    """The first paragraph of `text` on one line, cut at `limit` characters."""
    first = (text or "").strip().split("\n\n")[0]
    return Truncator(" ".join(first.split())).chars(limit)


@dataclass
class Source:
    title: str
    url: str | None  # None: not an http(s) link, shown as text only
    address: str
    publisher: str
    date: datetime.date | None
    quote: str
    stance: str
    stance_label: str


@dataclass
class Entry:
    number: int
    claim: Claim
    verdict: Verdict | None
    rationale: str
    summary: str
    sources: list
    reviewers: list

    @property
    def anchor(self):
        return f"claim-{self.claim.pk}"

    @property
    def status_label(self):
        return self.claim.get_status_display()

    @property
    def claimed_by(self):
        """Who made the claim and when, e.g. "Claimed by X (organisation), 3 May 2024"."""
        return claimed_by(self.claim)


def claimed_by(claim):
    """Who made the claim and when, as one line; "" when the claim names no claimant."""
    if not claim.claimant:
        return ""
    values = {"name": claim.claimant, "kind": claim.get_claimant_kind_display().lower()}
    if claim.claim_date is None:
        return _("Claimed by %(name)s (%(kind)s)") % values
    values["date"] = formats.date_format(claim.claim_date, "j F Y")
    return _("Claimed by %(name)s (%(kind)s), %(date)s") % values


@dataclass
class Piece:
    text: str
    entry: Entry | None  # the innermost claim covering the piece
    ending: list = field(default_factory=list)  # entries whose claim ends with this piece


@dataclass
class Report:
    article: object
    entries: list
    paragraphs: list  # lists of Piece
    scale: list
    scope: str
    article_url: str | None
    generated_on: datetime.date
    credit_reviewers: bool
    public: bool = False

    @property
    def internal(self):
        return self.scope != "published"


def _sources(claim):
    seen, sources = set(), []
    for review in reviews_of(claim):
        for evidence in evidence_of(review):
            key = (evidence.source_id, evidence.quote.strip())
            if key in seen:
                continue
            seen.add(key)
            source = evidence.source
            sources.append(
                Source(
                    title=source.title or source.url,
                    url=safe_url(source.url),
                    address=source.url,
                    publisher=source.publisher,
                    date=source.published_on or evidence.accessed_on,
                    quote=evidence.quote.strip(),
                    stance=evidence.stance,
                    stance_label=evidence.get_stance_display(),
                )
            )
    return sources


def _paragraphs(body, entries):
    by_claim = {entry.claim.pk: entry for entry in entries}
    paragraphs = []
    for paragraph in paragraphs_with_claims(body, [entry.claim for entry in entries]):
        offset, pieces = paragraph.start, []
        for piece in paragraph.pieces:
            end = offset + len(piece.text)
            inner = piece.claim
            ending = sorted(
                (by_claim[claim.pk] for claim in piece.claims if claim.end == end),
                key=lambda entry: entry.number,
            )
            pieces.append(Piece(piece.text, by_claim[inner.pk] if inner else None, ending))
            offset = end
        paragraphs.append(pieces)
    return paragraphs


def build_report(article, claims, *, scope, credit_reviewers=False, public=False, today=None):
    claims = sorted(claims, key=lambda claim: (claim.start, claim.end, claim.pk))
    entries = []
    for number, claim in enumerate(claims, start=1):
        reviews = reviews_of(claim)
        entries.append(
            Entry(
                number=number,
                claim=claim,
                verdict=claim.final_verdict,
                rationale=claim.rationale.strip(),
                summary=one_line(claim.rationale),
                sources=_sources(claim),
                reviewers=sorted({review.reviewer.display_name for review in reviews}),
            )
        )
    return Report(
        article=article,
        entries=entries,
        paragraphs=_paragraphs(article.body, entries),
        scale=list(Verdict.objects.order_by("order", "slug")),
        scope=scope,
        article_url=safe_url(article.url),
        generated_on=today or timezone.localdate(),
        credit_reviewers=credit_reviewers,
        public=public,
    )
