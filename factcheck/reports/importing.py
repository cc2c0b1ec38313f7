"""Loading a JSON export back into the database (`manage.py import_reviews`).

The file is the JSON export (json_export.py): one article object or a list of them. All of it
loads in one transaction, or none of it: a bad value anywhere raises BadExport naming where it
is, and nothing is written.

- Articles are matched by the SHA-256 of their body (as the importer dedupes): an article
  already here is reused, not copied, and its metadata is left as it is. A new one is archived
  if it was (`archived_at`; who archived it is not in the export).
- Claims are matched by their span (start, end) in the article; a new claim is anchored by
  claims.proposals.create_claim, which checks that its text is the body's text at that span.
  A claim already here is left as it is, only the reviews it lacks are added.
- Verdicts are matched by slug and must exist (the scale belongs to the admins).
- Users are matched by username; a missing one is created as an inactive reviewer with an
  unusable password: their reviews are kept, and nobody can log in as them until an admin
  invites them.
- Reviews (one per reviewer and claim) are restored as submitted; sources are matched by
  their normalised URL; evidence is restored with its quote, stance, date and publication.

The export's states are restored as they were, not replayed through the workflow: a claim
published elsewhere arrives published. That is what a restore is, and why only admins run it.

Round trip: export -> import into an empty database -> export gives the same JSON except the
article and claim `id`s, which the new database assigns. Times (published_at, submitted_at,
resolved_at) and dates are restored as exported.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from factcheck.accounts.models import User
from factcheck.articles.ingest.dates import current_zone
from factcheck.articles.models import Article, body_sha256
from factcheck.claims.models import Claim, Verdict
from factcheck.claims.proposals import create_claim
from factcheck.reviews.models import Evidence, Review, Source
from factcheck.reviews.sources import normalize_url


class BadExport(ValueError):
    """The file is not a JSON export this workbench can load; the message says where."""


@dataclass
class Summary:
    articles: int = 0
    articles_reused: int = 0
    claims: int = 0
    claims_reused: int = 0
    reviews: int = 0
    users: list = field(default_factory=list)
    evidence: int = 0


def _field(obj, key, kinds, where, *, required=True, default=None):
    if not isinstance(obj, dict):
        raise BadExport(f"{where}: expected an object")
    if key not in obj or obj[key] is None:
        if required:
            raise BadExport(f"{where}.{key}: missing")
        return default
    value = obj[key]
    if not isinstance(value, kinds) or isinstance(value, bool) and bool not in _as_tuple(kinds):
        raise BadExport(f"{where}.{key}: unexpected value {value!r}")
    return value


def _as_tuple(kinds):
    return kinds if isinstance(kinds, tuple) else (kinds,)


def _datetime(value, where):
    if value is None:
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise BadExport(f"{where}: not an ISO 8601 date and time: {value!r}")
    return parsed


def _published(value, where):
    """An article's published_at: a date and time, or a date alone (the time unknown)."""
    if isinstance(value, str) and len(value) == 10:
        day = _date(value, where)
        midnight = datetime.datetime.combine(day, datetime.time(), tzinfo=current_zone())
        return {"published_at": midnight, "published_time_known": False}
    return {"published_at": _datetime(value, where)}


