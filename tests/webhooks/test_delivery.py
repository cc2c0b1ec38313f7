"""The worker: deliveries POSTed, signed, to a real local HTTP receiver; retries with back-off,
the retry limit, private addresses, and a worker that stopped mid-way."""

import datetime
import json
import os
import signal

import pytest
from django.core.management import call_command
from django.utils import timezone

from factcheck import events
from factcheck.api.webhooks import delivery as worker
from factcheck.api.webhooks.models import WebhookDelivery, WebhookEndpoint
from factcheck.api.webhooks.signing import verify_signature
from factcheck.reports import sharing

pytestmark = pytest.mark.django_db
S = WebhookDelivery.Status


def queue(name=events.ARTICLE_IMPORTED, **payload):
    events.emit(
        name, **(payload or {"article": {"id": 7, "title": "Life expectancy"}, "claims": 3})
    )
    return WebhookDelivery.objects.latest("pk")


def refreshed(delivery):
    delivery.refresh_from_db()
    return delivery


def test_a_delivery_reaches_the_receiver_signed(endpoint, receiver, editor, article):
    sharing.share(article, by=editor)
    delivery = WebhookDelivery.objects.get()
    summary = worker.deliver_due()
    assert (summary.succeeded, summary.retrying, summary.failed) == (1, 0, 0)
    [(headers, body)] = receiver.requests
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Factcheck-Event"] == "report.shared"
    assert headers["X-Factcheck-Delivery"] == str(delivery.pk)
    assert verify_signature(endpoint.secret, headers["X-Factcheck-Signature"], body)
    assert not verify_signature("whsec_wrong", headers["X-Factcheck-Signature"], body)
    document = json.loads(body)
    assert document["id"] == str(delivery.event_id)
    assert document["event"] == "report.shared"
    assert datetime.datetime.fromisoformat(document["created_at"]) == delivery.occurred_at
    assert document["data"]["article"]["id"] == article.pk
    delivery = refreshed(delivery)
    assert delivery.status == S.SUCCEEDED and delivery.attempts == 1
    assert delivery.last_status_code == 200 and delivery.last_response_ms is not None
    assert delivery.delivered_at is not None and delivery.last_error == ""


def test_a_failing_receiver_is_retried_with_back_off_then_succeeds(endpoint, receiver, settings):
    settings.FACTCHECK_WEBHOOK_RETRY_SECONDS = 30
    receiver.answers = [500, 503]
    delivery = queue()
    start = timezone.now()

    summary = worker.deliver_due(now=start)
    assert (summary.succeeded, summary.retrying) == (0, 1)
    delivery = refreshed(delivery)
    assert delivery.status == S.PENDING and delivery.attempts == 1
    assert delivery.last_status_code == 500 and "receiver is down" in delivery.last_error
    assert delivery.next_attempt_at == start + datetime.timedelta(seconds=30)

    assert worker.deliver_due(now=start + datetime.timedelta(seconds=29)).total == 0  # not yet
    later = start + datetime.timedelta(seconds=30)
    worker.deliver_due(now=later)
    delivery = refreshed(delivery)
    assert delivery.attempts == 2 and delivery.last_status_code == 503
    assert delivery.next_attempt_at == later + datetime.timedelta(seconds=60)  # doubled

    worker.deliver_due(now=later + datetime.timedelta(seconds=60))
    delivery = refreshed(delivery)
    assert delivery.status == S.SUCCEEDED and delivery.attempts == 3
    assert delivery.last_status_code == 200 and delivery.last_error == ""
    assert len(receiver.requests) == 3
    assert len({headers["X-Factcheck-Delivery"] for headers, _ in receiver.requests}) == 1


def test_after_the_retry_limit_a_delivery_fails_for_good(endpoint, receiver, settings):
    settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS = 3
    receiver.answers = [500] * 5
    delivery = queue()
    moment = timezone.now()
    for _attempt in range(3):
        worker.deliver_due(now=moment)
        moment = refreshed(delivery).next_attempt_at
    delivery = refreshed(delivery)
    assert delivery.status == S.FAILED and delivery.attempts == 3
    assert worker.deliver_due(now=moment + datetime.timedelta(days=1)).total == 0
    assert len(receiver.requests) == 3


