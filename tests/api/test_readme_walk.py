"""The README's walk through the API ("For developers: the API"), as a program outside the
project would make it with a token: import the seed article, read its proposals, accept them,
and later poll the published fact-checks with If-None-Match."""

import pytest
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.reviews import assignments, workflow
from tests.factories import ARTICLE_BODY, submitted_review, verdict

FEED = "/api/v1/fact-checks/"


def accept(client, claim):
    response = client.post(
        reverse("api:claim-accept", args=[claim["id"]]),
        headers={"If-Match": f'"{claim["version"]}"'},
    )
    assert response.status_code == 200, response.content
    return Claim.objects.get(pk=claim["id"])


@pytest.mark.django_db
def test_import_accept_publish_and_poll_the_feed(api_client, editor, reviewer):
    client = api_client(editor, "write")
    imported = client.post("/api/v1/articles/", {"text": ARTICLE_BODY, "title": "Seed"})
    assert imported.status_code == 201
    article_id = imported.json()["article"]["id"]

    proposals = client.get(f"/api/v1/articles/{article_id}/").json()["claims"]
    suggested = [claim for claim in proposals if claim["status"] == "suggested"]
    assert suggested
    poverty = next(claim for claim in suggested if "770 million" in claim["text"])
    claim = accept(client, poverty)
    assert claim.status == Claim.Status.OPEN

    feed = client.get(FEED)
    assert feed.json()["dataFeedElement"] == []
    etag = feed["ETag"]
    assert client.get(FEED, headers={"If-None-Match": etag}).status_code == 304

    # The desk does its work (assign, review, resolve, publish) ...
    assignments.assign([claim], [reviewer], by=editor, notify=False)
    submitted_review(claim, reviewer, "true")
    claim = workflow.resolve(
        Claim.objects.get(pk=claim.pk),
        by=editor,
        verdict=verdict("true"),
        rationale="The census agrees.",
    )
    workflow.publish(claim, by=editor)

    # ... and the poller sees it.
    changed = client.get(FEED, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    [review] = changed.json()["dataFeedElement"]
    assert review["claimReviewed"] == poverty["text"]
    assert review["reviewRating"]["alternateName"] == "True"
    assert client.get(FEED, headers={"If-None-Match": changed["ETag"]}).status_code == 304
