"""Each domain function announces its event, and the outbox writes one delivery per endpoint
listening, in the same transaction."""

import pytest
from django.db import transaction

from factcheck import events
from factcheck.api.webhooks.models import WebhookDelivery, WebhookEndpoint
from factcheck.claims.importing import import_and_propose
from factcheck.claims.models import Claim
from factcheck.reports import sharing
from factcheck.reviews import assignments, workflow
from tests.claims.seed import SEED
from tests.factories import ClaimFactory, claim_in_status, submitted_review, verdict

pytestmark = pytest.mark.django_db
S = Claim.Status


def deliveries(event):
    return list(WebhookDelivery.objects.filter(event=event).order_by("pk"))


def test_publishing_a_claim_queues_claim_published_with_its_verdict(endpoint, editor, reviewer):
    claim = claim_in_status(S.RESOLVED, editor=editor, reviewers=[reviewer])
    workflow.publish(claim, by=editor)
    [delivery] = deliveries(events.CLAIM_PUBLISHED)
    assert delivery.endpoint == endpoint and delivery.status == WebhookDelivery.Status.PENDING
    data = delivery.payload
    assert data["claim"]["id"] == claim.pk
    assert data["claim"]["text"] == claim.text
    assert data["claim"]["status"] == "published"
    assert data["claim"]["final_verdict"] == "true"
    assert data["claim"]["rationale"] == "The figures match the census."
    assert data["article"] == {
        "id": claim.article.pk,
        "title": claim.article.title,
        "url": claim.article.url,
        "page": f"/articles/{claim.article.pk}/",
    }


def test_publishing_an_article_queues_one_event_per_claim(endpoint, editor, reviewer, article):
    first = claim_in_status(S.RESOLVED, editor=editor, reviewers=[reviewer], article=article)
    start = article.body.index("\n\n") + 2  # the second paragraph
    second = ClaimFactory(article=article, start=start, end=article.body.index("\n\n", start))
    assignments.assign([second], [reviewer], by=editor, notify=False)
    submitted_review(second, reviewer, "true")
    workflow.resolve(second, by=editor, verdict=verdict("true"), rationale="As the census says.")
    workflow.publish_article(article, by=editor)
    published = {d.payload["claim"]["id"] for d in deliveries(events.CLAIM_PUBLISHED)}
    assert published == {first.pk, second.pk}


def test_reviews_that_disagree_queue_claim_disputed(endpoint, editor, reviewer, other_reviewer):
    claim = claim_in_status(S.DISPUTED, editor=editor, reviewers=[reviewer, other_reviewer])
    [delivery] = deliveries(events.CLAIM_DISPUTED)
    assert delivery.payload["claim"]["id"] == claim.pk
    assert delivery.payload["claim"]["status"] == "disputed"
    assert delivery.payload["claim"]["final_verdict"] is None
    assert "reviews" not in delivery.payload["claim"]  # blind review: no verdicts go out


def test_reopening_a_claim_whose_reviews_disagree_queues_claim_disputed(
    endpoint, editor, reviewer, other_reviewer
):
    claim = claim_in_status(
        S.PUBLISHED, editor=editor, reviewers=[reviewer, other_reviewer], disagree=True
    )
    before = len(deliveries(events.CLAIM_DISPUTED))
    workflow.reopen(claim, by=editor, reason="A reader sent a correction.")
    assert len(deliveries(events.CLAIM_DISPUTED)) == before + 1


def test_sharing_and_revoking_a_report_queue_their_events(endpoint, editor, article):
    report = sharing.share(article, by=editor)
    [shared] = deliveries(events.REPORT_SHARED)
    assert shared.payload["report"] == {"url": f"/r/{report.token}/", "allow_indexing": False}
    assert shared.payload["article"]["id"] == article.pk
    sharing.share(article, by=editor)  # nothing changes: nothing to announce
    assert len(deliveries(events.REPORT_SHARED)) == 1
    sharing.revoke(article, by=editor)
    [revoked] = deliveries(events.REPORT_REVOKED)
    assert revoked.payload["report"]["url"] == shared.payload["report"]["url"]


def test_revoking_a_report_that_is_not_shared_announces_nothing(endpoint, editor, article):
    sharing.revoke(article, by=editor)
    assert deliveries(events.REPORT_REVOKED) == []


def test_addresses_are_absolute_with_the_site_url(endpoint, editor, article, settings):
    settings.FACTCHECK_SITE_URL = "https://desk.example.org/"
    report = sharing.share(article, by=editor)
    [shared] = deliveries(events.REPORT_SHARED)
    assert shared.payload["report"]["url"] == "https://desk.example.org" + (
        report.get_absolute_url()
    )


def test_importing_an_article_queues_article_imported_once(endpoint, editor):
    outcome = import_and_propose(SEED.read_bytes(), by=editor, filename=SEED.name)
    import_and_propose(SEED.read_bytes(), by=editor, filename=SEED.name)  # already here
    [delivery] = deliveries(events.ARTICLE_IMPORTED)
    assert delivery.payload["article"]["id"] == outcome.article.pk
    assert delivery.payload["article"]["title"] == outcome.article.title
    assert delivery.payload["claims"] == len(outcome.proposed) > 0


def test_a_rolled_back_transaction_queues_nothing(endpoint, editor, reviewer):
    claim = claim_in_status(S.RESOLVED, editor=editor, reviewers=[reviewer])
    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.publish(claim, by=editor)
        assert len(deliveries(events.CLAIM_PUBLISHED)) == 1  # written in the same transaction
        raise RuntimeError("something later in the request failed")
    assert deliveries(events.CLAIM_PUBLISHED) == []
    assert Claim.objects.get(pk=claim.pk).status == S.RESOLVED


def test_only_active_endpoints_listening_to_the_event_get_a_delivery(endpoint, editor, article):
    WebhookEndpoint.objects.create(url="https://cms.example.org/a", events=[events.REPORT_REVOKED])
    WebhookEndpoint.objects.create(
        url="https://cms.example.org/b", events=[events.REPORT_SHARED], active=False
    )
    listening = WebhookEndpoint.objects.create(
        url="https://cms.example.org/c", events=[events.REPORT_SHARED]
    )
    sharing.share(article, by=editor)
    shared = deliveries(events.REPORT_SHARED)
    assert {d.endpoint for d in shared} == {endpoint, listening}
    assert len({d.event_id for d in shared}) == 1  # one event, whichever endpoint receives it


def test_an_event_nobody_listens_to_costs_one_query(django_assert_num_queries):
    WebhookEndpoint.objects.create(url="https://cms.example.org/a", events=[events.REPORT_SHARED])
    with django_assert_num_queries(1):
        events.emit(events.ARTICLE_IMPORTED, article={"id": 1}, claims=0)
    assert not WebhookDelivery.objects.exists()


def test_an_unknown_event_or_a_payload_that_is_not_json_is_refused():
    with pytest.raises(ValueError, match="Unknown event"):
        events.emit("claim.exploded", claim={})
    with pytest.raises(TypeError):
        events.emit(events.ARTICLE_IMPORTED, article=object())