def test_the_back_off_is_capped(settings):
    settings.FACTCHECK_WEBHOOK_RETRY_SECONDS = 30
    settings.FACTCHECK_WEBHOOK_MAX_BACKOFF_SECONDS = 3600
    waits = [worker.backoff(attempts).total_seconds() for attempts in range(1, 10)]
    assert waits == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_a_private_address_is_refused_without_allow_private(endpoint, receiver):
    endpoint.allow_private = False
    endpoint.save()
    delivery = queue()
    assert worker.deliver_due().retrying == 1
    delivery = refreshed(delivery)
    assert receiver.requests == []
    assert delivery.status == S.PENDING and delivery.last_status_code is None
    assert "not public" in delivery.last_error


def test_a_receiver_that_cannot_be_reached_is_retried(endpoint, receiver):
    endpoint.url = "http://127.0.0.1:9/nobody-listens"
    endpoint.save()
    delivery = queue()
    worker.deliver_due()
    delivery = refreshed(delivery)
    assert delivery.status == S.PENDING and delivery.attempts == 1
    assert delivery.last_status_code is None and delivery.last_error


def test_a_redirect_is_not_followed(endpoint, receiver):
    receiver.answers = [302]
    delivery = queue()
    worker.deliver_due()
    delivery = refreshed(delivery)
    assert delivery.status == S.PENDING and delivery.last_status_code == 302


def test_deliveries_to_an_inactive_endpoint_wait(endpoint, receiver):
    delivery = queue()
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False)
    assert worker.deliver_due().total == 0
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=True)
    assert worker.deliver_due().succeeded == 1
    assert refreshed(delivery).status == S.SUCCEEDED


def test_a_claimed_delivery_is_not_taken_twice_until_its_lease_runs_out(endpoint, receiver):
    delivery = queue()
    now = timezone.now()
    assert worker.claim_due(batch=10, now=now) == [delivery]
    assert refreshed(delivery).status == S.DELIVERING
    assert worker.claim_due(batch=10, now=now) == []  # another worker finds nothing
    # The first worker stopped without recording anything: the delivery is due again later.
    assert worker.claim_due(batch=10, now=now + worker.lease()) == [delivery]


def test_the_batch_bounds_what_one_claim_takes(endpoint, receiver):
    for number in range(3):
        queue(claims=number, article={"id": number})
    assert len(worker.claim_due(batch=2)) == 2
    assert len(worker.claim_due(batch=2)) == 1


def test_the_command_sends_what_is_due_and_exits_with_once(endpoint, receiver, capsys):
    queue()
    queue()
    call_command("deliver_webhooks", "--once")
    assert "Done: 2 deliveries sent." in capsys.readouterr().out
    assert WebhookDelivery.objects.filter(status=S.SUCCEEDED).count() == 2


@pytest.fixture
def restore_signal_handlers():
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


def test_sigterm_stops_the_worker_after_the_delivery_in_hand(
    endpoint, receiver, capsys, monkeypatch, restore_signal_handlers
):
    first, second = queue(), queue()
    sent = []

    def send_then_get_terminated(delivery):
        sent.append(delivery.pk)
        os.kill(os.getpid(), signal.SIGTERM)  # what systemd sends to stop the service
        return worker.Outcome(status_code=200, response_ms=5, error="")

    monkeypatch.setattr(worker, "send", send_then_get_terminated)
    call_command("deliver_webhooks", "--batch", "5")
    assert capsys.readouterr().out.strip().endswith("Stopped.")
    assert sent == [first.pk]
    assert refreshed(first).status == S.SUCCEEDED
    second = refreshed(second)
    assert second.status == S.PENDING and second.next_attempt_at <= timezone.now()


@pytest.mark.parametrize("argument", [["--batch", "0"], ["--interval", "soon"]])
def test_the_command_refuses_bad_arguments(argument):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("deliver_webhooks", "--once", *argument)
