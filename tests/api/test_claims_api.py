"""The claims API: the editors' list (the claims list's filters and search, a keyset cursor),
one claim as each user may see it, and the editor's moves with the version they start from."""

import base64
import json
from datetime import date

import pytest
from rest_framework.test import APIClient

from factcheck.claims import editing
from factcheck.claims.models import Claim
from factcheck.reviews.models import Assignment
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    UserFactory,
    claim_in_status,
    submitted_review,
)

S = Claim.Status
pytestmark = pytest.mark.django_db


def claims_on(article, count):
    """`count` open claims of `article`, one per word of its body (a span each)."""
    made, start = [], 0
    for _ in range(count):
        end = article.body.index(" ", start)
        made.append(ClaimFactory(article=article, start=start, end=end))
        start = end + 1
    return made


def every_page(client, url):
    """Follow the `next` links; return every row's id, in order, and the number of pages."""
    ids, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        ids += [row["id"] for row in response.json()["results"]]
        url = response.json()["next"]
        pages += 1
    return ids, pages


# The list -----------------------------------------------------------------------------------


def test_the_list_filters_as_the_claims_list_page_does(api_client, editor):
    first, second = ArticleFactory(), ArticleFactory()
    wanted = claims_on(first, 2)
    claims_on(second, 1)
    client = api_client(editor)

    response = client.get("/api/v1/claims/", {"article": first.pk, "sort": "created"})

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [claim.pk for claim in wanted]
    assert rows[0]["article"] == first.pk
    assert rows[0]["status"] == "open"
    assert rows[0]["version"] == wanted[0].version


def test_the_list_searches_the_words_of_claims(api_client, editor, article):
    claim = ClaimFactory(article=article)  # "Article N."
    other = ClaimFactory(
        article=article, start=article.body.index("Some"), end=article.body.index("1978") + 5
    )

    response = api_client(editor).get("/api/v1/claims/", {"q": "poverty"})

    assert [row["id"] for row in response.json()["results"]] == [other.pk]
    assert claim.pk != other.pk


def test_the_list_filters_by_status_and_assigned_reviewer(
    api_client, editor, reviewer, other_reviewer
):
    in_review = claim_in_status(S.IN_REVIEW, editor=editor, reviewers=[reviewer])
    claim_in_status(S.IN_REVIEW, editor=editor, reviewers=[other_reviewer])
    claim_in_status(S.OPEN, editor=editor, reviewers=[reviewer])
    client = api_client(editor)

    response = client.get("/api/v1/claims/", {"status": ["in_review"], "reviewer": reviewer.pk})

    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [in_review.pk]
    assert rows[0]["reviewers"] == [reviewer.username]


