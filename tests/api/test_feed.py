"""/api/v1/fact-checks/: the published claims, and only they, as a ClaimReview DataFeed."""

import pytest
from rest_framework.test import APIClient

from factcheck.claims.models import Claim
from factcheck.reviews import workflow
from tests.factories import ArticleFactory, claim_in_status

FEED = "/api/v1/fact-checks/"


@pytest.fixture
def newsroom(editor, reviewer):
    def make(status):
        return claim_in_status(
            status, editor=editor, reviewers=[reviewer], article=ArticleFactory()
        )

    return {status: make(status) for status in (Claim.Status.PUBLISHED, Claim.Status.RESOLVED)}


@pytest.mark.django_db
def test_the_feed_holds_the_published_claims_only(api_client, editor, newsroom):
    response = api_client(editor, "read").get(FEED)
    assert response.status_code == 200
    feed = response.json()
    assert feed["@type"] == "DataFeed"
    published = newsroom[Claim.Status.PUBLISHED]
    [item] = feed["dataFeedElement"]
    assert item["@type"] == "ClaimReview"
    assert item["claimReviewed"] == published.text
    assert item["reviewRating"]["alternateName"] == "True"
    assert item["url"].endswith(f"#claim-{published.pk}")
    assert item["url"].startswith("http://testserver/")


@pytest.mark.django_db
def test_it_is_paged_by_cursor(api_client, editor, reviewer):
    claims = [
        claim_in_status(
            Claim.Status.PUBLISHED, editor=editor, reviewers=[reviewer], article=ArticleFactory()
        )
        for _ in range(3)
    ]
    client = api_client(editor, "read")
    first = client.get(FEED, {"page_size": 2}).json()
    assert len(first["dataFeedElement"]) == 2
    second = client.get(first["next"]).json()
    assert second["dataFeedElement"][0]["url"].endswith(f"#claim-{claims[0].pk}")
    assert second["next"] is None


@pytest.mark.django_db
def test_if_none_match_gets_304_until_something_is_published(
    api_client, editor, reviewer, newsroom, django_assert_max_num_queries
):
    client = api_client(editor, "read")
    first = client.get(FEED)
    etag = first["ETag"]
    assert etag.startswith('W/"')
    client.get(FEED)  # last_used_at is written once
    # The token, its user and two aggregates: the feed is not built.
    with django_assert_max_num_queries(4):
        unchanged = client.get(FEED, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    workflow.publish(newsroom[Claim.Status.RESOLVED], by=editor)
    changed = client.get(FEED, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert len(changed.json()["dataFeedElement"]) == 2


@pytest.mark.django_db
def test_a_reopened_claim_leaves_the_feed(api_client, editor, newsroom):
    client = api_client(editor, "read")
    etag = client.get(FEED)["ETag"]
    published = newsroom[Claim.Status.PUBLISHED]
    workflow.reopen(published, by=editor, reason="New figures")
    response = client.get(FEED, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.json()["dataFeedElement"] == []


@pytest.mark.django_db
def test_without_credentials_the_feed_is_closed_unless_made_public(settings, newsroom):
    assert APIClient().get(FEED).status_code == 401
    settings.FACTCHECK_API_PUBLIC_FEED = True
    response = APIClient().get(FEED)
    assert response.status_code == 200
    assert len(response.json()["dataFeedElement"]) == 1


@pytest.mark.django_db
def test_the_public_feed_is_throttled_per_address(settings, newsroom):
    settings.FACTCHECK_API_PUBLIC_FEED = True
    settings.FACTCHECK_API_ANON_THROTTLE = "2/minute"
    client = APIClient()
    assert [client.get(FEED).status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.django_db
def test_the_feed_refuses_writes(api_client, editor):
    assert api_client(editor).post(FEED, {}).status_code == 405
