"""The outbox: deliveries are written in the transaction of the event they announce.

`enqueue_event` receives every domain event (factcheck/events.py) and writes one pending
WebhookDelivery per active endpoint listening to it, in the caller's transaction: an event whose
transaction rolls back leaves no delivery behind, and one that commits always has its deliveries.
The worker (delivery.py) sends them later. The admin's test event and replays queue deliveries
here too.
"""

import uuid

from django.db import transaction
from django.utils import timezone

from factcheck.api.webhooks.models import TEST_EVENT, WebhookDelivery, WebhookEndpoint


def enqueue_event(sender, *, name, payload, **kwargs):
    """The domain_event receiver: the deliveries of event `name` (one query for the endpoints,
    one insert when any listens). Returns them."""
    listening = [e for e in WebhookEndpoint.objects.filter(active=True) if e.listens_to(name)]
    if not listening:
        return []
    event_id = uuid.uuid4()
    now = timezone.now()
    return WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint,
            event=name,
            event_id=event_id,
            payload=payload,
            occurred_at=now,
            created_at=now,
            next_attempt_at=now,
        )
        for endpoint in listening
    )


@transaction.atomic
def queue_test_event(endpoints, *, by):
    """A `webhook.test` delivery to each of `endpoints`, whatever events they listen to."""
    now = timezone.now()
    return [
        WebhookDelivery.objects.create(
            endpoint=endpoint,
            event=TEST_EVENT,
            payload={"endpoint": endpoint.pk, "sent_by": by.get_username()},
            occurred_at=now,
            requested_by=by,
            created_at=now,
            next_attempt_at=now,
        )
        for endpoint in endpoints
    ]


@transaction.atomic
def replay(deliveries, *, by):
    """A new pending delivery of the same event (same event id and payload) for each of
    `deliveries`, to the same endpoint; the old ones stay as they were. Returns the new ones."""
    now = timezone.now()
    return [
        WebhookDelivery.objects.create(
            endpoint_id=old.endpoint_id,
            event=old.event,
            event_id=old.event_id,
            payload=old.payload,
            occurred_at=old.occurred_at,
            created_at=now,
            next_attempt_at=now,
            replay_of=old,
            requested_by=by,
        )
        for old in deliveries
    ]
