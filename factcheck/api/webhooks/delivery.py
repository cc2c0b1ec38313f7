"""Sending the outbox: what `manage.py deliver_webhooks` does, a batch at a time.

A batch is claimed in one short transaction: the due deliveries are locked with
`select_for_update(skip_locked=True)` (on PostgreSQL several workers each take rows the others
have not; SQLite takes the database's write lock, so one worker is the safe number there),
marked `delivering`, and their `next_attempt_at` pushed to the end of a lease. Each is then sent
outside any transaction (no row is locked while a receiver takes its time) and its outcome
recorded. A worker that stops between the two leaves rows `delivering`: once the lease runs out
they are due again, so an event is delivered at least once (receivers skip an event id they
already have).

A 2xx answer succeeds. Anything else (another status, a refused or unreachable address, a
timeout) is retried after FACTCHECK_WEBHOOK_RETRY_SECONDS * 2^(attempts - 1), at most
FACTCHECK_WEBHOOK_MAX_BACKOFF_SECONDS, until FACTCHECK_WEBHOOK_MAX_ATTEMPTS attempts have
failed: the delivery is then `failed` (the admin can replay it).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from factcheck.api.webhooks import signing
from factcheck.api.webhooks.models import WebhookDelivery
from factcheck.articles.fetch import FetchError, post

S = WebhookDelivery.Status
MAX_ERROR_LENGTH = 1000


def body(delivery: WebhookDelivery) -> bytes:
    """The JSON body: {id, event, created_at, data}: the event's id and time (a replay sends
    the same), its name, and its payload."""
    document = {
        "id": str(delivery.event_id),
        "event": delivery.event,
        "created_at": delivery.occurred_at.astimezone(datetime.UTC).isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def backoff(attempts: int) -> datetime.timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    base = settings.FACTCHECK_WEBHOOK_RETRY_SECONDS
    seconds = min(base * 2 ** max(attempts - 1, 0), settings.FACTCHECK_WEBHOOK_MAX_BACKOFF_SECONDS)
    return datetime.timedelta(seconds=seconds)


def lease() -> datetime.timedelta:
    """How long a worker holds a delivery it took before another may take it again."""
    return datetime.timedelta(seconds=settings.FACTCHECK_WEBHOOK_TIMEOUT * 2 + 60)


@transaction.atomic
def claim_due(*, batch: int, now: datetime.datetime | None = None) -> list[WebhookDelivery]:
    """Lock up to `batch` due deliveries, mark them delivering for a lease, and return them."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.due(now).select_related("endpoint")
    if connection.features.has_select_for_update_skip_locked:
        due = due.select_for_update(skip_locked=True, of=("self",))
    claimed = list(due[:batch])
    for delivery in claimed:
        delivery.status = S.DELIVERING
        delivery.next_attempt_at = now + lease()
    WebhookDelivery.objects.bulk_update(claimed, ["status", "next_attempt_at"])
    return claimed


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    response_ms: int | None
    error: str

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def send(delivery: WebhookDelivery) -> Outcome:
    """POST the delivery to its endpoint, signed, through the guarded fetcher."""
    endpoint = delivery.endpoint
    data = body(delivery)
    headers = {
        "Content-Type": "application/json",
        signing.SIGNATURE_HEADER: signing.sign(endpoint.secret, data),
        signing.EVENT_HEADER: delivery.event,
        signing.DELIVERY_HEADER: str(delivery.pk),
    }
    try:
        answer = post(
            endpoint.url,
            body=data,
            headers=headers,
            timeout=settings.FACTCHECK_WEBHOOK_TIMEOUT,
            allow_private=endpoint.allow_private,
        )
    except FetchError as refused:
        return Outcome(status_code=None, response_ms=None, error=str(refused))
    problem = ""
    if not 200 <= answer.status < 300:
        text = answer.body.decode("utf-8", errors="replace").strip()
        problem = f"The receiver answered {answer.status}." + (f" {text}" if text else "")
    return Outcome(status_code=answer.status, response_ms=answer.elapsed_ms, error=problem)


@transaction.atomic
def record(
    delivery: WebhookDelivery, outcome: Outcome, *, now: datetime.datetime | None = None
) -> WebhookDelivery:
    """Write what an attempt gave: succeeded, failed for good, or pending for a later retry."""
    now = now or timezone.now()
    delivery.attempts += 1
    delivery.last_status_code = outcome.status_code
    delivery.last_response_ms = outcome.response_ms
    delivery.last_error = outcome.error[:MAX_ERROR_LENGTH]
    if outcome.succeeded:
        delivery.status = S.SUCCEEDED
        delivery.delivered_at = now
    elif delivery.attempts >= settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS:
        delivery.status = S.FAILED
    else:
        delivery.status = S.PENDING
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save(
        update_fields=[
            "attempts",
            "last_status_code",
            "last_response_ms",
            "last_error",
            "status",
            "delivered_at",
            "next_attempt_at",
        ]
    )
    return delivery


@dataclass
class BatchSummary:
    succeeded: int = 0
    retrying: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.succeeded + self.retrying + self.failed


def deliver_due(
    *, batch: int = 20, now: datetime.datetime | None = None, stop=None
) -> BatchSummary:
    """Claim one batch of due deliveries and send each; `stop()` true ends the batch early
    (the deliveries not yet sent go back to pending, due at once)."""
    summary = BatchSummary()
    claimed = claim_due(batch=batch, now=now)
    for index, delivery in enumerate(claimed):
        if stop is not None and stop():
            release(claimed[index:])
            break
        done = record(delivery, send(delivery), now=now)
        if done.status == S.SUCCEEDED:
            summary.succeeded += 1
        elif done.status == S.FAILED:
            summary.failed += 1
        else:
            summary.retrying += 1
    return summary


def release(deliveries: list[WebhookDelivery]) -> None:
    """Give deliveries a worker took back to the queue, due now."""
    pks = [delivery.pk for delivery in deliveries]
    WebhookDelivery.objects.filter(pk__in=pks, status=S.DELIVERING).update(
        status=S.PENDING, next_attempt_at=timezone.now()
    )
