"""The admin: endpoints with their events as checkboxes and the secret shown once; deliveries
as a log that can be replayed."""

import json

import pytest
from django.urls import reverse

from factcheck import events
from factcheck.api.webhooks import delivery as worker
from factcheck.api.webhooks.models import TEST_EVENT, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db
S = WebhookDelivery.Status
ENDPOINTS = reverse("admin:webhooks_webhookendpoint_changelist")
DELIVERIES = reverse("admin:webhooks_webhookdelivery_changelist")


def test_the_add_form_offers_every_event_as_a_checkbox(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:webhooks_webhookendpoint_add")).content.decode()
    for name in events.NAMES:
        assert f'type="checkbox" name="events" value="{name}"' in page
    assert 'name="secret"' not in page


def test_a_new_endpoint_shows_its_secret_once(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:webhooks_webhookendpoint_add"),
        {
            "url": "https://cms.example.org/hooks",
            "description": "The CMS",
            "events": [events.CLAIM_PUBLISHED, events.REPORT_REVOKED],
            "active": "on",
        },
        follow=True,
    )
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == [events.CLAIM_PUBLISHED, events.REPORT_REVOKED]
    assert endpoint.created_by == admin_user and not endpoint.allow_private
    assert endpoint.secret.startswith("whsec_") and endpoint.secret in response.content.decode()
    change = client.get(reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk]))
    assert endpoint.secret not in change.content.decode()
    assert endpoint.masked_secret in change.content.decode()


def test_an_unknown_event_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:webhooks_webhookendpoint_add"),
        {"url": "https://cms.example.org/hooks", "events": ["claim.exploded"], "active": "on"},
    )
    assert response.status_code == 200 and not WebhookEndpoint.objects.exists()
    assert "claim.exploded is not one of the available choices" in response.content.decode()


def test_a_url_that_is_not_http_is_refused(client, admin_user):
    client.force_login(admin_user)
    client.post(
        reverse("admin:webhooks_webhookendpoint_add"),
        {"url": "ftp://cms.example.org/hooks", "events": [events.CLAIM_PUBLISHED]},
    )
    assert not WebhookEndpoint.objects.exists()


def test_drawing_a_new_secret_shows_it_once(client, admin_user, endpoint):
    client.force_login(admin_user)
    old = endpoint.secret
    response = client.post(
        ENDPOINTS, {"action": "draw_new_secret", "_selected_action": [endpoint.pk]}, follow=True
    )
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret in response.content.decode()


def test_the_test_event_reaches_the_receiver(client, admin_user, endpoint, receiver):
    endpoint.events = []
    endpoint.save()
    client.force_login(admin_user)
    client.post(ENDPOINTS, {"action": "send_test_event", "_selected_action": [endpoint.pk]})
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == TEST_EVENT and delivery.requested_by == admin_user
    worker.deliver_due()
    [(headers, body)] = receiver.requests
    assert headers["X-Factcheck-Event"] == TEST_EVENT
    assert json.loads(body)["data"] == {"endpoint": endpoint.pk, "sent_by": admin_user.username}


def test_the_delivery_log_lists_status_code_and_time(client, admin_user, endpoint, receiver):
    receiver.answers = [500]
    events.emit(events.ARTICLE_IMPORTED, article={"id": 1}, claims=2)
    worker.deliver_due()
    client.force_login(admin_user)
    page = client.get(DELIVERIES).content.decode()
    assert "article.imported" in page and "pending" in page and ">500<" in page
    failed = client.get(DELIVERIES, {"status__exact": "failed"})
    assert failed.context["cl"].result_count == 0


def test_replay_queues_the_same_event_again(client, admin_user, endpoint, receiver):
    events.emit(events.ARTICLE_IMPORTED, article={"id": 1}, claims=2)
    worker.deliver_due()
    original = WebhookDelivery.objects.get()
    client.force_login(admin_user)
    client.post(DELIVERIES, {"action": "replay", "_selected_action": [original.pk]})
    replayed = WebhookDelivery.objects.exclude(pk=original.pk).get()
    assert replayed.status == S.PENDING and replayed.replay_of == original
    assert replayed.requested_by == admin_user
    assert (replayed.event, replayed.payload) == (original.event, original.payload)
    worker.deliver_due()
    first, second = (json.loads(body) for _headers, body in receiver.requests)
    assert first == second  # the same event id, time and data: the receiver can skip it
    assert [h["X-Factcheck-Delivery"] for h, _b in receiver.requests] == [
        str(original.pk),
        str(replayed.pk),
    ]


def test_only_staff_reach_the_webhooks_admin(client, editor, endpoint):
    client.force_login(editor)
    response = client.post(ENDPOINTS, {"action": "send_test_event", "_selected_action": [1]})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not WebhookDelivery.objects.exists()


def test_the_delivery_list_has_a_fixed_number_of_queries(
    client, admin_user, endpoint, django_assert_max_num_queries
):
    for number in range(5):
        events.emit(events.ARTICLE_IMPORTED, article={"id": number}, claims=number)
    client.force_login(admin_user)
    with django_assert_max_num_queries(12):
        assert client.get(DELIVERIES).status_code == 200


def test_a_delivery_page_shows_its_payload_read_only(client, admin_user, endpoint):
    events.emit(events.ARTICLE_IMPORTED, article={"id": 1, "title": "Life expectancy"}, claims=2)
    delivery = WebhookDelivery.objects.get()
    client.force_login(admin_user)
    response = client.get(reverse("admin:webhooks_webhookdelivery_change", args=[delivery.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "Life expectancy" in page
    assert 'name="_save"' not in page
