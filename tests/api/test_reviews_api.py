"""The reviewers' API: their queue, their own review of a claim, draft saves with the version
they started from, evidence, submission, and blind review over the API."""

import pytest

from factcheck.claims.models import Claim
from factcheck.reviews import assignments
from factcheck.reviews.models import Evidence, Review
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EvidenceFactory,
    UserFactory,
    claim_in_status,
    submitted_review,
)

S = Claim.Status
pytestmark = pytest.mark.django_db


def assigned(claim, *reviewers, editor):
    assignments.assign([claim], list(reviewers), by=editor, notify=False)
    return Claim.objects.get(pk=claim.pk)


def url(claim, tail=""):
    return f"/api/v1/reviews/{claim.pk}/{tail}"


# The queue ----------------------------------------------------------------------------------


def test_the_queue_lists_the_claims_assigned_to_me_not_yet_submitted(
    api_client, editor, reviewer, other_reviewer
):
    mine = assigned(ClaimFactory(), reviewer, editor=editor)
    done = assigned(ClaimFactory(), reviewer, editor=editor)
    submitted_review(done, reviewer, "true")
    assigned(ClaimFactory(), other_reviewer, editor=editor)

    response = api_client(reviewer).get("/api/v1/reviews/")

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["claim"] for row in rows] == [mine.pk]
    assert rows[0]["has_draft"] is False
    assert rows[0]["url"].endswith(url(mine))


