"""/api/v1/sources/ and /api/v1/verdicts/: the library as its page shows it, and the scale."""

import pytest

from factcheck.claims.models import Claim
from tests.factories import EvidenceFactory, ReviewFactory, SourceFactory, claim_in_status

SOURCES = "/api/v1/sources/"


@pytest.mark.django_db
def test_an_editor_searches_the_whole_library(api_client, editor):
    census = SourceFactory(title="Census of 2020", publisher="Statistics Office")
    SourceFactory(title="Budget speech")
    client = api_client(editor, "read")
    assert len(client.get(SOURCES).json()["results"]) == 2
    found = client.get(SOURCES, {"q": "census statistics"}).json()["results"]
    assert [source["id"] for source in found] == [census.pk]
    detail = client.get(f"{SOURCES}{census.pk}/")
    assert detail.json()["title"] == "Census of 2020"
    assert detail["ETag"] == f'"{census.version}"'


@pytest.mark.django_db
def test_a_reviewer_sees_no_source_another_reviewer_cites_on_a_claim_in_review(
    api_client, editor, reviewer, other_reviewer
):
    claim = claim_in_status(Claim.Status.IN_REVIEW, editor=editor, reviewers=[other_reviewer])
    review = ReviewFactory(claim=claim, reviewer=other_reviewer)
    hidden = EvidenceFactory(review=review).source
    client = api_client(reviewer, "read")
    assert client.get(SOURCES).json()["results"] == []
    assert client.get(f"{SOURCES}{hidden.pk}/").status_code == 404
    assert api_client(other_reviewer, "read").get(f"{SOURCES}{hidden.pk}/").status_code == 200


@pytest.mark.django_db
def test_an_unknown_kind_filter_is_ignored_and_an_unknown_source_is_404(api_client, editor):
    SourceFactory()
    client = api_client(editor, "read")
    assert len(client.get(SOURCES, {"kind": "nonsense"}).json()["results"]) == 1
    assert client.get(f"{SOURCES}99999/").status_code == 404


@pytest.mark.django_db
def test_the_verdict_scale_in_its_order(api_client, reviewer):
    scale = api_client(reviewer, "read").get("/api/v1/verdicts/").json()
    assert scale[0]["slug"] and "rating_value" in scale[0]
    orders = [verdict["order"] for verdict in scale]
    assert orders == sorted(orders)
    true = api_client(reviewer, "read").get("/api/v1/verdicts/true/")
    assert true.json()["label"] == "True"