def _date(value, where):
    if value is None:
        return None
    try:
        parsed = parse_date(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadExport(f"{where}: not an ISO 8601 date: {value!r}")
    return parsed


def _choice(value, choices, where):
    if value not in choices.values:
        raise BadExport(f"{where}: {value!r} is not one of {', '.join(choices.values)}")
    return value


def _claimant(data, article, where):
    """A claim's claimant and appearance; an appearance at the article's own URL is stored
    empty (it means the article itself)."""
    fields = {}
    claimant = _field(data, "claimant", dict, where, required=False)
    if claimant is not None:
        fields["claimant"] = _field(claimant, "name", str, f"{where}.claimant")
        fields["claimant_kind"] = _choice(
            _field(claimant, "kind", str, f"{where}.claimant"),
            Claim.ClaimantKind,
            f"{where}.claimant.kind",
        )
    appearance = _field(data, "appearance", str, where, required=False, default="")
    fields["appearance_url"] = "" if appearance == article.url else appearance
    return fields


def _message(exc):
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


class _Loader:
    def __init__(self):
        self.summary = Summary()
        self.verdicts = {verdict.slug: verdict for verdict in Verdict.objects.all()}
        self.users = {}

    def verdict(self, slug, where):
        if slug is None:
            return None
        if slug not in self.verdicts:
            raise BadExport(f"{where}: no verdict {slug!r} in this workbench's scale")
        return self.verdicts[slug]

    def user(self, username, where):
        if not isinstance(username, str) or not username.strip():
            raise BadExport(f"{where}: missing")
        if username not in self.users:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, role=User.Role.REVIEWER, is_active=False)
                user.set_unusable_password()
                try:
                    user.full_clean(exclude=["password"])
                except ValidationError as exc:
                    raise BadExport(f"{where}: {_message(exc)}") from None
                user.save()
                self.summary.users.append(username)
            self.users[username] = user
        return self.users[username]

    def article(self, data, where):
        info = _field(data, "article", dict, where)
        body = _field(info, "body", str, f"{where}.article")
        if not body.strip():
            raise BadExport(f"{where}.article.body: empty")
        existing = Article.objects.filter(content_sha256=body_sha256(body)).first()
        if existing is not None:
            self.summary.articles_reused += 1
            return existing
        article = Article(
            body=body,
            raw=body,
            title=_field(info, "title", str, f"{where}.article"),
            url=_field(info, "url", str, f"{where}.article", required=False, default=""),
            outlet=_field(info, "outlet", str, f"{where}.article", required=False, default=""),
            author=_field(info, "author", str, f"{where}.article", required=False, default=""),
            language=_field(info, "language", str, f"{where}.article", required=False, default=""),
            **_published(info.get("published_at"), f"{where}.article.published_at"),
            archived_at=_datetime(info.get("archived_at"), f"{where}.article.archived_at"),
        )
        try:
            article.full_clean(exclude=["content_sha256"])
        except ValidationError as exc:
            raise BadExport(f"{where}.article: {_message(exc)}") from None
        article.save()
        self.summary.articles += 1
        return article

    def claim(self, article, data, where):
        start = _field(data, "start", int, where)
        end = _field(data, "end", int, where)
        existing = Claim.objects.filter(article=article, start=start, end=end).first()
        if existing is not None:
            self.summary.claims_reused += 1
            return existing
        status = _choice(_field(data, "status", str, where), Claim.Status, f"{where}.status")
        score = _field(data, "checkworthiness", (int, float), where, required=False)
        try:
            claim = create_claim(
                article,
                start,
                end,
                text=_field(data, "text", str, where),
                origin=Claim.Origin.SUGGESTED
                if status == Claim.Status.SUGGESTED
                else Claim.Origin.MANUAL,
                status=status,
                kind=_choice(
                    _field(data, "kind", str, where, required=False, default="other"),
                    Claim.Kind,
                    f"{where}.kind",
                ),
                checkworthiness=score,
                reasons=_field(data, "reasons", list, where, required=False, default=[]),
                normalized=_field(data, "normalized", str, where, required=False, default=""),
                figures=_field(data, "figures", list, where, required=False, default=[]),
                final_verdict=self.verdict(data.get("final_verdict"), f"{where}.final_verdict"),
                rationale=_field(data, "rationale", str, where, required=False, default=""),
                resolved_at=_datetime(data.get("resolved_at"), f"{where}.resolved_at"),
                claim_date=_date(data.get("claim_date"), f"{where}.claim_date"),
                **_claimant(data, article, where),
            )
        except ValidationError as exc:
            raise BadExport(f"{where}: {_message(exc)}") from None
        self.summary.claims += 1
        return claim

    def review(self, claim, data, where):
        reviewer = self.user(_field(data, "reviewer", str, where), f"{where}.reviewer")
        if Review.objects.filter(claim=claim, reviewer=reviewer).exists():
            return None
        verdict = self.verdict(_field(data, "verdict", str, where), f"{where}.verdict")
        confidence = _field(data, "confidence", str, where, required=False, default="")
        if confidence:
            _choice(confidence, Review.Confidence, f"{where}.confidence")
        submitted_at = _datetime(_field(data, "submitted_at", str, where), f"{where}.submitted_at")
        review = Review.objects.create(
            claim=claim,
            reviewer=reviewer,
            verdict=verdict,
            confidence=confidence,
            rationale=_field(data, "rationale", str, where, required=False, default=""),
            status=Review.Status.SUBMITTED,
            submitted_at=submitted_at,
        )
        self.summary.reviews += 1
        evidence = _field(data, "evidence", list, where, required=False, default=[])
        for index, item in enumerate(evidence):
            self.evidence(review, item, f"{where}.evidence[{index}]")
        return review

    def evidence(self, review, data, where):
        try:
            url = normalize_url(_field(data, "url", str, where))
        except ValidationError as exc:
            raise BadExport(f"{where}.url: {_message(exc)}") from None
        source, created = Source.objects.get_or_create(
            url=url,
            defaults={
                "title": _field(data, "title", str, where, required=False, default="")[:500],
                "publisher": _field(data, "publisher", str, where, required=False, default="")[
                    :200
                ],
            },
        )
        Evidence.objects.create(
            review=review,
            source=source.current,  # a duplicate an editor merged leads to the kept source
            quote=_field(data, "quote", str, where, required=False, default=""),
            stance=_choice(
                _field(data, "stance", str, where, required=False, default="context"),
                Evidence.Stance,
                f"{where}.stance",
            ),
            accessed_on=_date(data.get("accessed_on"), f"{where}.accessed_on"),
            published=_field(data, "published", bool, where, required=False, default=False),
        )
        self.summary.evidence += 1


@transaction.atomic
def import_export(data):
    """Load a parsed JSON export (an object or a list of them); return a Summary.

    Raises BadExport, having written nothing, when anything in it cannot be loaded."""
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) for item in items):
        raise BadExport("expected an export object or a list of them")
    loader = _Loader()
    for index, item in enumerate(items):
        where = f"[{index}]" if isinstance(data, list) else "$"
        article = loader.article(item, where)
        claims = _field(item, "claims", list, where)
        for number, claim_data in enumerate(claims):
            claim_where = f"{where}.claims[{number}]"
            claim = loader.claim(article, claim_data, claim_where)
            reviews = _field(claim_data, "reviews", list, claim_where, required=False, default=[])
            for review_number, review_data in enumerate(reviews):
                loader.review(claim, review_data, f"{claim_where}.reviews[{review_number}]")
    return loader.summary
