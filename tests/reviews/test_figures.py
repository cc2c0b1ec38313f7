"""Reference figures in the workspace: hedged figures, years, the value shown back, sources."""

import pytest

from factcheck.claims.proposals import create_claim
from factcheck.reviews import assignments, reviewing
from factcheck.reviews.models import Review
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
BODY = "The agency counted roughly 11,000 homeless people in 2024."


@pytest.fixture
def claim(editor, reviewer):
    article = ArticleFactory(body=BODY, title="Homelessness count")
    claim = create_claim(article, 0, len(BODY))
    assignments.assign([claim], [reviewer], by=editor, notify=False)
    return claim


def save_reference(client, claim, figure, value, **fields):
    data = {"version": 0, "figure": figure, "value": value, "unit": "", "source_url": ""}
    data.update(fields)
    return client.post(f"/review/{claim.pk}/figures/", data, **HTMX)


def test_a_hedged_figure_holds_within_ten_percent_of_the_reference():
    roughly = {"value": 11000.0, "qualifier": "about"}
    assert reviewing.compare_figure(roughly, 10200)["holds"] is True  # 7.8% off
    assert reviewing.compare_figure(roughly, 9900)["holds"] is False  # 11.1% off
    nearly = {"value": 11000.0, "qualifier": "nearly"}
    assert reviewing.compare_figure(nearly, 10200)["holds"] is True
    assert reviewing.compare_figure(nearly, 11500)["holds"] is False  # "nearly" is below
    assert reviewing.HEDGE_TOLERANCE == 0.10


def test_roughly_11000_against_10200_holds_in_the_workspace(client, reviewer, claim):
    client.force_login(reviewer)
    response = save_reference(client, claim, 0, "10200")
    html = response.content.decode()
    assert response.status_code == 200
    assert "holds" in html and "does not hold" not in html


def test_the_reference_value_is_shown_as_typed_not_as_a_float(client, reviewer, claim):
    client.force_login(reviewer)
    save_reference(client, claim, 0, "10200")
    html = client.get(f"/review/{claim.pk}/").content.decode()
    assert 'value="10200"' in html and "10200.0" not in html
    save_reference(client, claim, 0, "10200.5", version=1)
    html = client.get(f"/review/{claim.pk}/").content.decode()
    assert "10200.5 " in html and "10200.500" not in html  # in the table, not padded


def test_a_bare_year_is_not_offered_as_a_figure_to_check(client, reviewer, claim):
    assert [figure["kind"] for figure in claim.figures] == ["count", "year"]
    client.force_login(reviewer)
    html = client.get(f"/review/{claim.pk}/").content.decode()
    assert 'id="ref-0"' in html and 'id="ref-1"' not in html
    assert "roughly 11,000 homeless people" in html
    response = save_reference(client, claim, 1, "2024")
    assert (
        response.status_code == 422 and "The claim has no such figure." in response.content.decode()
    )
    assert not Review.objects.exclude(reference_figures=[]).exists()


def test_the_reviews_own_sources_are_offered_as_the_references_source(client, reviewer, claim):
    review = reviewing.save_draft(
        claim, by=reviewer, verdict=None, confidence="", rationale="", expected_version=None
    )
    reviewing.add_evidence(
        claim,
        by=reviewer,
        expected_version=review.version,
        url="https://stats.example.org/homeless",
        title="Homeless count 2024",
    )
    client.force_login(reviewer)
    html = client.get(f"/review/{claim.pk}/").content.decode()
    assert 'list="review-sources"' in html
    assert '<datalist id="review-sources">' in html
    assert '<option value="https://stats.example.org/homeless">Homeless count 2024</option>' in html


def test_a_source_just_added_is_offered_at_once(client, reviewer, claim):
    client.force_login(reviewer)
    data = {"version": 0, "url": "https://stats.example.org/shelters", "title": "Shelter census",
            "publisher": "Stats office", "kind": "official", "stance": "supports",
            "quote": "10,200"}  # fmt: skip
    response = client.post(f"/review/{claim.pk}/evidence/", data, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="https://stats.example.org/shelters">Shelter census</option>' in html
