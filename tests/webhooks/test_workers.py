"""Several delivery workers on PostgreSQL: a delivery one worker is claiming is skipped by the
others, never sent twice. SQLite takes one writer at a time (one worker is the safe number
there), so these are skipped on it."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction

from factcheck import events
from factcheck.api.webhooks import delivery as worker
from factcheck.api.webhooks.models import WebhookDelivery

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several workers need PostgreSQL's row locks; set DATABASE_URL to run this",
    ),
]


def queue(count):
    for number in range(count):
        events.emit(events.ARTICLE_IMPORTED, article={"id": number}, claims=number)
    return list(WebhookDelivery.objects.order_by("pk"))


def test_a_worker_skips_the_rows_another_worker_has_locked(endpoint):
    first, *others = queue(3)
    locked, release = threading.Event(), threading.Event()

    def other_worker_mid_claim():
        try:
            with transaction.atomic():
                list(WebhookDelivery.objects.select_for_update().filter(pk=first.pk))
                locked.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_worker_mid_claim)
    thread.start()
    assert locked.wait(timeout=30)
    try:
        taken = worker.claim_due(batch=10)  # does not wait for the lock
    finally:
        release.set()
        thread.join()
    assert taken == others


def test_workers_claiming_at_once_share_the_deliveries_out(endpoint):
    deliveries = queue(6)
    start = threading.Barrier(3)

    def claim():
        try:
            connection.ensure_connection()
            start.wait(timeout=30)
            return [delivery.pk for delivery in worker.claim_due(batch=6)]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=3) as pool:
        batches = list(pool.map(lambda _n: claim(), range(3)))
    taken = [pk for batch in batches for pk in batch]
    assert sorted(taken) == [delivery.pk for delivery in deliveries]  # each once