def test_the_queue_pages_by_cursor_with_a_fixed_number_of_queries(
    api_client, editor, reviewer, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("factcheck.api.reviews.QUEUE_PAGE", 4)
    article = ArticleFactory()
    body = article.body
    claims, start = [], 0
    for _ in range(10):
        end = body.index(" ", start)
        claims.append(
            assigned(ClaimFactory(article=article, start=start, end=end), reviewer, editor=editor)
        )
        start = end + 1
    client = api_client(reviewer)

    seen, link, pages = [], "/api/v1/reviews/", 0
    while link:
        with django_assert_max_num_queries(5):
            response = client.get(link)
        seen += [row["claim"] for row in response.json()["results"]]
        link = response.json()["next"]
        pages += 1

    assert seen == [claim.pk for claim in claims]
    assert pages == 3


def test_a_disputed_claim_shows_in_review_in_the_queue_of_who_has_not_submitted(
    api_client, editor, reviewer, other_reviewer
):
    claim = claim_in_status(
        S.DISPUTED, editor=editor, reviewers=[other_reviewer, UserFactory(username="tess")]
    )
    assigned(claim, reviewer, editor=editor)

    rows = api_client(reviewer).get("/api/v1/reviews/").json()["results"]

    assert [row["status"] for row in rows] == ["in_review"]


# My review ----------------------------------------------------------------------------------


def test_reading_my_review_before_any_save(api_client, editor, reviewer):
    claim = assigned(ClaimFactory(), reviewer, editor=editor)

    response = api_client(reviewer).get(url(claim))

    assert response.status_code == 200
    data = response.json()
    assert data["review"] is None
    assert data["version"] == 0
    assert response["ETag"] == '"0"'
    assert data["writable"] is True
    assert data["claim"]["status"] == "in_review"


def test_saving_a_draft_then_patching_it_with_the_etag(api_client, editor, reviewer):
    claim = assigned(ClaimFactory(), reviewer, editor=editor)
    client = api_client(reviewer)

    response = client.put(
        url(claim),
        {"verdict": "mostly-true", "confidence": "high", "rationale": "Census.", "version": 0},
    )
    assert response.status_code == 200, response.content
    assert response.json()["review"]["verdict"] == "mostly-true"
    etag = response["ETag"]

    response = client.patch(url(claim), {"rationale": "Census, table 3."}, HTTP_IF_MATCH=etag)

    assert response.status_code == 200, response.content
    review = Review.objects.get(claim=claim, reviewer=reviewer)
    assert review.rationale == "Census, table 3."
    assert review.verdict.slug == "mostly-true"
    assert review.confidence == "high"
    assert response["ETag"] == f'"{review.version}"'


def test_a_stale_draft_save_is_412_with_my_review_as_it_is_and_nothing_written(
    api_client, editor, reviewer
):
    claim = assigned(ClaimFactory(), reviewer, editor=editor)
    client = api_client(reviewer)
    client.put(url(claim), {"rationale": "First tab.", "version": 0})

    response = client.put(url(claim), {"rationale": "Second tab."}, HTTP_IF_MATCH='"0"')

    assert response.status_code == 412
    assert response.json()["current"]["review"]["rationale"] == "First tab."
    assert Review.objects.get(claim=claim).rationale == "First tab."


def test_a_stale_version_field_is_409(api_client, editor, reviewer):
    claim = assigned(ClaimFactory(), reviewer, editor=editor)
    client = api_client(reviewer)
    client.put(url(claim), {"rationale": "First.", "version": 0})

    response = client.put(url(claim), {"rationale": "Second.", "version": 0})

    assert response.status_code == 409
    assert Review.objects.get(claim=claim).rationale == "First."


def test_a_save_after_the_claim_was_reworded_is_refused(api_client, editor, reviewer):
    claim = assigned(ClaimFactory(), reviewer, editor=editor)
    client = api_client(reviewer)
    fingerprint = client.get(url(claim)).json()["claim"]["wording_fingerprint"]
    Claim.objects.filter(pk=claim.pk).update(normalized="Restated by an editor.")

    response = client.put(
        url(claim), {"rationale": "Mine.", "version": 0, "claim_fingerprint": fingerprint}
    )

    assert response.status_code == 409
    assert not Review.objects.filter(claim=claim).exclude(rationale="").exists()


def test_adding_and_removing_evidence(api_client, editor, reviewer):
    claim = assigned(ClaimFactory(), reviewer, editor=editor)
    client = api_client(reviewer)
    source = {"url": "https://stats.example.org/census", "title": "Census", "stance": "supports"}

    response = client.post(url(claim, "evidence/"), {**source, "version": 0})
    assert response.status_code == 201, response.content
    [row] = response.json()["review"]["evidence"]
    assert row["url"] == "https://stats.example.org/census"
    version = response.json()["version"]

    response = client.delete(url(claim, f"evidence/{row['id']}/"), HTTP_IF_MATCH=f'"{version}"')

    assert response.status_code == 200, response.content
    assert response.json()["review"]["evidence"] == []
    assert not Evidence.objects.exists()


def test_an_invalid_source_address_is_400(api_client, editor, reviewer):
    claim = assigned(ClaimFactory(), reviewer, editor=editor)

    response = api_client(reviewer).post(
        url(claim, "evidence/"), {"url": "javascript:alert(1)", "version": 0}
    )

    assert response.status_code == 400
    assert not Evidence.objects.exists()


def test_submitting_my_review(api_client, editor, reviewer):
    claim = assigned(ClaimFactory(), reviewer, editor=editor)
    client = api_client(reviewer)
    client.put(url(claim), {"verdict": "unverifiable", "version": 0})

    response = client.post(url(claim, "submit/"), HTTP_IF_MATCH='"1"')

    assert response.status_code == 200, response.content
    assert response.json()["review"]["status"] == "submitted"
    assert Review.objects.get(claim=claim).is_submitted
    assert client.get("/api/v1/reviews/").json()["results"] == []


def test_submitting_without_a_verdict_is_400_and_nothing_changes(api_client, editor, reviewer):
    claim = assigned(ClaimFactory(), reviewer, editor=editor)
    client = api_client(reviewer)
    client.put(url(claim), {"rationale": "Not sure yet.", "version": 0})

    response = client.post(url(claim, "submit/"), {"version": 1})

    assert response.status_code == 400
    assert "Choose a verdict" in response.json()["detail"]
    assert not Review.objects.get(claim=claim).is_submitted


# Who reaches what ---------------------------------------------------------------------------


def test_a_claim_not_assigned_to_me_is_404(api_client, editor, reviewer, other_reviewer):
    claim = assigned(ClaimFactory(), other_reviewer, editor=editor)
    client = api_client(reviewer)

    assert client.get(url(claim)).status_code == 404
    assert client.put(url(claim), {"rationale": "x", "version": 0}).status_code == 404
    assert not Review.objects.filter(reviewer=reviewer).exists()


def test_another_reviewers_evidence_is_404(api_client, editor, reviewer, other_reviewer):
    claim = assigned(ClaimFactory(), reviewer, other_reviewer, editor=editor)
    theirs = EvidenceFactory(review=Review.objects.create(claim=claim, reviewer=other_reviewer))

    response = api_client(reviewer).delete(
        url(claim, f"evidence/{theirs.pk}/"), HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == 404
    assert Evidence.objects.filter(pk=theirs.pk).exists()


def test_an_editor_not_assigned_may_read_but_not_write_a_review(api_client, editor, reviewer):
    claim = assigned(ClaimFactory(), reviewer, editor=editor)
    client = api_client(editor)

    assert client.get(url(claim)).status_code == 200
    assert client.put(url(claim), {"rationale": "x", "version": 0}).status_code == 403


def test_a_read_only_token_may_not_save(api_client, editor, reviewer):
    claim = assigned(ClaimFactory(), reviewer, editor=editor)

    response = api_client(reviewer, scope="read").put(url(claim), {"rationale": "x", "version": 0})

    assert response.status_code == 403
    assert not Review.objects.exists()


def test_blind_review_i_read_no_other_verdict_before_submitting(
    api_client, editor, reviewer, other_reviewer
):
    claim = assigned(ClaimFactory(), reviewer, other_reviewer, editor=editor)
    submitted_review(claim, other_reviewer, "false", rationale="Otto's secret reasoning.")
    client = api_client(reviewer)

    before = client.get(url(claim))

    assert before.json()["others"] == []
    assert "secret" not in before.content.decode()
    assert "false" not in [row.get("verdict") for row in before.json()["others"]]
    claim_data = client.get(f"/api/v1/claims/{claim.pk}/").content.decode()
    assert "secret" not in claim_data

    client.put(url(claim), {"verdict": "unverifiable", "version": 0})
    client.post(url(claim, "submit/"), {"version": 1})
    after = client.get(url(claim)).json()

    [other] = after["others"]
    assert other["verdict"] == "false"
    assert other["reviewer"] == "A reviewer"  # a reviewer never reads another's name


def test_a_queue_cursor_it_did_not_make_is_404(api_client, reviewer):
    response = api_client(reviewer).get("/api/v1/reviews/", {"cursor": "yesterday"})

    assert response.status_code == 404
