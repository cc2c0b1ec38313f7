"""Domain events: what happened in the workbench that other systems may want to hear about.

The domain functions announce an event with one call (`events.claim_published(claim)`) inside
their own transaction. `emit()` sends the `domain_event` signal synchronously, so a receiver
(the webhooks outbox, factcheck/api/webhooks/) writes in the caller's transaction: when that
transaction rolls back, what the receivers wrote is rolled back with it, and nothing is announced.

A payload is plain JSON (ids, texts, slugs, addresses), built here from the objects with the
names of the JSON export (factcheck/reports/json_export.py): `id`, `title`, `url`, `text`,
`status`, `final_verdict` (slug), `rationale`. This module imports no app of the project; it
reads the attributes the models have.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from django.conf import settings
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

CLAIM_PUBLISHED = "claim.published"
CLAIM_DISPUTED = "claim.disputed"
REPORT_SHARED = "report.shared"
REPORT_REVOKED = "report.revoked"
ARTICLE_IMPORTED = "article.imported"

# (name, label): every event, in the order the admin lists them.
EVENTS: tuple[tuple[str, Any], ...] = (
    (ARTICLE_IMPORTED, _("An article was imported")),
    (CLAIM_DISPUTED, _("A claim's reviews disagree")),
    (CLAIM_PUBLISHED, _("A claim was published")),
    (REPORT_SHARED, _("An article's report was shared")),
    (REPORT_REVOKED, _("An article's shared report was revoked")),
)
NAMES = frozenset(name for name, _label in EVENTS)

# Sent with `name` (one of NAMES) and `payload` (a dict of JSON values); the sender is the name.
domain_event = Signal()


def emit(name: str, **payload: Any) -> None:
    """Announce the event `name` with `payload` to every receiver, now, in this transaction.

    An unknown name or a payload that is not plain JSON is a programming error: it raises
    (ValueError, TypeError) before any receiver runs."""
    if name not in NAMES:
        raise ValueError(f"Unknown event {name!r}; the events are {', '.join(sorted(NAMES))}.")
    json.dumps(payload, allow_nan=False)
    domain_event.send(sender=name, name=name, payload=payload)


# What the payloads are made of -------------------------------------------------------------


class _Verdict(Protocol):
    slug: str


class _Article(Protocol):
    pk: Any
    title: str
    url: str

    def get_absolute_url(self) -> str: ...


class _Claim(Protocol):
    pk: Any
    text: str
    status: str
    rationale: str
    article: Any
    final_verdict: Any

    def get_absolute_url(self) -> str: ...


class _Report(Protocol):
    article: Any
    allow_indexing: bool

    def get_absolute_url(self) -> str: ...


def site_url(path: str) -> str:
    """`path` made absolute with FACTCHECK_SITE_URL (left as it is when that is unset)."""
    return settings.FACTCHECK_SITE_URL.rstrip("/") + path


def article_data(article: _Article) -> dict[str, Any]:
    """`url` is where the article was published (as in the JSON export); `page` its page here."""
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.url,
        "page": site_url(article.get_absolute_url()),
    }


def claim_data(claim: _Claim) -> dict[str, Any]:
    verdict: _Verdict | None = claim.final_verdict
    return {
        "id": claim.pk,
        "text": claim.text,
        "status": str(claim.status),
        "final_verdict": verdict.slug if verdict is not None else None,
        "rationale": claim.rationale if verdict is not None else "",
        "page": site_url(claim.get_absolute_url()),
    }


# The events, one function each: the one line a domain function calls ------------------------


def claim_published(claim: _Claim) -> None:
    emit(CLAIM_PUBLISHED, claim=claim_data(claim), article=article_data(claim.article))


def claim_disputed(claim: _Claim) -> None:
    """The claim's submitted reviews disagree (which verdicts is not said: blind review)."""
    emit(CLAIM_DISPUTED, claim=claim_data(claim), article=article_data(claim.article))


def report_shared(report: _Report) -> None:
    emit(
        REPORT_SHARED,
        article=article_data(report.article),
        report={
            "url": site_url(report.get_absolute_url()),
            "allow_indexing": report.allow_indexing,
        },
    )


def report_revoked(report: _Report) -> None:
    """The address in `report.url` answers 404 from now on."""
    emit(
        REPORT_REVOKED,
        article=article_data(report.article),
        report={"url": site_url(report.get_absolute_url())},
    )


def article_imported(article: _Article, *, proposed: int) -> None:
    """`claims` is the number of claims proposed, as `import_article --json` says it."""
    emit(ARTICLE_IMPORTED, article=article_data(article), claims=proposed)