def test_an_unusable_filter_is_a_400_naming_the_field(api_client, editor):
    response = api_client(editor).get("/api/v1/claims/", {"min_score": "high", "kind": "nope"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"min_score", "kind"}


@pytest.mark.parametrize(
    "sort",
    [
        "-created",
        "created",
        "text",
        "-text",
        "score",
        "-score",
        "status",
        "-updated",
        "article",
        "-article",
    ],
)
def test_the_cursor_walks_every_claim_once_in_each_sort_order(
    api_client, editor, settings, monkeypatch, sort
):
    monkeypatch.setattr("factcheck.api.claims.PER_PAGE", 3)
    article = ArticleFactory()
    claims = claims_on(article, 8)
    # Ties and NULL scores, so the keyset's later columns and NULL ordering are exercised.
    Claim.objects.filter(pk__in=[c.pk for c in claims[:3]]).update(checkworthiness=None)
    Claim.objects.filter(pk__in=[c.pk for c in claims[3:6]]).update(checkworthiness=0.5)
    client = api_client(editor)

    ids, pages = every_page(client, f"/api/v1/claims/?sort={sort}")

    assert sorted(ids) == sorted(claim.pk for claim in claims)
    assert len(ids) == len(set(ids))
    assert pages == 3
    # The same order the claims list page shows.
    from factcheck.reviews.claim_search import filter_claims

    assert ids == [claim.pk for claim in filter_claims({"sort": sort})]


def forged(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()


@pytest.mark.parametrize(
    ("sort", "cursor"),
    [
        ("-created", "not-a-cursor"),
        ("-created", forged({"sort": "-created", "after": [{}, 1]})),
        ("-created", forged({"sort": "-created", "after": ["2024-01-01T00:00:00", 1]})),
        ("-created", forged({"sort": "score", "after": [0.5, 1]})),
        ("text", forged({"sort": "text", "after": ["a\x00b", 1]})),
        ("score", base64.urlsafe_b64encode(b'{"sort": "score", "after": [NaN, 1]}').decode()),
        ("score", forged({"sort": "score", "after": [0.5, 2**70]})),
        ("article", forged({"sort": "article", "after": [1, -1, 3]})),
    ],
)
def test_a_cursor_it_did_not_make_is_404(api_client, editor, sort, cursor):
    response = api_client(editor).get("/api/v1/claims/", {"sort": sort, "cursor": cursor})

    assert response.status_code == 404


def test_the_list_costs_the_same_queries_whatever_the_number_of_claims(
    api_client, editor, reviewer, django_assert_max_num_queries
):
    client = api_client(editor)
    for count in (2, 30):
        article = ArticleFactory()
        for claim in claims_on(article, count):
            Assignment.objects.create(claim=claim, reviewer=reviewer, assigned_by=editor)
        # Who asks (and when the token was last used), the article filtered on, the page, its
        # articles, its reviewers.
        with django_assert_max_num_queries(6):
            response = client.get("/api/v1/claims/", {"article": article.pk})
        assert len(response.json()["results"]) == count


def test_reviewers_may_not_use_the_claims_list(api_client, reviewer):
    response = api_client(reviewer).get("/api/v1/claims/")

    assert response.status_code == 403


# One claim ----------------------------------------------------------------------------------


def test_a_claim_carries_its_figures_and_claimant_as_the_export_names_them(
    api_client, editor, article
):
    start = article.body.index("The average")
    claim = ClaimFactory(article=article, start=start, end=article.body.index("said.") + 5)
    editing.set_claimant(
        claim, by=editor, name="The ministry", kind="organisation", claim_date=date(2024, 3, 5)
    )

    data = api_client(editor).get(f"/api/v1/claims/{claim.pk}/").json()

    assert [figure["value"] for figure in data["figures"]] == [78.2]
    assert data["claimant"] == {"name": "The ministry", "kind": "organisation"}
    assert data["claim_date"] == "2024-03-05"
    assert data["text"] == article.body[data["start"] : data["end"]]


def test_an_editor_reads_a_claim_with_its_history_reviewers_and_etag(api_client, editor, reviewer):
    claim = claim_in_status(S.RESOLVED, editor=editor, reviewers=[reviewer])

    response = api_client(editor).get(f"/api/v1/claims/{claim.pk}/")

    assert response.status_code == 200
    data = response.json()
    assert response["ETag"] == f'"{claim.version}"'
    assert data["version"] == claim.version
    assert data["final_verdict"] == "true"
    assert data["reviewers"] == [reviewer.username]
    assert "reviews" not in data
    reasons = [event["reason"] for event in data["history"]]
    assert reasons[-1] == "resolved: true"
    assert data["history"][-1]["by"] == editor.username


def test_a_reviewer_reads_a_claim_without_what_blind_review_hides(
    api_client, editor, reviewer, other_reviewer
):
    claim = claim_in_status(
        S.DISPUTED, editor=editor, reviewers=[other_reviewer, UserFactory(username="tess")]
    )
    # `reviewer` has no review of it: the dispute shows as "in review", no history, no names.

    data = api_client(reviewer).get(f"/api/v1/claims/{claim.pk}/").json()

    assert data["status"] == "in_review"
    assert data["history"] is None
    assert data["reviewers"] is None
    assert data["final_verdict"] is None


def test_an_unknown_claim_is_404(api_client, editor):
    assert api_client(editor).get("/api/v1/claims/999999/").status_code == 404
    assert api_client(editor).get("/api/v1/claims/abc/").status_code == 404


# The moves ----------------------------------------------------------------------------------


def test_an_editor_accepts_a_suggestion_with_if_match(api_client, editor):
    claim = ClaimFactory(status=S.SUGGESTED)

    response = api_client(editor).post(
        f"/api/v1/claims/{claim.pk}/accept/", HTTP_IF_MATCH=f'"{claim.version}"'
    )

    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == S.OPEN
    assert response.json()["status"] == "open"
    assert response["ETag"] == f'"{claim.version}"'


def test_a_stale_if_match_is_412_with_the_current_claim_and_nothing_written(api_client, editor):
    claim = ClaimFactory(status=S.SUGGESTED)
    stale = claim.version
    client = api_client(editor)
    client.post(f"/api/v1/claims/{claim.pk}/dismiss/", {"reason": "opinion", "version": stale})
    claim.refresh_from_db()

    response = client.post(f"/api/v1/claims/{claim.pk}/accept/", HTTP_IF_MATCH=f'"{stale}"')

    assert response.status_code == 412
    assert response.json()["current"]["status"] == "dismissed"
    assert response.json()["current"]["version"] == claim.version
    assert Claim.objects.get(pk=claim.pk).status == S.DISMISSED


def test_a_stale_version_field_is_409(api_client, editor):
    claim = ClaimFactory(status=S.SUGGESTED)

    response = api_client(editor).post(
        f"/api/v1/claims/{claim.pk}/dismiss/",
        {"reason": "opinion", "version": claim.version + 1},
        format="json",
    )

    assert response.status_code == 409
    assert Claim.objects.get(pk=claim.pk).status == S.SUGGESTED


def test_a_move_without_a_version_is_refused(api_client, editor):
    claim = ClaimFactory(status=S.SUGGESTED)

    response = api_client(editor).post(f"/api/v1/claims/{claim.pk}/accept/")

    assert response.status_code == 428
    assert Claim.objects.get(pk=claim.pk).status == S.SUGGESTED


def test_a_move_the_workflow_refuses_is_400_with_its_message(api_client, editor):
    claim = ClaimFactory(status=S.OPEN)

    response = api_client(editor).post(
        f"/api/v1/claims/{claim.pk}/publish/", {"version": claim.version}, format="json"
    )

    assert response.status_code == 400
    assert "Only resolved claims can be published" in response.json()["detail"]
    assert Claim.objects.get(pk=claim.pk).version == claim.version


def test_dismissing_needs_a_reason(api_client, editor):
    claim = ClaimFactory(status=S.SUGGESTED)

    response = api_client(editor).post(
        f"/api/v1/claims/{claim.pk}/dismiss/", {"version": claim.version}, format="json"
    )

    assert response.status_code == 400
    assert "reason" in response.json()["errors"]


def test_an_editor_assigns_resolves_publishes_and_reopens(api_client, editor, reviewer):
    claim = ClaimFactory(status=S.OPEN)
    client = api_client(editor)

    response = client.post(
        f"/api/v1/claims/{claim.pk}/assign/",
        {"reviewers": [reviewer.username], "due_on": "2030-01-31", "version": claim.version},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_review"
    assignment = Assignment.objects.get(claim=claim, reviewer=reviewer)
    assert str(assignment.due_on) == "2030-01-31"

    review = submitted_review(claim, reviewer, "true")
    evidence = review.evidence.get()
    claim.refresh_from_db()
    response = client.post(
        f"/api/v1/claims/{claim.pk}/resolve/",
        {"verdict": "true", "rationale": "Census.", "evidence": [evidence.pk]},
        format="json",
        HTTP_IF_MATCH=f'"{claim.version}"',
    )
    assert response.status_code == 200, response.content
    assert response.json()["final_verdict"] == "true"
    evidence.refresh_from_db()
    assert evidence.published

    version = response.json()["version"]
    response = client.post(f"/api/v1/claims/{claim.pk}/publish/", HTTP_IF_MATCH=f'"{version}"')
    assert response.status_code == 200
    assert response.json()["status"] == "published"

    version = response.json()["version"]
    response = client.post(
        f"/api/v1/claims/{claim.pk}/reopen/",
        {"reason": "new census figures", "version": version},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "in_review"
    assert response.json()["history"][-1]["reason"] == "reopened: new census figures"


def test_a_stale_assign_is_refused_and_nobody_is_assigned(api_client, editor, reviewer):
    claim = ClaimFactory(status=S.OPEN)

    response = api_client(editor).post(
        f"/api/v1/claims/{claim.pk}/assign/",
        {"reviewers": [reviewer.username]},
        format="json",
        HTTP_IF_MATCH=f'"{claim.version + 1}"',
    )

    assert response.status_code == 412
    assert not Assignment.objects.exists()


def test_assigning_an_unknown_reviewer_is_400(api_client, editor):
    claim = ClaimFactory(status=S.OPEN)

    response = api_client(editor).post(
        f"/api/v1/claims/{claim.pk}/assign/",
        {"reviewers": ["nobody"], "version": claim.version},
        format="json",
    )

    assert response.status_code == 400
    assert not Assignment.objects.exists()


def test_resolving_without_a_submitted_review_is_400(api_client, editor, reviewer):
    claim = claim_in_status(S.IN_REVIEW, editor=editor, reviewers=[reviewer])

    response = api_client(editor).post(
        f"/api/v1/claims/{claim.pk}/resolve/",
        {"verdict": "true", "rationale": "x", "version": claim.version, "without_waiting": True},
        format="json",
    )

    assert response.status_code == 400
    assert "submitted review" in response.json()["detail"]
    assert Claim.objects.get(pk=claim.pk).status == S.IN_REVIEW


def test_reviewers_may_not_move_claims(api_client, reviewer):
    claim = ClaimFactory(status=S.SUGGESTED)

    response = api_client(reviewer).post(
        f"/api/v1/claims/{claim.pk}/accept/", {"version": claim.version}, format="json"
    )

    assert response.status_code == 403
    assert Claim.objects.get(pk=claim.pk).status == S.SUGGESTED


def test_a_read_only_token_may_not_move_claims(api_client, editor):
    claim = ClaimFactory(status=S.SUGGESTED)

    response = api_client(editor, scope="read").post(
        f"/api/v1/claims/{claim.pk}/accept/", {"version": claim.version}, format="json"
    )

    assert response.status_code == 403
    assert Claim.objects.get(pk=claim.pk).status == S.SUGGESTED


def test_a_session_move_needs_the_csrf_token(editor):
    claim = ClaimFactory(status=S.SUGGESTED)
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)

    refused = client.post(f"/api/v1/claims/{claim.pk}/accept/", {"version": claim.version})

    assert refused.status_code == 403
    assert Claim.objects.get(pk=claim.pk).status == S.SUGGESTED
    token = "k" * 32  # the browser's CSRF cookie, and the header the page's script sends
    client.cookies["csrftoken"] = token
    accepted = client.post(
        f"/api/v1/claims/{claim.pk}/accept/", {"version": claim.version}, HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 200
    assert Claim.objects.get(pk=claim.pk).status == S.OPEN


def test_a_claim_assigned_over_the_api_is_in_the_reviewers_queue(api_client, editor, reviewer):
    claim = ClaimFactory(status=S.OPEN)
    api_client(editor).post(
        f"/api/v1/claims/{claim.pk}/assign/",
        {"reviewers": [reviewer.username], "version": claim.version},
    )

    rows = api_client(reviewer).get("/api/v1/reviews/").json()["results"]

    assert [row["claim"] for row in rows] == [claim.pk]
