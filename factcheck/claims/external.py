"""Other fact-checkers' checks: reading ClaimReview JSON-LD into the library of external checks
(ExternalCheck) that matching searches beside our own claims.

Accepted shapes: one ClaimReview object, a list of them, an object with an "@graph" list, and a
schema.org DataFeed whose dataFeedElement items are ClaimReviews or hold them (DataFeedItem's
"item", one or a list). Unknown fields are ignored. A record without the claim reviewed, a
rating, or an http(s) URL, or with a date that is not one, is reported and skipped; the others
are stored. A check already here (same URL) is updated, not stored twice.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from factcheck.claims import matching
from factcheck.claims.models import ExternalCheck
from factcheck.claims.proposals import figures_of

_URL = URLValidator(schemes=["http", "https"])
_MAX = {"rating": 200, "publisher": 200, "claimant": 200}


class ClaimReviewError(ValueError):
    """The input as a whole cannot be read (not JSON, or holds no ClaimReview at all)."""


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)  # one message per invalid record

    def __str__(self):
        return (
            f"Imported {self.created} external fact-checks, updated {self.updated}, "
            f"skipped {len(self.skipped)}."
        )


def _types(node: dict) -> set[str]:
    kind = node.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds}


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def claim_reviews(document: Any) -> list[Any]:
    """The ClaimReview records of a parsed JSON-LD document, in order (possibly invalid ones:
    anything in a list or feed that is not a ClaimReview is returned too, to be reported)."""
    if isinstance(document, list):
        return [record for item in document for record in _records_in(item)]
    if isinstance(document, dict):
        if "@graph" in document:
            return claim_reviews(document["@graph"])
        return _records_in(document)
    raise ClaimReviewError("The input is neither a JSON object nor a list.")


def _records_in(node: Any) -> list[Any]:
    if not isinstance(node, dict):
        return [node]
    kinds = _types(node)
    if "DataFeed" in kinds:
        return [
            r for element in _as_list(node.get("dataFeedElement")) for r in _records_in(element)
        ]
    if "ClaimReview" in kinds:
        return [node]
    if "item" in node:  # a DataFeedItem, or any wrapper holding ClaimReviews
        return [record for item in _as_list(node["item"]) for record in _records_in(item)]
    return [node]


def _name(value: Any) -> str:
    """A schema.org Person or Organization (or a list of them, or a plain string) as text."""
    for item in _as_list(value):
        if isinstance(item, str) and item.strip():
            return item.strip()
        if isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, str) and name.strip():
                return name.strip()
    return ""


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _rating(value: Any) -> str:
    """The rating's words ("False", "Mostly true"), else its value on its scale ("2/5")."""
    rating = value[0] if isinstance(value, list) and value else value
    if not isinstance(rating, dict):
        return _text(rating)
    for key in ("alternateName", "name"):
        if _text(rating.get(key)):
            return _text(rating[key])
    score, best = rating.get("ratingValue"), rating.get("bestRating")
    if isinstance(score, int | float | str) and str(score).strip():
        return f"{score}/{best}" if best not in (None, "") else str(score)
    return ""


def _date(value: Any) -> datetime.date | None:
    """An ISO 8601 date or date-time; None when absent. ValueError when it is not a date."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError("datePublished is not a date")
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"datePublished {value[:40]!r} is not a date") from None


def read_record(record: Any) -> dict:
    """The ExternalCheck fields of one ClaimReview record; ValueError saying what is wrong."""
    if not isinstance(record, dict) or "ClaimReview" not in _types(record):
        raise ValueError("not a ClaimReview")
    text = _text(record.get("claimReviewed"))
    if not text:
        raise ValueError("no claimReviewed")
    rating = _rating(record.get("reviewRating"))
    if not rating:
        raise ValueError("no reviewRating with a rating")
    url = _text(record.get("url"))
    try:
        _URL(url)
    except ValidationError:
        raise ValueError(f"url {url[:80]!r} is not an http(s) address") from None
    if len(url) > 2000:
        raise ValueError("url is longer than 2000 characters")
    item = record.get("itemReviewed")
    item = item if isinstance(item, dict) else {}
    publisher = _name(record.get("author")) or _name(record.get("publisher"))
    return {
        "claim_text": text,
        "rating": rating[: _MAX["rating"]],
        "publisher": publisher[: _MAX["publisher"]],
        "url": url,
        "reviewed_on": _date(record.get("datePublished")),
        "claimant": _name(item.get("author"))[: _MAX["claimant"]],
    }


def parse(data: bytes | str) -> Any:
    """The JSON document in `data`; ClaimReviewError when it is not JSON."""
    if isinstance(data, bytes):
        data = data.decode("utf-8-sig", errors="replace")
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise ClaimReviewError(f"Not JSON: {exc.msg} at line {exc.lineno}.") from None


@transaction.atomic
def import_claimreviews(data: bytes | str, *, source: str = "") -> ImportSummary:
    """Store the ClaimReviews of `data` as external checks (see the module's notes) and index
    them for matching; return what was done. ClaimReviewError when nothing can be read."""
    records = claim_reviews(parse(data))
    if not records:
        raise ClaimReviewError("No ClaimReview found.")
    summary = ImportSummary()
    stored = []
    for number, record in enumerate(records, start=1):
        try:
            fields = read_record(record)
        except ValueError as exc:
            summary.skipped.append(f"record {number}: {exc}")
            continue
        fields["figures"] = figures_of(fields["claim_text"])
        fields["source_file"] = source[:2000]
        check, created = ExternalCheck.objects.update_or_create(url=fields["url"], defaults=fields)
        if created:
            summary.created += 1
        else:
            summary.updated += 1
        stored.append(check)
    matching.index_external_checks(stored)
    return summary
